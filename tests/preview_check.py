"""Checks the release preview (scripts/serve --release) as a site owner
would see it: the home page and an article arrive prerendered, under the
Content-Security-Policy of _headers, an unknown address gets the 404 page,
and the comment receiver answers behind the server.

Usage: preview_check.py LOG SERVER_PID, where LOG is what scripts/serve
prints; its line "serving dist/ on URL" says where, once nginx answers."""

import html
import json
import os
import re
import sys
import time
import urllib.error
import urllib.request

log, pid = sys.argv[1], int(sys.argv[2])


def alive():
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False


# The build comes first: allow it some minutes.
deadline = time.monotonic() + 900
base = None
while base is None:
    with open(log, encoding="utf-8", errors="replace") as text:
        found = re.search(r"serving dist/ on (http://[0-9.:]+)/", text.read())
    if found:
        base = found.group(1)
    elif not alive():
        sys.exit("preview: scripts/serve --release stopped before serving (its output is below)")
    elif time.monotonic() > deadline:
        sys.exit("preview: scripts/serve --release did not serve within 15 minutes")
    else:
        time.sleep(0.5)


def get(path, method="GET"):
    request = urllib.request.Request(base + path, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.headers, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


problems = []
status, _, listing = get("/data/home/1.json")
if status != 200:
    sys.exit(f"preview: the home page's data answered HTTP {status}")
article = json.loads(listing)["items"][0]

for path in ["/", f"/{article['slug']}/"]:
    status, headers, page = get(path)
    policy = headers.get("Content-Security-Policy", "")
    if status != 200 or "'wasm-unsafe-eval'" not in policy:
        problems.append(f"{path}: HTTP {status}, policy {policy!r}")
    # The text itself, not only the page's embedded data.
    body = html.unescape(re.sub(r'<script[^>]*type="application/json".*?</script>', "", page, flags=re.S))
    if article["title"] not in body:
        problems.append(f"{path}: the article's title is not in the prerendered page")

status, _, page = get("/no-such-page/")
if status != 404 or "noindex" not in page:
    problems.append(f"/no-such-page/: HTTP {status}, not the 404 page")

# Comments only post; nginx answers 502 when the receiver is not there.
status, _, _ = get("/api/comments")
if status in (502, 504):
    problems.append(f"/api/comments: HTTP {status}, the comment receiver is not answering")

for problem in problems:
    print("preview:", problem)
print(f"preview: {'ok' if not problems else 'FAILED'} at {base}")
sys.exit(1 if problems else 0)
