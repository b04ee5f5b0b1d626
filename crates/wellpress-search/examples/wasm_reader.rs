//! The reader as the app links it, for measuring what it adds to a wasm
//! file: every reader entry point is called on bytes the host passes in, so
//! nothing is optimised away. Compare with `wasm_baseline`, which uses the
//! standard library's allocator, formatting and hash maps as the app
//! already does, without the reader. See docs/search.md.

use wellpress_search::{Index, Loaded, Query};

include!("wasm/exports.rs");

/// `input`: the manifest's length as 4 bytes, the manifest, then the
/// query; files the query needs are expected after it, each as a 4-byte
/// length and its bytes, in the order the reader asks for them.
fn run(input: &[u8]) -> usize {
    let take = |at: &mut usize| {
        let n = u32::from_le_bytes(input[*at..*at + 4].try_into().unwrap()) as usize;
        *at += 4 + n;
        &input[*at - n..*at]
    };
    let mut at = 0;
    let Ok(index) = Index::parse(take(&mut at)) else {
        return 0;
    };
    let typed = String::from_utf8_lossy(take(&mut at));
    let category = index.categories().first().map(|c| c.slug.clone());
    let query = Query::new(&typed).in_category(category.as_deref());
    let mut loaded = Loaded::default();
    for path in index.needs(&query, &loaded) {
        if loaded
            .insert(&index, &path, take(&mut at).to_vec())
            .is_err()
        {
            return 0;
        }
    }
    let Ok(results) = index.search(&query, &loaded) else {
        return 0;
    };
    for path in index.fragments(&results.hits, &loaded) {
        let _ = loaded.insert(&index, &path, take(&mut at).to_vec());
    }
    let suggestion = results.suggestion.as_ref().map_or(0, String::len);
    results
        .hits
        .iter()
        .filter_map(|&doc| loaded.result(&index, &results, doc))
        .map(|shown| shown.excerpt.marks.len() + shown.title.marks.len() + shown.date.len())
        .sum::<usize>()
        + suggestion
}
