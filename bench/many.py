"""Generates a site of N articles from the demo's site.toml, runs the
content tool on it, and prints its time, peak memory and the size of the
home page's listing. Usage: many.py ROOT N CONTENT_TOOL_BINARY"""
import json
import pathlib
import resource
import shutil
import subprocess
import sys
import time

root, count, tool = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
repo = pathlib.Path(__file__).resolve().parent.parent
shutil.rmtree(root, ignore_errors=True)
(root / "content" / "articles").mkdir(parents=True)
(root / "public").mkdir()
(root / "content" / "site.toml").write_text((repo / "content" / "site.toml").read_text())
categories = ["Nutrition", "Fitness", "Sleep", "Mental Health", "Heart Health", "Ageing", "Family", "Skin"]
paragraph = (
    "Small daily habits shape health more than occasional grand efforts. A short walk after meals, "
    "a regular bedtime and a plate that is half vegetables each ask little, yet together they change "
    "how a body handles sugar, stress and sleep over months and years. "
)
for i in range(count):
    day = 1 + i % 28
    month = 1 + (i // 28) % 12
    year = 2000 + i // (28 * 12)
    body = "\n\n".join(
        [paragraph * 3, "## Why it matters", paragraph * 4, "## What to try", "- one\n- two\n- three", paragraph * 3,
         f"See also [an earlier article](/article-{max(i - 1, 0):05d}/)."]
    )
    (root / "content" / "articles" / f"article-{i:05d}.md").write_text(
        f"---\ntitle: \"Article number {i}\"\ndate: {year:04d}-{month:02d}-{day:02d}\n"
        f"category: {categories[i % len(categories)]}\ntags: [tag-{i % 40}, tag-{i % 7}]\n---\n{body}\n"
    )
start = time.perf_counter()
subprocess.run([tool, "--root", str(root), "--out", str(root / "out")], check=True, stderr=subprocess.DEVNULL)
seconds = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
home = (root / "out" / "data" / "home" / "1.json").stat().st_size
print(json.dumps({"articles": count, "seconds": round(seconds, 2), "peak_mib": round(peak_kib / 1024, 1), "home_bytes": home}))
