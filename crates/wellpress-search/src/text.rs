//! Words as the index and the query both see them: lowercase, common Latin
//! diacritics folded (`é` → `e`, `ß` → `ss`), split on everything that is
//! not a letter or digit, and a final plural `s` dropped.
//!
//! No Unicode tables: ASCII and the Latin-1 and Latin Extended-A letters are
//! folded by a table of 192 bytes; other letters (Greek, Cyrillic, CJK) are
//! kept as written, case included; known punctuation and symbol blocks
//! separate words.

use std::ops::Range;

/// Longest word kept, in bytes: longer runs are addresses or noise.
pub const MAX_WORD: usize = 40;

/// Shortest word whose final `s` is dropped (`gas` and `his` keep theirs).
const MIN_STEMMED: usize = 4;

/// U+00C0 to U+017F, folded: a lowercase ASCII letter, or a digit naming a
/// pair of letters (see [`PAIRS`]), or `_` for a separator (× and ÷).
const FOLD: &[u8; 192] = b"aaaaaa1ceeeeiiiidnooooo_ouuuuy23\
aaaaaa1ceeeeiiiidnooooo_ouuuuy2y\
aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii4\
4jjkkkllllllllllnnnnnnnnnoooooo55rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/// The letter pairs of [`FOLD`], by digit.
const PAIRS: [&str; 5] = ["ae", "th", "ss", "ij", "oe"];

/// How one character reads inside a word.
enum Fold {
    /// Part of a word, as this text.
    Letters(&'static str),
    /// Part of a word, as written.
    Keep(char),
    /// Inside a word but not part of it: an apostrophe (`don't` → `dont`)
    /// or a combining accent.
    Skip,
    /// Between words.
    Break,
}

fn fold(c: char) -> Fold {
    const ASCII: &str = "0123456789abcdefghijklmnopqrstuvwxyz";
    match c {
        '0'..='9' => Fold::Letters(&ASCII[c as usize - '0' as usize..][..1]),
        'a'..='z' => Fold::Letters(&ASCII[c as usize - 'a' as usize + 10..][..1]),
        'A'..='Z' => Fold::Letters(&ASCII[c as usize - 'A' as usize + 10..][..1]),
        '\'' | '\u{2019}' | '\u{0300}'..='\u{036f}' => Fold::Skip,
        '\u{00c0}'..='\u{017f}' => match FOLD[c as usize - 0xc0] {
            b'_' => Fold::Break,
            d @ b'1'..=b'5' => Fold::Letters(PAIRS[usize::from(d - b'1')]),
            l => Fold::Letters(&ASCII[usize::from(l - b'a') + 10..][..1]),
        },
        // ASCII punctuation, Latin-1 punctuation and symbols, general
        // punctuation, symbols and arrows, CJK punctuation, emoji.
        '\0'..='\u{00bf}'
        | '\u{2000}'..='\u{2bff}'
        | '\u{3000}'..='\u{303f}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{feff}'
        | '\u{1f000}'.. => Fold::Break,
        _ => Fold::Keep(c),
    }
}

/// Each word of `text`, folded (not stemmed), with its byte range in `text`.
pub fn words(text: &str) -> impl Iterator<Item = (Range<usize>, String)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut word = String::new();
        let range = next_word(text, &mut at, &mut word)?;
        Some((range, word))
    })
}

/// Calls `each` with every word of `text`, folded, and its byte range,
/// reusing one buffer: the writer's way through a whole site.
pub fn each_word(text: &str, mut each: impl FnMut(Range<usize>, &str)) {
    let mut at = 0;
    let mut word = String::new();
    while let Some(range) = next_word(text, &mut at, &mut word) {
        each(range, &word);
    }
}

/// The next word of `text` from byte `at` that is no longer than
/// [`MAX_WORD`], folded into `word`, and its range; moves `at` past it.
fn next_word(text: &str, at: &mut usize, word: &mut String) -> Option<Range<usize>> {
    word.clear();
    let mut range = 0..0;
    for (i, c) in text[*at..].char_indices() {
        let i = *at + i;
        match fold(c) {
            Fold::Break => {
                if word.len() > MAX_WORD {
                    word.clear();
                } else if !word.is_empty() {
                    *at = i;
                    return Some(range);
                }
            }
            Fold::Skip => {}
            Fold::Letters(s) => {
                if word.is_empty() {
                    range.start = i;
                }
                word.push_str(s);
                range.end = i + c.len_utf8();
            }
            Fold::Keep(c) => {
                if word.is_empty() {
                    range.start = i;
                }
                word.push(c);
                range.end = i + c.len_utf8();
            }
        }
    }
    *at = text.len();
    (!word.is_empty() && word.len() <= MAX_WORD).then_some(range)
}

/// The term a folded word is indexed under: a final plural or verb `s`
/// dropped (`habits` → `habit`, `women's` → `women`), except after `s`,
/// `u` or `i` (`stress`, `virus`, `diagnosis`) and in words of three
/// letters or fewer.
pub fn stem(word: &str) -> &str {
    let b = word.as_bytes();
    if b.len() >= MIN_STEMMED
        && b[b.len() - 1] == b's'
        && !matches!(b[b.len() - 2], b's' | b'u' | b'i')
    {
        &word[..word.len() - 1]
    } else {
        word
    }
}

/// Every term of `text`, in order, repeats included.
pub fn terms(text: &str) -> impl Iterator<Item = String> + '_ {
    words(text).map(|(_, w)| {
        let stemmed = stem(&w).len();
        let mut w = w;
        w.truncate(stemmed);
        w
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        terms(text).collect()
    }

    #[test]
    fn lowercases_and_splits_on_punctuation() {
        assert_eq!(
            all("Blood-Pressure, at 120/80!"),
            ["blood", "pressure", "at", "120", "80"]
        );
        assert_eq!(all("  \u{2014}sleep\u{2026}well  "), ["sleep", "well"]);
        assert_eq!(all(""), Vec::<String>::new());
    }

    #[test]
    fn folds_latin_diacritics() {
        assert_eq!(
            all("Café naïve Ærø Straße Łódź œuvre"),
            ["cafe", "naive", "aero", "strasse", "lodz", "oeuvre"]
        );
        // Decomposed accents are dropped as well.
        assert_eq!(all("cafe\u{0301}"), ["cafe"]);
        assert_eq!(all("3×4"), ["3", "4"]);
        // Other scripts are kept as written.
        assert_eq!(all("сон καφές"), ["сон", "καφές"]);
    }

    #[test]
    fn the_fold_table_has_one_entry_per_character() {
        assert_eq!(FOLD.len(), 0x180 - 0xc0);
        let pairs: String = ('\u{c0}'..='\u{17f}')
            .filter(|&c| matches!(fold(c), Fold::Letters(s) if s.len() == 2))
            .collect();
        assert_eq!(pairs, "ÆÞßæþĲĳŒœ");
        assert!(matches!(fold('Ÿ'), Fold::Letters("y")));
        assert!(matches!(fold('ſ'), Fold::Letters("s")));
    }

    #[test]
    fn apostrophes_join_and_plurals_drop_their_s() {
        assert_eq!(
            all("Don't skip women’s habits"),
            ["dont", "skip", "women", "habit"]
        );
        assert_eq!(
            all("stress virus diagnosis gas his"),
            ["stress", "virus", "diagnosis", "gas", "his"]
        );
        assert_eq!(all("calories"), ["calorie"]);
    }

    #[test]
    fn ranges_point_into_the_original_text() {
        let text = "Ça va, Zoë?";
        let found: Vec<_> = words(text).map(|(r, w)| (&text[r], w)).collect();
        assert_eq!(
            found,
            [
                ("Ça", "ca".to_owned()),
                ("va", "va".to_owned()),
                ("Zoë", "zoe".to_owned())
            ]
        );
    }

    #[test]
    fn overlong_runs_are_not_words() {
        let long = "x".repeat(MAX_WORD + 1);
        assert_eq!(all(&format!("a {long} b")), ["a", "b"]);
    }
}
