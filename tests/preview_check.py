"""Checks the release preview (scripts/serve --release) as a site owner
would see it: the home page and an article arrive prerendered, under the
Content-Security-Policy of _headers, and an unknown address gets the 404
page. Usage: preview_check.py BASE_URL SERVER_PID"""

import html
import json
import os
import sys
import time
import urllib.error
import urllib.request

base, pid = sys.argv[1], int(sys.argv[2])


def get(path):
    try:
        with urllib.request.urlopen(base + path, timeout=10) as answer:
            return answer.status, answer.headers, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def alive():
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False


# The build comes first: allow it a few minutes.
deadline = time.monotonic() + 600
while True:
    try:
        status, headers, home = get("/")
        break
    except OSError:
        if not alive() or time.monotonic() > deadline:
            sys.exit("the preview never answered")
        time.sleep(0.5)

problems = []
site = json.loads(get("/data/home/1.json")[2])
article = site["items"][0]
if status != 200 or "wasm-unsafe-eval" not in headers.get("Content-Security-Policy", ""):
    problems.append(f"home: HTTP {status}, policy {headers.get('Content-Security-Policy')!r}")
if article["title"] not in html.unescape(home):
    problems.append("home: the newest article is not in the prerendered page")
status, _, page = get(f"/{article['slug']}/")
if status != 200 or 'class="article__title"' not in page:
    problems.append(f"article: HTTP {status}, prerendered title missing")
status, _, page = get("/no-such-page/")
if status != 404 or "noindex" not in page:
    problems.append(f"unknown address: HTTP {status}, not the 404 page")

for problem in problems:
    print("preview:", problem)
print(f"preview: {'ok' if not problems else 'FAILED'} at {base}")
sys.exit(1 if problems else 0)
