"""Generates a site of N articles from the demo's site.toml, runs the
content tool on it, and prints its time, peak memory and the size of the
home page's listing. Usage: many.py ROOT N CONTENT_TOOL_BINARY [--varied]

By default every article repeats one paragraph under the title "Article
number N". With --varied each article has its own text, as a search index
sees real articles: words drawn from a Zipf distribution over a vocabulary
of 40,000 (common English words first, health words among the rest,
made-up words for the long tail), titles and headings drawn from the same
vocabulary, bodies of 800 to 1,500 words; the same seed gives the same
site. The line printed also has the content tool's search summary."""
import bisect
import itertools
import json
import pathlib
import re
import random
import resource
import shutil
import subprocess
import sys
import time

args = [a for a in sys.argv[1:] if a != "--varied"]
varied = "--varied" in sys.argv[1:]
root, count, tool = pathlib.Path(args[0]), int(args[1]), args[2]
repo = pathlib.Path(__file__).resolve().parent.parent
shutil.rmtree(root, ignore_errors=True)
(root / "content" / "articles").mkdir(parents=True)
(root / "public").mkdir()
# The demo's settings, less its footer's pages: this site has none.
settings = re.sub(r"(?m)^footer_pages\s*=.*\n", "", (repo / "content" / "site.toml").read_text())
(root / "content" / "site.toml").write_text(settings)
categories = ["Nutrition", "Fitness", "Sleep", "Mental Health", "Heart Health", "Ageing", "Family", "Skin"]
paragraph = (
    "Small daily habits shape health more than occasional grand efforts. A short walk after meals, "
    "a regular bedtime and a plate that is half vegetables each ask little, yet together they change "
    "how a body handles sugar, stress and sleep over months and years. "
)


def varied_writer():
    """A function giving article i's title and Markdown body, varied."""
    rng = random.Random(20261201)
    common = (
        "the of and to a in is that for it as with was on be by this are or at from an but not have you "
        "they which one their has more can will also all about when there been if would its what some "
        "other than into most these so only over such many may after just how even our most each before"
    ).split()
    health = (
        "sleep habits blood pressure heart sugar diet protein fibre vitamin iron calcium stress anxiety "
        "depression walking running strength muscle bone joint pain inflammation immune gut bacteria "
        "cholesterol diabetes insulin weight hydration caffeine alcohol smoking memory brain mood ageing "
        "skin sun screen allergy asthma vaccine infection fever headache migraine posture breathing "
        "meditation therapy ketamine melatonin circadian nutrition vegetables fruit grains salt fat "
        "omega kidney liver lungs pregnancy children family exercise recovery injury stretching yoga "
        "dementia hearing vision teeth gums hormones menopause testosterone thyroid cancer screening"
    ).split()
    syllables = [c + v for c in "bcdfghjklmnprstvwz" for v in ["a", "e", "i", "o", "u", "ai", "ou", "ea"]]
    made = set()
    while len(made) < 40_000 - len(common) - len(health):
        word = "".join(rng.choice(syllables) for _ in range(rng.choice([2, 2, 3, 3, 3, 4])))
        word += rng.choice(["", "", "n", "s", "r", "l", "t", "ng"])
        made.add(word)
    made = sorted(made)
    rng.shuffle(made)
    # Health words spread over ranks 150 to 3,000: common, not stop words.
    vocabulary = common + made
    for word in health:
        vocabulary.insert(rng.randint(150, 3000), word)
    weights = list(itertools.accumulate(1 / (rank + 1) ** 1.05 for rank in range(len(vocabulary))))
    total = weights[-1]
    content = len(common)  # titles and headings skip the common words

    def words(n, skip=0):
        top = weights[skip - 1] if skip else 0
        return [vocabulary[bisect.bisect(weights, top + rng.random() * (total - top))] for _ in range(n)]

    def sentence():
        w = words(rng.randint(8, 20))
        return " ".join(w).capitalize() + "."

    def article(i):
        title = " ".join(words(rng.randint(3, 7), content)).capitalize()
        blocks, length = [], rng.randint(800, 1500)
        written = 0
        while written < length:
            if blocks and rng.random() < 0.12:
                heading = " ".join(words(rng.randint(2, 5), content)).capitalize()
                blocks.append(f"## {heading}")
            elif blocks and rng.random() < 0.08:
                items = [" ".join(words(rng.randint(3, 8))) for _ in range(rng.randint(3, 5))]
                blocks.append("\n".join(f"- {item}" for item in items))
                written += sum(len(item.split()) for item in items)
            else:
                paragraph = [sentence() for _ in range(rng.randint(3, 7))]
                blocks.append(" ".join(paragraph))
                written += sum(len(s.split()) for s in paragraph)
        return title.replace('"', ""), "\n\n".join(blocks)

    return article


article = varied_writer() if varied else None
for i in range(count):
    day = 1 + i % 28
    month = 1 + (i // 28) % 12
    year = 2000 + i // (28 * 12)
    if article:
        title, body = article(i)
        (root / "content" / "articles" / f"article-{i:05d}.md").write_text(
            f"---\ntitle: \"{title}\"\ndate: {year:04d}-{month:02d}-{day:02d}\n"
            f"category: {categories[i % len(categories)]}\ntags: [tag-{i % 40}, tag-{i % 7}]\n---\n{body}\n"
        )
        continue
    body = "\n\n".join(
        [paragraph * 3, "## Why it matters", paragraph * 4, "## What to try", "- one\n- two\n- three", paragraph * 3,
         f"See also [an earlier article](/article-{max(i - 1, 0):05d}/)."]
    )
    (root / "content" / "articles" / f"article-{i:05d}.md").write_text(
        f"---\ntitle: \"Article number {i}\"\ndate: {year:04d}-{month:02d}-{day:02d}\n"
        f"category: {categories[i % len(categories)]}\ntags: [tag-{i % 40}, tag-{i % 7}]\n---\n{body}\n"
    )
start = time.perf_counter()
run = subprocess.run([tool, "--root", str(root), "--out", str(root / "out")], check=True,
                     stderr=subprocess.PIPE, text=True)
seconds = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
home = (root / "out" / "data" / "home" / "1.json").stat().st_size
line = {"articles": count, "seconds": round(seconds, 2), "peak_mib": round(peak_kib / 1024, 1), "home_bytes": home}
line["search"] = next((l.split("search index: ", 1)[1] for l in run.stderr.splitlines() if "search index: " in l), None)
print(json.dumps(line))
