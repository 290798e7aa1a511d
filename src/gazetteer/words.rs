//! Ordinary English words, for the names that are also words.
//!
//! A surname such as `May`, `Young` or `Brown`, or an acronym such as `US`,
//! `WHO` or `IS`, is also an everyday word. The list in
//! `english_words.txt` (written for quotewise; one lowercase word per line)
//! tells which, so the matcher can ask for more evidence before calling
//! such a word a name.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::text::bytes::pack;

pub(crate) static WORDS_TEXT: &str = include_str!("english_words.txt");

/// A set of words: those of one to eight bytes by their bytes read as one
/// number, in a table of open addressing where a look-up is a
/// multiplication and a comparison or two; the longer ones in a hashed set.
/// (Only ever asked whether it holds a word: no order.) The English words
/// are one (nearly nine in ten of them short; the extractor asks of about
/// every second word of lowercase text), and so are the quote extractor's
/// short lists asked of every capitalised word.
pub(crate) struct WordSet {
    /// Packed words ([`pack`]); 0 is an empty slot (a word of the list has
    /// no zero byte).
    short: Vec<u64>,
    /// `64 - log2(short.len())`.
    shift: u32,
    long: FxHashSet<&'static str>,
}

impl WordSet {
    pub(crate) fn new(words: impl Iterator<Item = &'static str>) -> WordSet {
        let mut long = FxHashSet::default();
        let mut keys = Vec::new();
        for w in words {
            if (1..=8).contains(&w.len()) && !w.bytes().any(|b| b == 0) {
                keys.push(pack(w.as_bytes()));
            } else {
                long.insert(w);
            }
        }
        // (At most a third full: most words asked are no word of the list,
        // and a miss probes until an empty slot.)
        let size = (keys.len() * 3 + 1).next_power_of_two().max(2);
        let mut t = WordSet {
            short: vec![0; size],
            shift: 64 - size.trailing_zeros(),
            long,
        };
        for key in keys {
            let mut i = t.slot(key);
            while t.short[i] != 0 && t.short[i] != key {
                i = (i + 1) & (size - 1);
            }
            t.short[i] = key;
        }
        t
    }

    #[inline]
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// Whether `word` is one of the set's. (Inlined in each set's own
    /// function: a call more costs as much as the look-up.)
    #[inline(always)]
    pub(crate) fn contains(&self, word: &str) -> bool {
        let b = word.as_bytes();
        if !(1..=8).contains(&b.len()) {
            return self.long.contains(word);
        }
        let key = pack(b);
        // (A word ending in zero bytes packs as the shorter word without
        // them: its packed length tells it apart. A zero byte inside packs
        // as no word of the list.)
        if (71 - key.leading_zeros() as usize) / 8 != b.len() {
            return false;
        }
        let mask = self.short.len() - 1;
        let mut i = self.slot(key);
        loop {
            match self.short[i] {
                0 => return false,
                k if k == key => return true,
                _ => i = (i + 1) & mask,
            }
        }
    }
}

/// The words of a word-list file: one per line, trimmed; blank lines and
/// `#` comments skipped.
pub(crate) fn word_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|w| !w.is_empty() && !w.starts_with('#'))
}

fn words() -> &'static WordSet {
    static WORDS: OnceLock<WordSet> = OnceLock::new();
    WORDS.get_or_init(|| WordSet::new(word_lines(WORDS_TEXT)))
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
    fn packed_table_answers_as_a_set_of_the_words() {
        let set: FxHashSet<&str> = word_lines(WORDS_TEXT).collect();
        let mut asked: Vec<String> = set.iter().map(|w| w.to_string()).collect();
        for w in set.iter().take(500) {
            asked.push(format!("{w}\0"));
            asked.push(format!("\0{w}"));
            asked.push(format!("{w}s"));
            asked.push(w[..w.len() - 1].to_string());
            asked.push(w.to_uppercase());
        }
        asked.extend(["", "\0", "a\0b", "zzzzzzzz", "é", "naïve"].map(String::from));
        for w in &asked {
            assert_eq!(is_english_word(w), set.contains(w.as_str()), "{w:?}");
        }
    }

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
