//! The last step of a release build, on trunk's output: a `404.html` for
//! hosts that serve it for unknown paths (the app then shows the right
//! page or its own "Page not found"), and pre-compressed `.gz` and `.br`
//! copies of every text and wasm file, so hosts that serve them send the
//! smallest file without compressing on each request.

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
};

use anyhow::{Context, Result};

/// Files worth compressing, by extension.
const COMPRESSIBLE: &[&str] = &["html", "css", "js", "wasm", "json", "xml", "txt", "svg"];
/// Below this, compression gains nothing worth a second file.
const MIN_BYTES: u64 = 256;

/// What `finish` did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Finished {
    /// Files that got `.gz` and `.br` copies.
    pub compressed: usize,
    /// Their total size before compression.
    pub raw_bytes: u64,
    /// The total size of their `.br` copies.
    pub brotli_bytes: u64,
}

/// Adds `404.html` and, when `compress` is set, the compressed copies.
pub fn finish(dir: &Path, compress: bool) -> Result<Finished> {
    let index = dir.join("index.html");
    let not_found = dir.join("404.html");
    // Release builds have a prerendered one.
    if !not_found.exists() {
        fs::copy(&index, &not_found)
            .with_context(|| format!("copying {} to 404.html", index.display()))?;
    }
    let mut done = Finished::default();
    if !compress {
        return Ok(done);
    }
    for path in files(dir)? {
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        let size = fs::metadata(&path)?.len();
        if !compressible || size < MIN_BYTES {
            continue;
        }
        let bytes = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let gz = gzip(&bytes)?;
        let br = brotli(&bytes)?;
        fs::write(with_suffix(&path, "gz"), &gz)?;
        fs::write(with_suffix(&path, "br"), &br)?;
        done.compressed += 1;
        done.raw_bytes += size;
        done.brotli_bytes += br.len() as u64;
    }
    Ok(done)
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

/// gzip at the highest level.
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

/// Brotli at the highest quality.
pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = ::brotli::enc::BrotliEncoderParams {
        quality: 11,
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

        let done = finish(&dir, true).unwrap();
        assert_eq!(fs::read_to_string(dir.join("404.html")).unwrap(), page);
        assert_eq!(done.compressed, 3, "index.html, 404.html and the JSON");
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
}
