//! The content tool over a fixture site: what it publishes (snapshots),
//! and what an author is told for each kind of broken content.

use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
};

use wellpress_content::{build, problem::Problems, publish};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site")
}

/// A copy of the fixture site in a fresh scratch folder.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wellpress-content-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    copy_dir(&fixture(), &dir);
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The problems reported for the fixture with `file` set to `contents`.
fn problems_with(name: &str, file: &str, contents: impl AsRef<[u8]>) -> Vec<String> {
    let root = scratch(name);
    fs::write(root.join(file), contents).unwrap();
    problems_of(&root)
}

/// A scratch copy of the fixture with `setting` in its site.toml written
/// as `instead`.
fn with_site_setting(name: &str, setting: &str, instead: &str) -> PathBuf {
    let root = scratch(name);
    let file = root.join("content/site.toml");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace(setting, instead)).unwrap();
    root
}

/// The problems that stop the build of the scratch site `root`, which is
/// then removed.
fn problems_of(root: &Path) -> Vec<String> {
    let error = build(root).expect_err("broken content must stop the build");
    let problems = error
        .downcast_ref::<Problems>()
        .expect("content problems, not an I/O error");
    fs::remove_dir_all(root).unwrap();
    problems.0.iter().map(ToString::to_string).collect()
}

fn published() -> BTreeMap<String, serde_json::Value> {
    let output = build(&fixture()).expect("the fixture is valid");
    output
        .files
        .iter()
        .filter(|(path, _)| path.ends_with(".json"))
        .map(|(path, json)| (path.clone(), serde_json::from_str(json).unwrap()))
        .collect()
}

/// A published file that is not JSON (sitemap, feed, robots.txt).
fn site_file(name: &str) -> String {
    build(&fixture()).unwrap().files[name].clone()
}

/// One text field of every card in a JSON list.
fn each<'a>(cards: &'a serde_json::Value, field: &str) -> Vec<&'a str> {
    cards
        .as_array()
        .unwrap()
        .iter()
        .map(|card| card[field].as_str().unwrap())
        .collect()
}

#[test]
fn publishes_articles_listings_and_archives() {
    let files = published();
    insta::assert_json_snapshot!("fixture_site", files);
}

#[test]
fn hero_and_body_images_are_published_as_pictures_with_their_sizes() {
    let root = scratch("pictures");
    image::RgbImage::from_fn(1200, 600, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    })
    .save(root.join("public/images/path.png"))
    .unwrap();
    fs::write(
        root.join("content/articles/walking-basics.md"),
        "---\ntitle: Walking\ndate: 2026-01-01\ncategory: Fitness\nimage: /images/path.png\n\
         image_alt: A path between fields\n---\nBefore.\n\n![A bend in the path](/images/path.png)\n",
    )
    .unwrap();
    let output = wellpress_content::build_at(&root, "/blog/").unwrap();
    let article: serde_json::Value =
        serde_json::from_str(&output.files["data/article/walking-basics.json"]).unwrap();
    let image = &article["image"];
    // The copies' names carry a key made from the file's bytes: redacted,
    // so that the snapshot shows the shape only.
    let webp = image["variants"][0]["files"]["webp"].as_str().unwrap();
    let key = webp.rsplit('-').next().unwrap().trim_end_matches(".webp");
    assert_eq!(key.len(), 12, "{webp}");
    let shown = format!(
        "{}\n{}",
        serde_json::to_string_pretty(image).unwrap(),
        article["body_html"].as_str().unwrap()
    )
    .replace(key, "[key]");
    insta::assert_snapshot!("pictures", shown);

    // A card's thumbnail offers only the narrower copies.
    let listing: serde_json::Value =
        serde_json::from_str(&output.files["data/category/fitness/1.json"]).unwrap();
    let card = listing["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["slug"] == "walking-basics")
        .unwrap();
    let widths: Vec<u64> = card["image"]["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["width"].as_u64().unwrap())
        .collect();
    assert_eq!(widths, [480, 800]);

    // Every copy named in the JSON is published.
    let out = root.join("dist");
    let stats = publish(&output, &out, &root.join("cache")).unwrap();
    assert_eq!((stats.published, stats.encoded), (5, 5));
    for variant in image["variants"].as_array().unwrap() {
        for path in variant["files"].as_object().unwrap().values() {
            let path = path.as_str().unwrap().trim_start_matches('/');
            let file = if path.starts_with("images/_v/") {
                out.join(path)
            } else {
                root.join("public").join(path)
            };
            assert!(file.is_file(), "{}", file.display());
        }
    }
    fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_broken_image_stops_the_build_with_its_file_named() {
    let root = scratch("brokenimage");
    fs::write(
        root.join("public/images/torn.jpg"),
        b"\xff\xd8 not really a JPEG",
    )
    .unwrap();
    let problems = problems_of(&root);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("public/images/torn.jpg: cannot be read as an image (")
            && problems[0].ends_with("): save it again as JPEG, PNG or WebP, or remove it"),
        "{problems:?}"
    );
}

#[test]
fn the_manifest_names_every_published_page_once() {
    let files = published();
    let manifest: wellpress_types::Manifest =
        serde_json::from_value(files["data/pages.json"].clone()).unwrap();
    let mut listed: Vec<String> = manifest
        .pages
        .iter()
        .map(|route| route.data_path().trim_start_matches('/').to_owned())
        .collect();
    listed.sort();
    let before = listed.len();
    listed.dedup();
    assert_eq!(listed.len(), before, "a page is listed twice");
    let data: Vec<&String> = files
        .keys()
        .filter(|path| path.starts_with("data/") && *path != "data/pages.json")
        .collect();
    assert_eq!(listed.iter().collect::<Vec<_>>(), data);
}

#[test]
fn leaves_drafts_out_everywhere() {
    let files = published();
    assert!(!files.keys().any(|path| path.contains("unfinished")));
    assert!(
        !files
            .values()
            .any(|json| json.to_string().contains("Not Yet"))
    );
}

/// The slugs of the articles the fixture's search index finds for `typed`.
fn search(output: &wellpress_content::Output, typed: &str) -> Vec<String> {
    use wellpress_search::{Index, Loaded, Query};
    let file = |path: &str| output.search[&format!("data/search/{path}")].clone();
    let index = Index::parse(&file("index.bin")).unwrap();
    let query = Query::new(typed);
    let mut loaded = Loaded::default();
    while let Err(needs) = index.search(&query, &loaded) {
        for path in needs {
            loaded.insert(&index, &path, file(&path)).unwrap();
        }
    }
    let results = index.search(&query, &loaded).unwrap();
    for path in index.fragments(&results.hits, &loaded) {
        loaded.insert(&index, &path, file(&path)).unwrap();
    }
    results.hits.iter().map(|&doc| loaded.result(&index, &results, doc).unwrap().slug).collect()
}

#[test]
fn the_search_index_has_published_articles_and_no_draft() {
    let output = build(&fixture()).unwrap();
    assert_eq!(output.summary.search_files, output.search.len());
    assert_eq!(search(&output, "walking "), ["walking-basics"]);
    // The draft's title, heading and text are nowhere in the index.
    for word in ["yet ", "chronotherapy ", "zeitgebers "] {
        assert!(search(&output, word).is_empty(), "{word} found");
    }
    let everything: Vec<u8> = output.search.values().flatten().copied().collect();
    assert!(!everything.windows(9).any(|w| w == b"zeitgeber"));
    // Published beside the JSON.
    let out = scratch("search-out");
    publish(&output, &out, &out.join("cache")).unwrap();
    assert!(out.join("data/search/index.bin").is_file());
    fs::remove_dir_all(&out).unwrap();
}

#[test]
fn lists_newest_first_with_previous_and_next() {
    let files = published();
    let titles = each(&files["data/home/1.json"]["items"], "title");
    assert_eq!(
        titles,
        ["How to Nap \"Well\"", "Night Owls and Early Birds"]
    );
    assert_eq!(files["data/home/1.json"]["total_pages"], 2);
    assert_eq!(
        files["data/home/2.json"]["items"][0]["slug"],
        "walking-basics"
    );

    let owls = &files["data/article/night-owls.json"];
    assert_eq!(owls["previous"]["slug"], "walking-basics");
    assert_eq!(owls["next"]["slug"], "napping-well");
    assert_eq!(
        owls["author"],
        serde_json::json!({ "name": "Fixture Desk" }),
        "the site default byline, a plain name"
    );
}

#[test]
fn authors_have_pages_listing_what_they_wrote_or_reviewed() {
    let files = published();
    let nap = &files["data/article/napping-well.json"];
    assert_eq!(
        nap["author"]["slug"], "ada-fix",
        "a byline naming an author file by its name"
    );
    assert_eq!(nap["author"]["credentials"], "MD, sleep physician");
    assert_eq!(nap["review"], serde_json::Value::Null);
    let owls = &files["data/article/night-owls.json"];
    assert_eq!(owls["review"]["by"]["name"], "Dr. Ada Fix");
    assert_eq!(owls["review"]["date"], "2026-03-04");

    let page = &files["data/author/ada-fix/1.json"];
    assert_eq!(page["name"], "Dr. Ada Fix");
    assert_eq!(
        page["author"]["bio"],
        serde_json::json!([
            "Ada runs a sleep clinic.",
            "She checks every sleep article before it is published."
        ])
    );
    assert_eq!(
        page["author"]["links"][0]["url"],
        "https://clinic.example/ada"
    );
    assert_eq!(each(&page["items"], "slug"), ["napping-well", "night-owls"]);
    assert!(
        site_file("sitemap.xml").contains("<loc>https://fixture.example/author/ada-fix/</loc>")
    );
}

#[test]
fn a_reviewer_must_have_an_author_file_and_the_closest_is_suggested() {
    let problems = problems_with(
        "reviewer",
        "content/articles/walking-basics.md",
        "---\ntitle: Walking\ndate: 2026-01-01\ncategory: Fitness\nauthor: ada-fx\nreviewed_by: ada-fixx\nreviewed: 2026-01-02\n---\nText.\n",
    );
    assert_eq!(
        problems,
        [
            "content/articles/walking-basics.md:5: no author file is called `ada-fx`: did you mean `ada-fix` (content/authors/ada-fix.toml)?",
            "content/articles/walking-basics.md:6: `reviewed_by: ada-fixx` names no author file: did you mean `ada-fix` (content/authors/ada-fix.toml)?",
        ]
    );
    let problems = problems_with(
        "reviewed-alone",
        "content/articles/walking-basics.md",
        "---\ntitle: Walking\ndate: 2026-01-01\ncategory: Fitness\nreviewed: 2026-13-02\n---\nText.\n",
    );
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].contains(":5: `reviewed: 2026-13-02` is not a date"),
        "{problems:?}"
    );
    assert!(
        problems[1].contains(":5: `reviewed` without `reviewed_by`"),
        "{problems:?}"
    );
}

#[test]
fn related_articles_put_the_same_category_first_and_never_the_article_itself() {
    let files = published();
    let related = each(&files["data/article/night-owls.json"]["related"], "slug");
    assert_eq!(related, ["napping-well", "walking-basics"]);
}

#[test]
fn publishing_replaces_the_old_data_folder() {
    let out = std::env::temp_dir().join(format!("wellpress-content-out-{}", std::process::id()));
    let _ = fs::remove_dir_all(&out);
    fs::create_dir_all(out.join("data/article")).unwrap();
    fs::write(out.join("data/article/deleted.json"), "{}").unwrap();

    publish(&build(&fixture()).unwrap(), &out, &out.join("cache")).unwrap();
    assert!(!out.join("data/article/deleted.json").exists());
    assert!(out.join("data/article/napping-well.json").is_file());
    assert!(out.join("data/category/sleep/1.json").is_file());
    assert!(out.join("data/tag/walking/1.json").is_file());
    assert!(
        out.join("sitemap.xml").is_file()
            && out.join("feed.xml").is_file()
            && out.join("robots.txt").is_file()
    );
    assert_eq!(
        fs::read_dir(&out).unwrap().count(),
        4,
        "no staging folder is left behind"
    );
    fs::remove_dir_all(&out).unwrap();
}

#[test]
fn publishes_approved_comments_without_email_addresses() {
    let files = published();
    let owls = &files["data/article/night-owls.json"];
    let comments = owls["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 2);
    assert_eq!(comments[0]["name"], "Morgan");
    assert_eq!(comments[1]["replying_to"], "1763546580000-owl");
    assert_eq!(comments[1]["url"], serde_json::Value::Null);
    for json in files.values() {
        let text = json.to_string();
        assert!(
            !text.contains("example.org") && !text.contains("email"),
            "{text}"
        );
    }
    let card = files["data/home/1.json"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["slug"] == "night-owls")
        .unwrap()
        .clone();
    assert_eq!(card["comment_count"], 2);
}

#[test]
fn a_reply_to_a_missing_comment_is_reported() {
    let problems = problems_with(
        "orphan",
        "content/comments/night-owls/1763546990000-reply.yml",
        "name: A\nmessage: B\ndate: 2026-03-06T00:00:00Z\nreplying_to: nope\n",
    );
    assert_eq!(
        problems,
        [
            "content/comments/night-owls/1763546990000-reply.yml:4: `replying_to: nope` names no comment on this article: fix the id or remove the line"
        ]
    );
}

#[test]
fn two_comments_with_one_id_name_the_file_and_line_of_the_second() {
    let root = scratch("sameid");
    let dir = root.join("content/comments/night-owls");
    fs::create_dir_all(&dir).unwrap();
    // Staticman names files after their own ids; `_id` is what counts.
    for file in ["a.yml", "b.yml"] {
        fs::write(
            dir.join(file),
            "name: A\nmessage: B\n_id: same\ndate: 2026-03-06T00:00:00Z\n",
        )
        .unwrap();
    }
    assert_eq!(
        problems_of(&root),
        [
            "content/comments/night-owls/b.yml:3: this comment has the id `same`, like content/comments/night-owls/a.yml: give one of them another `_id`"
        ]
    );
}

#[test]
fn comments_for_an_unknown_article_are_reported() {
    let root = scratch("nocomments");
    fs::create_dir_all(root.join("content/comments/no-such-post")).unwrap();
    assert_eq!(
        problems_of(&root),
        [
            "content/comments/no-such-post:1: there is no published article `no-such-post` for these comments: rename the folder to the article's file name"
        ]
    );
}

#[test]
fn sitemap_lists_every_published_page_and_no_draft() {
    let sitemap = site_file("sitemap.xml");
    insta::assert_snapshot!("sitemap", sitemap);
    assert!(!sitemap.contains("unfinished"));
}

#[test]
fn feed_carries_the_latest_articles_with_absolute_links() {
    let feed = site_file("feed.xml");
    assert!(feed.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://fixture.example/\">"));
    assert_eq!(feed.matches("<entry>").count(), 3);
    assert!(feed.contains("<title>How to Nap &quot;Well&quot;</title>"));
    assert!(feed.contains("<link href=\"https://fixture.example/napping-well/\"/>"));
    assert!(
        feed.contains("<updated>2026-03-12T00:00:00Z</updated>"),
        "the feed is as new as its newest update"
    );
    assert!(feed.contains("&lt;table&gt;"), "bodies are escaped HTML");
    assert!(!feed.contains("Not Yet"));
}

#[test]
fn robots_point_at_the_sitemap() {
    assert_eq!(
        site_file("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://fixture.example/sitemap.xml\n"
    );
}

#[test]
fn missing_required_field() {
    let problems = problems_with(
        "missing",
        "content/articles/walking-basics.md",
        "---\ndate: 2026-01-01\ncategory: Fitness\n---\nText.\n",
    );
    assert_eq!(
        problems,
        [
            "content/articles/walking-basics.md:1: missing `title`: add a `title: ...` line to the front matter"
        ]
    );
}

#[test]
fn empty_required_field() {
    let problems = problems_with(
        "empty",
        "content/articles/walking-basics.md",
        "---\ntitle: \"\"\ndate: 2026-01-01\ncategory:\n---\nText.\n",
    );
    assert_eq!(
        problems,
        [
            "content/articles/walking-basics.md:2: `title` is empty: write a value after `title:`, or remove the line",
            "content/articles/walking-basics.md:4: `category` is empty: write a value after `category:`, or remove the line",
        ]
    );
}

#[test]
fn bad_date() {
    let problems = problems_with(
        "date",
        "content/articles/walking-basics.md",
        "---\ntitle: Walking\ncategory: Fitness\ndate: 2026-02-30\n---\nText.\n",
    );
    assert_eq!(
        problems,
        [
            "content/articles/walking-basics.md:4: `date: 2026-02-30` is not a date: write it as YYYY-MM-DD, like 2026-03-14"
        ]
    );
}

#[test]
fn an_article_may_not_take_an_address_the_site_uses() {
    let problems = problems_with(
        "reserved",
        "content/articles/category.md",
        "---\ntitle: Categories\ndate: 2026-01-01\ncategory: Fitness\n---\nText.\n",
    );
    assert_eq!(
        problems,
        [
            "content/articles/category.md:1: this file would publish at /category/, an address the site uses for its own pages: rename it, like `category-guide.md`"
        ]
    );
}

#[test]
fn unknown_field_suggests_the_closest_known_one() {
    let problems = problems_with(
        "unknown",
        "content/articles/walking-basics.md",
        "---\ntitle: Walking\ndate: 2026-01-01\ncategory: Fitness\ncatgeory: Sleep\nsummary: x\n---\nText.\n",
    );
    assert_eq!(
        problems,
        [
            "content/articles/walking-basics.md:5: unknown field `catgeory`: did you mean `category`?",
            "content/articles/walking-basics.md:6: unknown field `summary`: the known fields are title, date, category, tags, excerpt, author, reviewed_by, reviewed, updated, image, image_alt, draft",
        ]
    );
}

#[test]
fn unclosed_front_matter() {
    let problems = problems_with(
        "unclosed",
        "content/articles/walking-basics.md",
        "---\ntitle: Walking\ndate: 2026-01-01\n\nText.\n",
    );
    assert_eq!(
        problems,
        [
            "content/articles/walking-basics.md:1: the front matter opened on this line is never closed: add a line with just `---` after the last field"
        ]
    );
}

#[test]
fn broken_internal_link_names_the_line() {
    let problems = problems_with(
        "link",
        "content/articles/walking-basics.md",
        "---\ntitle: Walking\ndate: 2026-01-01\ncategory: Fitness\n---\nFirst.\n\nSee [naps](/napping-badly/).\n",
    );
    assert_eq!(
        problems,
        [
            "content/articles/walking-basics.md:8: `/napping-badly/` does not lead to any page of the site: link to an article or a page as /its-file-name/, or to /category/<name>/ or /tag/<name>/"
        ]
    );
}

#[test]
fn sources_must_be_cited_and_citations_must_have_sources() {
    let problems = problems_with(
        "sources",
        "content/articles/walking-basics.md",
        "---\ntitle: Walking\ndate: 2026-01-01\ncategory: Fitness\n---\nWalk daily.[^who]\n\n[^cdc]: A guideline.\n",
    );
    assert_eq!(
        problems,
        [
            "content/articles/walking-basics.md:6: `[^who]` cites no source: add a line `[^who]: …` with the source, at the end of the article",
            "content/articles/walking-basics.md:8: the source `[^cdc]` is never cited: cite it with `[^cdc]` where the text relies on it, or remove it",
        ]
    );
}

#[test]
fn relative_and_script_links_and_missing_images_are_refused() {
    let problems = problems_with(
        "badlinks",
        "content/articles/walking-basics.md",
        "---\ntitle: Walking\ndate: 2026-01-01\ncategory: Fitness\nimage: /images/none.png\nimage_alt: x\n---\n\
         [a](napping-well/) [b](javascript:alert(1)) [c](#top) [d](mailto:a@b.co)\n",
    );
    assert_eq!(
        problems,
        [
            "content/articles/walking-basics.md:8: `napping-well/` is relative to the article: write site links from the root, like /napping-well/",
            "content/articles/walking-basics.md:8: `javascript:alert(1)` is not a web address: links may be https://…, mailto:…, tel:… or site paths like /napping-well/",
            "content/articles/walking-basics.md:5: image `/images/none.png` is not a file in public/: add the file, or fix the path",
        ]
    );
}

#[test]
fn hero_images_on_other_hosts_are_not_looked_for_in_public() {
    // The broken link only makes the build fail, so that its problems can
    // be read: the images are not among them.
    for src in ["https://cdn.example/walk.jpg", "//cdn.example/walk.jpg"] {
        let problems = problems_with(
            "heroimage",
            "content/articles/walking-basics.md",
            format!(
                "---\ntitle: Walking\ndate: 2026-01-01\ncategory: Fitness\nimage: {src}\nimage_alt: x\n---\n[b](/nowhere/)\n"
            ),
        );
        assert_eq!(problems.len(), 1, "{src}: {problems:?}");
        assert!(
            problems[0].contains("`/nowhere/` does not lead"),
            "{problems:?}"
        );
    }
}

#[test]
fn link_to_a_draft_is_refused() {
    let problems = problems_with(
        "draftlink",
        "content/articles/walking-basics.md",
        "---\ntitle: Walking\ndate: 2026-01-01\ncategory: Fitness\n---\n[soon](/unfinished/)\n",
    );
    assert_eq!(
        problems,
        [
            "content/articles/walking-basics.md:6: `/unfinished/` links to a draft: publish that article or page, or remove the link"
        ]
    );
}

#[test]
fn two_files_that_derive_the_same_slug() {
    let problems = problems_with(
        "dupslug",
        "content/articles/Night Owls.md",
        "---\ntitle: Owls again\ndate: 2026-01-01\ncategory: Sleep\n---\nText.\n",
    );
    assert_eq!(
        problems,
        [
            "content/articles/night-owls.md:1: this file would publish at /night-owls/, like content/articles/Night Owls.md: rename one of them"
        ]
    );
}

#[test]
fn a_page_is_published_with_its_body_rendered_as_an_article_s() {
    let files = published();
    let about = &files["data/page/about.json"];
    assert_eq!(about["slug"], "about");
    assert_eq!(about["title"], "About Fixture Health");
    assert_eq!(about["description"], "Who writes the fixture, and why.");
    let body = about["body_html"].as_str().unwrap();
    assert!(body.contains(r#"<h2 id="how-we-write""#), "{body}");
    assert!(body.contains(r#"href="/night-owls/""#), "{body}");
    assert!(body.contains("A note on method."), "the footnote: {body}");
    assert_eq!(
        about.as_object().unwrap().len(),
        4,
        "no date, category or comments: {about}"
    );
    let manifest: wellpress_types::Manifest =
        serde_json::from_value(files["data/pages.json"].clone()).unwrap();
    assert!(
        manifest
            .pages
            .contains(&wellpress_types::Route::site_page("about"))
    );
    assert!(site_file("sitemap.xml").contains("<loc>https://fixture.example/about/</loc>"));

    // Without a description, the body's first paragraph describes it; under
    // a base path, its links get the base.
    let root = scratch("page-description");
    fs::write(
        root.join("content/pages/about.md"),
        "---\ntitle: About\n---\nWe write about sleep.\n\nSee [owls](/night-owls/).\n",
    )
    .unwrap();
    let output = wellpress_content::build_at(&root, "/blog/").unwrap();
    fs::remove_dir_all(&root).unwrap();
    let about: serde_json::Value =
        serde_json::from_str(&output.files["data/page/about.json"]).unwrap();
    assert_eq!(about["description"], "We write about sleep.");
    assert!(
        about["body_html"]
            .as_str()
            .unwrap()
            .contains(r#"href="/blog/night-owls/""#)
    );
}

#[test]
fn links_to_a_page_are_checked_like_links_to_an_article() {
    let root = scratch("page-links");
    fs::write(
        root.join("content/articles/walking-basics.md"),
        "---\ntitle: Walking\ndate: 2026-01-01\ncategory: Fitness\n---\n[us](/about/) [rules](/house-rules/)\n",
    )
    .unwrap();
    fs::write(
        root.join("content/pages/about.md"),
        "---\ntitle: About\n---\n[nowhere](/no-such-page/)\n",
    )
    .unwrap();
    assert_eq!(
        problems_of(&root),
        [
            "content/articles/walking-basics.md:6: `/house-rules/` links to a draft: publish that article or page, or remove the link",
            "content/pages/about.md:4: `/no-such-page/` does not lead to any page of the site: link to an article or a page as /its-file-name/, or to /category/<name>/ or /tag/<name>/",
        ]
    );
}

#[test]
fn drafts_of_pages_are_left_out() {
    let files = published();
    assert!(!files.keys().any(|path| path.contains("house-rules")));
    assert!(!site_file("sitemap.xml").contains("house-rules"));
}

#[test]
fn a_page_named_like_an_article_or_the_site_s_own_address_names_the_files() {
    let root = scratch("page-clash");
    fs::write(
        root.join("content/pages/night-owls.md"),
        "---\ntitle: Owls\n---\nText.\n",
    )
    .unwrap();
    fs::write(
        root.join("content/pages/unfinished.md"),
        "---\ntitle: Unfinished\n---\nText.\n",
    )
    .unwrap();
    fs::write(
        root.join("content/pages/images.md"),
        "---\ntitle: Images\n---\nText.\n",
    )
    .unwrap();
    fs::write(
        root.join("content/pages/Our Team.md"),
        "---\ntitle: Team\n---\nText.\n",
    )
    .unwrap();
    fs::write(
        root.join("content/pages/contact.md"),
        "---\ntitle: Contact\ndate: 2026-01-01\n---\nText.\n",
    )
    .unwrap();
    assert_eq!(
        problems_of(&root),
        [
            "content/pages/Our Team.md:1: a page's file name is its address, in lowercase letters, digits and hyphens: rename it `our-team.md`",
            "content/pages/contact.md:3: unknown field `date`: the known fields are title, description, draft",
            "content/pages/images.md:1: this file would publish at /images/, an address the site uses for its own pages: rename it, like `images-guide.md`",
            "content/pages/night-owls.md:1: this page would publish at /night-owls/, like the article content/articles/night-owls.md: rename one of them",
            "content/pages/unfinished.md:1: this page would publish at /unfinished/, like the article content/articles/unfinished.md: rename one of them",
        ]
    );
}

#[test]
fn the_footer_links_only_to_pages_and_the_closest_is_suggested() {
    let root = with_site_setting(
        "footer",
        r#"footer_pages = ["about"]"#,
        r#"footer_pages = ["abuot", "house-rules", "contact"]"#,
    );
    assert_eq!(
        problems_of(&root),
        [
            "content/site.toml:7: `footer_pages` names `abuot`, which is no page: did you mean `about` (content/pages/about.md)?",
            "content/site.toml:7: `footer_pages` names `house-rules`, a draft: publish content/pages/house-rules.md, or take it out of the list",
            "content/site.toml:7: `footer_pages` names `contact`, which is no page: the pages are about",
        ]
    );
}

#[test]
fn two_spellings_of_one_category() {
    let problems = problems_with(
        "dupcat",
        "content/articles/walking-basics.md",
        "---\ntitle: Walking\ndate: 2026-01-01\ncategory: sleep\n---\nText.\n",
    );
    assert_eq!(
        problems,
        [
            "content/articles/night-owls.md:4: the category `Sleep` and `sleep` (in content/articles/walking-basics.md) would share /category/sleep/: spell them the same",
            "content/articles/napping-well.md:5: the category `Sleep` and `sleep` (in content/articles/walking-basics.md) would share /category/sleep/: spell them the same",
        ]
    );
}

#[test]
fn non_utf8_file_names_the_line() {
    let mut bytes = b"---\ntitle: Caf".to_vec();
    bytes.extend([0xE9, b'\n']);
    bytes.extend(b"date: 2026-01-01\ncategory: Sleep\n---\nText.\n");
    let problems = problems_with("utf8", "content/articles/walking-basics.md", bytes);
    assert_eq!(
        problems,
        [
            "content/articles/walking-basics.md:2: this file is not UTF-8 text: save it with UTF-8 encoding"
        ]
    );
}

#[test]
fn links_to_a_broken_article_are_not_reported_twice() {
    let problems = problems_with(
        "brokenlinked",
        "content/articles/napping-well.md",
        "---\ntitle: Naps\ndate: 2026-13-01\ncategory: Sleep\n---\nText.\n",
    );
    assert_eq!(
        problems,
        [
            "content/articles/napping-well.md:3: `date: 2026-13-01` is not a date: write it as YYYY-MM-DD, like 2026-03-14"
        ]
    );
}

#[test]
fn unknown_site_setting() {
    let root = with_site_setting("site", "per_page = 2", "per_page = 2\ntagleine = \"x\"");
    let error = build(&root).unwrap_err();
    let message = error.downcast_ref::<Problems>().unwrap().0[0].to_string();
    fs::remove_dir_all(&root).unwrap();
    assert!(
        message.starts_with("content/site.toml:6: unknown field `tagleine`"),
        "{message}"
    );
}

#[test]
fn every_problem_is_reported_together() {
    let root = scratch("many");
    fs::write(root.join("content/articles/a.md"), "---\ntitle: A\n---\n").unwrap();
    fs::write(root.join("content/articles/b.md"), "no front matter\n").unwrap();
    let error = build(&root).unwrap_err();
    let report = error.to_string();
    fs::remove_dir_all(&root).unwrap();
    assert!(
        report.starts_with("the content has 3 problems:"),
        "{report}"
    );
    assert!(report.contains("content/articles/a.md:1: missing `date`"));
    assert!(report.contains("content/articles/a.md:1: missing `category`"));
    assert!(report.contains("content/articles/b.md:1: the file does not start with front matter"));
    assert!(report.ends_with("nothing was published; fix the lines above and build again"));
}

#[test]
fn redirects_are_published_for_the_build() {
    let root = scratch("redirects");
    fs::write(
        root.join("content/redirects.toml"),
        "# Old addresses.\n[[redirect]]\nfrom = \"/2026/03/napping/\"\nto = \"/napping-well/\"\n\n\
         [[redirect]]\nfrom = \"/?p=12\"\nto = \"/category/sleep/\"\n\n\
         [[redirect]]\nfrom = \"/%d1%81%d0%be%d0%bd/\"\nto = \"/feed.xml\"\n\n\
         [[redirect]]\nfrom = \"/old-picture/\"\nto = \"/images/nap.svg\"\n\n\
         [[redirect]]\nfrom = \"/shop/\"\nto = \"https://shop.example/\"\n\n\
         [[redirect]]\nfrom = \"/?page_id=2\"\nto = \"/about/\"\n",
    )
    .unwrap();
    let output = build(&root).unwrap_or_else(|e| panic!("{e:#}"));
    fs::remove_dir_all(&root).unwrap();
    let published: wellpress_types::Redirects =
        serde_json::from_str(&output.files["data/redirects.json"]).unwrap();
    let pairs: Vec<(&str, &str)> = published
        .redirects
        .iter()
        .map(|r| (r.from.as_str(), r.to.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("/2026/03/napping/", "/napping-well/"),
            ("/?p=12", "/category/sleep/"),
            ("/%d1%81%d0%be%d0%bd/", "/feed.xml"),
            ("/old-picture/", "/images/nap.svg"),
            ("/shop/", "https://shop.example/"),
            ("/?page_id=2", "/about/"),
        ]
    );
    assert!(
        !build(&fixture())
            .unwrap()
            .files
            .contains_key("data/redirects.json"),
        "no file, no redirects"
    );
}

#[test]
fn redirects_name_the_line_of_each_mistake() {
    let problems = problems_with(
        "redirect-problems",
        "content/redirects.toml",
        "[[redirect]]\nfrom = \"old/\"\nto = \"/napping-well/\"\n\n\
         [[redirect]]\nfrom = \"/old/\"\nto = \"/no-such-article/\"\n\n\
         [[redirect]]\nfrom = \"/walking-basics/\"\nto = \"/napping-well/\"\n\n\
         [[redirect]]\nfrom = \"/2026/old/\"\nto = \"/napping-well/\"\n\n\
         [[redirect]]\nfrom = \"/2026/old\"\nto = \"/night-owls/\"\n\n\
         [[redirect]]\nfrom = \"/a/\"\nto = \"/napping-well\"\n\n\
         [[redirect]]\nfrom = \"/b/\"\nto = \"mailto:a@b.example\"\n\n\
         [[redirect]]\nfrom = \"https://old.example/c/?p=3\"\nto = \"/night-owls/\"\n\n\
         [[redirect]]\nfrom = \"/d/\"\nto = \"/d\"\n\n\
         [[redirect]]\nfrom = \"/unfinished/\"\nto = \"/category/nothing/\"\n",
    );
    assert_eq!(
        problems,
        [
            "content/redirects.toml:2: `from` = \"old/\" is not a path: write the old address from the site's root, like /2024/03/old-post/ or /?p=12",
            "content/redirects.toml:18: /2026/old is redirected on line 14 already: keep one of the two entries",
            "content/redirects.toml:27: `to` = \"mailto:a@b.example\": write a path of the site, like /new-post/, or a full address, like https://example.org/page/",
            "content/redirects.toml:30: `from` = https://old.example/c/?p=3: write the old address as a path from the site's root, without the host (`from = \"/c/?p=3\"`)",
            "content/redirects.toml:35: /d/ would lead to itself: point `to` at the address that replaces it",
        ],
        "shape first"
    );

    let problems = problems_with(
        "redirect-targets",
        "content/redirects.toml",
        "[[redirect]]\nfrom = \"/old/\"\nto = \"/no-such-article/\"\n\n\
         [[redirect]]\nfrom = \"/walking-basics/\"\nto = \"/napping-well/\"\n\n\
         [[redirect]]\nfrom = \"/a/\"\nto = \"/napping-well\"\n\n\
         [[redirect]]\nfrom = \"/b/\"\nto = \"/unfinished/\"\n\n\
         [[redirect]]\nfrom = \"/sitemap.xml\"\nto = \"/\"\n\n\
         [[redirect]]\nfrom = \"/?p=3\"\nto = \"/napping-well/#naps\"\n",
    );
    let missing = |line: usize, to: &str| {
        format!(
            "content/redirects.toml:{line}: `to` = {to} is no page or file of the site: {}, a file under public/ as /its/path, or write a full https:// address",
            wellpress_types::LINK_SHAPES
        )
    };
    assert_eq!(
        problems,
        [
            missing(3, "/no-such-article/"),
            "content/redirects.toml:6: /walking-basics/ is the address of a page of the site (/walking-basics/): a redirect would hide it; remove this entry".to_owned(),
            "content/redirects.toml:11: `to` = /napping-well: write the page's address as /napping-well/, which it is served at".to_owned(),
            missing(15, "/unfinished/"),
            "content/redirects.toml:18: /sitemap.xml is the address of the site's file sitemap.xml: a redirect would hide it; remove this entry".to_owned(),
        ]
    );
}

#[test]
fn a_redirects_file_that_is_not_toml_names_its_line() {
    let problems = problems_with(
        "redirect-toml",
        "content/redirects.toml",
        "[[redirect]]\nfrom = \"/old/\"\nto = \"/napping-well/\"\nstatus = 302\n",
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("content/redirects.toml:4: unknown field `status`"),
        "{problems:?}"
    );
    assert!(problems[0].ends_with("each entry is `[[redirect]]` with a `from = \"/old/path/\"` line and a `to = \"/new-path/\"` line"));
}

const CATEGORIES: &str = r#"[health]
name = "Health"
description = "Staying well, checked by doctors."

[sleep]
parent = "health"
description = """
Rest, naps and <b>night owls</b>.

Second paragraph."""

[unused]
name = "Unused"
parent = "health"
"#;

#[test]
fn nested_categories_carry_their_chain_and_a_parent_lists_its_children_s_articles() {
    let root = scratch("categories");
    fs::write(root.join("content/categories.toml"), CATEGORIES).unwrap();
    // A link to the parent's archive, which has no articles of its own.
    let article = root.join("content/articles/walking-basics.md");
    let text = fs::read_to_string(&article).unwrap();
    fs::write(
        &article,
        format!("{text}\nMore in [health](/category/health/).\n"),
    )
    .unwrap();
    let output = build(&root).expect("the tree is valid");
    fs::remove_dir_all(&root).unwrap();
    let json = |path: &str| -> serde_json::Value {
        serde_json::from_str(&output.files[path]).unwrap_or_else(|_| panic!("{path}"))
    };

    let napping = json("data/article/napping-well.json");
    assert_eq!(napping["category"]["name"], "Sleep");
    assert_eq!(
        napping["category_parents"],
        serde_json::json!([{ "name": "Health", "slug": "health" }])
    );
    let walking = json("data/article/walking-basics.json");
    assert!(walking.get("category_parents").is_none(), "{walking}");

    let health = json("data/category/health/1.json");
    assert_eq!(health["name"], "Health");
    assert_eq!(
        health["description"],
        serde_json::json!(["Staying well, checked by doctors."])
    );
    assert!(health.get("parents").is_none());
    assert_eq!(
        each(&health["items"], "slug"),
        ["napping-well", "night-owls"]
    );

    let sleep = json("data/category/sleep/1.json");
    assert_eq!(
        sleep["parents"],
        serde_json::json!([{ "name": "Health", "slug": "health" }])
    );
    // Plain text, as written: the app shows it as text.
    assert_eq!(
        sleep["description"],
        serde_json::json!(["Rest, naps and <b>night owls</b>.", "Second paragraph."])
    );
    // A category with no articles, nor any under it, has no archive.
    assert!(!output.files.contains_key("data/category/unused/1.json"));
    assert_eq!(output.summary.categories, 3);
    assert!(output.files["sitemap.xml"].contains("/category/health/"));
}

#[test]
fn a_broken_category_tree_names_the_file_and_line() {
    let problems = problems_with(
        "categories-broken",
        "content/categories.toml",
        "[sleep]\nparent = \"helth\"\n\n[health]\ndescription = \"All of it.\"\n",
    );
    assert_eq!(
        problems,
        [
            "content/categories.toml:4: no article names the category `health`, so it needs a name: add `name = \"…\"` under `[health]`",
            "content/categories.toml:2: `parent = \"helth\"` is no category: did you mean `health`?",
        ]
    );
    let problems = problems_with(
        "categories-loop",
        "content/categories.toml",
        "[sleep]\nparent = \"fitness\"\n\n[fitness]\nparent = \"sleep\"\ncolour = \"red\"\n",
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("content/categories.toml:6: unknown field `colour`"),
        "{problems:?}"
    );
    let problems = problems_with(
        "categories-loop-2",
        "content/categories.toml",
        "[sleep]\nparent = \"fitness\"\n\n[fitness]\nparent = \"sleep\"\n",
    );
    assert_eq!(
        problems,
        [
            "content/categories.toml:5: the parents go round in a loop, fitness › sleep › fitness: a category cannot be its own parent's parent; give the topmost one no `parent`"
        ]
    );
}
