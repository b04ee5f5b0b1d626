//! The baseline for `wasm_reader`: the same exports, using what the app
//! already links (the allocator, formatting, `HashMap`, sorting), without
//! the reader.

use std::collections::HashMap;

include!("wasm/exports.rs");

/// Counts the distinct characters of `input`, in roundabout ways.
fn run(input: &[u8]) -> usize {
    let text = String::from_utf8_lossy(input);
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, c) in text.chars().enumerate() {
        *seen.entry(format!("{c}{}", i % 3)).or_default() += 1;
    }
    let mut counts: Vec<(&String, &usize)> = seen.iter().collect();
    counts.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    counts.len()
}
