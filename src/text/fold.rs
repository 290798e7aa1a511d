//! Folding: the form of a text in which names are compared.
//!
//! Two spellings a reader takes for the same name fold to the same string:
//!
//! * case is folded with Unicode rules (`STRASSE`, `Straße` → `strasse`;
//!   `İstanbul` → `istanbul`), and accents are removed (`Erdoğan` →
//!   `erdogan`) by compatibility decomposition followed by dropping the
//!   combining marks;
//! * every whitespace character and hyphen becomes a space (`al-Assad` →
//!   `al assad`); a run of them stays a run of spaces, which the matcher
//!   reads as one (so `al  Assad` matches `al assad` too);
//! * every apostrophe look-alike becomes `'`;
//! * invisible characters (soft hyphen, zero-width space) disappear.
//!
//! Folding changes lengths, so a [`FoldedText`] keeps an alignment back to
//! the original: a sorted list of the places where folded and original bytes
//! differ in length or content. Everywhere else the two are byte-for-byte
//! aligned, which for ASCII text is everywhere, so the alignment costs
//! nothing there.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use super::chars::{is_apostrophe, is_invisible, is_space_like};

/// A place where two aligned texts differ: `to[to_start..to_end]` came from
/// `from[from_start..from_end]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Segment {
    to_start: usize,
    to_end: usize,
    from_start: usize,
    from_end: usize,
}

/// A sorted list of [`Segment`]s: everywhere else the two texts are aligned
/// byte for byte.
#[derive(Clone, Debug, Default)]
struct Alignment {
    segments: Vec<Segment>,
}

impl Alignment {
    fn start(&self, p: usize) -> usize {
        let idx = self.segments.partition_point(|s| s.to_start <= p);
        if idx == 0 {
            return p;
        }
        let s = &self.segments[idx - 1];
        if p < s.to_end {
            s.from_start
        } else {
            s.from_end + (p - s.to_end)
        }
    }

    fn end(&self, p: usize) -> usize {
        let idx = self.segments.partition_point(|s| s.to_start < p);
        if idx == 0 {
            return p;
        }
        let s = &self.segments[idx - 1];
        if p <= s.to_end {
            s.from_end
        } else {
            s.from_end + (p - s.to_end)
        }
    }
}

/// Whether a document is written with ordinary capitalisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Casing {
    /// Ordinary capitalisation: proper nouns are capitalised.
    Cased,
    /// All lowercase (as in preprocessed corpora) or all uppercase (old wire
    /// copy): capitalisation tells nothing about names.
    Uncased,
}

/// A text folded for comparison, with the way back to the original.
#[derive(Clone, Debug)]
pub struct FoldedText {
    folded: String,
    chars: Alignment,
    upper: usize,
    lower: usize,
}

/// The folded form of an ASCII byte: lowercase, whitespace and hyphen to
/// space, backtick to apostrophe. Branch-free so that loops over runs of
/// ASCII vectorise.
#[inline(always)]
fn fold_ascii(b: u8) -> u8 {
    let upper = b.wrapping_sub(b'A') < 26;
    let lowered = b | ((upper as u8) << 5);
    let space = b == b' ' || b.wrapping_sub(b'\t') < 5 || b == b'-';
    let tick = b == b'`';
    if space {
        b' '
    } else if tick {
        b'\''
    } else {
        lowered
    }
}

/// Whether a text with `upper` capital and `lower` small letters is
/// written with ordinary capitalisation.
///
/// Ordinary news prose has a few percent capital letters; a document with
/// (almost) none, or with mostly capitals, is [`Casing::Uncased`].
pub fn casing_from_counts(upper: usize, lower: usize) -> Casing {
    let letters = upper + lower;
    if upper == 0 || lower == 0 {
        return Casing::Uncased;
    }
    // At least 0.5% and at most 60% capital letters.
    if upper * 200 >= letters && upper * 10 <= letters * 6 {
        Casing::Cased
    } else {
        Casing::Uncased
    }
}

/// The casing of `text`, without folding it.
pub fn casing_of(text: &str) -> Casing {
    let (mut upper, mut lower) = (0usize, 0usize);
    let bytes = text.as_bytes();
    let mut i = 0;
    // ASCII runs counted in one vectorisable pass (as when folding), the
    // other characters one by one: news with a few curly quotes stays on
    // the fast path.
    while i < bytes.len() {
        let run = ascii_run(&bytes[i..]);
        if run > 0 {
            let (u, l) = ascii_case_counts(&bytes[i..i + run]);
            upper += u;
            lower += l;
            i += run;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        upper += usize::from(c.is_uppercase());
        lower += usize::from(c.is_lowercase());
        i += c.len_utf8();
    }
    casing_from_counts(upper, lower)
}

/// Capital and small letters of an ASCII slice, eight bytes at a time
/// (SWAR: each byte below 0x80 plus a constant sets its high bit exactly
/// when it is at least the constant's complement, with no carry into the
/// next byte); the flags are summed per byte lane.
#[inline]
fn ascii_case_counts(ascii: &[u8]) -> (usize, usize) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LANES16: u64 = 0x00FF_00FF_00FF_00FF;
    // Sum of the eight byte lanes of `v` (each at most 255).
    let lanes = |v: u64| {
        let pairs = (v & LANES16) + ((v >> 8) & LANES16);
        (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize
    };
    let (mut upper, mut lower) = (0usize, 0usize);
    let mut chunks = ascii.chunks_exact(8);
    loop {
        // At most 255 words per round, so that no lane overflows.
        let (mut up, mut lo, mut n) = (0u64, 0u64, 0);
        for c in chunks.by_ref().take(255) {
            let x = u64::from_le_bytes(c.try_into().expect("chunks of eight"));
            let cap = x.wrapping_add(0x3F * ONES) & !x.wrapping_add(0x25 * ONES); // A..=Z
            let small = x.wrapping_add(0x1F * ONES) & !x.wrapping_add(0x05 * ONES); // a..=z
            up += (cap & HIGH) >> 7;
            lo += (small & HIGH) >> 7;
            n += 1;
        }
        if n == 0 {
            break;
        }
        upper += lanes(up);
        lower += lanes(lo);
    }
    for &b in chunks.remainder() {
        upper += usize::from(b.is_ascii_uppercase());
        lower += usize::from(b.is_ascii_lowercase());
    }
    (upper, lower)
}

/// Length of the leading run of ASCII bytes.
#[inline]
fn ascii_run(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while i + 8 <= bytes.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[i..i + 8]);
        let high = u64::from_le_bytes(word) & HIGH;
        if high != 0 {
            return i + (high.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i] < 0x80 {
        i += 1;
    }
    i
}

impl FoldedText {
    /// Folds `text`.
    pub fn new(text: &str) -> FoldedText {
        FoldedText::new_in(text, Vec::new())
    }

    /// Folds `text` into `buffer`'s memory (its contents are discarded), so
    /// that a caller folding many texts can reuse one allocation; see
    /// [`FoldedText::into_buffer`].
    pub fn new_in(text: &str, mut buffer: Vec<u8>) -> FoldedText {
        let bytes = text.as_bytes();
        buffer.clear();
        buffer.reserve(bytes.len() + 8);
        let mut out = buffer;
        let mut chars = Alignment::default();
        let (mut upper, mut lower) = (0usize, 0usize);
        let mut scratch = String::new();
        let mut i = 0;
        while i < bytes.len() {
            let run = ascii_run(&bytes[i..]);
            if run > 0 {
                let ascii = &bytes[i..i + run];
                let (u, l) = ascii_case_counts(ascii);
                upper += u;
                lower += l;
                out.extend(ascii.iter().map(|&b| fold_ascii(b)));
                i += run;
                continue;
            }
            // One non-ASCII character.
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let len = c.len_utf8();
            let to_start = out.len();
            if is_space_like(c) {
                out.push(b' ');
            } else if is_plain_punctuation(c) {
                out.extend_from_slice(&bytes[i..i + len]);
            } else {
                if c.is_uppercase() {
                    upper += 1;
                } else if c.is_lowercase() {
                    lower += 1;
                }
                if !is_invisible(c) {
                    scratch.clear();
                    fold_char(c, &mut scratch);
                    out.extend_from_slice(scratch.as_bytes());
                }
            }
            if out[to_start..] != bytes[i..i + len] {
                chars.segments.push(Segment {
                    to_start,
                    to_end: out.len(),
                    from_start: i,
                    from_end: i + len,
                });
            }
            i += len;
        }
        let folded = String::from_utf8(out).expect("folding emits whole UTF-8 characters");
        FoldedText {
            folded,
            chars,
            upper,
            lower,
        }
    }

    /// The folded text's memory, for reuse by [`FoldedText::new_in`].
    pub fn into_buffer(self) -> Vec<u8> {
        self.folded.into_bytes()
    }

    /// The folded text.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.folded
    }

    /// Whether the folded text is byte-for-byte aligned with the original.
    #[inline]
    pub fn is_aligned(&self) -> bool {
        self.chars.segments.is_empty()
    }

    /// The original byte offset where a span starting at folded offset `p`
    /// starts. A position inside a folded character maps to the start of the
    /// original character.
    pub fn original_start(&self, p: usize) -> usize {
        self.chars.start(p)
    }

    /// The original byte offset where a span ending at folded offset `p`
    /// ends. A position inside a folded character maps to the end of the
    /// original character; dropped invisible characters right after the span
    /// stay outside it.
    pub fn original_end(&self, p: usize) -> usize {
        self.chars.end(p)
    }

    /// Number of uppercase and lowercase letters in the original.
    pub fn letter_case_counts(&self) -> (usize, usize) {
        (self.upper, self.lower)
    }

    /// Whether the original is written with ordinary capitalisation
    /// (see [`casing_from_counts`]).
    pub fn casing(&self) -> Casing {
        casing_from_counts(self.upper, self.lower)
    }
}

/// Punctuation of the General Punctuation block that folds to itself
/// (dashes, quotation marks, bullets, ellipsis), copied without the slow
/// path. Apostrophes and hyphens are not in it.
#[inline]
fn is_plain_punctuation(c: char) -> bool {
    matches!(c, '\u{2012}'..='\u{2017}' | '\u{201A}'..='\u{2027}')
}

/// Folds one non-ASCII, non-space character into `out`.
fn fold_char(c: char, out: &mut String) {
    if is_apostrophe(c) {
        out.push('\'');
        return;
    }
    // Letters that have no decomposition but that readers equate with a
    // plain Latin letter.
    let special = match c {
        'ß' | 'ẞ' => "ss",
        'ø' | 'Ø' => "o",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ħ' | 'Ħ' => "h",
        'ı' => "i",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'þ' | 'Þ' => "th",
        'ς' => "σ",
        _ => "",
    };
    if !special.is_empty() {
        out.push_str(special);
        return;
    }
    decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        for l in d.to_lowercase() {
            match l {
                'ß' => out.push_str("ss"),
                'ς' => out.push('σ'),
                _ => out.push(l),
            }
        }
    });
}

/// Folds a short string (a dictionary alias) the same way as a text.
pub fn fold(s: &str) -> String {
    FoldedText::new(s).folded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_counts_the_letters_casing_of_counts() {
        // Folding counts no space-like character and no plain punctuation
        // (copied as they are): none is a capital or a small letter, so
        // its count is that of `casing_of`, which the quote extractor
        // reads from it (`gazetteer::find_with_casing`).
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            if !c.is_ascii() && (is_space_like(c) || is_plain_punctuation(c)) {
                assert!(!c.is_uppercase() && !c.is_lowercase(), "{c:?}");
            }
        }
        for text in [
            "Putin told Assad: it is time.",
            "putin told assad\u{a0}— “it is time”",
            "ÉLYSÉE ‘SAYS’ NO … ß",
            "",
        ] {
            assert_eq!(FoldedText::new(text).casing(), casing_of(text), "{text:?}");
        }
    }

    #[test]
    fn ascii_case_counts_are_the_byte_counts() {
        let mut text = Vec::new();
        for k in 0..5000u32 {
            text.push((k.wrapping_mul(2_654_435_761) >> 7) as u8 & 0x7F);
        }
        for end in [0, 1, 7, 8, 9, 63, 2039, 2040, 2041, 5000] {
            let t = &text[..end];
            let upper = t.iter().filter(|b| b.is_ascii_uppercase()).count();
            let lower = t.iter().filter(|b| b.is_ascii_lowercase()).count();
            assert_eq!(ascii_case_counts(t), (upper, lower), "{end}");
        }
        let caps = vec![b'Q'; 4096];
        assert_eq!(ascii_case_counts(&caps), (4096, 0));
        let all: Vec<u8> = (0..0x80u8).cycle().take(3000).collect();
        let upper = all.iter().filter(|b| b.is_ascii_uppercase()).count();
        let lower = all.iter().filter(|b| b.is_ascii_lowercase()).count();
        assert_eq!(ascii_case_counts(&all), (upper, lower));
    }

    /// (original, folded)
    const CASES: &[(&str, &str)] = &[
        ("Vladimir Putin", "vladimir putin"),
        ("Erdoğan", "erdogan"),
        ("İstanbul", "istanbul"),
        ("STRASSE Straße", "strasse strasse"),
        ("al-Assad", "al assad"),
        ("al  Assad", "al  assad"),
        ("al -\n Assad", "al    assad"),
        ("Assad’s", "assad's"),
        ("Assad`s", "assad's"),
        ("Côte d’Ivoire", "cote d'ivoire"),
        ("Pu\u{AD}tin", "putin"),
        ("Zürich\u{A0}Bahnhof", "zurich bahnhof"),
        ("a\u{3000}\u{2009}b", "a  b"),
        ("Łódź", "lodz"),
        ("ﬁnance", "finance"),
        ("ΟΔΥΣΣΕΥΣ", "οδυσσευσ"),
        ("Ｔｏｋｙｏ", "tokyo"),
        ("Erdog\u{306}an", "erdogan"),
        ("中国", "中国"),
        ("u.n.-led", "u.n. led"),
        ("", ""),
    ];

    #[test]
    fn folds_like_a_reader_reads() {
        for (orig, want) in CASES {
            assert_eq!(fold(orig), *want, "folding {orig:?}");
        }
    }

    /// Every folded char boundary maps back to an original char boundary,
    /// and spans map back to the text a reader would point at.
    #[test]
    fn alignment_maps_spans_back() {
        let text = "Then İstanbul’s  mayor, Ekrem İmamoğlu, met al-Assad\u{AD}.";
        let f = FoldedText::new(text);
        let folded = f.as_str();
        for (needle, want) in [
            ("istanbul", "İstanbul"),
            ("ekrem imamoglu", "Ekrem İmamoğlu"),
            ("mayor", "mayor"),
            ("al assad", "al-Assad"),
            ("then istanbul's  mayor", "Then İstanbul’s  mayor"),
        ] {
            let s = folded.find(needle).unwrap();
            let e = s + needle.len();
            let (os, oe) = (f.original_start(s), f.original_end(e));
            assert_eq!(&text[os..oe], want, "span of {needle:?}");
        }
    }

    #[test]
    fn ascii_text_is_aligned() {
        let f = FoldedText::new("Putin told Assad: it is time.");
        assert!(f.is_aligned());
        assert_eq!(f.original_start(6), 6);
        assert_eq!(f.original_end(10), 10);
    }

    #[test]
    fn casing_is_detected() {
        let cased = FoldedText::new(
            "Russian President Vladimir Putin hosted Syrian President Bashar al-Assad.",
        );
        assert_eq!(cased.casing(), Casing::Cased);
        let lower = FoldedText::new(
            "russian president vladimir putin hosted syrian president bashar al-assad .",
        );
        assert_eq!(lower.casing(), Casing::Uncased);
        let upper = FoldedText::new("PUTIN HOSTS ASSAD IN SOCHI FOR TALKS ON SYRIA");
        assert_eq!(upper.casing(), Casing::Uncased);
    }

    #[test]
    fn every_boundary_maps_inside_the_original() {
        let text = "ß½İ\u{AD}\u{AD}x  ’ ﬁ e\u{301}";
        let f = FoldedText::new(text);
        let folded = f.as_str();
        for p in 0..=folded.len() {
            if !folded.is_char_boundary(p) {
                continue;
            }
            let (s, e) = (f.original_start(p), f.original_end(p));
            assert!(text.is_char_boundary(s) && s <= text.len(), "start {p}");
            assert!(text.is_char_boundary(e) && e <= text.len(), "end {p}");
        }
    }
}
