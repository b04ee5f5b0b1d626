//! Images as the site publishes them: the file the author wrote, its size,
//! and the narrower copies and other formats the build makes of it, with
//! what a `<picture>` element needs to offer them. The content tool (for
//! images in article bodies) and the app (heroes, card thumbnails) both
//! build their markup from [`Image::sources`] and [`Image::fallback`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Where the build publishes the copies it makes of images, under the
/// site's root. Their names carry a hash of the original and of the
/// settings that made them, so they never change and may be cached for good.
pub const IMAGE_VARIANTS_FOLDER: &str = "/images/_v/";

/// The `sizes` of an image as wide as an article's column (a hero, or an
/// image in the body): the column is at most 70ch of the body font, about
/// 41rem, and the page keeps 1rem on each side on narrow screens.
pub const ARTICLE_IMAGE_SIZES: &str = "(min-width: 43rem) 41rem, calc(100vw - 2rem)";

/// An image with its text alternative, its size and the copies the build
/// made of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// Site path or URL of the image, as the author wrote it.
    pub src: String,
    /// What the image shows, for readers who cannot see it.
    pub alt: String,
    /// Width in pixels as shown (after the file's own rotation); 0 when
    /// unknown, as for images on other sites.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub width: u32,
    /// Height in pixels as shown; 0 when unknown.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub height: u32,
    /// The copies, narrowest first; none for SVGs and images elsewhere.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<ImageVariant>,
}

/// One width of an image, in each format it was published in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageVariant {
    /// Width in pixels (the height keeps the image's proportions).
    pub width: u32,
    /// Site path of the file in each format.
    pub files: BTreeMap<ImageFormat, String>,
}

/// The raster formats the site publishes, most compact first: a
/// `<picture>` offers them in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    /// AV1 in an AVIF file.
    Avif,
    /// WebP.
    Webp,
    /// JPEG.
    Jpeg,
    /// PNG.
    Png,
}

impl ImageFormat {
    /// The MIME type, for `<source type>`.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Avif => "image/avif",
            Self::Webp => "image/webp",
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
        }
    }

    /// The file extension the build gives it.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Avif => "avif",
            Self::Webp => "webp",
            Self::Jpeg => "jpg",
            Self::Png => "png",
        }
    }

    /// The format of a file, from its name (`a.JPG`, `b.jpeg`, `c.png`).
    pub fn of_path(path: &str) -> Option<Self> {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let (_, extension) = path.rsplit_once('.')?;
        match extension.to_ascii_lowercase().as_str() {
            "avif" => Some(Self::Avif),
            "webp" => Some(Self::Webp),
            "jpg" | "jpeg" => Some(Self::Jpeg),
            "png" => Some(Self::Png),
            _ => None,
        }
    }
}

/// A `<source>` of a `<picture>`: one format, every width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PictureSource {
    /// Its MIME type.
    pub mime: &'static str,
    /// Its `srcset`.
    pub srcset: String,
}

/// What the `<img>` of a picture loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fallback {
    /// Its `src`: the widest copy in the original's format.
    pub src: String,
    /// Its `srcset`: every width in the original's format; none when there
    /// are no copies.
    pub srcset: Option<String>,
}

impl Image {
    /// An image as the author names it, before the build has measured it.
    pub fn new(src: impl Into<String>, alt: impl Into<String>) -> Self {
        Self {
            src: src.into(),
            alt: alt.into(),
            ..Self::default()
        }
    }

    /// The format browsers that take no `<source>` get: the original's.
    fn fallback_format(&self) -> Option<ImageFormat> {
        ImageFormat::of_path(&self.src)
    }

    /// The `<source>` elements: one per format other than the original's,
    /// most compact first. `local` turns a site path into a served one
    /// (the base path in front).
    pub fn sources(&self, local: impl Fn(&str) -> String) -> Vec<PictureSource> {
        let fallback = self.fallback_format();
        let mut formats: Vec<ImageFormat> = self
            .variants
            .iter()
            .flat_map(|v| v.files.keys().copied())
            .filter(|f| Some(*f) != fallback)
            .collect();
        formats.sort();
        formats.dedup();
        formats
            .into_iter()
            .filter_map(|format| {
                Some(PictureSource {
                    mime: format.mime(),
                    srcset: self.srcset(format, &local)?,
                })
            })
            .collect()
    }

    /// What the `<img>` loads, served paths made by `local`.
    pub fn fallback(&self, local: impl Fn(&str) -> String) -> Fallback {
        let format = self.fallback_format();
        let widest = format.and_then(|f| {
            self.variants
                .iter()
                .rev()
                .find_map(|v| v.files.get(&f).map(String::as_str))
        });
        Fallback {
            src: local(widest.unwrap_or(&self.src)),
            srcset: format.and_then(|f| self.srcset(f, &local)),
        }
    }

    /// The file to show at about `width` pixels in the original's format
    /// (for link previews, whose readers may not take other formats): the
    /// narrowest copy at least that wide, or the widest there is.
    pub fn sized(&self, width: u32) -> &str {
        let Some(format) = self.fallback_format() else {
            return &self.src;
        };
        let of = |v: &ImageVariant| v.files.contains_key(&format);
        self.variants
            .iter()
            .filter(|v| v.width >= width)
            .find(|v| of(v))
            .or_else(|| self.variants.iter().rev().find(|v| of(v)))
            .map_or(&self.src, |v| &v.files[&format])
    }

    /// The same image with only the copies at most `max` pixels wide (the
    /// narrowest is always kept): what a thumbnail needs.
    pub fn at_most(&self, max: u32) -> Self {
        let mut image = self.clone();
        let keep = image
            .variants
            .iter()
            .filter(|v| v.width <= max)
            .count()
            .max(1);
        image.variants.truncate(keep);
        image
    }

    /// Every width in `format`, as a `srcset`; none when no copy has it.
    fn srcset(&self, format: ImageFormat, local: impl Fn(&str) -> String) -> Option<String> {
        let candidates: Vec<String> = self
            .variants
            .iter()
            .filter_map(|v| {
                let path = v.files.get(&format)?;
                Some(format!("{} {}w", srcset_url(&local(path)), v.width))
            })
            .collect();
        (!candidates.is_empty()).then(|| candidates.join(", "))
    }
}

/// A URL as a `srcset` candidate: spaces and commas would split it there.
fn srcset_url(url: &str) -> String {
    url.replace(' ', "%20").replace(',', "%2C")
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo() -> Image {
        let variant = |width: u32, jpeg: &str| ImageVariant {
            width,
            files: BTreeMap::from([
                (ImageFormat::Webp, format!("/images/_v/a-{width}-h.webp")),
                (ImageFormat::Jpeg, jpeg.to_owned()),
            ]),
        };
        Image {
            src: "/images/a.jpg".into(),
            alt: "A walk".into(),
            width: 1000,
            height: 500,
            variants: vec![
                variant(480, "/images/_v/a-480-h.jpg"),
                variant(800, "/images/_v/a-800-h.jpg"),
                variant(1000, "/images/a.jpg"),
            ],
        }
    }

    #[test]
    fn a_picture_offers_other_formats_first_and_the_original_format_last() {
        let image = photo();
        let blog = |path: &str| format!("/blog{path}");
        assert_eq!(
            image.sources(blog),
            [PictureSource {
                mime: "image/webp",
                srcset: "/blog/images/_v/a-480-h.webp 480w, /blog/images/_v/a-800-h.webp 800w, /blog/images/_v/a-1000-h.webp 1000w".into(),
            }]
        );
        assert_eq!(
            image.fallback(blog),
            Fallback {
                src: "/blog/images/a.jpg".into(),
                srcset: Some("/blog/images/_v/a-480-h.jpg 480w, /blog/images/_v/a-800-h.jpg 800w, /blog/images/a.jpg 1000w".into()),
            }
        );
    }

    #[test]
    fn an_image_without_copies_is_just_its_file() {
        let svg = Image::new("/images/b.svg", "B");
        assert!(svg.sources(str::to_owned).is_empty());
        assert_eq!(
            svg.fallback(str::to_owned),
            Fallback {
                src: "/images/b.svg".into(),
                srcset: None
            }
        );
        assert_eq!(svg.sized(1200), "/images/b.svg");
    }

    #[test]
    fn previews_take_the_narrowest_copy_wide_enough_in_the_original_format() {
        let image = photo();
        assert_eq!(image.sized(600), "/images/_v/a-800-h.jpg");
        assert_eq!(image.sized(1200), "/images/a.jpg");
        assert_eq!(image.at_most(800).variants.len(), 2);
        assert_eq!(image.at_most(100).variants.len(), 1);
    }

    #[test]
    fn odd_file_names_stay_one_srcset_candidate() {
        let mut image = photo();
        image.variants[2]
            .files
            .insert(ImageFormat::Jpeg, "/images/a, b.jpg".into());
        let srcset = image.fallback(str::to_owned).srcset.unwrap();
        assert!(srcset.ends_with("/images/a%2C%20b.jpg 1000w"), "{srcset}");
    }

    #[test]
    fn old_json_without_sizes_still_reads() {
        let image: Image = serde_json::from_str(r#"{"src":"/images/a.jpg","alt":"A"}"#).unwrap();
        assert_eq!(image, Image::new("/images/a.jpg", "A"));
        let json = serde_json::to_string(&photo()).unwrap();
        assert!(json.contains(r#""files":{"webp":"#), "{json}");
        assert_eq!(serde_json::from_str::<Image>(&json).unwrap(), photo());
        assert_eq!(
            ImageFormat::of_path("/x/Y.JPEG?v=1"),
            Some(ImageFormat::Jpeg)
        );
        assert_eq!(ImageFormat::of_path("/x/y.svg"), None);
    }
}
