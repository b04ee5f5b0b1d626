//! The reader: the manifest, the shards a query needs, and the search.
//!
//! A search runs in rounds. [`Index::needs`] names the files the next round
//! needs that are not loaded yet; the caller fetches them (with its own
//! fetch code) and hands them to [`Loaded::insert`], until nothing is
//! missing; then [`Index::search`] answers. The rounds are: the dictionary
//! shards of the query's words (and the category file for a filter); the
//! shards of words within one typo, only for a word that matched nothing;
//! the postings shards of the matched terms. The fragments of the results
//! shown come last ([`Index::fragments`]).

use std::{cmp::Reverse, ops::Range};

use crate::{
    codec::{Corrupt, Reader},
    format::{self, Field, MAGIC},
    text, typo,
};

/// Words of at least this many characters match a term one typo away
/// (as Meilisearch and Typesense do by default).
pub const TYPO_MIN_CHARS: usize = 5;
/// Terms that a word typed so far stands for, at most, the most frequent
/// first: every one costs its postings.
const MAX_PREFIX_TERMS: usize = 8;
/// Shortest word that matches as a prefix, or that is looked for among its
/// neighbours (typos, suggestions): one or two letters would fetch the
/// postings of a whole letter's worth of words.
const MIN_PREFIX_CHARS: usize = 3;
/// Terms one typo away that a word stands for, at most.
const MAX_TYPO_TERMS: usize = 4;
/// An excerpt's length, in bytes of text, before "…".
const EXCERPT_BYTES: usize = 170;
/// How much text an excerpt keeps before its first match, at most.
const EXCERPT_LEAD: usize = 40;

/// A category of the filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub slug: String,
    pub name: String,
}

/// The manifest: enough to know which shard holds what.
#[derive(Debug, Clone)]
pub struct Index {
    version: String,
    documents: u32,
    terms: u32,
    categories: Vec<Category>,
    /// The first term of each dictionary shard.
    dictionaries: Vec<String>,
    /// The first term number of each postings shard.
    postings: Vec<u32>,
}

/// A query, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    words: Vec<Word>,
    /// The last word may still be being typed: it also matches as a prefix.
    prefix: bool,
    category: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    /// Folded, as typed.
    raw: String,
    /// The term it is indexed under.
    stem: String,
}

/// Files fetched so far, parsed. (Vectors, not hash maps: each map type
/// would add its own code to the app's wasm.)
#[derive(Debug, Default)]
pub struct Loaded {
    /// By shard number.
    dictionaries: Vec<Option<Vec<Entry>>>,
    /// By shard number.
    postings: Vec<Option<Postings>>,
    /// Each article's category, by article number.
    categories: Option<Vec<u16>>,
    /// By article number, in the order they were loaded.
    fragments: Vec<(u32, Fragment)>,
}

/// A dictionary entry.
#[derive(Debug, Clone)]
struct Entry {
    term: String,
    ordinal: u32,
    /// Articles with the term.
    count: u32,
    /// Mostly written with a final `s`.
    plural: bool,
}

#[derive(Debug)]
struct Postings {
    first: u32,
    bytes: Vec<u8>,
    /// Each term's postings, as a range of `bytes`.
    ranges: Vec<Range<usize>>,
}

#[derive(Debug, Clone)]
struct Fragment {
    title: String,
    category: usize,
    date: String,
    slug: String,
    excerpt: String,
    text: String,
}

/// How a term matched a word: the better, the higher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Typo = 0,
    Prefix = 1,
    Exact = 2,
}

/// The articles a query found, best first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    /// Article numbers, best first: pass a page of them to
    /// [`Index::fragments`] and [`Loaded::result`].
    pub hits: Vec<u32>,
    /// No article has every word: these have some of them, those with the
    /// most words first.
    pub partial: bool,
    /// A query of close dictionary words, when some word matched nothing.
    pub suggestion: Option<String>,
    /// What to highlight.
    pub highlight: Highlight,
}

/// The words a result highlights: the terms the query matched, and the
/// prefix being typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlight {
    terms: Vec<String>,
    prefix: Option<String>,
}

/// Text with the words a query matched marked, as byte ranges of `text`:
/// build the marks from text nodes, never as HTML.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marked {
    pub text: String,
    pub marks: Vec<Range<usize>>,
}

/// One result, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub title: Marked,
    pub category: Category,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub slug: String,
    /// Text around the best match in the body, or the card's excerpt when
    /// only the title matched.
    pub excerpt: Marked,
}

impl Query {
    /// Parses what the reader typed. The last word also matches as a
    /// prefix unless the text ends with a space.
    pub fn new(typed: &str) -> Query {
        let mut words: Vec<Word> = Vec::new();
        for (_, raw) in text::words(typed) {
            let stem = text::stem(&raw).to_owned();
            if let Some(at) = words.iter().position(|w| w.stem == stem) {
                // A repeated word counts once, as its last spelling.
                words.remove(at);
            }
            words.push(Word { raw, stem });
        }
        let prefix = !typed.ends_with(char::is_whitespace);
        Query {
            words,
            prefix,
            category: None,
        }
    }

    /// Only articles of the category `slug`.
    pub fn in_category(mut self, slug: Option<&str>) -> Query {
        self.category = slug.map(str::to_owned);
        self
    }

    /// No words to look for.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    fn is_prefix(&self, i: usize) -> bool {
        self.prefix
            && i + 1 == self.words.len()
            && self.words[i].raw.chars().count() >= MIN_PREFIX_CHARS
    }
}

impl Index {
    /// Reads the manifest (`index.bin`).
    pub fn parse(bytes: &[u8]) -> Result<Index, Corrupt> {
        let mut r = Reader::new(bytes);
        if r.take(4)? != MAGIC {
            return Err(Corrupt);
        }
        let version = r.str()?.to_owned();
        let documents = r.u32()?;
        let terms = r.u32()?;
        let mut categories = Vec::new();
        for _ in 0..r.len()? {
            categories.push(Category {
                slug: r.str()?.to_owned(),
                name: r.str()?.to_owned(),
            });
        }
        let mut dictionaries: Vec<String> = Vec::new();
        for _ in 0..r.len()? {
            let shared = r.len()?;
            let previous = dictionaries.last().map_or("", String::as_str);
            let mut term = previous.get(..shared).ok_or(Corrupt)?.to_owned();
            term.push_str(r.str()?);
            dictionaries.push(term);
        }
        let mut postings = Vec::new();
        let mut first = 0_u32;
        for _ in 0..r.len()? {
            first = first.checked_add(r.u32()?).ok_or(Corrupt)?;
            postings.push(first);
        }
        Ok(Index {
            version,
            documents,
            terms,
            categories,
            dictionaries,
            postings,
        })
    }

    /// The folder of this version's files.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Articles in the index.
    pub fn documents(&self) -> u32 {
        self.documents
    }

    /// Distinct terms in the index.
    pub fn terms(&self) -> u32 {
        self.terms
    }

    /// The categories a query can be limited to.
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// The files the next round of `query` needs that are not in `loaded`,
    /// by path in the search folder; none when it can be answered.
    pub fn needs(&self, query: &Query, loaded: &Loaded) -> Vec<String> {
        self.run(query, loaded).err().unwrap_or_default()
    }

    /// Answers `query` from `loaded`; `Err` names the files still missing.
    pub fn search(&self, query: &Query, loaded: &Loaded) -> Result<Results, Vec<String>> {
        self.run(query, loaded)
    }

    /// The fragments of `hits` (a page of results) not loaded yet.
    pub fn fragments(&self, hits: &[u32], loaded: &Loaded) -> Vec<String> {
        hits.iter()
            .filter(|&&d| loaded.fragment(d).is_none())
            .map(|&d| format::fragment(&self.version, d))
            .collect()
    }

    fn run(&self, query: &Query, loaded: &Loaded) -> Result<Results, Vec<String>> {
        if query.words.is_empty() || self.dictionaries.is_empty() {
            return Ok(Results::default());
        }
        let mut missing = Missing::default();
        let category = match &query.category {
            Some(slug) => match self.categories.iter().position(|c| &c.slug == slug) {
                Some(at) => {
                    if loaded.categories.is_none() {
                        missing.add(format::categories(&self.version));
                    }
                    Some(at as u16)
                }
                // No such category: nothing can be in it.
                None => return Ok(Results::default()),
            },
            None => None,
        };

        // Round 1: each word's own dictionary shards.
        for (i, word) in query.words.iter().enumerate() {
            missing.add_shards(
                self,
                self.shard_of(&word.stem)..self.shard_of(&word.stem) + 1,
                loaded,
            );
            if query.is_prefix(i) {
                missing.add_shards(self, self.shards_of_prefix(&word.raw), loaded);
            }
        }
        missing.done()?;
        let mut matches: Vec<Vec<(Entry, Kind)>> = Vec::new();
        for (i, word) in query.words.iter().enumerate() {
            let mut found: Vec<(Entry, Kind)> = Vec::new();
            let shard = self.shard_of(&word.stem);
            if let Some(e) = loaded
                .dictionary(shard)
                .iter()
                .find(|e| e.term == word.stem)
            {
                found.push((e.clone(), Kind::Exact));
            }
            if query.is_prefix(i) {
                let longer = self
                    .shards_of_prefix(&word.raw)
                    .flat_map(|s| loaded.dictionary(s))
                    .filter(|e| e.term.starts_with(&word.raw) && e.term != word.stem);
                found.extend(most_frequent(longer, MAX_PREFIX_TERMS, Kind::Prefix));
            }
            matches.push(found);
        }

        // Round 2: the neighbourhood of words that matched nothing, for
        // typos and suggestions.
        let lonely = |word: &Word, found: &Vec<(Entry, Kind)>| {
            found.is_empty() && word.raw.chars().count() >= MIN_PREFIX_CHARS
        };
        for (word, found) in query.words.iter().zip(&matches) {
            if lonely(word, found) {
                missing.add_shards(self, self.shards_of_prefix(typo_prefix(&word.raw)), loaded);
            }
        }
        missing.done()?;
        let mut suggestion_words: Vec<Option<String>> = vec![None; query.words.len()];
        for (i, (word, found)) in query.words.iter().zip(&mut matches).enumerate() {
            if !lonely(word, found) {
                continue;
            }
            let near: Vec<&Entry> = self
                .shards_of_prefix(typo_prefix(&word.raw))
                .flat_map(|s| loaded.dictionary(s))
                .collect();
            if word.raw.chars().count() >= TYPO_MIN_CHARS {
                let close = near.iter().copied().filter(|e| {
                    typo::within_one(&e.term, &word.stem) || typo::within_one(&e.term, &word.raw)
                });
                found.extend(most_frequent(close, MAX_TYPO_TERMS, Kind::Typo));
            }
            if found.is_empty() {
                let limit = if word.raw.chars().count() >= TYPO_MIN_CHARS {
                    2
                } else {
                    1
                };
                suggestion_words[i] = near
                    .iter()
                    .filter_map(|e| typo::distance(&e.term, &word.stem, limit).map(|d| (d, e)))
                    .min_by(|(d1, a), (d2, b)| {
                        d1.cmp(d2)
                            .then(b.count.cmp(&a.count))
                            .then_with(|| a.term.cmp(&b.term))
                    })
                    .map(|(_, e)| e.spelling());
            } else {
                // Found through a typo: suggest the spelling it stands for.
                suggestion_words[i] = found.first().map(|(e, _)| e.spelling());
            }
        }

        // Round 3: the postings of every matched term.
        for found in &matches {
            for (e, _) in found {
                let shard = self.postings_of(e.ordinal);
                if loaded.postings(shard).is_none() {
                    missing.add(format::postings(&self.version, shard));
                }
            }
        }
        missing.done()?;

        // Each word's best score in each article: the field counts most,
        // then how the term matched.
        let n = self.documents as usize;
        let mut scores: Vec<Vec<u8>> = Vec::with_capacity(matches.len());
        for found in &matches {
            let mut best = vec![0_u8; n];
            for (e, kind) in found {
                let Some(postings) = loaded.postings(self.postings_of(e.ordinal)) else {
                    continue;
                };
                let Some(range) = postings.ranges.get((e.ordinal - postings.first) as usize) else {
                    continue;
                };
                let mut r = Reader::new(&postings.bytes[range.clone()]);
                for field in [Field::Title, Field::Heading, Field::Body] {
                    let score = (field as u8) * 4 + *kind as u8;
                    let _ = r.set(|doc| {
                        if let Some(b) = best.get_mut(doc as usize) {
                            *b = (*b).max(score);
                        }
                    });
                }
            }
            scores.push(best);
        }
        let in_category = |doc: usize| match (category, &loaded.categories) {
            (Some(c), Some(of)) => of.get(doc) == Some(&c),
            _ => true,
        };
        // (words matched, score, article): more words, then a higher score,
        // then the newer article (a lower number).
        let mut ranked: Vec<(usize, u32, u32)> = (0..n)
            .filter(|&d| in_category(d))
            .filter_map(|d| {
                let words = scores.iter().filter(|s| s[d] > 0).count();
                let score = scores.iter().map(|s| u32::from(s[d])).sum();
                (words > 0).then_some((words, score, d as u32))
            })
            .collect();
        let all = query.words.len();
        let every_word = ranked.iter().any(|r| r.0 == all);
        if every_word {
            ranked.retain(|r| r.0 == all);
        }
        ranked.sort_unstable_by_key(|&(words, score, doc)| (Reverse(words), Reverse(score), doc));

        let suggestion = (!every_word && suggestion_words.iter().any(Option::is_some)).then(|| {
            query
                .words
                .iter()
                .zip(suggestion_words)
                .map(|(w, s)| s.unwrap_or_else(|| w.raw.clone()))
                .collect::<Vec<_>>()
                .join(" ")
        });
        let highlight = Highlight {
            terms: matches
                .iter()
                .flatten()
                .map(|(e, _)| e.term.clone())
                .collect(),
            prefix: query
                .words
                .last()
                .filter(|_| query.is_prefix(query.words.len() - 1))
                .map(|w| w.raw.clone()),
        };
        Ok(Results {
            partial: !every_word && !ranked.is_empty(),
            hits: ranked.into_iter().map(|r| r.2).collect(),
            suggestion,
            highlight,
        })
    }

    /// The dictionary shard that would hold `term`.
    fn shard_of(&self, term: &str) -> usize {
        self.dictionaries
            .partition_point(|first| first.as_str() <= term)
            .saturating_sub(1)
    }

    /// The dictionary shards that may hold terms starting with `prefix`.
    fn shards_of_prefix(&self, prefix: &str) -> Range<usize> {
        let first = self.shard_of(prefix);
        let end = self
            .dictionaries
            .partition_point(|f| f.as_str() < prefix || f.starts_with(prefix));
        first..end.max(first + 1).min(self.dictionaries.len().max(1))
    }

    /// The postings shard of term number `ordinal`.
    fn postings_of(&self, ordinal: u32) -> usize {
        self.postings
            .partition_point(|&first| first <= ordinal)
            .saturating_sub(1)
    }
}

/// The `limit` entries in the most articles, as matches of `kind`.
fn most_frequent<'a>(
    entries: impl Iterator<Item = &'a Entry>,
    limit: usize,
    kind: Kind,
) -> impl Iterator<Item = (Entry, Kind)> {
    let mut entries: Vec<&Entry> = entries.collect();
    entries.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.term.cmp(&b.term)));
    entries
        .into_iter()
        .take(limit)
        .map(move |e| (e.clone(), kind))
}

/// Where a word's neighbours within a typo are looked for: terms that share
/// its first two letters (a typo in the first two is not looked for: it
/// would need most of the dictionary).
fn typo_prefix(raw: &str) -> &str {
    let end = raw.char_indices().nth(2).map_or(raw.len(), |(at, _)| at);
    &raw[..end]
}

impl Entry {
    /// How the term is mostly written.
    fn spelling(&self) -> String {
        if self.plural {
            format!("{}s", self.term)
        } else {
            self.term.clone()
        }
    }
}

/// Slot `n` of `v`, made if it is not there yet.
fn slot<T>(v: &mut Vec<Option<T>>, n: usize) -> &mut Option<T> {
    if v.len() <= n {
        v.resize_with(n + 1, || None);
    }
    &mut v[n]
}

/// Files a round still needs, each once.
#[derive(Default)]
struct Missing(Vec<String>);

impl Missing {
    fn add(&mut self, file: String) {
        if !self.0.contains(&file) {
            self.0.push(file);
        }
    }

    fn add_shards(&mut self, index: &Index, shards: Range<usize>, loaded: &Loaded) {
        for s in shards {
            if loaded.dictionaries.get(s).is_none_or(Option::is_none) {
                self.add(format::dictionary(&index.version, s));
            }
        }
    }

    fn done(&mut self) -> Result<(), Vec<String>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(std::mem::take(&mut self.0))
        }
    }
}

impl Loaded {
    /// Keeps `bytes`, fetched from `path` (a name that [`Index::needs`] or
    /// [`Index::fragments`] gave).
    pub fn insert(&mut self, index: &Index, path: &str, bytes: Vec<u8>) -> Result<(), Corrupt> {
        let name = path
            .strip_prefix(index.version.as_str())
            .and_then(|p| p.strip_prefix('/'))
            .and_then(|p| p.strip_suffix(".bin"))
            .ok_or(Corrupt)?;
        let number = |s: &str| s.parse::<u32>().map_err(|_| Corrupt);
        let mut r = Reader::new(&bytes);
        if let Some(n) = name.strip_prefix("f/") {
            let fragment = Fragment {
                title: r.str()?.to_owned(),
                category: r.len()?,
                date: r.str()?.to_owned(),
                slug: r.str()?.to_owned(),
                excerpt: r.str()?.to_owned(),
                text: r.str()?.to_owned(),
            };
            let doc = number(n)?;
            if self.fragment(doc).is_none() {
                self.fragments.push((doc, fragment));
            }
        } else if let Some(n) = name.strip_prefix('d') {
            let first = r.u32()?;
            let count = r.u32()?;
            let mut entries: Vec<Entry> = Vec::new();
            for ordinal in first..first.checked_add(count).ok_or(Corrupt)? {
                let shared = r.len()?;
                let previous = entries.last().map_or("", |e| e.term.as_str());
                let mut term = previous.get(..shared).ok_or(Corrupt)?.to_owned();
                term.push_str(r.str()?);
                let count = r.varint()?;
                entries.push(Entry {
                    term,
                    ordinal,
                    count: (count >> 1) as u32,
                    plural: count & 1 == 1,
                });
            }
            *slot(&mut self.dictionaries, number(n)? as usize) = Some(entries);
        } else if let Some(n) = name.strip_prefix('p') {
            let n = number(n)? as usize;
            let first = *index.postings.get(n).ok_or(Corrupt)?;
            let count = r.len()?;
            let header = bytes.len();
            let mut ranges = Vec::with_capacity(count);
            for _ in 0..count {
                let len = r.len()?;
                let start = header - r.rest_len();
                r.take(len)?;
                ranges.push(start..start + len);
            }
            *slot(&mut self.postings, n) = Some(Postings {
                first,
                bytes,
                ranges,
            });
        } else if name == "c" {
            let mut of = vec![0_u16; index.documents as usize];
            for c in 0..index.categories.len() {
                r.set(|doc| {
                    if let Some(slot) = of.get_mut(doc as usize) {
                        *slot = c as u16;
                    }
                })?;
            }
            self.categories = Some(of);
        } else {
            return Err(Corrupt);
        }
        Ok(())
    }

    /// The entries of dictionary shard `n`; none when it is not loaded.
    fn dictionary(&self, n: usize) -> &[Entry] {
        self.dictionaries
            .get(n)
            .and_then(Option::as_deref)
            .unwrap_or_default()
    }

    fn postings(&self, n: usize) -> Option<&Postings> {
        self.postings.get(n).and_then(Option::as_ref)
    }

    fn fragment(&self, doc: u32) -> Option<&Fragment> {
        self.fragments
            .iter()
            .find(|(d, _)| *d == doc)
            .map(|(_, f)| f)
    }

    /// Result `doc` of `results`, once its fragment is loaded.
    pub fn result(&self, index: &Index, results: &Results, doc: u32) -> Option<Shown> {
        let f = self.fragment(doc)?;
        let hl = &results.highlight;
        let title = Marked {
            marks: marks(&f.title, hl),
            text: f.title.clone(),
        };
        let excerpt = excerpt(&f.text, hl).unwrap_or_else(|| Marked {
            marks: marks(&f.excerpt, hl),
            text: f.excerpt.clone(),
        });
        Some(Shown {
            title,
            category: index.categories.get(f.category)?.clone(),
            date: f.date.clone(),
            slug: f.slug.clone(),
            excerpt,
        })
    }
}

impl Highlight {
    fn matches(&self, word: &str) -> bool {
        self.terms.iter().any(|t| t == text::stem(word))
            || self
                .prefix
                .as_ref()
                .is_some_and(|p| word.starts_with(p.as_str()))
    }
}

/// The byte ranges of the words of `text` that `hl` matches.
fn marks(text: &str, hl: &Highlight) -> Vec<Range<usize>> {
    text::words(text)
        .filter(|(_, w)| hl.matches(w))
        .map(|(r, _)| r)
        .collect()
}

/// About [`EXCERPT_BYTES`] of `text` around the stretch with the most
/// distinct matched words; `None` when nothing in it matched.
fn excerpt(text: &str, hl: &Highlight) -> Option<Marked> {
    let found: Vec<(Range<usize>, String)> =
        text::words(text).filter(|(_, w)| hl.matches(w)).collect();
    // The first match that starts the window with the most distinct words.
    let mut best = (0, 0);
    for (i, (r, _)) in found.iter().enumerate() {
        let mut seen: Vec<&str> = Vec::new();
        for (r2, w) in &found[i..] {
            if r2.end > r.start + EXCERPT_BYTES - EXCERPT_LEAD {
                break;
            }
            let stem = text::stem(w);
            if !seen.contains(&stem) {
                seen.push(stem);
            }
        }
        if seen.len() > best.1 {
            best = (i, seen.len());
        }
    }
    let first = found.get(best.0)?.0.start;
    // Start a little before it, at a word's start; end at a word's end.
    let mut start = floor_char(text, first.saturating_sub(EXCERPT_LEAD));
    if start > 0 {
        start = text[start..first]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(first, |(at, c)| start + at + c.len_utf8());
    }
    let mut end = floor_char(text, (start + EXCERPT_BYTES).min(text.len()));
    if end < text.len() {
        end = text[start..end]
            .rfind(char::is_whitespace)
            .map_or(end, |at| start + at);
    }
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < text.len() { "…" } else { "" };
    let shift = lead.len();
    let marks = found
        .iter()
        .filter(|(r, _)| r.start >= start && r.end <= end)
        .map(|(r, _)| r.start - start + shift..r.end - start + shift)
        .collect();
    // One line: blocks are separated by line breaks in the text.
    let quoted = text[start..end].trim_end().replace('\n', " ");
    Some(Marked {
        text: format!("{lead}{quoted}{tail}"),
        marks,
    })
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
