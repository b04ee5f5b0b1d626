//! The reader as the app links it, for measuring what it adds to a wasm
//! file: every reader entry point is called on bytes the host passes in, so
//! nothing is optimised away. Compare with `wasm_baseline`, which uses the
//! standard library's allocator, formatting and hash maps as the app
//! already does, without the reader. See docs/search.md.

use wellpress_search::{Index, Loaded, Query};

include!("wasm/exports.rs");

/// `input`, as 4-byte lengths each followed by that many bytes: the
/// manifest, the query, a category slug or nothing, then the files the
/// query needs in the order the reader asks for them, round by round, and
/// the fragments of its first 10 results. Returns the number of marks
/// and characters shown, so that nothing is left unused.
fn run(input: &[u8]) -> usize {
    let mut at = 0;
    let mut take = || {
        let n = u32::from_le_bytes(input.get(at..at + 4)?.try_into().ok()?) as usize;
        at += 4 + n;
        input.get(at - n..at)
    };
    let Some(Ok(index)) = take().map(Index::parse) else {
        return 0;
    };
    let typed = String::from_utf8_lossy(take().unwrap_or_default()).into_owned();
    let category = String::from_utf8_lossy(take().unwrap_or_default()).into_owned();
    let query = Query::new(&typed).in_category(Some(category.as_str()).filter(|c| !c.is_empty()));
    let mut loaded = Loaded::default();
    let results = loop {
        match index.search(&query, &loaded) {
            Ok(results) => break results,
            Err(needs) => {
                for path in needs {
                    let Some(Ok(())) = take().map(|b| loaded.insert(&index, &path, b.to_vec()))
                    else {
                        return 0;
                    };
                }
            }
        }
    };
    let shown = &results.hits[..results.hits.len().min(10)];
    for path in index.fragments(shown, &loaded) {
        let _ = take().map(|b| loaded.insert(&index, &path, b.to_vec()));
    }
    let suggestion = results.suggestion.as_ref().map_or(0, String::len);
    shown
        .iter()
        .filter_map(|&doc| loaded.result(&index, &results, doc))
        .map(|s| {
            s.excerpt.marks.len()
                + s.title.marks.len()
                + s.excerpt.text.len()
                + s.category.name.len()
        })
        .sum::<usize>()
        + suggestion
}
