"""Writes the plain-HTML floor for the benchmark: the article's own
prerendered page with every script taken out (the start-up module, the
embedded data), so it has the same text, markup and stylesheet and
nothing else to load. Usage: floor.py SITE_DIR SLUG"""
import pathlib
import re
import sys

site, slug = pathlib.Path(sys.argv[1]), sys.argv[2]
page = (site / slug / "index.html").read_text()
page = re.sub(r"<script\b[^>]*>.*?</script>", "", page, flags=re.S)
# The prerendered page has no preloads of the app (see crates/wellpress-build/src/template.rs).
assert "<script" not in page and ".wasm" not in page and "modulepreload" not in page, \
    "the floor must not load the app"
target = site / "floor" / slug
target.mkdir(parents=True, exist_ok=True)
(target / "index.html").write_text(page)
