//! The last step of a release build, on trunk's output: a `404.html` for
//! hosts that serve it for unknown paths (the app then shows the right
//! page or its own "Page not found"), and pre-compressed `.gz` and `.br`
//! copies of every text and wasm file, so hosts that serve them send the
//! smallest file without compressing on each request.

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
    time::{Duration, SystemTime},
};

use anyhow::{Context, Result};
use rayon::prelude::*;

/// Files worth compressing, by extension: text, the app, and the search
/// index's files (`.bin`, under `data/search/`; about half their size as
/// brotli, docs/search.md).
const COMPRESSIBLE: &[&str] = &["html", "css", "js", "wasm", "json", "xml", "txt", "svg", "bin"];
/// Below this, compression gains nothing worth a second file.
const MIN_BYTES: u64 = 256;
/// Cached copies unused for this long are removed.
const CACHE_DAYS: u64 = 14;

/// How hard to compress a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Level {
    /// Brotli quality, 0 to 11.
    pub brotli: u32,
    /// gzip level, 0 to 9.
    pub gzip: u32,
}

impl Level {
    /// The app's own files (wasm, JS, CSS: a handful, fetched by every
    /// reader and cached for a year): every byte counts.
    pub const APP: Level = Level {
        brotli: 11,
        gzip: 9,
    };
    /// Pages, data, sitemap and feed: thousands of files on a large site,
    /// each read by some readers and replaced by the next deploy. On the
    /// demo's pages and data, brotli 11 makes files 12% smaller than
    /// brotli 6 but takes 30 times as long (0.8 against 24 MB/s on one
    /// core); qualities 7 to 9 are slower than 6 for the same size, and
    /// gzip 9 is no smaller than 6 (docs/benchmark.md has the whole build).
    pub const PAGES: Level = Level { brotli: 6, gzip: 6 };

    /// The level for a file of the built site, by what it is.
    pub fn of(path: &Path) -> Level {
        match path.extension().and_then(|e| e.to_str()) {
            Some("html" | "json" | "xml" | "txt" | "bin") => Level::PAGES,
            _ => Level::APP,
        }
    }
}

/// What `finish` did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Finished {
    /// Files that got `.gz` and `.br` copies.
    pub compressed: usize,
    /// Of those, how many copies came from the cache.
    pub reused: usize,
    /// Their total size before compression.
    pub raw_bytes: u64,
    /// The total size of their `.br` copies.
    pub brotli_bytes: u64,
}

/// Adds `404.html` and, when `compress` is set, the compressed copies,
/// on every core. With a `cache` folder, a file compressed by an earlier
/// build (same bytes, same level) is copied from there instead.
pub fn finish(dir: &Path, compress: bool, cache: Option<&Path>) -> Result<Finished> {
    let index = dir.join("index.html");
    let not_found = dir.join("404.html");
    // Release builds have a prerendered one.
    if !not_found.exists() {
        fs::copy(&index, &not_found)
            .with_context(|| format!("copying {} to 404.html", index.display()))?;
    }
    if !compress {
        return Ok(Finished::default());
    }
    if let Some(cache) = cache {
        fs::create_dir_all(cache).with_context(|| format!("creating {}", cache.display()))?;
    }
    let mut work = Vec::new();
    for path in files(dir)? {
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if compressible && fs::metadata(&path)?.len() >= MIN_BYTES {
            work.push(path);
        }
    }
    // Every core compresses; the first error is reported.
    let done = work
        .par_iter()
        .map(|path| compress_one(path, cache))
        .try_reduce(Finished::default, |a, b| {
            Ok(Finished {
                compressed: a.compressed + b.compressed,
                reused: a.reused + b.reused,
                raw_bytes: a.raw_bytes + b.raw_bytes,
                brotli_bytes: a.brotli_bytes + b.brotli_bytes,
            })
        })?;
    if let Some(cache) = cache {
        prune(cache, Duration::from_secs(CACHE_DAYS * 86_400));
    }
    Ok(done)
}

/// Writes `path.gz` and `path.br`, from the cache when it has them.
fn compress_one(path: &Path, cache: Option<&Path>) -> Result<Finished> {
    let bytes = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let level = Level::of(path);
    let key = cache.map(|cache| {
        let hash = xxhash_rust::xxh3::xxh3_128(&bytes);
        cache.join(format!("{hash:032x}-{}-{}", level.brotli, level.gzip))
    });
    let mut reused = 0;
    let mut copies = Vec::new();
    for (suffix, compress) in [
        ("gz", gzip as fn(&[u8], u32) -> Result<Vec<u8>>),
        ("br", brotli),
    ] {
        let target = with_suffix(path, suffix);
        let cached = key.as_ref().map(|key| with_suffix(key, suffix));
        let hit = cached.as_ref().filter(|c| c.is_file()).and_then(|cached| {
            let copied = fs::copy(cached, &target).ok()?;
            // Touched on use, so that pruning keeps what builds still need.
            let _ = fs::File::options()
                .write(true)
                .open(cached)
                .and_then(|f| f.set_modified(SystemTime::now()));
            Some(copied)
        });
        let size = match hit {
            Some(size) => {
                reused += 1;
                size
            }
            None => {
                let level = if suffix == "gz" {
                    level.gzip
                } else {
                    level.brotli
                };
                let compressed = compress(&bytes, level)?;
                fs::write(&target, &compressed)
                    .with_context(|| format!("writing {}", target.display()))?;
                if let Some(cached) = &cached {
                    // A cache that cannot be written only costs time.
                    let _ = write_atomically(cached, &compressed);
                }
                compressed.len() as u64
            }
        };
        copies.push(size);
    }
    Ok(Finished {
        compressed: 1,
        reused: usize::from(reused == 2),
        raw_bytes: bytes.len() as u64,
        brotli_bytes: copies[1],
    })
}

/// Writes through a temporary file, so that a cache entry is whole or absent
/// even when two builds share the cache.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temporary = with_suffix(path, &format!("tmp{}", std::process::id()));
    fs::write(&temporary, bytes)?;
    fs::rename(&temporary, path)
}

/// Removes cache entries unused for `age`.
fn prune(cache: &Path, age: Duration) {
    let Ok(entries) = fs::read_dir(cache) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|modified| now.duration_since(modified).unwrap_or_default() > age);
        if old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            out.extend(files(&path)?);
        } else {
            out.push(path);
        }
    }
    Ok(out)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// gzip at `level` (0 to 9).
pub fn gzip(bytes: &[u8], level: u32) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

/// Brotli at `quality` (0 to 11).
pub fn brotli(bytes: &[u8], quality: u32) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = ::brotli::enc::BrotliEncoderParams {
        quality: quality as i32,
        lgwin: 22,
        ..Default::default()
    };
    ::brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn compresses_text_and_wasm_and_adds_404() {
        let dir = std::env::temp_dir().join(format!("wellpress-finish-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("data/article")).unwrap();
        let page = "<!doctype html><title>x</title>".repeat(40);
        fs::write(dir.join("index.html"), &page).unwrap();
        fs::write(dir.join("data/article/a.json"), "{\"a\":1}".repeat(100)).unwrap();
        fs::write(dir.join("tiny.css"), "a{}").unwrap();
        fs::write(dir.join("photo.jpg"), vec![7_u8; 4096]).unwrap();
        fs::create_dir_all(dir.join("data/search/v1")).unwrap();
        fs::write(dir.join("data/search/v1/p0.bin"), b"\x01\x02sleep".repeat(100)).unwrap();

        let done = finish(&dir, true, None).unwrap();
        assert_eq!(fs::read_to_string(dir.join("404.html")).unwrap(), page);
        assert_eq!(done.compressed, 4, "index.html, 404.html, the JSON and the search shard");
        assert!(dir.join("data/search/v1/p0.bin.br").exists());
        assert!(!dir.join("tiny.css.gz").exists() && !dir.join("photo.jpg.br").exists());

        let mut unzipped = String::new();
        flate2::read::GzDecoder::new(&fs::read(dir.join("index.html.gz")).unwrap()[..])
            .read_to_string(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, page);
        let mut unbrotli = Vec::new();
        ::brotli::BrotliDecompress(
            &mut &fs::read(dir.join("data/article/a.json.br")).unwrap()[..],
            &mut unbrotli,
        )
        .unwrap();
        assert_eq!(unbrotli, "{\"a\":1}".repeat(100).into_bytes());
        assert!(done.brotli_bytes < done.raw_bytes / 5);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_later_build_reuses_copies_of_unchanged_files_only() {
        let dir = std::env::temp_dir().join(format!("wellpress-reuse-{}", std::process::id()));
        let cache = dir.join("cache");
        let site = dir.join("site");
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&site).unwrap();
        let page = |text: &str| format!("<!doctype html><p>{text}</p>").repeat(40);
        fs::write(site.join("index.html"), page("one")).unwrap();
        fs::write(site.join("404.html"), page("not found")).unwrap();
        fs::write(site.join("a.json"), "[1,2,3]".repeat(100)).unwrap();
        let first = finish(&site, true, Some(&cache)).unwrap();
        assert_eq!((first.compressed, first.reused), (3, 0));

        // The next build: the same JSON and 404 page, another home page.
        for name in ["index.html", "404.html", "a.json"] {
            fs::remove_file(site.join(format!("{name}.gz"))).unwrap();
            fs::remove_file(site.join(format!("{name}.br"))).unwrap();
        }
        fs::write(site.join("index.html"), page("two")).unwrap();
        let second = finish(&site, true, Some(&cache)).unwrap();
        assert_eq!(
            (second.compressed, second.reused),
            (3, 2),
            "the home page changed"
        );
        let mut unzipped = String::new();
        flate2::read::GzDecoder::new(&fs::read(site.join("index.html.gz")).unwrap()[..])
            .read_to_string(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, page("two"), "never a stale copy");
        let mut json = Vec::new();
        ::brotli::BrotliDecompress(
            &mut &fs::read(site.join("a.json.br")).unwrap()[..],
            &mut json,
        )
        .unwrap();
        assert_eq!(json, "[1,2,3]".repeat(100).into_bytes());
        fs::remove_dir_all(&dir).unwrap();
    }
}
