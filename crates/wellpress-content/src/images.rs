//! Images under `public/images/`: each one's size, read when the content is
//! loaded, and the copies the site publishes of every JPEG, PNG and WebP
//! file: narrower widths ([`WIDTHS`], never wider than the original) in
//! the original's format and in lossy WebP. SVGs are published as they
//! are; only their size is read.
//!
//! Encoding is the slow part of a build, so each copy is kept in a cache
//! folder under a key made of the original's bytes and [`SETTINGS`]: a build
//! encodes only what it has not encoded before. The same key, shortened,
//! is in every copy's name, so a published copy never changes and hosts may
//! cache it for good. Reading sizes (`--check`, and [`Catalogue::read`])
//! never encodes.
//!
//! AVIF is left out: see docs/images.md for what was measured.

use std::{
    collections::BTreeMap,
    fs,
    io::Cursor,
    path::{Path, PathBuf},
    sync::atomic::{AtomicUsize, Ordering},
};

use anyhow::{Context, Result};
use image::{
    DynamicImage, ImageDecoder, ImageEncoder, ImageReader,
    codecs::{jpeg::JpegEncoder, png::PngEncoder},
    imageops::FilterType,
    metadata::Orientation,
};
use rayon::prelude::*;
use wellpress_types::{IMAGE_VARIANTS_FOLDER, Image, ImageFormat, ImageVariant};

use crate::problem::{Problem, Problems};

/// The widths the site publishes, in pixels: enough for a phone's screen,
/// the article column on a wide screen, and both at twice the density.
pub const WIDTHS: [u32; 4] = [480, 800, 1200, 1600];
/// JPEG quality of the narrower JPEG copies.
const JPEG_QUALITY: u8 = 80;
/// WebP quality (libwebp's scale; 75 is cwebp's default).
const WEBP_QUALITY: f32 = 75.0;
/// Everything besides the original that decides a copy's bytes. Change it
/// whenever the widths, the qualities, the filter or an encoder change, so
/// that the cache and the hosts' caches take the new copies.
const SETTINGS: &str = "widths 480 800 1200 1600; lanczos3; jpeg 80 (image 0.25); \
                        png best adaptive; webp 75 (libwebp 1.6); exif orientation";
/// The folder under `public/` that holds the site's images.
const PUBLIC_IMAGES: &str = "public/images";

/// The widths published of an image `width` pixels wide: each of
/// [`WIDTHS`] narrower than it, and its own width up to the widest of
/// them. Never wider than the original.
pub fn widths(width: u32) -> Vec<u32> {
    let widest = WIDTHS[WIDTHS.len() - 1];
    let mut out: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < width).collect();
    out.push(width.min(widest));
    out.dedup();
    out
}

/// Every image under `public/images/`, by site path (`/images/a.jpg`).
#[derive(Debug, Default)]
pub struct Catalogue {
    images: BTreeMap<String, Known>,
}

/// One image file, measured.
#[derive(Debug)]
struct Known {
    /// The file, as the author knows it (`public/images/a.jpg`).
    file: PathBuf,
    /// The file on disk.
    path: PathBuf,
    /// Size as shown, after the file's own rotation.
    width: u32,
    height: u32,
    /// For a raster image: the cache key, from its bytes and [`SETTINGS`].
    key: Option<String>,
}

/// What publishing the copies did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ImageStats {
    /// Copies published.
    pub published: usize,
    /// Of those, copies encoded by this build (the rest came from the cache).
    pub encoded: usize,
}

impl Catalogue {
    /// Measures every image under `root/public/images`: reads each file's
    /// header (an SVG's `width`, `height` or `viewBox`), never decodes
    /// the pixels. A file that is not an image it claims to be, or an SVG
    /// without a size, is noted in `problems`.
    pub fn read(root: &Path, problems: &mut Vec<Problem>) -> Result<Self> {
        let dir = root.join(PUBLIC_IMAGES);
        let mut files = Vec::new();
        if dir.is_dir() {
            list(&dir, &mut files)?;
        }
        files.sort();
        let measured: Vec<Result<(String, Known), Problem>> = files
            .par_iter()
            .filter_map(|path| {
                let relative = path.strip_prefix(&dir).ok()?;
                let site_path = format!(
                    "/images/{}",
                    relative.to_string_lossy().replace('\\', "/")
                );
                let file = Path::new(PUBLIC_IMAGES).join(relative);
                if site_path.starts_with(IMAGE_VARIANTS_FOLDER) {
                    return Some(Err(Problem::new(
                        file,
                        0,
                        format!(
                            "{PUBLIC_IMAGES}{} is where the build publishes the sizes it makes of images: move this file to another folder",
                            &IMAGE_VARIANTS_FOLDER["/images".len()..]
                        ),
                    )));
                }
                measure(path, &site_path).map(|measured| {
                    measured.map(|(width, height, key)| {
                        let known = Known {
                            file,
                            path: path.clone(),
                            width,
                            height,
                            key,
                        };
                        (site_path, known)
                    })
                })
            })
            .collect();
        let mut images = BTreeMap::new();
        for one in measured {
            match one {
                Ok((site_path, known)) => {
                    images.insert(site_path, known);
                }
                Err(problem) => problems.push(problem),
            }
        }
        Ok(Self { images })
    }

    /// `image` with its size and copies, when it is a file of the site's.
    pub fn describe(&self, image: &Image) -> Image {
        let mut image = image.clone();
        if let Some(known) = self.lookup(&image.src) {
            image.width = known.width;
            image.height = known.height;
            image.variants = variants(&image.src, known);
        }
        image
    }

    /// The HTML of an image in an article's body, when it is a file of the
    /// site's: a `<picture>` with every copy, its size (so that nothing
    /// moves when it arrives), loaded only when the reader nears it.
    pub fn picture_html(&self, src: &str, alt: &str, title: &str) -> Option<String> {
        self.lookup(src)?;
        let image = self.describe(&Image::new(src, alt));
        let attribute =
            |value: &str| html_escape::encode_double_quoted_attribute(value).into_owned();
        let sizes = wellpress_types::ARTICLE_IMAGE_SIZES;
        let fallback = image.fallback(str::to_owned);
        let mut html = String::new();
        let sources = image.sources(str::to_owned);
        if fallback.srcset.is_some() {
            html.push_str("<picture>");
        }
        for source in &sources {
            html.push_str(&format!(
                "<source type=\"{}\" srcset=\"{}\" sizes=\"{sizes}\">",
                source.mime,
                attribute(&source.srcset)
            ));
        }
        html.push_str(&format!("<img src=\"{}\"", attribute(&fallback.src)));
        if let Some(srcset) = &fallback.srcset {
            html.push_str(&format!(
                " srcset=\"{}\" sizes=\"{sizes}\"",
                attribute(srcset)
            ));
        }
        html.push_str(&format!(
            " alt=\"{}\" width=\"{}\" height=\"{}\" loading=\"lazy\" decoding=\"async\"",
            attribute(alt),
            image.width,
            image.height
        ));
        if !title.is_empty() {
            html.push_str(&format!(" title=\"{}\"", attribute(title)));
        }
        html.push_str(" />");
        if fallback.srcset.is_some() {
            html.push_str("</picture>");
        }
        Some(html)
    }

    /// Encodes every copy not in `cache` yet, on every core, and publishes
    /// all of them under `out_dir`. A file that cannot be decoded is a
    /// problem in the content, named by its file.
    ///
    /// The copies go to `images/_v/`, inside the folder trunk fills from
    /// `public/images` (copy-dir) after this tool has run. Tried with trunk
    /// 0.21.14: that copy merges into the folder, keeping what this tool
    /// wrote and replacing only files of the same name. So the copies get
    /// a folder of their own, which no author's file may use
    /// ([`Catalogue::read`] refuses it), and the originals are never
    /// written here.
    pub fn publish(&self, out_dir: &Path, cache: &Path) -> Result<ImageStats> {
        let target = out_dir.join(IMAGE_VARIANTS_FOLDER.trim_matches('/'));
        if target.exists() {
            fs::remove_dir_all(&target)
                .with_context(|| format!("removing the old {}", target.display()))?;
        }
        let encoded = AtomicUsize::new(0);
        let done: Vec<Result<Result<usize, Problem>>> = self
            .images
            .par_iter()
            .filter(|(_, known)| known.key.is_some())
            .map(|(src, known)| publish_one(src, known, out_dir, cache, &encoded))
            .collect();
        let mut published = 0;
        let mut problems = Vec::new();
        for one in done {
            match one? {
                Ok(count) => published += count,
                Err(problem) => problems.push(problem),
            }
        }
        if !problems.is_empty() {
            return Err(Problems(problems).into());
        }
        Ok(ImageStats {
            published,
            encoded: encoded.into_inner(),
        })
    }

    fn lookup(&self, src: &str) -> Option<&Known> {
        if !src.starts_with('/') || src.starts_with("//") {
            return None;
        }
        self.images
            .get(src.split(['?', '#']).next().unwrap_or_default())
    }
}

/// Every file under `dir`, in its folders too; hidden ones left out.
fn list(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let entry = entry.with_context(|| format!("listing {}", dir.display()))?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            list(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

/// Whether the file at `path` can be published as the site's image
/// `site_path` (`/images/a.jpg`): the reason the content tool would give
/// when it cannot. Files of kinds the site does not measure are fine.
pub fn acceptable(path: &Path, site_path: &str) -> Result<(), String> {
    match measure(path, site_path) {
        Some(Err(problem)) => Err(problem.message),
        _ => Ok(()),
    }
}

/// The size of the image at `path` and, for a raster image, its cache
/// key; `None` for files that are not images the site measures.
#[allow(clippy::type_complexity)]
fn measure(path: &Path, site_path: &str) -> Option<Result<(u32, u32, Option<String>), Problem>> {
    let file = Path::new(PUBLIC_IMAGES).join(site_path.trim_start_matches("/images/"));
    let is_svg = site_path.to_ascii_lowercase().ends_with(".svg");
    if !is_svg && ImageFormat::of_path(site_path).is_none_or(|f| f == ImageFormat::Avif) {
        return None;
    }
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            return Some(Err(Problem::new(
                file,
                0,
                format!("cannot be read: {error}"),
            )));
        }
    };
    if is_svg {
        return Some(match svg_size(&String::from_utf8_lossy(&bytes)) {
            Some((width, height)) => Ok((width, height, None)),
            None => Err(Problem::new(
                file,
                0,
                "this SVG has no size: give its <svg> element a viewBox, or a width and height in pixels",
            )),
        });
    }
    let header = (|| {
        let mut reader = ImageReader::new(Cursor::new(&bytes));
        // The extension says what the file should be, when its first
        // bytes do not tell.
        if let Ok(format) = image::ImageFormat::from_path(path) {
            reader.set_format(format);
        }
        let mut decoder = reader.with_guessed_format()?.into_decoder()?;
        let (width, height) = decoder.dimensions();
        Ok::<_, image::ImageError>((width, height, decoder.orientation()?))
    })();
    Some(match header {
        Ok((width, height, orientation)) if width > 0 && height > 0 => {
            let (width, height) = if turns(orientation) {
                (height, width)
            } else {
                (width, height)
            };
            Ok((width, height, Some(cache_key(&bytes))))
        }
        Ok(_) => Err(Problem::new(
            file,
            0,
            "this image is empty (no pixels): replace it",
        )),
        Err(error) => Err(unreadable(file, &error)),
    })
}

fn unreadable(file: PathBuf, error: &image::ImageError) -> Problem {
    Problem::new(
        file,
        0,
        format!(
            "cannot be read as an image ({error}): save it again as JPEG, PNG or WebP, or remove it"
        ),
    )
}

/// Whether an EXIF orientation turns the image on its side.
fn turns(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

fn cache_key(bytes: &[u8]) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(bytes);
    hasher.update(SETTINGS.as_bytes());
    format!("{:032x}", hasher.digest128())
}

/// The formats published of an image at `src`: its own, then WebP.
fn formats(src: &str) -> Vec<ImageFormat> {
    let own = ImageFormat::of_path(src).unwrap_or(ImageFormat::Jpeg);
    let mut formats = vec![own];
    if own != ImageFormat::Webp {
        formats.push(ImageFormat::Webp);
    }
    formats
}

/// The copies of the raster image `known`, narrowest first. At its own
/// width, in its own format, the copy is the original file.
fn variants(src: &str, known: &Known) -> Vec<ImageVariant> {
    let Some(key) = &known.key else {
        return Vec::new();
    };
    let path = src.split(['?', '#']).next().unwrap_or_default();
    let relative = path.trim_start_matches("/images/");
    let stem = relative.rsplit_once('.').map_or(relative, |(stem, _)| stem);
    let own = ImageFormat::of_path(path);
    widths(known.width)
        .into_iter()
        .map(|width| ImageVariant {
            width,
            files: formats(path)
                .into_iter()
                .map(|format| {
                    let file = if Some(format) == own && width == known.width {
                        path.to_owned()
                    } else {
                        format!(
                            "{IMAGE_VARIANTS_FOLDER}{stem}-{width}-{}.{}",
                            &key[..12],
                            format.extension()
                        )
                    };
                    (format, file)
                })
                .collect(),
        })
        .collect()
}

/// Publishes the copies of one image, encoding those the cache lacks.
/// The number published, or the problem with the file.
fn publish_one(
    src: &str,
    known: &Known,
    out_dir: &Path,
    cache: &Path,
    encoded: &AtomicUsize,
) -> Result<Result<usize, Problem>> {
    let key = known.key.as_deref().unwrap_or_default();
    let cached_dir = cache.join(key);
    // Each copy made by the build: its width, format, cached and published files.
    let copies: Vec<(u32, ImageFormat, PathBuf, PathBuf)> = variants(src, known)
        .into_iter()
        .flat_map(|variant| {
            let width = variant.width;
            variant.files.into_iter().filter_map(move |(format, file)| {
                file.starts_with(IMAGE_VARIANTS_FOLDER).then(|| {
                    (
                        width,
                        format,
                        Path::new(&format!("{width}.{}", format.extension())).to_owned(),
                        Path::new(file.trim_start_matches('/')).to_owned(),
                    )
                })
            })
        })
        .map(|(w, f, cached, out)| (w, f, cached_dir.join(cached), out_dir.join(out)))
        .collect();
    let missing: Vec<&(u32, ImageFormat, PathBuf, PathBuf)> = copies
        .iter()
        .filter(|(.., cached, _)| !cached.is_file())
        .collect();
    if !missing.is_empty() {
        let original = match decode(&known.path) {
            Ok(original) => original,
            Err(error) => return Ok(Err(unreadable(known.file.clone(), &error))),
        };
        fs::create_dir_all(&cached_dir)
            .with_context(|| format!("creating {}", cached_dir.display()))?;
        missing
            .par_iter()
            .map(|(width, format, cached, _)| {
                let bytes = encode(&original, *width, *format).with_context(|| {
                    format!("encoding {} at {width} pixels", known.file.display())
                })?;
                write_atomically(cached, &bytes)
                    .with_context(|| format!("writing {}", cached.display()))?;
                encoded.fetch_add(1, Ordering::Relaxed);
                Ok(())
            })
            .collect::<Result<()>>()?;
    }
    for (.., cached, out) in &copies {
        if let Some(parent) = out.parent() {
            fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        // A hard link costs no space; across file systems, a copy.
        if fs::hard_link(cached, out).is_err() {
            fs::copy(cached, out)
                .with_context(|| format!("copying {} to {}", cached.display(), out.display()))?;
        }
    }
    Ok(Ok(copies.len()))
}

/// The whole image at `path`, turned as its EXIF orientation says.
fn decode(path: &Path) -> image::ImageResult<DynamicImage> {
    let mut decoder = ImageReader::open(path)?
        .with_guessed_format()?
        .into_decoder()?;
    let orientation = decoder.orientation()?;
    let mut image = DynamicImage::from_decoder(decoder)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// `original` at `width` pixels, encoded as `format`.
pub fn encode(original: &DynamicImage, width: u32, format: ImageFormat) -> Result<Vec<u8>> {
    let resized;
    let image = if width == original.width() {
        original
    } else {
        let height = (u64::from(original.height()) * u64::from(width))
            .div_ceil(u64::from(original.width()))
            .max(1);
        let height = u32::try_from(height).unwrap_or(u32::MAX);
        resized = original.resize_exact(width, height, FilterType::Lanczos3);
        &resized
    };
    let (width, height) = (image.width(), image.height());
    let alpha = image.color().has_alpha();
    let mut out = Vec::new();
    match format {
        ImageFormat::Jpeg => {
            let rgb = image.to_rgb8();
            JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY).write_image(
                &rgb,
                width,
                height,
                image::ExtendedColorType::Rgb8,
            )?;
        }
        ImageFormat::Png => {
            let encoder = PngEncoder::new_with_quality(
                &mut out,
                image::codecs::png::CompressionType::Best,
                image::codecs::png::FilterType::Adaptive,
            );
            if alpha {
                let rgba = image.to_rgba8();
                encoder.write_image(&rgba, width, height, image::ExtendedColorType::Rgba8)?;
            } else {
                let rgb = image.to_rgb8();
                encoder.write_image(&rgb, width, height, image::ExtendedColorType::Rgb8)?;
            }
        }
        ImageFormat::Webp => {
            out = if alpha {
                webp(&image.to_rgba8(), width, height, 4)?
            } else {
                webp(&image.to_rgb8(), width, height, 3)?
            };
        }
        ImageFormat::Avif => anyhow::bail!("the build publishes no AVIF (docs/images.md)"),
    }
    Ok(out)
}

/// Lossy WebP through libwebp's simple encoding API: `pixels` are rows of
/// RGB (`channels` 3) or RGBA (4) bytes.
fn webp(pixels: &[u8], width: u32, height: u32, channels: u32) -> Result<Vec<u8>> {
    let stride = width * channels;
    anyhow::ensure!(
        pixels.len() == (stride as usize) * (height as usize),
        "{width}×{height} pixels need {} bytes, not {}",
        stride as usize * height as usize,
        pixels.len()
    );
    let (width, height, stride) = (
        i32::try_from(width)?,
        i32::try_from(height)?,
        i32::try_from(stride)?,
    );
    let mut output: *mut u8 = std::ptr::null_mut();
    // SAFETY: `pixels` holds `height` rows of `stride` bytes (checked
    // above); libwebp only reads them, and on success points `output` at a
    // buffer of the returned length that it allocated, which is copied and
    // then freed with WebPFree, once.
    type Encode = unsafe extern "C" fn(*const u8, i32, i32, i32, f32, *mut *mut u8) -> usize;
    let encode: Encode = if channels == 4 {
        libwebp_sys::WebPEncodeRGBA
    } else {
        libwebp_sys::WebPEncodeRGB
    };
    let bytes = unsafe {
        let size = encode(
            pixels.as_ptr(),
            width,
            height,
            stride,
            WEBP_QUALITY,
            &mut output,
        );
        let bytes = (size > 0 && !output.is_null())
            .then(|| std::slice::from_raw_parts(output, size).to_vec());
        if !output.is_null() {
            libwebp_sys::WebPFree(output.cast());
        }
        bytes
    };
    bytes.context("libwebp could not encode the image")
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // Two files with the same bytes share a key, and may be encoded at
    // once: each write has a temporary file of its own.
    static WRITES: AtomicUsize = AtomicUsize::new(0);
    let temporary = path.with_extension(format!(
        "tmp-{}-{}",
        std::process::id(),
        WRITES.fetch_add(1, Ordering::Relaxed)
    ));
    fs::write(&temporary, bytes)?;
    fs::rename(&temporary, path)
}

/// The size an SVG is shown at: its `width` and `height` in pixels, or its
/// `viewBox` (the other side in its proportions when only one is given).
pub fn svg_size(text: &str) -> Option<(u32, u32)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let root = loop {
        match reader.read_event().ok()? {
            Event::Start(element) | Event::Empty(element) => break element.into_owned(),
            Event::Eof => return None,
            _ => {}
        }
    };
    if root.local_name().as_ref() != "svg" {
        return None;
    }
    let mut width = None;
    let mut height = None;
    let mut view_box = None;
    for attribute in root.attributes().flatten() {
        let value = attribute.value.as_ref();
        match attribute.key.local_name().as_ref() {
            "width" => width = pixels(value),
            "height" => height = pixels(value),
            "viewBox" => {
                let numbers: Vec<f64> = value
                    .split([' ', ',', '\t', '\n'])
                    .filter(|s| !s.is_empty())
                    .filter_map(|s| s.parse().ok())
                    .collect();
                if let [_, _, w, h] = numbers[..]
                    && w > 0.0
                    && h > 0.0
                {
                    view_box = Some((w, h));
                }
            }
            _ => {}
        }
    }
    let (w, h) = match (width, height, view_box) {
        (Some(w), Some(h), _) => (w, h),
        (Some(w), None, Some((vw, vh))) => (w, w * vh / vw),
        (None, Some(h), Some((vw, vh))) => (h * vw / vh, h),
        (_, _, Some((vw, vh))) => (vw, vh),
        _ => return None,
    };
    let round = |v: f64| (v.round() >= 1.0).then(|| v.round() as u32);
    Some((round(w)?, round(h)?))
}

/// A length in pixels (`1600`, `1600px`); none for other units.
fn pixels(value: &str) -> Option<f64> {
    let value = value.trim();
    let number = value.strip_suffix("px").unwrap_or(value).trim();
    number.parse::<f64>().ok().filter(|v| *v > 0.0)
}

#[cfg(test)]
mod tests {
    use image::{Rgb, RgbImage, Rgba, RgbaImage};

    use super::*;

    /// A fresh scratch site with `public/images`, removed when dropped.
    struct Site(PathBuf);

    impl Site {
        fn new(name: &str) -> Self {
            let root = std::env::temp_dir()
                .join(format!("wellpress-images-{}-{name}", std::process::id()));
            let _ = fs::remove_dir_all(&root);
            fs::create_dir_all(root.join(PUBLIC_IMAGES)).unwrap();
            Self(root)
        }

        fn image(&self, name: &str) -> PathBuf {
            let path = self.0.join(PUBLIC_IMAGES).join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            path
        }

        fn catalogue(&self) -> (Catalogue, Vec<String>) {
            let mut problems = Vec::new();
            let catalogue = Catalogue::read(&self.0, &mut problems).unwrap();
            (
                catalogue,
                problems.iter().map(ToString::to_string).collect(),
            )
        }
    }

    impl Drop for Site {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    /// A gradient `width` × `height`, so that every encoder has work to do.
    fn gradient(width: u32, height: u32) -> RgbImage {
        RgbImage::from_fn(width, height, |x, y| {
            Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 128])
        })
    }

    #[test]
    fn widths_never_exceed_the_original() {
        assert_eq!(widths(1600), [480, 800, 1200, 1600]);
        assert_eq!(widths(4000), [480, 800, 1200, 1600]);
        assert_eq!(widths(1000), [480, 800, 1000]);
        assert_eq!(widths(480), [480]);
        assert_eq!(widths(300), [300]);
        for width in [1, 479, 481, 799, 1201, 1599, 1601] {
            assert!(widths(width).iter().all(|w| *w <= width), "{width}");
        }
    }

    #[test]
    fn copies_are_published_in_each_format_at_each_width_and_the_cache_saves_encoding() {
        let site = Site::new("publish");
        gradient(1000, 500).save(site.image("walk.jpg")).unwrap();
        RgbaImage::from_pixel(300, 200, Rgba([10, 200, 30, 128]))
            .save(site.image("icons/leaf.png"))
            .unwrap();
        let (catalogue, problems) = site.catalogue();
        assert!(problems.is_empty(), "{problems:?}");

        let walk = catalogue.describe(&Image::new("/images/walk.jpg", "A walk"));
        assert_eq!((walk.width, walk.height), (1000, 500));
        let shape: Vec<(u32, Vec<ImageFormat>)> = walk
            .variants
            .iter()
            .map(|v| (v.width, v.files.keys().copied().collect()))
            .collect();
        let both = vec![ImageFormat::Webp, ImageFormat::Jpeg];
        assert_eq!(
            shape,
            [(480, both.clone()), (800, both.clone()), (1000, both)]
        );
        // At its own width, in its own format: the original itself.
        assert_eq!(
            walk.variants[2].files[&ImageFormat::Jpeg],
            "/images/walk.jpg"
        );
        let leaf = catalogue.describe(&Image::new("/images/icons/leaf.png", "Leaf"));
        assert_eq!(leaf.variants.len(), 1);
        assert!(
            leaf.variants[0].files[&ImageFormat::Webp].starts_with("/images/_v/icons/leaf-300-")
        );

        let out = site.0.join("dist");
        let cache = site.0.join("cache");
        let first = catalogue.publish(&out, &cache).unwrap();
        // 480 and 800 as JPEG and WebP, 1000 as WebP; the leaf as WebP.
        assert_eq!(
            first,
            ImageStats {
                published: 6,
                encoded: 6
            }
        );
        let served = |path: &str| out.join(path.trim_start_matches('/'));
        let decoded = |path: &str| image::open(served(path)).unwrap();
        for variant in &walk.variants {
            for (format, path) in &variant.files {
                if path.starts_with(IMAGE_VARIANTS_FOLDER) {
                    let image = decoded(path);
                    assert_eq!(image.width(), variant.width, "{path}");
                    assert_eq!(image.height(), variant.width / 2, "{path}");
                    let bytes = fs::read(served(path)).unwrap();
                    let written = image::guess_format(&bytes).unwrap();
                    assert_eq!(
                        Some(written),
                        image::ImageFormat::from_mime_type(format.mime()),
                        "{path}"
                    );
                }
            }
        }
        let leaf_webp = &leaf.variants[0].files[&ImageFormat::Webp];
        let bytes = fs::read(served(leaf_webp)).unwrap();
        assert_eq!(&bytes[8..12], b"WEBP");
        assert!(
            decoded(leaf_webp).color().has_alpha(),
            "WebP keeps transparency"
        );

        // The next build: nothing encoded, the same files published.
        let cached = cache.join(walk_key(&catalogue)).join("480.webp");
        let modified = fs::metadata(&cached).unwrap().modified().unwrap();
        fs::remove_dir_all(&out).unwrap();
        let second = catalogue.publish(&out, &cache).unwrap();
        assert_eq!(
            second,
            ImageStats {
                published: 6,
                encoded: 0
            }
        );
        assert_eq!(fs::metadata(&cached).unwrap().modified().unwrap(), modified);
        assert!(served(&walk.variants[0].files[&ImageFormat::Webp]).is_file());

        // A changed image is a new key: encoded again, under new names.
        gradient(1000, 400).save(site.image("walk.jpg")).unwrap();
        let (catalogue, _) = site.catalogue();
        let changed = catalogue.describe(&Image::new("/images/walk.jpg", "A walk"));
        assert_ne!(changed.variants[0].files, walk.variants[0].files);
        let third = catalogue.publish(&out, &cache).unwrap();
        assert_eq!(
            third,
            ImageStats {
                published: 6,
                encoded: 5
            }
        );
        assert!(
            !served(&walk.variants[0].files[&ImageFormat::Webp]).exists(),
            "old copies go"
        );
    }

    fn walk_key(catalogue: &Catalogue) -> String {
        catalogue.images["/images/walk.jpg"].key.clone().unwrap()
    }

    #[test]
    fn two_files_with_the_same_bytes_are_both_published() {
        let site = Site::new("twins");
        gradient(900, 600).save(site.image("a.png")).unwrap();
        fs::copy(site.image("a.png"), site.image("copies/b.png")).unwrap();
        let (catalogue, _) = site.catalogue();
        let out = site.0.join("dist");
        let stats = catalogue.publish(&out, &site.0.join("cache")).unwrap();
        assert_eq!(stats.published, 10);
        for src in ["/images/a.png", "/images/copies/b.png"] {
            for variant in catalogue.describe(&Image::new(src, "")).variants {
                for path in variant
                    .files
                    .values()
                    .filter(|p| p.starts_with(IMAGE_VARIANTS_FOLDER))
                {
                    assert!(
                        image::open(out.join(path.trim_start_matches('/'))).is_ok(),
                        "{path}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_small_image_keeps_its_own_width_only() {
        let site = Site::new("small");
        gradient(320, 180).save(site.image("dot.jpg")).unwrap();
        let (catalogue, _) = site.catalogue();
        let dot = catalogue.describe(&Image::new("/images/dot.jpg", "Dot"));
        let widths: Vec<u32> = dot.variants.iter().map(|v| v.width).collect();
        assert_eq!(widths, [320]);
    }

    #[test]
    fn a_broken_image_is_a_problem_named_by_its_file() {
        let site = Site::new("broken");
        fs::write(site.image("articles/broken.jpg"), b"not a jpeg at all").unwrap();
        let (_, problems) = site.catalogue();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0]
                .starts_with("public/images/articles/broken.jpg: cannot be read as an image"),
            "{problems:?}"
        );

        // A header that reads, then pixels that do not: found when encoding.
        let mut truncated = Vec::new();
        gradient(900, 600)
            .write_to(&mut Cursor::new(&mut truncated), image::ImageFormat::Png)
            .unwrap();
        truncated.truncate(truncated.len() / 2);
        fs::remove_file(site.image("articles/broken.jpg")).unwrap();
        fs::write(site.image("half.png"), truncated).unwrap();
        let (catalogue, problems) = site.catalogue();
        assert!(problems.is_empty(), "{problems:?}");
        let error = catalogue
            .publish(&site.0.join("dist"), &site.0.join("cache"))
            .unwrap_err();
        let problems = error.downcast_ref::<Problems>().expect("a content problem");
        assert_eq!(problems.0.len(), 1);
        assert!(
            problems.0[0]
                .to_string()
                .starts_with("public/images/half.png: cannot be read as an image"),
            "{error}"
        );
    }

    #[test]
    fn svgs_pass_through_with_their_size() {
        assert_eq!(
            svg_size(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1600 900">"#),
            Some((1600, 900))
        );
        assert_eq!(
            svg_size(
                r#"<?xml version="1.0"?><!-- x --><svg width="40px" height="30" viewBox="0 0 4 3"/>"#
            ),
            Some((40, 30))
        );
        assert_eq!(
            svg_size(r#"<svg width="800" viewBox="0,0,1600,900"></svg>"#),
            Some((800, 450))
        );
        assert_eq!(
            svg_size(r#"<svg width="100%" height="100%" viewBox="0 0 10 20"/>"#),
            Some((10, 20))
        );
        assert_eq!(svg_size(r#"<svg width="100%"></svg>"#), None);
        assert_eq!(svg_size("<html></html>"), None);

        let site = Site::new("svg");
        fs::write(
            site.image("walk.svg"),
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1600 900"></svg>"#,
        )
        .unwrap();
        fs::write(
            site.image("blank.svg"),
            r#"<svg xmlns="http://www.w3.org/2000/svg"></svg>"#,
        )
        .unwrap();
        let (catalogue, problems) = site.catalogue();
        assert_eq!(
            problems,
            [
                "public/images/blank.svg: this SVG has no size: give its <svg> element a viewBox, or a width and height in pixels"
            ]
        );
        let walk = catalogue.describe(&Image::new("/images/walk.svg", "Walk"));
        assert_eq!(
            (walk.width, walk.height, walk.variants.len()),
            (1600, 900, 0)
        );
        assert_eq!(
            catalogue
                .picture_html("/images/walk.svg", "Walk", "")
                .unwrap(),
            r#"<img src="/images/walk.svg" alt="Walk" width="1600" height="900" loading="lazy" decoding="async" />"#
        );
        let stats = catalogue
            .publish(&site.0.join("dist"), &site.0.join("cache"))
            .unwrap();
        assert_eq!(stats, ImageStats::default());
    }

    #[test]
    fn an_image_in_a_body_becomes_a_lazy_picture_with_its_size() {
        let site = Site::new("body");
        gradient(1600, 900).save(site.image("a.jpg")).unwrap();
        let (catalogue, _) = site.catalogue();
        let html = catalogue
            .picture_html("/images/a.jpg", "A \"view\"", "Dusk")
            .unwrap();
        let key = &walk_key_of(&catalogue, "/images/a.jpg")[..12];
        let sizes = wellpress_types::ARTICLE_IMAGE_SIZES;
        assert_eq!(
            html,
            format!(
                "<picture><source type=\"image/webp\" srcset=\"/images/_v/a-480-{key}.webp 480w, /images/_v/a-800-{key}.webp 800w, \
                 /images/_v/a-1200-{key}.webp 1200w, /images/_v/a-1600-{key}.webp 1600w\" sizes=\"{sizes}\">\
                 <img src=\"/images/a.jpg\" srcset=\"/images/_v/a-480-{key}.jpg 480w, /images/_v/a-800-{key}.jpg 800w, \
                 /images/_v/a-1200-{key}.jpg 1200w, /images/a.jpg 1600w\" sizes=\"{sizes}\" alt=\"A &quot;view&quot;\" \
                 width=\"1600\" height=\"900\" loading=\"lazy\" decoding=\"async\" title=\"Dusk\" /></picture>"
            )
        );
        assert_eq!(catalogue.picture_html("/images/none.jpg", "", ""), None);
        assert_eq!(
            catalogue.picture_html("https://example.org/a.jpg", "", ""),
            None
        );
    }

    fn walk_key_of(catalogue: &Catalogue, src: &str) -> String {
        catalogue.images[src].key.clone().unwrap()
    }

    #[test]
    fn the_folder_of_copies_is_not_the_authors() {
        let site = Site::new("reserved");
        gradient(10, 10).save(site.image("_v/x.png")).unwrap();
        let (_, problems) = site.catalogue();
        assert_eq!(
            problems,
            [
                "public/images/_v/x.png: public/images/_v/ is where the build publishes the sizes it makes of images: move this file to another folder"
            ]
        );
    }
}
