//! The compiled search: one Aho-Corasick automaton over the folded keys of
//! every form, walked from word starts.
//!
//! Names match whole words only, so a match can only start where a word
//! starts. Instead of running the automaton over every byte and then
//! discarding matches that are not whole words, the scan jumps from word
//! start to word start and walks the automaton *anchored* there, keeping the
//! longest key that also ends at a word boundary. This is exact whole-word,
//! leftmost-longest semantics (`Bank` in `Bank of Americas`, nothing in
//! `Iranian`).
//!
//! Most words of a text begin no key at all. Before walking, the scan looks
//! the word up in a hashed bit set of the keys' first words ([`WordFilter`]),
//! which turns away nearly all of them with one predictable branch; only the
//! rest pay for the automaton.

use std::collections::HashMap;
use std::sync::Arc;

use aho_corasick::automaton::{Automaton as _, StateID};
use aho_corasick::nfa::{contiguous, noncontiguous};
use aho_corasick::{dfa, Anchored, MatchKind, StartKind};

use super::entry::Entry;
use super::forms::{entry_forms, Origin};
use crate::error::{Error, Result};
use crate::text::bytes::pack;
use crate::text::chars::is_word_char;

/// Up to this many keys the automaton is a DFA (fastest search, memory grows
/// quickly); above it, a contiguous NFA (compact, builds fast).
pub const DFA_MAX_KEYS: usize = 30_000;

/// The automaton proper, of the kind chosen by size.
enum Engine {
    Dfa(dfa::DFA),
    Nfa(contiguous::NFA),
}

/// Class of each byte for the word-start scan.
const NON_WORD: u8 = 0;
const WORD: u8 = 1;
const MULTIBYTE: u8 = 2;

static BYTE_CLASS: [u8; 256] = {
    let mut t = [MULTIBYTE; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = if (b as u8).is_ascii_alphanumeric() {
            WORD
        } else {
            NON_WORD
        };
        b += 1;
    }
    t
};

/// One form of one entry under a key.
#[derive(Clone, Debug)]
pub struct AliasRef {
    /// Index of the entry in the compiled snapshot.
    pub entry: u32,
    /// The form as written.
    pub form: Arc<str>,
    pub origin: Origin,
    pub full: bool,
    pub word: bool,
    pub case_sensitive: bool,
    pub case_free: bool,
}

/// Everything known about one search key.
#[derive(Clone, Debug)]
pub struct Slot {
    /// The key is a dotted abbreviation: take a trailing period along.
    pub dotted: bool,
    /// Whether the key starts and ends with a word character (then the
    /// match must start and end at word boundaries).
    pub word_start: bool,
    pub word_end: bool,
    /// The entries that have a form with this key, best origin first.
    pub aliases: Vec<AliasRef>,
}

/// A whole-word match in folded text, before resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawMatch {
    /// Folded byte span.
    pub start: usize,
    pub end: usize,
    /// Index of the key's [`Slot`].
    pub slot: u32,
}

/// The compiled form of a gazetteer: a snapshot of its entries and the
/// automaton over their keys.
pub struct Automaton {
    pub entries: Vec<Arc<Entry>>,
    pub slots: Vec<Slot>,
    engine: Option<Engine>,
    /// Bytes that start a key whose first character is not a word
    /// character (`#metoo`): walks also start there.
    nonword_starts: [bool; 256],
    any_nonword_start: bool,
    /// The first words of all keys.
    first_words: WordFilter,
}

/// A hashed bit set of words: no false negatives, few false positives.
#[derive(Clone, Debug)]
struct WordFilter {
    bits: Vec<u64>,
    /// `64 - log2(number of bits)`: the hash's top bits index the set.
    shift: u32,
}

impl WordFilter {
    fn new<'a>(words: impl Iterator<Item = &'a [u8]> + Clone) -> WordFilter {
        let n = words.clone().count().max(1);
        // About 32 bits per word: a false positive rate near 3%.
        let bits_len = (n * 32).next_power_of_two().max(1 << 15);
        let mut f = WordFilter {
            bits: vec![0; bits_len / 64],
            shift: 64 - bits_len.trailing_zeros(),
        };
        for w in words {
            let i = f.index(w);
            f.bits[i >> 6] |= 1 << (i & 63);
        }
        f
    }

    #[inline]
    fn index(&self, word: &[u8]) -> usize {
        (hash_word(word) >> self.shift) as usize
    }

    #[inline]
    fn may_contain(&self, word: &[u8]) -> bool {
        let i = self.index(word);
        self.bits[i >> 6] & (1 << (i & 63)) != 0
    }
}

/// A fast multiplicative hash of a short byte string.
#[inline]
fn hash_word(word: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (word.len() as u64).wrapping_mul(K);
    let mut chunks = word.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K).rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = (h ^ pack(rest)).wrapping_mul(K).rotate_left(29);
    }
    h.wrapping_mul(K)
}

/// The byte length of the leading word of a folded key or text (its word
/// characters up to the first non-word character).
fn leading_word_len(s: &str) -> usize {
    s.char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(s.len(), |(i, _)| i)
}

impl std::fmt::Debug for Automaton {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Automaton")
            .field("entries", &self.entries.len())
            .field("keys", &self.slots.len())
            .finish()
    }
}

impl Automaton {
    /// Compiles `entries`.
    pub fn build(entries: Vec<Arc<Entry>>, person_variants: bool) -> Result<Automaton> {
        let mut by_key: HashMap<Box<str>, u32> = HashMap::new();
        let mut slots: Vec<Slot> = Vec::new();
        let mut keys: Vec<Box<str>> = Vec::new();
        for (idx, entry) in entries.iter().enumerate() {
            let idx = u32::try_from(idx)
                .map_err(|_| Error::argument("too many entries (more than 4 billion)"))?;
            for form in entry_forms(entry, person_variants) {
                let slot_id = match by_key.get(form.key.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = slots.len() as u32;
                        let key: Box<str> = form.key.as_str().into();
                        slots.push(Slot {
                            dotted: form.dotted,
                            word_start: form.key.chars().next().is_some_and(is_word_char),
                            word_end: form.key.chars().next_back().is_some_and(is_word_char),
                            aliases: Vec::new(),
                        });
                        by_key.insert(key.clone(), id);
                        keys.push(key);
                        id
                    }
                };
                let slot = &mut slots[slot_id as usize];
                slot.dotted |= form.dotted;
                let alias = AliasRef {
                    entry: idx,
                    form: form.text.as_str().into(),
                    origin: form.origin,
                    full: form.full,
                    word: form.word,
                    case_sensitive: form.case_sensitive,
                    case_free: form.case_free,
                };
                match slot.aliases.iter_mut().find(|a| a.entry == idx) {
                    Some(existing) if alias.origin < existing.origin => *existing = alias,
                    Some(_) => {}
                    None => slot.aliases.push(alias),
                }
            }
        }
        for slot in &mut slots {
            slot.aliases.sort_by_key(|a| a.origin);
        }
        let mut nonword_starts = [false; 256];
        for (key, slot) in keys.iter().zip(&slots) {
            if !slot.word_start {
                nonword_starts[key.as_bytes()[0] as usize] = true;
            }
        }
        let any_nonword_start = nonword_starts.iter().any(|&b| b);
        let first_words = WordFilter::new(
            keys.iter()
                .zip(&slots)
                .filter(|(_, slot)| slot.word_start)
                .map(|(k, _)| &k.as_bytes()[..leading_word_len(k)]),
        );
        let engine = if keys.is_empty() {
            None
        } else {
            let too_big = |e: aho_corasick::BuildError| {
                Error::argument(format!("cannot compile the dictionary: {e}"))
            };
            let nfa = noncontiguous::Builder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(keys.iter().map(|k| k.as_bytes()))
                .map_err(too_big)?;
            Some(if keys.len() <= DFA_MAX_KEYS {
                Engine::Dfa(
                    dfa::Builder::new()
                        .match_kind(MatchKind::LeftmostLongest)
                        .start_kind(StartKind::Anchored)
                        .build_from_noncontiguous(&nfa)
                        .map_err(too_big)?,
                )
            } else {
                Engine::Nfa(
                    contiguous::Builder::new()
                        .match_kind(MatchKind::LeftmostLongest)
                        .build_from_noncontiguous(&nfa)
                        .map_err(too_big)?,
                )
            })
        };
        Ok(Automaton {
            entries,
            slots,
            engine,
            nonword_starts,
            any_nonword_start,
            first_words,
        })
    }

    /// Number of distinct search keys.
    pub fn key_count(&self) -> usize {
        self.slots.len()
    }

    /// Heap memory used by the automaton proper, in bytes.
    pub fn automaton_bytes(&self) -> usize {
        match &self.engine {
            Some(Engine::Dfa(d)) => d.memory_usage(),
            Some(Engine::Nfa(n)) => n.memory_usage(),
            None => 0,
        }
    }

    /// Appends the whole-word matches in `folded` to `out`, leftmost-longest
    /// and non-overlapping.
    pub fn find_raw(&self, folded: &str, out: &mut Vec<RawMatch>) {
        match &self.engine {
            Some(Engine::Dfa(d)) => self.scan(d, folded, out),
            Some(Engine::Nfa(n)) => self.scan(n, folded, out),
            None => {}
        }
    }

    /// Walks the automaton from every position where a match may start, a
    /// block of 64 bytes at a time: the word starts of a block are computed
    /// as a bit mask, and only their set bits are visited.
    /// Visits every position where a match may start, a block of 64 bytes
    /// at a time: the block's word characters are computed as a bit mask,
    /// and only the word starts (set bits) are visited. A word start whose
    /// word begins no key is passed over without touching the automaton.
    fn scan<A: aho_corasick::automaton::Automaton>(
        &self,
        aut: &A,
        folded: &str,
        out: &mut Vec<RawMatch>,
    ) {
        let hay = folded.as_bytes();
        let Ok(start_state) = aut.start_state(Anchored::Yes) else {
            return;
        };
        // No match may start before `resume` (the end of the last match).
        let mut resume = 0;
        let mut prev_word = false;
        let mut block = 0;
        while block < hay.len() {
            let end = (block + 64).min(hay.len());
            let bytes = &hay[block..end];
            let (word, nonword_candidates) = self.block_masks(folded, block, bytes);
            let word_starts = word & !((word << 1) | u64::from(prev_word));
            let mut starts = word_starts | nonword_candidates;
            if resume > block {
                starts &= low_bits_cleared(resume - block);
            }
            while starts != 0 {
                let j = starts.trailing_zeros() as usize;
                let s = block + j;
                if word_starts & (1 << j) != 0 {
                    let word_end = match (!word >> j).trailing_zeros() as usize {
                        len if j + len < bytes.len() => s + len,
                        _ => s + leading_word_len(&folded[s..]),
                    };
                    if !self.first_words.may_contain(&hay[s..word_end]) {
                        starts &= starts - 1;
                        continue;
                    }
                }
                match self.walk(aut, start_state, folded, s) {
                    Some((e, slot)) => {
                        let m = self.raw(s, e, slot, hay);
                        out.push(m);
                        resume = m.end;
                        starts &= low_bits_cleared(resume - block);
                    }
                    None => starts &= starts - 1,
                }
            }
            prev_word = (word >> (bytes.len() - 1)) & 1 == 1;
            block = end;
        }
    }

    /// Bit masks of one block: which bytes belong to word characters, and
    /// which bytes start a key that begins with a non-word character.
    #[inline]
    fn block_masks(&self, folded: &str, block: usize, bytes: &[u8]) -> (u64, u64) {
        let (mut word, high) = ascii_word_mask(bytes);
        let mut candidates = 0u64;
        if self.any_nonword_start {
            for (j, &b) in bytes.iter().enumerate() {
                candidates |= u64::from(self.nonword_starts[b as usize]) << j;
            }
        }
        if high != 0 {
            // Non-ASCII characters: decode each to tell letters from
            // punctuation. A character begun in the previous block is
            // decoded from its first byte.
            let mut j = high.trailing_zeros() as usize;
            while j < bytes.len() {
                if bytes[j] < 0x80 {
                    j += 1;
                    continue;
                }
                let mut first = block + j;
                while !folded.is_char_boundary(first) {
                    first -= 1;
                }
                let c = folded[first..].chars().next().unwrap_or(' ');
                let char_end = (first + c.len_utf8()).min(block + bytes.len());
                let is_word = is_word_char(c);
                for k in (block + j)..char_end {
                    let bit = 1u64 << (k - block);
                    if is_word {
                        word |= bit;
                    }
                    // Only a character's first byte can start a key.
                    if k != first || is_word {
                        candidates &= !bit;
                    }
                }
                j = char_end - block;
            }
        }
        (word, candidates & !word)
    }

    /// The longest key that starts at `start` and ends at a word boundary;
    /// runs of spaces in the text match the single spaces of keys.
    #[inline]
    fn walk<A: aho_corasick::automaton::Automaton>(
        &self,
        aut: &A,
        mut sid: StateID,
        folded: &str,
        start: usize,
    ) -> Option<(usize, u32)> {
        let hay = folded.as_bytes();
        let mut best = None;
        let mut at = start;
        // Bytes fed to the automaton: the length of the key being walked.
        let mut fed = 0;
        while at < hay.len() {
            let b = hay[at];
            at += 1;
            // A run of spaces in the text reads as the one space of a key.
            if b == b' ' && at >= start + 2 && hay[at - 2] == b' ' {
                continue;
            }
            fed += 1;
            sid = aut.next_state(Anchored::Yes, sid, b);
            if aut.is_special(sid) {
                if aut.is_dead(sid) {
                    break;
                }
                if aut.is_match(sid) {
                    // A match state may also carry keys that are suffixes of
                    // the walked path (inherited through failure links); only
                    // a key as long as the path starts at `start`.
                    let pid = (0..aut.match_len(sid))
                        .map(|i| aut.match_pattern(sid, i))
                        .find(|&pid| aut.pattern_len(pid) == fed);
                    if let Some(pid) = pid {
                        let slot = &self.slots[pid.as_usize()];
                        if !slot.word_end || !word_at(folded, at) {
                            best = Some((at, pid.as_u32()));
                        }
                    }
                }
            }
        }
        best
    }

    fn raw(&self, start: usize, end: usize, slot: u32, hay: &[u8]) -> RawMatch {
        let end = if self.slots[slot as usize].dotted && hay.get(end) == Some(&b'.') {
            end + 1
        } else {
            end
        };
        RawMatch { start, end, slot }
    }
}

/// A mask with the lowest `n` bits cleared (all cleared for `n >= 64`).
#[inline]
fn low_bits_cleared(n: usize) -> u64 {
    if n >= 64 {
        0
    } else {
        !0u64 << n
    }
}

/// Bit masks of an up-to-64-byte block of folded text: bytes that are ASCII
/// word characters (digits, lowercase letters; folded text has no ASCII
/// capitals), and bytes that are not ASCII. Eight bytes at a time.
#[inline]
fn ascii_word_mask(bytes: &[u8]) -> (u64, u64) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Collects the high bit of each byte into the low 8 bits.
    #[inline(always)]
    fn gather(m: u64) -> u64 {
        ((m >> 7) & ONES).wrapping_mul(0x0102_0408_1020_4080) >> 56
    }
    // High bit set in each byte (below 0x80) within lo..=hi.
    #[inline(always)]
    fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
        let ge_lo = x.wrapping_add(ONES * u64::from(0x80 - lo));
        let gt_hi = x.wrapping_add(ONES * u64::from(0x7F - hi));
        ge_lo & !gt_hi & HIGH
    }
    let mut word = 0u64;
    let mut high = 0u64;
    let mut chunks = bytes.chunks_exact(8);
    let mut shift = 0;
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let x = u64::from_le_bytes(w);
        let hi = x & HIGH;
        // Clear the high bits so the range arithmetic cannot carry.
        let low = x & !HIGH;
        let is_word = (in_range(low, b'a', b'z') | in_range(low, b'0', b'9')) & !hi;
        word |= gather(is_word) << shift;
        high |= gather(hi) << shift;
        shift += 8;
    }
    for (k, &b) in chunks.remainder().iter().enumerate() {
        word |= u64::from(BYTE_CLASS[b as usize] == WORD) << (shift + k);
        high |= u64::from(b >> 7) << (shift + k);
    }
    (word, high)
}

/// Whether the character starting at byte `i` is a word character.
#[inline]
fn word_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        None => false,
        Some(&b) if b < 0x80 => BYTE_CLASS[b as usize] == WORD,
        Some(_) => s[i..].chars().next().is_some_and(is_word_char),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn automaton(entries: &[(&str, &str)]) -> Automaton {
        let entries = entries
            .iter()
            .map(|(id, name)| Arc::new(Entry::new(*id, *name, "ORG")))
            .collect();
        Automaton::build(entries, false).unwrap()
    }

    fn spans(a: &Automaton, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        a.find_raw(text, &mut out);
        out.iter()
            .map(|m| text[m.start..m.end].to_string())
            .collect()
    }

    #[test]
    fn whole_words_exactly() {
        let a = automaton(&[
            ("1", "bank"),
            ("2", "bank of america"),
            ("3", "iran"),
            ("4", "ab cd"),
            ("5", "cd"),
        ]);
        let cases: &[(&str, &[&str])] = &[
            ("the bank of america said", &["bank of america"]),
            ("the bank of americas said", &["bank"]),
            ("iranian iran iran's iran-backed", &["iran", "iran", "iran"]),
            ("xab cd", &["cd"]),
            ("bankbank bank", &["bank"]),
            ("", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(spans(&a, text), *want, "in {text:?}");
        }
    }

    #[test]
    fn dotted_abbreviation_takes_its_period() {
        let a = automaton(&[("un", "u.n"), ("us", "u.s")]);
        // keys are already folded here; the dotted flag comes from forms
        assert!(a.slots.iter().all(|s| s.dotted));
        assert_eq!(spans(&a, "the u.n. led talks"), ["u.n."]);
        assert_eq!(spans(&a, "u.n. led, u.s"), ["u.n.", "u.s"]);
    }

    #[test]
    fn suffix_keys_do_not_match_inside_longer_paths() {
        // "america" is a suffix of the path "pan america" but does not start
        // at "pan"; "pan american union" is a key, "pan america" is not.
        let a = automaton(&[("1", "america"), ("2", "pan american union"), ("3", "ions")]);
        assert_eq!(spans(&a, "pan america said"), ["america"]);
        assert_eq!(spans(&a, "the elections"), Vec::<String>::new());
    }

    #[test]
    fn a_key_after_leading_space() {
        let a = automaton(&[("1", "'s hertogenbosch")]);
        assert_eq!(spans(&a, " x 's hertogenbosch"), ["'s hertogenbosch"]);
        assert_eq!(spans(&a, " x"), Vec::<String>::new());
    }

    #[test]
    fn runs_of_spaces_match_one_space() {
        let a = automaton(&[("1", "vladimir putin"), ("2", "al assad")]);
        assert_eq!(spans(&a, "x vladimir   putin"), ["vladimir   putin"]);
        assert_eq!(spans(&a, "al  assad, al assad"), ["al  assad", "al assad"]);
        assert_eq!(spans(&a, "vladimir  putinx"), Vec::<String>::new());
    }
}
