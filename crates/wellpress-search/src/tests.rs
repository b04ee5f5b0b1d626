//! The writer and the reader together, over a handful of articles.

use std::collections::BTreeSet;

use crate::{
    Document, DocumentCategory, Index, Loaded, Query, Results, Shown, Written, format, write,
};

fn doc(
    slug: &str,
    date: &str,
    category: &str,
    title: &str,
    headings: &[&str],
    text: &str,
) -> Document {
    Document {
        slug: slug.to_owned(),
        title: title.to_owned(),
        date: date.to_owned(),
        category: DocumentCategory {
            slug: category.to_lowercase().replace(' ', "-"),
            name: category.to_owned(),
        },
        headings: headings.iter().map(|h| (*h).to_owned()).collect(),
        text: format!("{} {text}", headings.join(". ")),
        excerpt: format!("All about {}.", title.to_lowercase()),
        draft: false,
    }
}

fn site() -> Vec<Document> {
    vec![
        doc(
            "ketamine",
            "2024-03-01",
            "Mental Health",
            "Ketamine for depression",
            &["How it works"],
            "A clinic dose of ketamine lifts mood within hours for some patients.",
        ),
        doc(
            "pressure-old",
            "2019-05-01",
            "Heart Health",
            "Blood pressure basics",
            &["Numbers"],
            "Blood pressure is written as two numbers.",
        ),
        doc(
            "pressure-new",
            "2023-05-01",
            "Heart Health",
            "Blood pressure at home",
            &["Cuffs"],
            "Measure blood pressure at the same time each morning.",
        ),
        doc(
            "salt",
            "2022-01-10",
            "Nutrition",
            "Salt and the heart",
            &["Blood pressure and salt"],
            "Less salt, fewer problems.",
        ),
        doc(
            "walking",
            "2021-07-07",
            "Fitness",
            "Walking after meals",
            &["Why it helps"],
            "A short walk lowers blood sugar; some say it helps blood pressure too.",
        ),
        doc(
            "sleep",
            "2020-02-02",
            "Sleep",
            "Sleep habits that last",
            &["Wind down"],
            "Habits beat willpower: a regular bedtime and a dark room help you sleep.",
        ),
        doc(
            "naps",
            "2020-02-02",
            "Sleep",
            "Napping well",
            &["How long"],
            "A short nap restores; a long one leaves you groggy. Sleep debt is real.",
        ),
    ]
}

/// What "blood pressure" finds in [`site`]: two titles, newer first, then
/// a heading, then a body.
const BLOOD_PRESSURE: [&str; 4] = ["pressure-new", "pressure-old", "salt", "walking"];

/// Runs `query` as the app would: fetch what is needed until nothing is.
fn search(written: &Written, query: &Query) -> (Index, Loaded, Results, Vec<String>) {
    let index = Index::parse(&written.files[format::MANIFEST]).unwrap();
    let mut loaded = Loaded::default();
    let mut fetched = Vec::new();
    for _ in 0..5 {
        let needs = index.needs(query, &loaded);
        if needs.is_empty() {
            break;
        }
        for path in needs {
            loaded
                .insert(&index, &path, written.files[&path].clone())
                .unwrap();
            fetched.push(path);
        }
    }
    let results = index.search(query, &loaded).expect("every round loaded");
    (index, loaded, results, fetched)
}

/// The first result for `typed`, its fragment fetched.
fn first_shown(written: &Written, typed: &str) -> Shown {
    let (index, mut loaded, results, _) = search(written, &Query::new(typed));
    for path in index.fragments(&results.hits[..1], &loaded) {
        loaded
            .insert(&index, &path, written.files[&path].clone())
            .unwrap();
    }
    loaded.result(&index, &results, results.hits[0]).unwrap()
}

fn slugs(written: &Written, typed: &str) -> Vec<String> {
    slugs_of(written, Query::new(typed))
}

fn slugs_of(written: &Written, query: Query) -> Vec<String> {
    let (index, mut loaded, results, _) = search(written, &query);
    for path in index.fragments(&results.hits, &loaded) {
        loaded
            .insert(&index, &path, written.files[&path].clone())
            .unwrap();
    }
    results
        .hits
        .iter()
        .map(|&d| loaded.result(&index, &results, d).unwrap().slug)
        .collect()
}

#[test]
fn every_word_must_match_and_titles_rank_above_headings_above_bodies() {
    let written = write(&site());
    // Title matches (newest first), then the heading match, then the body.
    assert_eq!(slugs(&written, "blood pressure "), BLOOD_PRESSURE);
    assert_eq!(slugs(&written, "salt heart "), ["salt"]);
}

#[test]
fn ties_go_to_the_newer_article() {
    let written = write(&site());
    // Both titles say "pressure": the newer first.
    assert_eq!(
        slugs(&written, "pressure ")[..2],
        ["pressure-new", "pressure-old"]
    );
    // Same date: by slug, so the order never changes between builds.
    assert_eq!(slugs(&written, "short "), ["walking", "naps"]);
}

#[test]
fn the_last_word_matches_as_a_prefix() {
    let written = write(&site());
    assert_eq!(slugs(&written, "ketam"), ["ketamine"]);
    assert_eq!(slugs(&written, "blood pres"), BLOOD_PRESSURE);
    // Not two letters: they would fetch a letter's worth of postings.
    assert!(slugs(&written, "ke").is_empty());
    // Not once it is followed by a space, nor a word before the last.
    assert!(slugs(&written, "ketam ").is_empty());
    let (_, _, results, _) = search(&written, &Query::new("pres blood"));
    assert!(results.partial, "only \"blood\" matched");
}

#[test]
fn one_typo_is_forgiven_in_longer_words() {
    let written = write(&site());
    assert_eq!(slugs(&written, "ketamin "), ["ketamine"]);
    assert_eq!(slugs(&written, "blood presure"), BLOOD_PRESSURE);
    assert_eq!(slugs(&written, "wlaking"), ["walking"]);
    // Short words must be spelled right: "slep" is not "sleep".
    assert!(slugs(&written, "slep ").is_empty());
}

#[test]
fn plurals_find_singulars() {
    let written = write(&site());
    assert_eq!(slugs(&written, "habit "), ["sleep"]);
    assert_eq!(slugs(&written, "problem "), ["salt"]);
}

#[test]
fn the_category_filter_keeps_its_own_articles() {
    let written = write(&site());
    let q = |c| Query::new("blood pressure").in_category(Some(c));
    assert_eq!(
        slugs_of(&written, q("heart-health")),
        ["pressure-new", "pressure-old"]
    );
    assert_eq!(slugs_of(&written, q("nutrition")), ["salt"]);
    assert!(slugs_of(&written, q("no-such-category")).is_empty());
    let index = Index::parse(&written.files[format::MANIFEST]).unwrap();
    let names: Vec<&str> = index.categories().iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Fitness",
            "Heart Health",
            "Mental Health",
            "Nutrition",
            "Sleep"
        ]
    );
}

#[test]
fn no_result_suggests_the_closest_word() {
    let written = write(&site());
    let (_, _, results, _) = search(&written, &Query::new("slep "));
    assert!(results.hits.is_empty() && !results.partial);
    assert_eq!(results.suggestion.as_deref(), Some("sleep"));
    // Two typos in a longer word; the suggestion keeps the plural it is
    // mostly written with.
    let (_, _, results, _) = search(&written, &Query::new("hebbits "));
    assert_eq!(results.suggestion.as_deref(), Some("habits"));
    // Nothing close: no suggestion.
    let (_, _, results, _) = search(&written, &Query::new("xylophone "));
    assert_eq!((results.hits.len(), results.suggestion), (0, None));
}

#[test]
fn when_no_article_has_every_word_those_with_most_come_first() {
    let written = write(&site());
    let (_, _, results, _) = search(&written, &Query::new("ketamine bedtime walk "));
    assert!(results.partial);
    assert_eq!(results.hits.len(), 3);
}

#[test]
fn drafts_are_never_indexed() {
    let mut docs = site();
    docs.push(Document {
        draft: true,
        ..doc(
            "secret",
            "2025-01-01",
            "Sleep",
            "Zzyzx trial results",
            &[],
            "Unannounced zzyzx findings.",
        )
    });
    let written = write(&docs);
    assert_eq!(written.documents, site().len());
    assert!(slugs(&written, "zzyzx").is_empty());
    let everything: Vec<u8> = written.files.values().flatten().copied().collect();
    assert!(!everything.windows(5).any(|w| w == b"zzyzx"));
}

#[test]
fn results_mark_matched_words_in_title_and_excerpt() {
    let written = write(&site());
    let query = Query::new("blood pres");
    let (index, mut loaded, results, _) = search(&written, &query);
    let doc = results.hits[0];
    for path in index.fragments(&[doc], &loaded) {
        loaded
            .insert(&index, &path, written.files[&path].clone())
            .unwrap();
    }
    let shown = loaded.result(&index, &results, doc).unwrap();
    let marked = |m: &crate::Marked| {
        m.marks
            .iter()
            .map(|r| m.text[r.clone()].to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(shown.title.text, "Blood pressure at home");
    assert_eq!(marked(&shown.title), ["Blood", "pressure"]);
    assert_eq!(marked(&shown.excerpt), ["blood", "pressure"]);
    assert_eq!(
        shown.excerpt.text,
        "Cuffs Measure blood pressure at the same time each morning."
    );
    assert_eq!(
        (shown.category.name.as_str(), shown.date.as_str()),
        ("Heart Health", "2023-05-01")
    );
}

#[test]
fn a_long_body_is_cut_around_the_best_match_at_word_boundaries() {
    let filler = "lorem ipsum dolor sit amet ".repeat(40);
    let mut docs = site();
    docs.push(doc(
        "long",
        "2018-01-01",
        "Sleep",
        "A long read",
        &[],
        &format!("{filler} melatonin timing matters {filler}"),
    ));
    let written = write(&docs);
    let excerpt = first_shown(&written, "melatonin").excerpt;
    assert!(
        excerpt.text.starts_with('…') && excerpt.text.ends_with('…'),
        "{}",
        excerpt.text
    );
    assert!(excerpt.text.len() < 200);
    assert_eq!(&excerpt.text[excerpt.marks[0].clone()], "melatonin");
    // Only the title matched: the card's excerpt, marked where it can be.
    let shown = first_shown(&written, "read ");
    assert_eq!(shown.excerpt.text, "All about a long read.");
    assert_eq!(&shown.excerpt.text[shown.excerpt.marks[0].clone()], "read");
}

#[test]
fn a_query_fetches_only_its_shards_and_names_carry_the_version() {
    // Enough articles for several shards of each kind.
    let words: Vec<String> = (0..6000).map(|i| format!("w{i:x}q")).collect();
    let docs: Vec<Document> = (0..300)
        .map(|i| {
            let text: Vec<&str> = (0..200)
                .map(|k| words[(i * 37 + k * 101) % words.len()].as_str())
                .collect();
            doc(
                &format!("a{i}"),
                &format!("2020-01-{:02}", 1 + i % 28),
                "Sleep",
                &format!("Article {i}"),
                &[],
                &text.join(" "),
            )
        })
        .collect();
    let written = write(&docs);
    let kinds = |c: char| {
        written
            .files
            .keys()
            .filter(|p| p.contains(&format!("/{c}")))
            .count()
    };
    assert!(
        kinds('d') > 3 && kinds('p') > 3,
        "{} dictionary, {} postings shards",
        kinds('d'),
        kinds('p')
    );
    let (_, _, results, fetched) = search(&written, &Query::new(&format!("{} ", words[101])));
    assert!(!results.hits.is_empty());
    assert_eq!(fetched.len(), 2, "{fetched:?}");
    assert!(fetched.iter().all(|p| p.starts_with(&written.version)));
    let set: BTreeSet<&String> = fetched.iter().collect();
    assert_eq!(set.len(), fetched.len());
    // Another build of other content gets another version.
    assert_ne!(write(&site()).version, written.version);
}

#[test]
fn excerpts_start_after_any_kind_of_space() {
    // A no-break space (two bytes) just before where the excerpt starts.
    let text = format!("{}\u{a0}{} iron matters", "a".repeat(30), "b".repeat(9));
    let mut docs = site();
    docs.push(doc("nbsp", "2018-01-01", "Sleep", "Spaces", &[], &text));
    let written = write(&docs);
    let excerpt = first_shown(&written, "iron ").excerpt;
    assert_eq!(excerpt.text, "…bbbbbbbbb iron matters");
}

#[test]
fn a_site_without_articles_finds_nothing_and_fetches_nothing() {
    let written = write(&[]);
    let (_, _, results, fetched) = search(&written, &Query::new("sleep"));
    assert!(results.hits.is_empty() && fetched.is_empty());
}

#[test]
fn a_damaged_file_is_an_error_not_a_panic() {
    let written = write(&site());
    let index = Index::parse(&written.files[format::MANIFEST]).unwrap();
    assert!(Index::parse(b"WPS1\xff").is_err());
    let mut loaded = Loaded::default();
    let name = format::dictionary(index.version(), 0);
    let bytes = &written.files[&name];
    assert!(
        loaded
            .insert(&index, &name, bytes[..bytes.len() - 3].to_vec())
            .is_err()
    );
    assert!(
        loaded
            .insert(&index, "elsewhere/d0.bin", bytes.clone())
            .is_err()
    );
}
