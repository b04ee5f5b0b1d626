//! The writer: published articles in, the index's files out.

use std::collections::{BTreeMap, HashMap};

use crate::{
    codec::{FNV_OFFSET, fnv1a, put_set, put_str, put_varint},
    format::{self, Field, MAGIC, MANIFEST},
    text,
};

/// A dictionary shard is closed once it reaches this many bytes.
const DICTIONARY_SHARD: usize = 4 * 1024;
/// A postings shard is closed once it reaches this many bytes (a term
/// whose postings are larger gets a shard of its own).
const POSTINGS_SHARD: usize = 12 * 1024;

/// An article as the index takes it.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// URL segment of the article.
    pub slug: String,
    pub title: String,
    /// Publication date as `YYYY-MM-DD`: newer articles win ties.
    pub date: String,
    pub category: Category,
    /// The text of the body's headings.
    pub headings: Vec<String>,
    /// The body as plain text, headings included, for the index and for
    /// excerpts around what a query matched.
    pub text: String,
    /// What the article's card says about it, shown when the query matched
    /// only the title.
    pub excerpt: String,
    /// A draft is never indexed, whoever passes it in.
    pub draft: bool,
}

/// A category as the filter names it.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Category {
    pub slug: String,
    pub name: String,
}

/// The index's files, by path in the search folder.
#[derive(Debug, Clone, Default)]
pub struct Written {
    pub files: BTreeMap<String, Vec<u8>>,
    /// The folder of everything but the manifest.
    pub version: String,
    /// Articles indexed.
    pub documents: usize,
    /// Distinct terms.
    pub terms: usize,
}

impl Written {
    /// Bytes of all files together.
    pub fn bytes(&self) -> usize {
        self.files.values().map(Vec::len).sum()
    }
}

/// What the index knows of a term while it is being built.
#[derive(Default)]
struct Term {
    /// Articles by the best field the term is in, ascending.
    title: Vec<u32>,
    heading: Vec<u32>,
    body: Vec<u32>,
    /// How often the term was written with a final `s` that was dropped,
    /// and without: the dictionary says which spelling to suggest.
    with_s: u32,
    without_s: u32,
}

/// Builds the index of `documents`, leaving drafts out.
pub fn write(documents: &[Document]) -> Written {
    let mut docs: Vec<&Document> = documents.iter().filter(|d| !d.draft).collect();
    // Newest first: a lower number wins a tie.
    docs.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));

    let mut categories: Vec<Category> = docs.iter().map(|d| d.category.clone()).collect();
    categories.sort();
    categories.dedup_by(|a, b| a.slug == b.slug);

    // Terms by number while the articles are read, to hash each word once.
    let mut numbers: HashMap<String, u32> = HashMap::new();
    let mut stats: Vec<Term> = Vec::new();
    let mut seen: Vec<(u32, Field)> = Vec::new();
    for (id, doc) in docs.iter().enumerate() {
        let id = id as u32;
        seen.clear();
        let mut note = |text: &str, field: Field| {
            text::each_word(text, |_, word| {
                let stem = text::stem(word);
                let number = match numbers.get(stem) {
                    Some(&n) => n,
                    None => {
                        numbers.insert(stem.to_owned(), stats.len() as u32);
                        stats.push(Term::default());
                        stats.len() as u32 - 1
                    }
                };
                let term = &mut stats[number as usize];
                if stem.len() < word.len() {
                    term.with_s += 1;
                } else {
                    term.without_s += 1;
                }
                seen.push((number, field));
            });
        };
        note(&doc.title, Field::Title);
        for heading in &doc.headings {
            note(heading, Field::Heading);
        }
        note(&doc.text, Field::Body);
        // Each term once, at the best field it is in.
        seen.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        seen.dedup_by_key(|(number, _)| *number);
        for &(number, field) in &seen {
            let term = &mut stats[number as usize];
            match field {
                Field::Title => term.title.push(id),
                Field::Heading => term.heading.push(id),
                Field::Body => term.body.push(id),
            }
        }
    }
    let mut stats: Vec<Option<Term>> = stats.into_iter().map(Some).collect();
    let mut terms: Vec<(String, Term)> = numbers
        .into_iter()
        .map(|(term, n)| (term, stats[n as usize].take().expect("each number once")))
        .collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));

    let mut shards = Shards::default();
    // Dictionary shards.
    let mut dictionary_firsts: Vec<String> = Vec::new();
    let mut shard = Vec::new();
    let mut previous = "";
    let mut start = 0_usize;
    for (ordinal, (word, term)) in terms.iter().enumerate() {
        if shard.is_empty() {
            dictionary_firsts.push(word.clone());
            start = ordinal;
            previous = "";
        }
        let shared = common_prefix(previous, word);
        put_varint(&mut shard, shared as u64);
        put_str(&mut shard, &word[shared..]);
        let df = (term.title.len() + term.heading.len() + term.body.len()) as u64;
        put_varint(
            &mut shard,
            df << 1 | u64::from(term.with_s > term.without_s),
        );
        previous = word;
        if shard.len() >= DICTIONARY_SHARD || ordinal + 1 == terms.len() {
            let count = ordinal + 1 - start;
            let mut file = Vec::with_capacity(shard.len() + 8);
            put_varint(&mut file, start as u64);
            put_varint(&mut file, count as u64);
            file.append(&mut shard);
            shards.dictionaries.push(file);
        }
    }
    // Postings shards.
    let mut postings_firsts: Vec<u32> = Vec::new();
    let mut entries: Vec<u8> = Vec::new();
    let mut count = 0_usize;
    let close = |entries: &mut Vec<u8>, count: &mut usize, shards: &mut Shards| {
        if *count > 0 {
            let mut file = Vec::with_capacity(entries.len() + 4);
            put_varint(&mut file, *count as u64);
            file.append(entries);
            shards.postings.push(file);
            *count = 0;
        }
    };
    for (ordinal, (_, term)) in terms.iter().enumerate() {
        let mut entry = Vec::new();
        put_set(&mut entry, &term.title);
        put_set(&mut entry, &term.heading);
        put_set(&mut entry, &term.body);
        if count > 0 && entries.len() + entry.len() > POSTINGS_SHARD {
            close(&mut entries, &mut count, &mut shards);
        }
        if count == 0 {
            postings_firsts.push(ordinal as u32);
        }
        put_varint(&mut entries, entry.len() as u64);
        entries.extend_from_slice(&entry);
        count += 1;
    }
    close(&mut entries, &mut count, &mut shards);

    // Categories, for the filter.
    let mut by_category = vec![Vec::new(); categories.len()];
    let category_of: Vec<usize> = docs
        .iter()
        .map(|d| {
            categories
                .iter()
                .position(|c| c.slug == d.category.slug)
                .unwrap_or(0)
        })
        .collect();
    for (id, &c) in category_of.iter().enumerate() {
        by_category[c].push(id as u32);
    }
    for docs in &by_category {
        put_set(&mut shards.categories, docs);
    }

    // Fragments.
    for (doc, &category) in docs.iter().zip(&category_of) {
        let mut file = Vec::with_capacity(doc.text.len() + 256);
        put_str(&mut file, &doc.title);
        put_varint(&mut file, category as u64);
        put_str(&mut file, &doc.date);
        put_str(&mut file, &doc.slug);
        put_str(&mut file, &doc.excerpt);
        put_str(&mut file, &doc.text);
        shards.fragments.push(file);
    }

    // The version names the contents of every file but the manifest; the
    // manifest names the version.
    let mut hash = FNV_OFFSET;
    for file in shards.all() {
        hash = fnv1a(hash, &(file.len() as u64).to_le_bytes());
        hash = fnv1a(hash, file);
    }
    for c in &categories {
        hash = fnv1a(fnv1a(hash, c.slug.as_bytes()), c.name.as_bytes());
    }
    let version = format!("{hash:016x}");

    let mut manifest = MAGIC.to_vec();
    put_str(&mut manifest, &version);
    put_varint(&mut manifest, docs.len() as u64);
    put_varint(&mut manifest, terms.len() as u64);
    put_varint(&mut manifest, categories.len() as u64);
    for c in &categories {
        put_str(&mut manifest, &c.slug);
        put_str(&mut manifest, &c.name);
    }
    put_varint(&mut manifest, dictionary_firsts.len() as u64);
    let mut previous = "";
    for first in &dictionary_firsts {
        let shared = common_prefix(previous, first);
        put_varint(&mut manifest, shared as u64);
        put_str(&mut manifest, &first[shared..]);
        previous = first;
    }
    put_varint(&mut manifest, postings_firsts.len() as u64);
    let mut previous = 0;
    for &first in &postings_firsts {
        put_varint(&mut manifest, u64::from(first - previous));
        previous = first;
    }

    let mut files = BTreeMap::new();
    files.insert(MANIFEST.to_owned(), manifest);
    for (n, file) in shards.dictionaries.into_iter().enumerate() {
        files.insert(format::dictionary(&version, n), file);
    }
    for (n, file) in shards.postings.into_iter().enumerate() {
        files.insert(format::postings(&version, n), file);
    }
    files.insert(format::categories(&version), shards.categories);
    for (n, file) in shards.fragments.into_iter().enumerate() {
        files.insert(format::fragment(&version, n as u32), file);
    }
    Written {
        files,
        version,
        documents: docs.len(),
        terms: terms.len(),
    }
}

#[derive(Default)]
struct Shards {
    dictionaries: Vec<Vec<u8>>,
    postings: Vec<Vec<u8>>,
    categories: Vec<u8>,
    fragments: Vec<Vec<u8>>,
}

impl Shards {
    fn all(&self) -> impl Iterator<Item = &Vec<u8>> {
        self.dictionaries
            .iter()
            .chain(&self.postings)
            .chain([&self.categories])
            .chain(&self.fragments)
    }
}

/// Bytes `a` and `b` share at their start, on a character boundary.
pub(crate) fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((at, _), _)| at)
}
