"""Writes the plain-HTML floor for the benchmark: one article as a static
page with the site's stylesheet and no script. Usage: floor.py SITE_DIR SLUG"""
import html
import json
import pathlib
import sys

site, slug = pathlib.Path(sys.argv[1]), sys.argv[2]
article = json.loads((site / "data" / "article" / f"{slug}.json").read_text())
stylesheet = next(p.name for p in site.glob("main-*.css") if p.suffix == ".css")
page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(article["title"])}</title><meta name="description" content="{html.escape(article["excerpt"])}">
<link rel="stylesheet" href="/{stylesheet}"></head>
<body><header class="site-header"><div class="site-header__inner"><a class="site-header__name" href="/">WellPress</a></div></header>
<main id="main" class="site-main"><article class="article">
<p class="article__category">{html.escape(article["category"]["name"])}</p>
<h1 class="article__title">{html.escape(article["title"])}</h1>
<p class="byline">By {html.escape(article["author"])}</p>
<div class="prose">{article["body_html"]}</div></article></main>
<footer class="site-footer"><p>WellPress</p></footer></body></html>
"""
target = site / "floor" / slug
target.mkdir(parents=True, exist_ok=True)
(target / "index.html").write_text(page)
