//! Problems found in the content, each tied to a file and a line, worded so
//! the author knows what to change.

use std::{fmt, path::PathBuf};

/// One thing wrong with the content: in a line of a text file, or in a
/// whole file (line 0), such as an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, as the author knows it (relative to the site root).
    pub file: PathBuf,
    /// The 1-based line the problem is on; 0 for the whole file.
    pub line: usize,
    /// What is wrong and what to do about it.
    pub message: String,
}

impl Problem {
    /// A problem at `line` of `file`.
    pub fn new(file: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            line,
            message: message.into(),
        }
    }
}

impl Problem {
    /// A TOML file that cannot be read as expected: the parser's message,
    /// on the line it points at, followed by `advice`.
    pub fn from_toml(
        file: impl Into<PathBuf>,
        text: &str,
        error: &toml::de::Error,
        advice: &str,
    ) -> Self {
        let line = error.span().map_or(1, |span| {
            text[..span.start.min(text.len())].matches('\n').count() + 1
        });
        Self::new(
            file,
            line,
            format!("{}: {advice}", error.message().trim_end_matches('.')),
        )
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
        }
    }
}

/// Every problem found in one build, reported together so an author can
/// fix them in one pass.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.0.len();
        writeln!(
            f,
            "the content has {count} problem{}:",
            if count == 1 { "" } else { "s" }
        )?;
        for problem in &self.0 {
            writeln!(f, "  {problem}")?;
        }
        write!(
            f,
            "nothing was published; fix the lines above and build again"
        )
    }
}

impl std::error::Error for Problems {}

/// The known name closest to `unknown`, when it is close enough to be a
/// likely typo (edit distance at most a third of its length, and at least 2).
pub fn closest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    let limit = (unknown.chars().count() / 3).max(2);
    known
        .iter()
        .map(|k| (strsim::levenshtein(&unknown.to_lowercase(), k), *k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_known_name() {
        let known = ["title", "date", "category", "tags", "excerpt"];
        assert_eq!(closest("titel", &known), Some("title"));
        assert_eq!(closest("catgory", &known), Some("category"));
        assert_eq!(closest("Tags", &known), Some("tags"));
        assert_eq!(closest("summary", &known), None);
    }

    #[test]
    fn formats_as_file_line_message() {
        let p = Problem::new("content/articles/a.md", 3, "missing `title`");
        assert_eq!(p.to_string(), "content/articles/a.md:3: missing `title`");
        let whole = Problem::new("public/images/a.jpg", 0, "cannot be read");
        assert_eq!(whole.to_string(), "public/images/a.jpg: cannot be read");
    }
}
