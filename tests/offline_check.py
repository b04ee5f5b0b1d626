"""Checks a release build made through Debian's wasm toolchain (scripts/test,
step 5): every published article has its prerendered page, and the pages
load an app that was really compiled and linked for wasm.

Usage: offline_check.py DIST"""

import pathlib
import re
import sys

dist = pathlib.Path(sys.argv[1])
root = pathlib.Path(__file__).resolve().parent.parent
problems = []

home = dist / "index.html"
if not home.is_file():
    sys.exit(f"offline build: {home} is missing")

articles = 0
for source in sorted((root / "content" / "articles").glob("*.md")):
    head = source.read_text(encoding="utf-8").split("\n---", 1)[0]
    if re.search(r"^draft:\s*true\s*$", head, re.M):
        continue
    title = re.search(r"^title:\s*\"?(.*?)\"?\s*$", head, re.M).group(1)
    page = dist / source.stem / "index.html"
    articles += 1
    if not page.is_file():
        problems.append(f"{page} is missing")
    elif title.split("'")[0].split("&")[0] not in page.read_text(encoding="utf-8"):
        problems.append(f"{page} does not carry the article's title {title!r}")

# The page loads its start-up script, which names the app's wasm.
start = re.search(r'<script type="module"[^>]*? src="[^"]*?(start-[0-9a-f]+\.js)"', home.read_text(encoding="utf-8"))
wasm = start and re.search(r"[A-Za-z0-9_-]+_bg\.wasm", (dist / start.group(1)).read_text(encoding="utf-8"))
if not wasm:
    problems.append("index.html loads no start-up script that names the app's wasm")
else:
    binary = dist / wasm.group(0)
    data = binary.read_bytes() if binary.is_file() else b""
    if data[:4] != b"\0asm":
        problems.append(f"{binary} is not a WebAssembly module")
    elif len(data) < 100_000:
        problems.append(f"{binary} is only {len(data)} bytes: not the whole app")

if problems:
    sys.exit("offline build:\n  " + "\n  ".join(problems))
print(f"offline build: {articles} articles prerendered, {wasm.group(0)} is a wasm module")
