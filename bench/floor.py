"""Writes the plain-HTML floor for the benchmark: what a reader could be
sent instead of our page, the article's own prerendered text and markup
in one file with a minimal inline style, and nothing else to fetch but
the article's own images: no script, no stylesheet, no icon.
Usage: floor.py SITE_DIR SLUG"""
import pathlib
import re
import sys

MINIMAL_STYLE = (
    "body{margin:0 auto;max-width:70ch;padding:1rem;font:1.0625rem/1.65 Georgia,serif}"
    "img{max-width:100%;height:auto}"
)

site, slug = pathlib.Path(sys.argv[1]), sys.argv[2]
page = (site / slug / "index.html").read_text()
page = re.sub(r"<script\b[^>]*>.*?</script>", "", page, flags=re.S)
page = re.sub(r"<style\b[^>]*>.*?</style>", "", page, flags=re.S)
page = re.sub(r"<link\b[^>]*>", "", page)
# The policy allows the site's stylesheet by its hash; the floor's own
# style is another, so the policy goes too.
page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
page = page.replace("</head>", f"<style>{MINIMAL_STYLE}</style></head>", 1) if "</head>" in page \
    else re.sub(r"(<body\b)", f"<style>{MINIMAL_STYLE}</style>\\1", page, count=1)
assert "<script" not in page and ".wasm" not in page and "<link" not in page, \
    "the floor must load nothing but the article's images"
target = site / "floor" / slug
target.mkdir(parents=True, exist_ok=True)
(target / "index.html").write_text(page)
