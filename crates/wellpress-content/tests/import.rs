//! The WordPress importer over the fixture export: what it writes, that the
//! content tool then builds it, and what it refuses.

use std::{
    fs,
    path::{Path, PathBuf},
};

use wellpress_content::import::{Options, import};

const EXPORT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/wordpress/export.xml"
);
const SITE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/wordpress/site.toml"
);

/// A site with only its settings, as one moving in has.
fn new_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("content")).unwrap();
    fs::copy(SITE, dir.path().join("content/site.toml")).unwrap();
    dir
}

fn options(root: &Path, export: &Path) -> Options {
    Options {
        root: root.to_owned(),
        export: export.to_owned(),
        uploads: None,
        force: false,
        fresh: false,
    }
}

/// The fixture export with `added` at the end of its channel, written
/// into the site's folder.
fn export_with(root: &Path, added: &str) -> PathBuf {
    let text = fs::read_to_string(EXPORT).unwrap();
    let export = root.join("changed-export.xml");
    fs::write(
        &export,
        text.replacen("</channel>", &format!("{added}</channel>"), 1),
    )
    .unwrap();
    export
}

/// What the content tool makes of the site, which it must take.
fn built(root: &Path) -> wellpress_content::Output {
    wellpress_content::build(root)
        .unwrap_or_else(|e| panic!("the content tool refused the import: {e:#}"))
}

fn read(root: &Path, file: &str) -> String {
    fs::read_to_string(root.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn imports_the_fixture_and_the_site_builds() {
    let site = new_site();
    let root = site.path();
    let report = import(&options(root, Path::new(EXPORT))).unwrap();
    let printed = report.to_string();

    let breathing = read(root, "content/articles/box-breathing.md");
    assert!(breathing.starts_with("---\ntitle: \"Box Breathing: Four Counts to Calm\"\ndate: 2024-03-04\ncategory: \"Mental Health\"\ntags: [\"sleep\"]\n"), "{breathing}");
    assert!(breathing.contains("author: \"ines-faure\"\nupdated: 2024-06-10\n"));
    assert!(!breathing.contains("wp:"), "block comments removed");
    assert!(breathing.contains("1. Breathe in for **four** counts."));
    assert!(
        breathing.contains("ends in \\]\\]\\> and stays"),
        "]]> split across CDATA"
    );
    assert!(breathing.contains("[our breakfast guide](/overnight-oats/)"));
    assert!(breathing.contains("[how to soak oats](/overnight-oats/#soak)"));
    assert!(breathing.contains(
        "[https://www.youtube.com/watch?v=bx4Br3ath](https://www.youtube.com/watch?v=bx4Br3ath)"
    ));
    assert!(breathing.contains(")\n*Four sides, four counts.*"));

    let oats = read(root, "content/articles/overnight-oats.md");
    assert!(oats.contains("category: \"Food & Nutrition\""), "{oats}");
    assert!(
        oats.contains("no cooking & keep for three days.\\\nUse a jar"),
        "classic line break"
    );
    assert!(
        oats.contains("*Left to right: berry, cocoa, apple.*"),
        "caption"
    );
    assert!(oats.contains("\\[gallery ids=\"131,132,133\" columns=\"3\"\\]"));
    assert!(oats.contains("Tap here for the printable card."));
    for unsafe_text in [
        "script",
        "onclick",
        "javascript",
        "track()",
        "tracking",
        "<",
    ] {
        assert!(
            !oats.contains(unsafe_text),
            "{unsafe_text} survived: {oats}"
        );
    }

    assert!(read(root, "content/articles/son-i-stress.md").contains("title: \"Сон и стресс\""));
    for (file, status) in [
        ("sleep-notes-unfinished", "draft"),
        ("rota", "private"),
        ("box-breathing-2", "scheduled"),
    ] {
        assert!(read(root, &format!("content/articles/{file}.md")).contains("draft: true\n"));
        assert!(
            printed.contains(&format!("{file}.md ({status} on WordPress)")),
            "{printed}"
        );
    }
    assert!(
        read(root, "content/articles/sleep-notes-unfinished.md").contains("date: 2024-06-01\n")
    );
    assert_eq!(
        read(root, "content/authors/ines-faure.toml"),
        "name = \"Inès Fauré\"\n"
    );

    let first = read(root, "content/comments/box-breathing/wp-501.yml");
    assert!(
        first.contains("email: 23583f97c926ff068906212a4dfb7101\n"),
        "md5 of the trimmed, lowercased address"
    );
    assert!(first.contains("a longer guide (https://calm.example/guide) too."));
    assert!(!first.contains("alert"));
    assert!(
        read(root, "content/comments/box-breathing/wp-502.yml").contains("replying_to: wp-501\n")
    );
    assert!(
        read(root, "comments-pending/box-breathing/wp-503.yml").contains("replying_to: wp-502\n")
    );
    // Pages have no comments: the About page's is counted, not written.
    assert!(!root.join("content/comments/about").exists());
    assert_eq!(report.page_comments, 1);
    assert!(
        printed.contains(
            "approved comments on pages, not imported (pages have no comments here): 1\n"
        ),
        "{printed}"
    );
    assert!(
        !root
            .join("content/comments/box-breathing/wp-504.yml")
            .exists(),
        "pingback"
    );
    assert!(
        !root
            .join("content/comments/box-breathing/wp-505.yml")
            .exists(),
        "trash"
    );
    assert!(
        !root.join(".wellpress-import").exists(),
        "scratch folder removed"
    );

    assert_eq!(
        (
            report.comments_approved,
            report.comments_pending,
            report.pingbacks
        ),
        (2, 1, 1)
    );
    assert!(
        printed.contains(
            "comments: 2 approved, 1 pending (in comments-pending/, for `wellpress-comments pending`); 1 pingback or trackback counted, not imported; 1 spam or trash skipped\n"
        ),
        "{printed}"
    );
    assert!(
        printed.contains("content/articles/overnight-oats.md:19: [gallery]"),
        "{printed}"
    );
    assert!(
        printed
            .contains("box-breathing.md:27: https://www.morningpulse.example/2024/05/sleep-notes/"),
        "{printed}"
    );
    assert!(printed.contains("overnight-oats.md:11: https://www.morningpulse.example/wp-content/uploads/2024/04/oats-300x200.jpg"), "{printed}");
    assert!(!printed.contains("× page"), "pages are imported: {printed}");

    // The content tool takes everything the importer wrote.
    let output = built(root);
    assert_eq!(output.summary.articles, 3);
    assert_eq!(output.summary.drafts, 3);
    assert_eq!((output.summary.pages, output.summary.page_drafts), (2, 1));
}

#[test]
fn pages_are_imported_into_content_pages_and_links_to_them_become_site_paths() {
    let site = new_site();
    let root = site.path();
    let report = import(&options(root, Path::new(EXPORT))).unwrap();
    let printed = report.to_string();
    assert_eq!(
        read(root, "content/pages/about.md"),
        "---\ntitle: \"About\"\ndescription: \"Who writes Morning Pulse.\"\n---\nWe are a small team. Start with [box breathing](/box-breathing/).\n"
    );
    // A page named like a post is given another address, and the report says so.
    let recipe = read(root, "content/pages/overnight-oats-2.md");
    assert!(
        recipe.starts_with("---\ntitle: \"Overnight oats, the recipe\"\n---\n"),
        "{recipe}"
    );
    assert!(recipe.contains("Soak the oats overnight."), "{recipe}");
    assert!(!recipe.contains("wp:"), "converted as a post is: {recipe}");
    assert!(
        printed.contains("page 5 would have been /overnight-oats/, like a post or page imported before it or an address of the site: it is /overnight-oats-2/"),
        "{printed}"
    );
    assert!(read(root, "content/pages/contact.md").contains("draft: true\n"));
    assert_eq!(report.pages, ["about", "overnight-oats-2"]);
    assert!(
        printed.contains("pages: 2 published, 1 draft\n"),
        "{printed}"
    );
    assert!(
        printed.contains("content/pages/contact.md (draft on WordPress): draft: true"),
        "{printed}"
    );
    // Links to the old site's pages, by address or by id, lead to the new ones.
    let notes = read(root, "content/articles/sleep-notes-unfinished.md");
    assert!(
        notes.contains(
            "[about us](/about/), [the same](/about/) and [the recipe page](/overnight-oats-2/)"
        ),
        "{notes}"
    );
}

#[test]
fn a_second_import_overwrites_nothing_unless_forced() {
    let site = new_site();
    let root = site.path();
    import(&options(root, Path::new(EXPORT))).unwrap();
    let edited = "---\ntitle: Mine\ndate: 2024-01-01\ncategory: Health\n---\nMy edit.\n";
    fs::write(root.join("content/articles/rota.md"), edited).unwrap();

    let again = import(&options(root, Path::new(EXPORT))).unwrap();
    assert_eq!(again.written, 0);
    assert!(
        again
            .skipped
            .contains(&"content/articles/rota.md".to_owned())
    );
    assert!(again.to_string().contains("skipped, already there"));
    assert!(again.skipped.is_sorted(), "{:?}", again.skipped);
    assert_eq!(read(root, "content/articles/rota.md"), edited);

    let forced = import(&Options {
        force: true,
        ..options(root, Path::new(EXPORT))
    })
    .unwrap();
    assert!(forced.skipped.is_empty());
    assert!(read(root, "content/articles/rota.md").contains("Private note."));
}

#[test]
fn a_second_import_puts_back_what_was_removed_and_keeps_what_was_edited() {
    let site = new_site();
    let root = site.path();
    import(&options(root, Path::new(EXPORT))).unwrap();
    // In the post's comments, one file edited by the owner and one
    // removed; the moderation queue removed whole.
    let thread = fs::read_dir(root.join("content/comments"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut comments: Vec<_> = fs::read_dir(&thread)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    comments.sort();
    assert!(comments.len() >= 2, "the fixture has a thread of comments");
    let edited = "_id: mine\nname: Owner\nmessage: Edited.\ndate: 2024-01-01T00:00:00Z\n";
    fs::write(&comments[0], edited).unwrap();
    let removed = fs::read_to_string(&comments[1]).unwrap();
    fs::remove_file(&comments[1]).unwrap();
    let pending = root.join("comments-pending");
    let queued = walk(&pending);
    assert!(!queued.is_empty(), "the fixture has pending comments");
    fs::remove_dir_all(&pending).unwrap();

    let again = import(&options(root, Path::new(EXPORT))).unwrap();
    assert_eq!(again.written, 1 + queued.len());
    assert_eq!(fs::read_to_string(&comments[0]).unwrap(), edited);
    assert_eq!(fs::read_to_string(&comments[1]).unwrap(), removed);
    assert_eq!(walk(&pending), queued);
    assert!(!root.join(".wellpress-import").exists());
}

#[test]
fn a_password_protected_post_is_kept_as_a_draft_never_published() {
    let site = new_site();
    let root = site.path();
    let text = fs::read_to_string(EXPORT).unwrap();
    let protected = text.replacen(
        "<wp:post_password><![CDATA[]]></wp:post_password>",
        "<wp:post_password><![CDATA[members]]></wp:post_password>",
        1,
    );
    assert_ne!(
        protected, text,
        "the fixture's first post has a post_password element"
    );
    let export = root.join("protected.xml");
    fs::write(&export, protected).unwrap();

    let report = import(&options(root, &export)).unwrap();
    assert!(
        !report.published.contains(&"box-breathing".to_owned()),
        "{report}"
    );
    assert!(
        report.to_string().contains(
            "content/articles/box-breathing.md (password-protected on WordPress): draft: true"
        ),
        "{report}"
    );
    assert!(read(root, "content/articles/box-breathing.md").contains("\ndraft: true\n"));
    let output = built(root);
    assert_eq!(output.summary.articles, 2);
}

/// A menu entry of the export, as WordPress writes one.
fn menu_item(
    id: u32,
    menu: (&str, &str),
    order: u32,
    title: &str,
    meta: &[(&str, &str)],
) -> String {
    let meta: String = meta
        .iter()
        .map(|(k, v)| {
            format!(
                "<wp:postmeta><wp:meta_key><![CDATA[{k}]]></wp:meta_key><wp:meta_value><![CDATA[{v}]]></wp:meta_value></wp:postmeta>\n"
            )
        })
        .collect();
    format!(
        "<item><title><![CDATA[{title}]]></title><wp:post_id>{id}</wp:post_id><wp:menu_order>{order}</wp:menu_order>\
         <wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[nav_menu_item]]></wp:post_type>\
         <category domain=\"nav_menu\" nicename=\"{}\"><![CDATA[{}]]></category>\n{meta}</item>\n",
        menu.0, menu.1
    )
}

#[test]
fn the_old_site_s_menus_become_the_header_and_footer() {
    let site = new_site();
    let root = site.path();
    let main = ("primary-menu", "Primary Menu");
    let custom = |url| [("_menu_item_type", "custom"), ("_menu_item_url", url)];
    let object = |kind, object, id| {
        [
            ("_menu_item_type", kind),
            ("_menu_item_object", object),
            ("_menu_item_object_id", id),
        ]
    };
    let items = [
        menu_item(
            901,
            main,
            1,
            "Home",
            &custom("https://www.morningpulse.example/"),
        ),
        menu_item(902, main, 2, "", &object("taxonomy", "category", "5")),
        menu_item(903, main, 3, "About us", &object("post_type", "page", "2")),
        menu_item(904, main, 4, "More", &custom("#")),
        menu_item(905, main, 5, "", &object("post_type", "post", "104")),
        menu_item(906, main, 6, "Shop", &custom("https://shop.example/")),
        menu_item(
            907,
            main,
            7,
            "Under About",
            &[
                ("_menu_item_type", "custom"),
                ("_menu_item_url", "https://a.example/"),
                ("_menu_item_menu_item_parent", "903"),
            ],
        ),
        // Tags: one a published post has, one no post has (13, added
        // below); and an archive of a shop's own taxonomy, which has no
        // page here.
        menu_item(909, main, 8, "", &object("taxonomy", "post_tag", "11")),
        menu_item(
            910,
            main,
            9,
            "Unused",
            &object("taxonomy", "post_tag", "13"),
        ),
        menu_item(
            911,
            main,
            10,
            "Shoes",
            &object("taxonomy", "product_cat", "40"),
        ),
        menu_item(
            908,
            ("footer", "Footer"),
            1,
            "",
            &object("post_type", "page", "2"),
        ),
    ]
    .concat();
    let unused = "<wp:tag><wp:term_id>13</wp:term_id><wp:tag_slug>unused</wp:tag_slug><wp:tag_name>unused</wp:tag_name></wp:tag>";
    let export = export_with(root, &format!("{unused}{items}"));

    let report = import(&options(root, &export)).unwrap();
    let settings: toml::Table = read(root, "content/site.toml").parse().unwrap();
    let nav: Vec<(&str, &str)> = settings["nav"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["label"].as_str().unwrap(), n["href"].as_str().unwrap()))
        .collect();
    assert_eq!(
        nav,
        [
            ("Home", "/"),
            ("Mental Health", "/category/mental-health/"),
            ("About us", "/about/"),
            ("Shop", "https://shop.example/"),
            ("sleep", "/tag/sleep/")
        ]
    );
    assert_eq!(settings["footer_pages"].as_array().unwrap().len(), 1);
    assert_eq!(settings["footer_pages"][0].as_str(), Some("about"));
    let printed = report.to_string();
    assert!(
        printed.contains("header menu entries left out (4):"),
        "{printed}"
    );
    for label in ["Unused", "Shoes"] {
        assert!(
            printed.contains(&format!(
                "\"{label}\" in the menu “Primary Menu”: it leads nowhere"
            )),
            "{printed}"
        );
    }
    assert!(
        printed.contains("\"More\" in the menu “Primary Menu”: it leads nowhere"),
        "{printed}"
    );
    let output = built(root);
    assert_eq!(output.summary.articles, 3);
}

#[test]
fn an_item_repeating_another_s_id_is_left_out_and_the_site_builds() {
    let site = new_site();
    let root = site.path();
    // An export put together by hand or by a plugin: post 101 twice.
    let text = fs::read_to_string(EXPORT).unwrap();
    let at = text.find("<wp:post_id>101<").unwrap();
    let from = text[..at].rfind("<item>").unwrap();
    let to = at + text[at..].find("</item>").unwrap() + "</item>".len();
    let first = &text[from..to];
    let copy = first.replace(
        "<![CDATA[box-breathing]]>",
        "<![CDATA[box-breathing-copy]]>",
    );
    let export = export_with(root, &copy);

    let report = import(&options(root, &export)).unwrap();
    assert!(root.join("content/articles/box-breathing.md").exists());
    assert!(!root.join("content/articles/box-breathing-copy.md").exists());
    assert!(!root.join("content/comments/box-breathing-copy").exists());
    let printed = report.to_string();
    assert!(
        printed.contains("post 101 “Box Breathing: Four Counts to Calm” (/box-breathing-copy/)"),
        "{printed}"
    );
    let output = built(root);
    assert_eq!(output.summary.articles, 3);
}

#[test]
fn a_comment_id_that_is_not_a_number_names_no_file() {
    let site = new_site();
    let root = site.path();
    let text = fs::read_to_string(EXPORT).unwrap();
    let hostile = text
        .replacen(
            "<wp:comment_id>501</wp:comment_id>",
            "<wp:comment_id>../../../../../../../../wellpress-escaped</wp:comment_id>",
            1,
        )
        .replacen(
            "<wp:comment_id>502</wp:comment_id>",
            "<wp:comment_id>503</wp:comment_id>",
            1,
        );
    let export = root.join("hostile.xml");
    fs::write(&export, hostile).unwrap();

    let report = import(&options(root, &export)).unwrap();
    assert!(!Path::new("/wellpress-escaped.yml").exists());
    assert!(!root.join("wellpress-escaped.yml").exists());
    assert!(
        !root.join("comments-pending").exists(),
        "the pending 503 was the second 503"
    );
    let files: Vec<_> = walk(&root.join("content/comments"))
        .into_iter()
        .map(|(path, _)| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    // 502 became a second 503: the first of the two is kept.
    assert_eq!(files, ["wp-503.yml"], "{files:?}");
    let printed = report.to_string();
    assert!(
        printed.contains("its id is not a number, or another comment of the post has it"),
        "{printed}"
    );
    assert_eq!(report.comments_left.len(), 2, "{printed}");
}

#[test]
fn the_footer_keeps_the_site_s_published_pages_and_drops_its_drafts() {
    let site = new_site();
    let root = site.path();
    fs::create_dir_all(root.join("content/pages")).unwrap();
    // A page whose image is not there yet is still a page of the site.
    fs::write(
        root.join("content/pages/team.md"),
        "---\ntitle: Team\n---\n![Us](/images/not-yet.jpg)\n",
    )
    .unwrap();
    fs::write(
        root.join("content/pages/privacy.md"),
        "---\ntitle: Privacy\ndraft: true\n---\nSoon.\n",
    )
    .unwrap();
    let settings = root.join("content/site.toml");
    let text = fs::read_to_string(&settings).unwrap();
    fs::write(
        &settings,
        format!("footer_pages = [\"team\", \"privacy\"]\n{text}"),
    )
    .unwrap();

    let report = import(&options(root, Path::new(EXPORT))).unwrap();
    let written: toml::Table = read(root, "content/site.toml").parse().unwrap();
    let footer: Vec<&str> = written["footer_pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(footer, ["team", "about", "overnight-oats-2"], "{report}");
    assert!(
        report
            .to_string()
            .contains("footer_pages: \"privacy\" removed, a page the site does not publish"),
        "{report}"
    );
}

/// A site holding the demo's content: an article with a comment, a page,
/// a redirect to the article, and the demo's name.
fn demo_site() -> tempfile::TempDir {
    let site = new_site();
    let root = site.path();
    for folder in [
        "content/articles",
        "content/pages",
        "content/comments/demo-tips",
    ] {
        fs::create_dir_all(root.join(folder)).unwrap();
    }
    fs::write(
        root.join("content/articles/demo-tips.md"),
        "---\ntitle: Demo tips\ndate: 2026-01-05\ncategory: Demo\n---\nDemo text.\n",
    )
    .unwrap();
    fs::write(
        root.join("content/comments/demo-tips/c1.yml"),
        "_id: c1\nname: Ann\nemail: ''\nurl: ''\nmessage: Nice.\nreplying_to: ''\ndate: 2026-01-06T00:00:00Z\n",
    )
    .unwrap();
    fs::write(
        root.join("content/pages/demo-about.md"),
        "---\ntitle: About the demo\n---\nDemo.\n",
    )
    .unwrap();
    fs::write(
        root.join("content/redirects.toml"),
        "[[redirect]]\nfrom = \"/old-tips/\"\nto = \"/demo-tips/\"\n",
    )
    .unwrap();
    let settings = root.join("content/site.toml");
    let text = fs::read_to_string(&settings).unwrap();
    fs::write(&settings, text.replace("Morning Pulse", "Demo Magazine")).unwrap();
    site
}

/// The demo article's photo under `public/images/`, and an image nothing
/// in the content uses (a logo the owner put there).
fn with_demo_images(root: &Path) {
    let photo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../public/images/articles/walking-after-meals.jpg");
    fs::create_dir_all(root.join("public/images/articles")).unwrap();
    fs::copy(photo, root.join("public/images/articles/demo-tips.jpg")).unwrap();
    fs::write(
        root.join("public/images/logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"/>",
    )
    .unwrap();
    let article = root.join("content/articles/demo-tips.md");
    let text = fs::read_to_string(&article).unwrap().replacen(
        "category: Demo\n",
        "category: Demo\nimage: /images/articles/demo-tips.jpg\nimage_alt: A walk\n",
        1,
    );
    fs::write(&article, text).unwrap();
}

#[test]
fn fresh_moves_the_demo_aside_and_the_site_moves_in() {
    let site = demo_site();
    let root = site.path();
    with_demo_images(root);
    let report = import(&Options {
        fresh: true,
        ..options(root, Path::new(EXPORT))
    })
    .unwrap();
    assert!(report.settings_changed, "{report}");
    assert!(read(root, "content/site.toml").starts_with("name = \"Morning Pulse & Co\"\n"));
    assert!(!root.join("content/articles/demo-tips.md").exists());
    assert!(!root.join("content/pages/demo-about.md").exists());
    assert!(!read(root, "content/redirects.toml").contains("/demo-tips/"));
    // Nothing is lost: the demo's content is aside, where the report says.
    let (folder, moved) = report.replaced.clone().unwrap();
    assert!(folder.starts_with(".wellpress-replaced/"), "{folder}");
    assert!(
        moved.contains(&"content/articles".to_owned())
            && moved.contains(&"content/comments".to_owned()),
        "{moved:?}"
    );
    assert!(
        root.join(&folder)
            .join("content/articles/demo-tips.md")
            .exists()
    );
    assert!(
        root.join(&folder)
            .join("content/comments/demo-tips/c1.yml")
            .exists()
    );
    assert!(
        report
            .to_string()
            .contains(&format!("is in {folder}/: content/articles"))
    );
    // The demo's photo goes with it, so the new site does not publish it;
    // an image nothing used stays.
    assert!(!root.join("public/images/articles").exists());
    assert!(
        root.join(&folder)
            .join("public/images/articles/demo-tips.jpg")
            .is_file()
    );
    assert!(root.join("public/images/logo.svg").is_file());
    assert!(
        report
            .to_string()
            .contains(", the image only it used (public/images/articles/demo-tips.jpg)\n"),
        "{report}"
    );
    let output = built(root);
    assert_eq!(output.summary.articles, 3);
}

#[test]
fn fresh_with_a_broken_export_puts_everything_back() {
    let site = demo_site();
    let root = site.path();
    with_demo_images(root);
    let before = walk(&root.join("content"));
    let images = walk(&root.join("public"));
    let broken = root.join("broken.xml");
    let text = fs::read_to_string(EXPORT).unwrap();
    fs::write(&broken, &text[..text.len() / 2]).unwrap();
    let error = import(&Options {
        fresh: true,
        ..options(root, &broken)
    })
    .unwrap_err();
    assert!(error.to_string().contains("cut short"), "{error:#}");
    assert_eq!(walk(&root.join("content")), before);
    assert_eq!(walk(&root.join("public")), images);
    assert!(!root.join(".wellpress-replaced").exists());
}

#[test]
fn fresh_stopped_while_placing_files_keeps_the_old_content_aside_and_says_where() {
    let site = demo_site();
    let root = site.path();
    // Images cannot go where a file stands in the way.
    fs::write(root.join("public"), "in the way").unwrap();
    let uploads = Path::new(EXPORT).with_file_name("uploads");
    let error = import(&Options {
        fresh: true,
        uploads: Some(uploads),
        ..options(root, Path::new(EXPORT))
    })
    .unwrap_err();
    let message = format!("{error:#}");
    assert!(
        message.contains("the site's content before the import is in .wellpress-replaced/"),
        "{message}"
    );
    assert!(
        message.contains("stopped while moving its files into place"),
        "{message}"
    );
    // Nothing of the old site is lost, and nothing was moved back over the
    // imported files.
    let aside: Vec<_> = fs::read_dir(root.join(".wellpress-replaced"))
        .unwrap()
        .collect();
    assert_eq!(aside.len(), 1);
    let folder = aside[0].as_ref().unwrap().path();
    assert!(folder.join("content/articles/demo-tips.md").exists());
    assert!(folder.join("content/comments/demo-tips/c1.yml").exists());
    assert!(!root.join("content/articles/demo-tips.md").exists());
}

/// The files under `folder`, with their text, in order.
fn walk(folder: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push((path.clone(), fs::read(&path).unwrap()));
        }
    }
    found.sort();
    found
}

/// Imports `text` as an export into a new site: the error, and whether
/// anything was written.
fn refused(text: &str) -> (String, bool) {
    let site = new_site();
    let export = site.path().join("export.xml");
    fs::write(&export, text).unwrap();
    let error = import(&options(site.path(), &export))
        .unwrap_err()
        .to_string();
    let wrote = site.path().join("content/articles").exists()
        || site.path().join(".wellpress-import").exists();
    (error, wrote)
}

#[test]
fn not_xml_is_refused_with_its_line_and_column() {
    let (error, wrote) = refused("<rss>\n<channel>\n  <title>A & B</title>\n");
    assert!(error.contains("export.xml:3:"), "{error}");
    assert!(!wrote);
}

#[test]
fn a_cut_short_export_writes_nothing() {
    let full = fs::read_to_string(EXPORT).unwrap();
    let cut = &full[..full.find("<title><![CDATA[Staff only").unwrap()];
    let (error, wrote) = refused(cut);
    assert!(error.contains("cut short"), "{error}");
    assert!(error.contains("nothing was imported"), "{error}");
    assert!(!wrote);
}

#[test]
fn an_rss_feed_is_told_apart_from_an_export() {
    let (error, wrote) = refused(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Morning Pulse</title>\
         <item><title>Box breathing</title><link>https://morningpulse.example/box-breathing/</link></item></channel></rss>",
    );
    assert!(
        error.contains("is an RSS feed (of “Morning Pulse”), not a WordPress export"),
        "{error}"
    );
    assert!(error.contains("Tools → Export → All content"), "{error}");
    assert!(!wrote);
}

/// The `from` → `to` pairs of a redirects file, in order.
fn redirect_pairs(text: &str) -> Vec<(String, String)> {
    let file: toml::Table = text.parse().unwrap();
    file["redirect"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let field = |name: &str| entry[name].as_str().unwrap().to_owned();
            (field("from"), field("to"))
        })
        .collect()
}

#[test]
fn every_old_address_that_changes_is_redirected() {
    let site = new_site();
    let root = site.path();
    let report = import(&options(root, Path::new(EXPORT))).unwrap();
    let text = read(root, "content/redirects.toml");
    assert!(
        text.starts_with("# The old addresses of “Morning Pulse & Co” on WordPress"),
        "{text}"
    );
    let pairs = redirect_pairs(&text);
    let expected = [
        ("/?p=101", "/box-breathing/"),
        ("/2024/03/box-breathing/", "/box-breathing/"),
        ("/?p=102", "/overnight-oats/"),
        ("/2024/04/overnight-oats/", "/overnight-oats/"),
        ("/?p=103", "/son-i-stress/"),
        (
            "/2024/05/%d1%81%d0%be%d0%bd-%d0%b8-%d1%81%d1%82%d1%80%d0%b5%d1%81%d1%81/",
            "/son-i-stress/",
        ),
        ("/?page_id=2", "/about/"),
        ("/?page_id=5", "/overnight-oats-2/"),
        ("/overnight-oats-recipe/", "/overnight-oats-2/"),
        // The post's permalink under the slug it had before.
        ("/2024/03/square-breathing/", "/box-breathing/"),
        ("/?attachment_id=120", "/box-breathing/"),
        ("/2024/03/box-breathing/square/", "/box-breathing/"),
        ("/?attachment_id=130", "/overnight-oats/"),
        ("/2024/04/overnight-oats/oats/", "/overnight-oats/"),
        (
            "/category/health/mental-health/",
            "/category/mental-health/",
        ),
        ("/category/health/nutrition/", "/category/food-nutrition/"),
        ("/category/nutrition/", "/category/food-nutrition/"),
        ("/feed/", "/feed.xml"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(from, to)| (from.to_string(), to.to_string()))
        .collect();
    assert_eq!(pairs, expected);
    assert!(
        !text.contains("?p=104") && !text.contains("?p=106"),
        "drafts never had a public address"
    );
    assert_eq!(report.redirects_added, 18);
    assert!(
        report.to_string().contains(
            "redirects: 18 added to content/redirects.toml (0 old addresses there already"
        ),
        "{report}"
    );
    // The content tool takes them, and publishes them for the build.
    let output = built(root);
    assert!(output.files["data/redirects.json"].contains("/son-i-stress/"));
}

#[test]
fn the_owner_s_redirects_stay_and_a_second_import_adds_nothing() {
    let site = new_site();
    let root = site.path();
    let mine =
        "# Mine: the old shop.\n[[redirect]]\nfrom = \"/?p=101\"\nto = \"https://shop.example/\"\n";
    fs::write(root.join("content/redirects.toml"), mine).unwrap();
    let first = import(&options(root, Path::new(EXPORT))).unwrap();
    assert_eq!((first.redirects_added, first.redirects_kept), (17, 1));
    let text = read(root, "content/redirects.toml");
    assert!(text.starts_with(mine), "{text}");
    assert_eq!(
        redirect_pairs(&text)[0],
        ("/?p=101".to_owned(), "https://shop.example/".to_owned())
    );

    let again = import(&options(root, Path::new(EXPORT))).unwrap();
    assert_eq!((again.redirects_added, again.redirects_kept), (0, 18));
    assert_eq!(read(root, "content/redirects.toml"), text);
    assert!(
        !again.skipped.contains(&"content/redirects.toml".to_owned()),
        "merged, not skipped"
    );
}

#[test]
fn an_unreadable_redirects_file_stops_the_import_before_anything_is_written() {
    let site = new_site();
    let root = site.path();
    fs::write(
        root.join("content/redirects.toml"),
        "[[redirect]\nfrom = 1\n",
    )
    .unwrap();
    let error = import(&options(root, Path::new(EXPORT)))
        .unwrap_err()
        .to_string();
    assert!(error.starts_with("content/redirects.toml:1: "), "{error}");
    assert!(!root.join("content/articles/box-breathing.md").exists());
    assert_eq!(
        read(root, "content/redirects.toml"),
        "[[redirect]\nfrom = 1\n"
    );
}

const UPLOADS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/wordpress/uploads"
);

#[test]
fn images_are_copied_from_the_uploads_folder_and_the_site_builds() {
    let site = new_site();
    let root = site.path();
    let report = import(&Options {
        uploads: Some(UPLOADS.into()),
        ..options(root, Path::new(EXPORT))
    })
    .unwrap();
    let printed = report.to_string();

    // A resized copy's name leads to its original; the featured image and
    // the link around the picture take the same file.
    let oats = read(root, "content/articles/overnight-oats.md");
    let sleep = read(root, "content/articles/son-i-stress.md");
    for (text, part) in [
        (
            &oats,
            "image: \"/images/uploads/2024/04/oats.jpg\"\nimage_alt: \"Three jars of overnight oats\"\n",
        ),
        (
            &oats,
            "![Three jars of oats](/images/uploads/2024/04/oats.jpg)",
        ),
        // A relative address and one without www. lead to the same copy.
        (&sleep, "![Ночное небо](/images/uploads/2024/05/night.png)"),
        (&sleep, "[Полный размер](/images/uploads/2024/05/night.png)"),
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    assert!(!oats.contains("wp-content"), "{oats}");
    assert_eq!(
        fs::read(root.join("public/images/uploads/2024/04/oats.jpg")).unwrap(),
        fs::read(Path::new(UPLOADS).join("2024/04/oats.jpg")).unwrap()
    );
    let resized = root.join("public/images/uploads/2024/04/oats-300x200.jpg");
    assert!(!resized.exists());
    assert_eq!(report.images_copied, 2);
    assert!(
        printed.contains("images: 2 copied into public/images/uploads/"),
        "{printed}"
    );

    // A file missing from the folder stays on the old site, and is listed.
    let breathing = read(root, "content/articles/box-breathing.md");
    assert!(!breathing.contains("image:"), "{breathing}");
    let missing = "https://www.morningpulse.example/wp-content/uploads/2024/03/square-1024x683.jpg";
    assert!(breathing.contains(missing));
    assert!(
        printed.contains(&format!("images not in the uploads folder (still loaded from the old site: copy each into public/images/ and change its address) (1):\n  content/articles/box-breathing.md:22: {missing}\n")),
        "{printed}"
    );
    assert!(
        printed.contains("featured images not in the uploads folder (copy each into public/images/, then add `image:` and `image_alt:`) (1):\n  content/articles/box-breathing.md: https://www.morningpulse.example/wp-content/uploads/2024/03/square.jpg\n"),
        "{printed}"
    );

    // The content tool takes the copies and the references.
    let output = built(root);
    assert!(
        output.files["data/article/overnight-oats.json"]
            .contains("/images/uploads/2024/04/oats.jpg")
    );

    // A second import leaves a file that is there alone.
    fs::write(
        root.join("public/images/uploads/2024/05/night.png"),
        b"mine",
    )
    .unwrap();
    let again = import(&Options {
        uploads: Some(UPLOADS.into()),
        ..options(root, Path::new(EXPORT))
    })
    .unwrap();
    assert!(
        again
            .skipped
            .contains(&"public/images/uploads/2024/05/night.png".to_owned())
    );
    assert_eq!(
        fs::read(root.join("public/images/uploads/2024/05/night.png")).unwrap(),
        b"mine"
    );
}

#[test]
fn without_uploads_featured_images_are_listed_to_copy() {
    let site = new_site();
    let root = site.path();
    let printed = import(&options(root, Path::new(EXPORT)))
        .unwrap()
        .to_string();
    assert!(!read(root, "content/articles/overnight-oats.md").contains("image:"));
    assert!(
        printed.contains("content/articles/overnight-oats.md: https://www.morningpulse.example/wp-content/uploads/2024/04/oats.jpg"),
        "{printed}"
    );
    assert!(printed.contains("import again with --uploads"), "{printed}");
    assert!(!root.join("public").exists());
}

#[test]
fn an_uploads_folder_that_is_not_there_is_refused() {
    let site = new_site();
    let error = import(&Options {
        uploads: Some(site.path().join("no-such-folder")),
        ..options(site.path(), Path::new(EXPORT))
    })
    .unwrap_err()
    .to_string();
    assert!(error.contains("no-such-folder: no such folder"), "{error}");
    assert!(!site.path().join("content/articles").exists());
}

#[test]
fn a_site_moving_in_takes_the_export_s_name_tagline_address_and_categories() {
    let site = new_site();
    let root = site.path();
    let settings = root.join("content/site.toml");
    let mut text = fs::read_to_string(&settings).unwrap();
    text = text.replace(
        "per_page = 10\n",
        "per_page = 10 # the old theme's\n\n# The header.\n[[nav]]\nlabel = \"Recipes\"\nhref = \"/category/recipes/\"\n\n[[nav]]\nlabel = \"Elsewhere\"\nhref = \"https://elsewhere.example/\"\n",
    );
    fs::write(&settings, &text).unwrap();

    let report = import(&options(root, Path::new(EXPORT))).unwrap();
    let printed = report.to_string();
    let written = read(root, "content/site.toml");
    assert!(
        written.starts_with(
            "name = \"Morning Pulse & Co\"\ntagline = \"Everyday health, plainly told\"\nbase_url = \"https://www.morningpulse.example\"\n"
        ),
        "{written}"
    );
    // Comments and the other settings stay; the link to a category the
    // site does not have gives way to the export's highest categories,
    // and the footer links to the export's published pages.
    assert!(
        written.contains("per_page = 10 # the old theme's\nfooter_pages = [\"about\", \"overnight-oats-2\"]\n\n# The header.\n[[nav]]\nlabel = \"Mental Health\"\nhref = \"/category/mental-health/\"\n\n[[nav]]\nlabel = \"Elsewhere\"\nhref = \"https://elsewhere.example/\"\n\n[[nav]]\nlabel = \"Food & Nutrition\"\nhref = \"/category/food-nutrition/\"\n\n[promo]\n"),
        "{written}"
    );
    assert!(report.settings_changed);
    for line in [
        "site settings set from the export in content/site.toml (the site had no articles before) (7):",
        "  name: \"Morning Pulse\" → \"Morning Pulse & Co\"",
        "  [[nav]] \"Recipes\" (/category/recipes/), a category the site does not have → \"Mental Health\" (/category/mental-health/)",
        "  [[nav]] \"Food & Nutrition\" (/category/food-nutrition/) added",
        "  footer_pages: \"about\" added",
        "  footer_pages: \"overnight-oats-2\" added",
    ] {
        assert!(printed.contains(line), "{line} in {printed}");
    }
    let output = built(root);
    assert_eq!(output.summary.articles, 3);

    // A second import finds articles there: the settings stay, and the
    // report says what the export would have set.
    fs::write(&settings, text.replace("Morning Pulse", "Mine")).unwrap();
    let again = import(&options(root, Path::new(EXPORT))).unwrap();
    assert!(!again.settings_changed);
    assert_eq!(
        read(root, "content/site.toml"),
        text.replace("Morning Pulse", "Mine")
    );
    assert!(
        again.to_string().contains("site settings the export would set, left as they are in content/site.toml (the site had articles before"),
        "{again}"
    );
    assert!(
        again
            .settings
            .contains(&"name: \"Mine\" → \"Morning Pulse & Co\"".to_owned())
    );
}

#[test]
fn a_site_with_articles_keeps_its_settings() {
    let site = new_site();
    let root = site.path();
    let before = read(root, "content/site.toml");
    fs::create_dir_all(root.join("content/articles")).unwrap();
    fs::write(
        root.join("content/articles/mine.md"),
        "---\ntitle: Mine\ndate: 2024-01-01\ncategory: Health\n---\nMy text.\n",
    )
    .unwrap();
    let report = import(&options(root, Path::new(EXPORT))).unwrap();
    assert_eq!(read(root, "content/site.toml"), before);
    assert!(!report.settings_changed);
    assert!(
        report.settings.contains(
            &"base_url: \"https://morningpulse.example/\" → \"https://www.morningpulse.example\""
                .to_owned()
        ),
        "{:?}",
        report.settings
    );
}

#[test]
fn unreadable_settings_stop_a_move_in_before_anything_is_written() {
    let site = new_site();
    let root = site.path();
    fs::write(root.join("content/site.toml"), "name = \n").unwrap();
    let error = import(&options(root, Path::new(EXPORT))).unwrap_err();
    assert!(
        format!("{error:#}").contains("content/site.toml"),
        "{error:#}"
    );
    assert!(!root.join("content/articles/box-breathing.md").exists());
    assert!(!root.join(".wellpress-import").exists());
    assert_eq!(read(root, "content/site.toml"), "name = \n");
}

#[test]
fn links_to_the_old_site_s_archives_become_site_paths() {
    let site = new_site();
    let root = site.path();
    let printed = import(&options(root, Path::new(EXPORT)))
        .unwrap()
        .to_string();
    // Nested, relative: the child's archive; a name that makes another
    // slug: the new one.
    assert!(
        read(root, "content/articles/box-breathing.md")
            .contains("[our archive](/category/mental-health/)")
    );
    assert!(
        read(root, "content/articles/overnight-oats.md")
            .contains("[all nutrition posts](/category/food-nutrition/)")
    );
    assert!(!printed.contains("/category/health/"), "{printed}");
}

#[test]
fn the_category_tree_is_written_and_the_site_shows_it() {
    let site = new_site();
    let root = site.path();
    import(&options(root, Path::new(EXPORT))).unwrap();
    let text = read(root, "content/categories.toml");
    assert!(
        text.starts_with("# The categories of “Morning Pulse & Co” on WordPress"),
        "{text}"
    );
    // Under the slugs the site gives them (`nutrition` is named
    // "Food & Nutrition"), with the description as plain text.
    for table in [
        "[food-nutrition]\nname = \"Food & Nutrition\"\nparent = \"health\"\n",
        "[health]\nname = \"Health\"\n",
        "[mental-health]\nname = \"Mental Health\"\nparent = \"health\"\ndescription = \"Mood, stress and sleep.\"\n",
    ] {
        assert!(text.contains(table), "{table}\n{text}");
    }

    let output = built(root);
    let json = |path: &str| -> serde_json::Value {
        serde_json::from_str(&output.files[path]).unwrap_or_else(|_| panic!("{path}"))
    };
    let breathing = json("data/article/box-breathing.json");
    assert_eq!(breathing["category"]["name"], "Mental Health");
    assert_eq!(
        breathing["category_parents"],
        serde_json::json!([{ "name": "Health", "slug": "health" }])
    );
    let mental = json("data/category/mental-health/1.json");
    assert_eq!(
        mental["description"],
        serde_json::json!(["Mood, stress and sleep."])
    );
    // The parent's archive lists its children's articles.
    let health = json("data/category/health/1.json");
    let listed: Vec<&str> = health["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|card| card["slug"].as_str().unwrap())
        .collect();
    assert!(
        listed.contains(&"box-breathing") && listed.contains(&"overnight-oats"),
        "{listed:?}"
    );
}
