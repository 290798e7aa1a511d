//! Ordinary English words, for the names that are also words.
//!
//! A surname such as `May`, `Young` or `Brown`, or an acronym such as `US`,
//! `WHO` or `IS`, is also an everyday word. The list in
//! `english_words.txt` (written for quotewise; one lowercase word per line)
//! tells which, so the matcher can ask for more evidence before calling
//! such a word a name.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

static WORDS_TEXT: &str = include_str!("english_words.txt");

/// (Only ever asked whether it holds a word: a fast hash, no order.)
fn words() -> &'static FxHashSet<&'static str> {
    static WORDS: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        WORDS_TEXT
            .lines()
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .collect()
    })
}

/// Titles and honorifics written before a person's name (folded). The
/// variant generator drops them from the front of a name; the resolver takes
/// one before a word-like surname as a sign that a name follows
/// (`prime minister may`).
pub const TITLES: &[&str] = &[
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "prof",
    "prof.",
    "sir",
    "dame",
    "lord",
    "lady",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "sheikh",
    "emir",
    "president",
    "rev",
    "rev.",
    "gen",
    "gen.",
    "general",
    "col.",
    "capt.",
];

/// Whether the folded `word` is one of the [`TITLES`].
pub fn is_title(word: &str) -> bool {
    TITLES.contains(&word)
}

/// Whether the folded, single-token `word` is an ordinary English word.
pub fn is_english_word(word: &str) -> bool {
    words().contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_are_words() {
        for w in [
            "may", "young", "rice", "bush", "brown", "trump", "us", "who", "is", "turkey", "chad",
        ] {
            assert!(is_english_word(w), "{w} should be a word");
        }
        for w in [
            "putin",
            "assad",
            "erdogan",
            "nato",
            "trudeau",
            "jordan",
            "u.s",
            "vladimir putin",
        ] {
            assert!(!is_english_word(w), "{w} should not be a word");
        }
    }
}
