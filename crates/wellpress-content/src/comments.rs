//! Approved comments: one YAML file per comment under
//! `content/comments/<article-slug>/`, in the layout Staticman writes.
//! Email addresses are read past and never published.

use std::{
    collections::{BTreeMap, HashMap, HashSet},
    fs,
    path::{Path, PathBuf},
};

use anyhow::{Context, Result};
use serde_norway::{Mapping, Value};
use wellpress_types::Comment;

use crate::{dates::iso_from_unix, problem::Problem};

/// Where approved comments live, relative to the site root.
pub const DIR: &str = "content/comments";

/// Reads every approved comment, by article slug, oldest first. Problems
/// are added to `problems`; comments of unknown articles are reported.
pub fn read(
    root: &Path,
    articles: &HashSet<String>,
    drafts: &HashSet<String>,
    problems: &mut Vec<Problem>,
) -> Result<BTreeMap<String, Vec<Comment>>> {
    let mut by_article = BTreeMap::new();
    let dir = root.join(DIR);
    if !dir.is_dir() {
        return Ok(by_article);
    }
    for entry in sorted_entries(&dir)? {
        if !entry.is_dir() {
            continue;
        }
        let slug = entry
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let shown_dir = Path::new(DIR).join(&slug);
        // A draft's comments wait, unpublished, with the draft.
        if drafts.contains(&slug) {
            continue;
        }
        if !articles.contains(&slug) {
            problems.push(Problem::new(
                &shown_dir,
                1,
                format!("there is no published article `{slug}` for these comments: rename the folder to the article's file name"),
            ));
            continue;
        }
        let mut comments = Vec::new();
        let mut sources = Vec::new();
        for path in sorted_entries(&entry)? {
            if !path.extension().is_some_and(|e| e == "yml" || e == "yaml") {
                continue;
            }
            let file = shown_dir.join(path.file_name().unwrap_or_default());
            let text =
                fs::read_to_string(&path).with_context(|| format!("reading {}", file.display()))?;
            let id = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            match parse(&file, &id, &text) {
                Ok(comment) => {
                    comments.push(comment);
                    sources.push(Source {
                        id_line: line_of(&text, "_id"),
                        reply_line: line_of(&text, "replying_to"),
                        file,
                    });
                }
                Err(problem) => problems.push(problem),
            }
        }
        let mut first_with = HashMap::new();
        for (i, comment) in comments.iter().enumerate() {
            if let Some(&first) = first_with.get(comment.id.as_str()) {
                let first: &Source = &sources[first];
                problems.push(Problem::new(
                    &sources[i].file,
                    sources[i].id_line,
                    format!(
                        "this comment has the id `{}`, like {}: give one of them another `_id`",
                        comment.id,
                        first.file.display()
                    ),
                ));
            } else {
                first_with.insert(comment.id.as_str(), i);
            }
        }
        check_replies(&comments, &sources, problems);
        comments.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
        by_article.insert(slug, comments);
    }
    Ok(by_article)
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("reading the folder {}", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    entries.sort();
    Ok(entries)
}

/// Parses one comment file. The `email` field is deliberately not read.
pub fn parse(file: &Path, file_id: &str, text: &str) -> Result<Comment, Problem> {
    let mapping: Mapping = serde_norway::from_str(text).map_err(|error| {
        let line = error.location().map_or(1, |l| l.line());
        Problem::new(
            file,
            line,
            format!("this comment file is not valid YAML: {error}"),
        )
    })?;
    let line_of = |key: &str| line_of(text, key);
    let text_of = |key: &str| -> Option<String> {
        match mapping.get(key)? {
            Value::String(s) => Some(s.trim().to_owned()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
        .filter(|s| !s.is_empty())
    };
    let required = |key: &str| {
        text_of(key).ok_or_else(|| {
            Problem::new(
                file,
                line_of(key),
                format!("the comment has no `{key}`: add `{key}: ...`"),
            )
        })
    };
    let name = required("name")?;
    let message = required("message")?;
    let date = match mapping.get("date") {
        // Seconds; a value this large can only be milliseconds.
        Some(Value::Number(n)) => n
            .as_i64()
            .and_then(|t| iso_from_unix(if t > 100_000_000_000 { t / 1000 } else { t })),
        Some(Value::String(s)) if looks_like_iso(s.trim()) => Some(s.trim().to_owned()),
        _ => None,
    }
    .ok_or_else(|| {
        Problem::new(
            file,
            line_of("date"),
            "the comment's `date` must be ISO 8601 (2026-11-20T14:03:00Z) or Unix seconds",
        )
    })?;
    let url = text_of("url").filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    Ok(Comment {
        id: text_of("_id").unwrap_or_else(|| file_id.to_owned()),
        name,
        url,
        message,
        date,
        replying_to: text_of("replying_to"),
    })
}

/// Where a comment was read from, for the problems that name it.
struct Source {
    file: PathBuf,
    id_line: usize,
    reply_line: usize,
}

/// The line of a comment file's `key:` (the first line without one).
fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with(&format!("{key}:")))
        .map_or(1, |i| i + 1)
}

fn check_replies(comments: &[Comment], sources: &[Source], problems: &mut Vec<Problem>) {
    for (comment, source) in comments.iter().zip(sources) {
        let Some(parent) = &comment.replying_to else {
            continue;
        };
        let mut seen = vec![comment.id.as_str()];
        let mut current = parent.as_str();
        loop {
            let Some(found) = comments.iter().find(|c| c.id == current) else {
                problems.push(Problem::new(
                    &source.file,
                    source.reply_line,
                    format!("`replying_to: {current}` names no comment on this article: fix the id or remove the line"),
                ));
                break;
            };
            if seen.contains(&found.id.as_str()) {
                problems.push(Problem::new(
                    &source.file,
                    source.reply_line,
                    "this comment's replies loop back to it: one `replying_to` in the chain is wrong",
                ));
                break;
            }
            seen.push(&found.id);
            match &found.replying_to {
                Some(next) => current = next,
                None => break,
            }
        }
    }
}

fn looks_like_iso(s: &str) -> bool {
    s.get(..10).is_some_and(crate::dates::is_valid_date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_reads_the_email() {
        let text =
            "_id: c1\nname: Ann\nemail: ann@example.org\nmessage: Hi\ndate: 2026-11-20T10:00:00Z\n";
        let comment = parse(Path::new("x.yml"), "file", text).unwrap();
        assert_eq!(comment.id, "c1");
        assert!(!format!("{comment:?}").contains("example.org"));
    }

    #[test]
    fn keeps_only_web_addresses_as_websites() {
        let text = "name: Ann\nurl: javascript:alert(1)\nmessage: Hi\ndate: 1795000000\n";
        let comment = parse(Path::new("x.yml"), "c2", text).unwrap();
        assert_eq!(comment.url, None);
        assert_eq!(comment.id, "c2");
        assert_eq!(comment.date, "2026-11-18T11:06:40Z");
    }

    #[test]
    fn requires_name_and_message() {
        let problem = parse(
            Path::new("c.yml"),
            "c",
            "name: Ann\ndate: 1\nmessage: \"  \"\n",
        )
        .unwrap_err();
        assert_eq!(
            problem.to_string(),
            "c.yml:3: the comment has no `message`: add `message: ...`"
        );
    }
}
