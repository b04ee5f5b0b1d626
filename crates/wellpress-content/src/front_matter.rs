//! The YAML front matter at the top of an article: split from the body,
//! parsed, and checked field by field with the line each problem is on.

use std::path::Path;

use serde::{Deserialize, Deserializer};
use serde_norway::{Mapping, Value};
use wellpress_types::Image;

use crate::{
    dates::is_valid_date,
    problem::{Problem, closest},
};

/// The front matter as written: every field an article may set, in the
/// order the README documents them, and nothing else. Each holds what the
/// author wrote, checked field by field in [`parse`] so that every problem
/// is reported at once, each with its own message.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct Written {
    title: Slot,
    date: Slot,
    category: Slot,
    tags: Slot,
    excerpt: Slot,
    author: Slot,
    reviewed_by: Slot,
    reviewed: Slot,
    updated: Slot,
    image: Slot,
    image_alt: Slot,
    draft: Slot,
}

/// One field of the front matter: not written at all, or written with a
/// value (an empty `title:` is written, with the value null).
#[derive(Debug, Default)]
enum Slot {
    #[default]
    Missing,
    Given(Value),
}

impl<'de> Deserialize<'de> for Slot {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(Slot::Given)
    }
}

impl Slot {
    fn value(&self) -> Option<&Value> {
        match self {
            Slot::Missing => None,
            Slot::Given(value) => Some(value),
        }
    }
}

/// Every field an article may set, from [`Written`] itself.
pub fn fields() -> &'static [&'static str] {
    serde_aux::serde_introspection::serde_introspect::<Written>()
}

/// The front matter of one article, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// The article's title (required).
    pub title: String,
    /// Publication date, `YYYY-MM-DD` (required).
    pub date: String,
    /// Category display name, such as `Mental Health` (required).
    pub category: String,
    /// The card and meta description text; derived from the body when absent.
    pub excerpt: Option<String>,
    /// Tag display names.
    pub tags: Vec<String>,
    /// Byline: an author file's slug, or a plain name; the site's default
    /// author when absent.
    pub author: Option<String>,
    /// The medical reviewer and the date of the review, together.
    pub review: Option<(String, String)>,
    /// Date of the last substantial update, `YYYY-MM-DD`.
    pub updated: Option<String>,
    /// Hero image with its alternative text (`image` and `image_alt`).
    pub image: Option<Image>,
    /// A draft is left out of the build entirely.
    pub draft: bool,
    /// Line numbers of the fields, for problems found later (links, names).
    pub lines: FieldLines,
}

/// Where each field was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldLines {
    /// The line of `category:`.
    pub category: usize,
    /// The line of `tags:`.
    pub tags: usize,
    /// The line of `image:`.
    pub image: usize,
    /// The line of `author:`.
    pub author: usize,
    /// The line of `reviewed_by:`.
    pub reviewed_by: usize,
}

/// An article file split into its front matter and its Markdown body.
#[derive(Debug)]
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// The 1-based line on which the body starts.
    pub body_line: usize,
}

/// Splits `text` at the `---` lines that enclose its front matter.
pub fn split<'a>(file: &Path, text: &'a str) -> Result<Split<'a>, Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Problem::new(
            file,
            1,
            "the file does not start with front matter: make the first line `---`, then \
             `title:`, `date:` and `category:` lines, then another `---` line",
        ));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for (index, line) in lines.enumerate() {
        if matches!(line.trim_end(), "---" | "...") {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                body: &text[offset + line.len()..],
                body_line: index + 3,
            });
        }
        offset += line.len();
    }
    Err(Problem::new(
        file,
        1,
        "the front matter opened on this line is never closed: add a line with just `---` \
         after the last field",
    ))
}

/// Parses and checks the front matter. Every problem found is returned, not
/// just the first.
pub fn parse(file: &Path, split: &Split<'_>) -> Result<FrontMatter, Vec<Problem>> {
    let line_of = |key: &str| line_of_key(split.yaml, key);
    let mut problems = Vec::new();
    let mapping = known_fields(file, split.yaml, fields(), &mut problems)?;
    // Only known fields are left, each taken as it is written.
    let written: Written = serde_norway::from_value(Value::Mapping(mapping)).map_err(|error| {
        vec![Problem::new(
            file,
            OPENING,
            format!("the front matter could not be read ({error})"),
        )]
    })?;

    let mut text_field = |key: &str, slot: &Slot, required: bool| {
        text(file, split.yaml, key, slot.value(), required, &mut problems)
    };
    let title = text_field("title", &written.title, true);
    let date = text_field("date", &written.date, true);
    let category = text_field("category", &written.category, true);
    let excerpt = text_field("excerpt", &written.excerpt, false);
    let author = text_field("author", &written.author, false);
    let updated = text_field("updated", &written.updated, false);
    let reviewed_by = text_field("reviewed_by", &written.reviewed_by, false);
    let reviewed = text_field("reviewed", &written.reviewed, false);
    let image_src = text_field("image", &written.image, false);
    let image_alt = text_field("image_alt", &written.image_alt, false);

    for (key, value) in [
        ("date", &date),
        ("updated", &updated),
        ("reviewed", &reviewed),
    ] {
        if let Some(value) = value
            && !is_valid_date(value)
        {
            problems.push(Problem::new(
                file,
                line_of(key),
                format!("`{key}: {value}` is not a date: write it as YYYY-MM-DD, like 2026-03-14"),
            ));
        }
    }
    if let (Some(date), Some(updated)) = (&date, &updated)
        && is_valid_date(date)
        && is_valid_date(updated)
        && updated < date
    {
        problems.push(Problem::new(
            file,
            line_of("updated"),
            format!(
                "`updated: {updated}` is before `date: {date}`: an update comes after publication"
            ),
        ));
    }

    let review = match (reviewed_by, reviewed) {
        (Some(by), Some(on)) => Some((by, on)),
        (Some(_), None) => {
            problems.push(Problem::new(
                file,
                line_of("reviewed_by"),
                "`reviewed_by` needs `reviewed`: add the date of the review, like `reviewed: 2026-03-14`",
            ));
            None
        }
        (None, Some(_)) => {
            problems.push(Problem::new(
                file,
                line_of("reviewed"),
                "`reviewed` without `reviewed_by`: add who reviewed the article (an author file's name, like `reviewed_by: lena-marsh`)",
            ));
            None
        }
        (None, None) => None,
    };

    let image = match (image_src, image_alt) {
        (Some(src), Some(alt)) => Some(Image::new(src, alt)),
        (Some(_), None) => {
            problems.push(Problem::new(
                file,
                line_of("image"),
                "`image` needs `image_alt`: add a line describing what the image shows",
            ));
            None
        }
        (None, Some(_)) => {
            problems.push(Problem::new(
                file,
                line_of("image_alt"),
                "`image_alt` without `image`: add the `image:` path, or remove `image_alt`",
            ));
            None
        }
        (None, None) => None,
    };

    let tags = match written.tags.value() {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Sequence(items)) => {
            let mut tags = Vec::new();
            for item in items {
                match scalar(item).map(|s| s.trim().to_owned()) {
                    Some(tag) if !tag.is_empty() => tags.push(tag),
                    _ => problems.push(Problem::new(
                        file,
                        line_of("tags"),
                        "every tag must be a short name: `tags: [sleep, habits]`",
                    )),
                }
            }
            tags
        }
        Some(_) => {
            problems.push(Problem::new(
                file,
                line_of("tags"),
                "`tags` must be a list: write `tags: [sleep, habits]`",
            ));
            Vec::new()
        }
    };

    let draft = flag(
        file,
        split.yaml,
        "draft",
        written.draft.value(),
        &mut problems,
    );

    let lines = FieldLines {
        category: line_of("category"),
        tags: line_of("tags"),
        image: line_of("image"),
        author: line_of("author"),
        reviewed_by: line_of("reviewed_by"),
    };
    match (title, date, category) {
        (Some(title), Some(date), Some(category)) if problems.is_empty() => Ok(FrontMatter {
            title,
            date,
            category,
            excerpt,
            tags,
            author,
            review,
            updated,
            image,
            draft,
            lines,
        }),
        _ => Err(problems),
    }
}

/// The line front matter opens on: problems with no line of their own.
const OPENING: usize = 1;

/// The line of top-level `key:` in the front matter `yaml`, counted in the
/// file; the opening line when it is not written.
pub(crate) fn line_of_key(yaml: &str, key: &str) -> usize {
    key_line(yaml, key).map_or(OPENING, |l| l + OPENING)
}

/// The front matter `yaml` as a mapping of the `known` fields. An unknown
/// field is a problem (with the closest known one suggested) and is left
/// out; YAML that cannot be read is the only problem returned.
pub(crate) fn known_fields(
    file: &Path,
    yaml: &str,
    known: &[&str],
    problems: &mut Vec<Problem>,
) -> Result<Mapping, Vec<Problem>> {
    let mut mapping = match serde_norway::from_str::<Option<Mapping>>(yaml) {
        Ok(Some(mapping)) => mapping,
        Ok(None) => Mapping::new(),
        Err(error) => {
            let line = error.location().map_or(OPENING, |l| l.line() + OPENING);
            let reason = error.to_string();
            let reason = reason.split(" at line ").next().unwrap_or(&reason);
            return Err(vec![Problem::new(
                file,
                line,
                format!(
                    "the front matter is not valid YAML ({reason}): write one `field: value` per line"
                ),
            )]);
        }
    };
    mapping.retain(|key, _| {
        let name = scalar(key).unwrap_or_default();
        if known.contains(&name.as_str()) {
            return true;
        }
        let hint = match closest(&name, known) {
            Some(field) => format!("did you mean `{field}`?"),
            None => format!("the known fields are {}", known.join(", ")),
        };
        problems.push(Problem::new(
            file,
            line_of_key(yaml, &name),
            format!("unknown field `{name}`: {hint}"),
        ));
        false
    });
    Ok(mapping)
}

/// A plain-text field as written (`None` when it is not), trimmed; a
/// missing required field, an empty one, or a list or map is a problem.
pub(crate) fn text(
    file: &Path,
    yaml: &str,
    key: &str,
    value: Option<&Value>,
    required: bool,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    match value {
        None if required => {
            problems.push(Problem::new(
                file,
                OPENING,
                format!("missing `{key}`: add a `{key}: ...` line to the front matter"),
            ));
            None
        }
        None => None,
        Some(value) => match scalar(value).map(|s| s.trim().to_owned()) {
            Some(text) if !text.is_empty() => Some(text),
            Some(_) | None if matches!(value, Value::Null) || scalar(value).is_some() => {
                problems.push(Problem::new(
                    file,
                    line_of_key(yaml, key),
                    format!("`{key}` is empty: write a value after `{key}:`, or remove the line"),
                ));
                None
            }
            _ => {
                problems.push(Problem::new(
                    file,
                    line_of_key(yaml, key),
                    format!("`{key}` must be plain text, not a list or a map"),
                ));
                None
            }
        },
    }
}

/// A `true`/`false` field, false when not written.
pub(crate) fn flag(
    file: &Path,
    yaml: &str,
    key: &str,
    value: Option<&Value>,
    problems: &mut Vec<Problem>,
) -> bool {
    match value {
        None => false,
        Some(Value::Bool(on)) => *on,
        Some(_) => {
            problems.push(Problem::new(
                file,
                line_of_key(yaml, key),
                format!("`{key}` must be `true` or `false`"),
            ));
            false
        }
    }
}

/// Text of a YAML scalar: strings as they are, numbers and booleans as written.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => Some(String::new()),
        _ => None,
    }
}

/// The 1-based line within `yaml` where top-level `key:` is written.
fn key_line(yaml: &str, key: &str) -> Option<usize> {
    yaml.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|index| index + 1)
}

/// The field names in the first column of the README's table under
/// `header`: the fields it documents, for tests that hold it to the code.
#[cfg(test)]
pub(crate) fn readme_fields(header: &str) -> Vec<&'static str> {
    let readme = include_str!("../../../README.md");
    let table = readme
        .split(header)
        .nth(1)
        .unwrap_or_else(|| panic!("the README's table starting `{header}`"));
    table
        .lines()
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .flat_map(|line| line.split('|').nth(1))
        .flat_map(|cell| cell.split(',').map(|name| name.trim().trim_matches('`')))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fields_are_the_written_struct_s() {
        assert_eq!(
            fields(),
            [
                "title",
                "date",
                "category",
                "tags",
                "excerpt",
                "author",
                "reviewed_by",
                "reviewed",
                "updated",
                "image",
                "image_alt",
                "draft"
            ]
        );
    }

    #[test]
    fn the_readme_documents_every_field() {
        assert_eq!(readme_fields("| field | | meaning |"), fields());
    }

    #[test]
    fn finds_the_line_of_a_key() {
        let yaml = "title: A\ndate: 2026-01-01\ntags: [a]\n";
        assert_eq!(key_line(yaml, "date"), Some(2));
        assert_eq!(key_line(yaml, "tags"), Some(3));
        assert_eq!(key_line(yaml, "author"), None);
    }
}
