"""Builds the same articles with Hugo, as a site owner could instead: a
minimal theme of our own that shows what our build shows (home, category
and tag archives paginated like ours, each article with its category, tags,
previous/next and four related articles, a sitemap and a feed). Prints the
build's time and peak memory as JSON.

Usage: hugo.py SITE WORK, where SITE is a WellPress site folder (its
content/articles/*.md are used as they are) and WORK a scratch folder."""
import json
import os
import pathlib
import resource
import shutil
import subprocess
import sys
import time

site, work = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
shutil.rmtree(work, ignore_errors=True)
posts = work / "content" / "posts"
posts.mkdir(parents=True)
# Our front matter is YAML that Hugo reads as it is: `category` and `tags`
# become its taxonomies below.
for article in (site / "content" / "articles").glob("*.md"):
    shutil.copy(article, posts / article.name)

(work / "config.toml").write_text("""\
baseURL = "https://example.org/"
title = "WellPress on Hugo"
paginate = 6
disableKinds = ["section"]
[permalinks]
  posts = "/:filename/"
[taxonomies]
  category = "category"
  tag = "tags"
[related]
  includeNewer = true
  threshold = 0
  toLower = true
  [[related.indices]]
    name = "category"
    weight = 200
  [[related.indices]]
    name = "tags"
    weight = 100
""")

layouts = work / "layouts"
(layouts / "_default").mkdir(parents=True)
(layouts / "_default" / "baseof.html").write_text("""\
<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ .Site.Title }}</title>
<meta name="description" content="{{ .Summary | plainify | truncate 160 }}">
<link rel="canonical" href="{{ .Permalink }}"></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""")
(layouts / "_default" / "single.html").write_text("""\
{{ define "main" }}<article>
<nav>{{ with .Params.category }}<a href="{{ "/category/" | relURL }}{{ . | urlize }}/">{{ . }}</a>{{ end }}</nav>
<h1>{{ .Title }}</h1><p>{{ .Date.Format "January 2, 2006" }} · {{ .ReadingTime }} min read</p>
{{ .Content }}
<p>{{ range .Params.tags }}<a href="{{ "/tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}</p>
<nav>{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
<section><h2>Related</h2>{{ range first 4 (.Site.RegularPages.Related .) }}
<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</section>
</article>{{ end }}
""")
(layouts / "_default" / "list.html").write_text("""\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = .Site.RegularPages }}{{ end }}
{{ range (.Paginate $pages).Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p>{{ .Date.Format "January 2, 2006" }}</p><p>{{ .Summary | plainify | truncate 200 }}</p></article>{{ end }}
{{ template "_internal/pagination.html" . }}{{ end }}
""")

# Nothing left to write from setting up: the build is timed alone.
os.sync()
start = time.perf_counter()
subprocess.run(["hugo", "--quiet", "--source", str(work), "--destination", str(work / "public")],
               check=True, stdout=subprocess.DEVNULL)
seconds = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
pages = sum(1 for _ in (work / "public").rglob("index.html"))
version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
print(json.dumps({"seconds": round(seconds, 2), "peak_mib": round(peak_kib / 1024, 1),
                  "pages": pages, "version": version}))
