//! Runs queries against a published index as the app will, reading files
//! from disk instead of fetching them, and prints, as one JSON line per
//! query, the files each needed (each with its round: 0 for the manifest,
//! then the reader's rounds, then the fragments of the first 10 results)
//! and the time the search took once they were loaded.
//! Every query after the first runs with what the ones before it loaded.
//!
//! Usage: cargo run --profile tools -p wellpress-search --example measure --
//!        SEARCH_DIR "first query" "second query" ...
//! (bench/search.mjs runs it and adds the brotli sizes.)

use std::{fs, path::Path, time::Instant};

use wellpress_search::{Index, Loaded, Query, format};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((dir, queries)) = args.split_first() else {
        eprintln!("usage: measure SEARCH_DIR QUERY...");
        std::process::exit(2);
    };
    let dir = Path::new(dir);
    let read =
        |path: &str| fs::read(dir.join(path)).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    let manifest = read(format::MANIFEST);
    let started = Instant::now();
    let index = Index::parse(&manifest).expect("a manifest");
    let mut decode_ms = started.elapsed().as_secs_f64() * 1000.0;
    let mut loaded = Loaded::default();
    let mut first = true;
    for typed in queries {
        let query = Query::new(typed);
        let mut files: Vec<(String, usize, usize)> = Vec::new();
        if first {
            files.push((format::MANIFEST.to_owned(), manifest.len(), 0));
        }
        let mut rounds = 0;
        loop {
            let needs = index.needs(&query, &loaded);
            if needs.is_empty() {
                break;
            }
            rounds += 1;
            for path in needs {
                let bytes = read(&path);
                files.push((path.clone(), bytes.len(), rounds));
                let started = Instant::now();
                loaded.insert(&index, &path, bytes).expect("a valid file");
                decode_ms += started.elapsed().as_secs_f64() * 1000.0;
            }
        }
        let results = index.search(&query, &loaded).expect("all loaded");
        let shown = &results.hits[..results.hits.len().min(10)];
        for path in index.fragments(shown, &loaded) {
            let bytes = read(&path);
            files.push((path.clone(), bytes.len(), rounds + 1));
            loaded
                .insert(&index, &path, bytes)
                .expect("a valid fragment");
        }
        // Search and build the 10 results shown, all files loaded.
        let mut times: Vec<f64> = (0..15)
            .map(|_| {
                let started = Instant::now();
                let results = index.search(&query, &loaded).expect("all loaded");
                for &doc in &results.hits[..results.hits.len().min(10)] {
                    std::hint::black_box(loaded.result(&index, &results, doc));
                }
                started.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let titles: Vec<String> = shown
            .iter()
            .filter_map(|&d| loaded.result(&index, &results, d))
            .take(3)
            .map(|s| format!("{:?}", s.title.text))
            .collect();
        let excerpt = shown
            .first()
            .and_then(|&d| loaded.result(&index, &results, d))
            .map(|s| s.excerpt.text)
            .unwrap_or_default();
        println!(
            "{{\"query\":{typed:?},\"results\":{},\"partial\":{},\"suggestion\":{:?},\"rounds\":{rounds},\"files\":[{}],\"search_ms\":{:.3},\"decode_ms\":{:.3},\"top\":[{}],\"excerpt\":{excerpt:?}}}",
            results.hits.len(),
            results.partial,
            results.suggestion.unwrap_or_default(),
            files
                .iter()
                .map(|(p, n, round)| format!("[{p:?},{n},{round}]"))
                .collect::<Vec<_>>()
                .join(","),
            times[times.len() / 2],
            decode_ms,
            titles.join(","),
        );
        decode_ms = 0.0;
        first = false;
    }
}
