//! Tokens: words, punctuation, quotation marks and line breaks, with byte
//! spans into the original text.
//!
//! Tokenising is the one pass over the characters that the quote extractor
//! makes; later stages work on tokens. A word keeps its case and its folded
//! lowercase form (for lexicon look-ups), a quotation mark keeps its shape
//! (the pairing in `marks.rs` decides whether it opens or closes), and the
//! possessive `'s` / `’s` is a token of its own so that `Assad’s` is the
//! word `Assad`.

use crate::text::chars::is_word_char;

/// The shape of a quotation mark as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mark {
    /// `"`: opens or closes, decided by context.
    StraightDouble,
    /// `“`: usually opens (closes in German style, paired with `„`).
    LeftDouble,
    /// `”`: usually closes.
    RightDouble,
    /// `„`: opens (German, Polish, ...).
    LowDouble,
    /// `«`: opens (French); closes in German style.
    LeftGuillemet,
    /// `»`: closes (French); opens in German style.
    RightGuillemet,
    /// `'` used as a quotation mark (not an apostrophe).
    StraightSingle,
    /// `‘`: opens a single-quoted span.
    LeftSingle,
    /// `’` used as a closing quotation mark (not an apostrophe).
    RightSingle,
    /// `‹` and `›`.
    LeftSingleGuillemet,
    RightSingleGuillemet,
    /// ` `` ` (TeX/Penn Treebank style opening).
    DoubleBacktick,
    /// `''`: TeX/Penn Treebank style closing; in archive text (`''It's
    /// more tinkering,'' said Cole.`) it opens too, decided by context.
    DoubleApostrophe,
}

impl Mark {
    /// Whether the mark belongs to the double-quote family (the level at
    /// which news quotes speech).
    pub fn is_double(self) -> bool {
        !matches!(
            self,
            Mark::StraightSingle
                | Mark::LeftSingle
                | Mark::RightSingle
                | Mark::LeftSingleGuillemet
                | Mark::RightSingleGuillemet
        )
    }
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Letters and digits (with inner hyphens, periods of abbreviations and
    /// apostrophes of contractions: `al-Assad`, `U.S.`, `don't`).
    Word,
    /// The possessive `'s`, `’s` or a bare `'`/`’` after a plural (`leaders’`).
    Possessive,
    /// A quotation mark.
    Quote(Mark),
    /// Sentence-final punctuation: `.`, `!`, `?`, `…`.
    End,
    /// `,`
    Comma,
    /// `:`
    Colon,
    /// `;`
    Semicolon,
    /// `(`, `[`
    Open,
    /// `)`, `]`
    Close,
    /// `—`, `–`, ` - ` (a dash between spaces)
    Dash,
    /// A line break; `paragraph` when a blank line (or more) follows.
    Break { paragraph: bool },
    /// Anything else (`&`, `%`, `$`, `/`, emoji, ...).
    Other,
}

/// One token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the original text.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Span of the folded lowercase form in [`Tokens::norms`] (words only).
    norm_start: u32,
    norm_end: u32,
    /// Capitalisation of a word: the first letter is a capital.
    pub capitalised: bool,
    /// Every letter is a capital (`NATO`, `US`).
    pub all_caps: bool,
    /// Whitespace (or the text's start) right before the token.
    pub space_before: bool,
}

impl Token {
    /// A quotation mark that is not written in the text but recovered from
    /// the trace its removal left (`src/quotes/unmarked.rs`): its span is
    /// the whitespace that stands where the mark stood.
    pub fn recovered_mark(start: usize, end: usize, mark: Mark, space_before: bool) -> Token {
        Token {
            start,
            end,
            kind: Kind::Quote(mark),
            norm_start: 0,
            norm_end: 0,
            capitalised: false,
            all_caps: false,
            space_before,
        }
    }
}

/// The tokens of a text.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    pub tokens: Vec<Token>,
    norms: String,
    /// Every byte of `norms` is ASCII (found once `norms` is complete;
    /// neither field changes afterwards).
    ascii: bool,
}

impl Tokens {
    /// The folded lowercase form of token `i` (empty for non-words).
    #[inline]
    pub fn norm(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        let range = t.norm_start as usize..t.norm_end as usize;
        if self.ascii {
            // (The range is checked against the bytes as before.)
            let bytes = &self.norms.as_bytes()[range];
            // SAFETY: every byte of `norms` is ASCII (`ascii`), so every
            // range of it holds whole characters: valid UTF-8. This skips
            // the check of a character boundary at each end that
            // `&self.norms[range]` makes, in the extractor's most frequent
            // look-up (about a million per megabyte of text); text with
            // other characters takes the checked path below.
            unsafe { std::str::from_utf8_unchecked(bytes) }
        } else {
            &self.norms[range]
        }
    }

    /// The length in bytes of token `i`'s norm.
    #[inline]
    pub fn norm_len(&self, i: usize) -> usize {
        let t = &self.tokens[i];
        (t.norm_end - t.norm_start) as usize
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Token `i`.
    #[inline]
    pub fn get(&self, i: usize) -> Option<&Token> {
        self.tokens.get(i)
    }

    /// Inserts `marks`, each `(k, token)` going before the token now at
    /// index `k`; `marks` is sorted by `k`.
    pub fn insert(&mut self, marks: &[(usize, Token)]) {
        if marks.is_empty() {
            return;
        }
        let mut merged = Vec::with_capacity(self.tokens.len() + marks.len());
        let mut from = 0;
        for &(at, m) in marks {
            let at = at.min(self.tokens.len());
            merged.extend_from_slice(&self.tokens[from..at]);
            merged.push(m);
            from = at;
        }
        merged.extend_from_slice(&self.tokens[from..]);
        self.tokens = merged;
    }

    /// Whether token `i` is a word whose norm is `word`.
    #[inline]
    pub fn is(&self, i: usize, word: &str) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == Kind::Word) && self.norm(i) == word
    }
}

/// Titles written with a period (`Mr.`, `Sen.`): the period is part of the
/// word.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt", "sgt",
    "cpl", "adm", "cmdr", "insp", "supt", "det", "cst", "const", "rev", "hon", "pres", "atty",
    "sr", "jr", "st",
];

// (`word` reads a longer word as no title.)
const _: () = {
    let mut k = 0;
    while k < TITLE_ABBREVIATIONS.len() {
        assert!(TITLE_ABBREVIATIONS[k].len() <= 5);
        k += 1;
    }
};

/// A word of at most five bytes as one number: its bytes with ASCII
/// capitals made small, and its length in the top byte. Two words have the
/// same key exactly when they are equal ignoring ASCII case.
const fn title_key(w: &[u8]) -> u64 {
    let mut key = (w.len() as u64) << 56;
    let mut k = 0;
    while k < w.len() {
        key |= (w[k].to_ascii_lowercase() as u64) << (8 * k);
        k += 1;
    }
    key
}

/// [`TITLE_ABBREVIATIONS`] as [`title_key`]s (a word followed by a
/// period is compared with numbers, not strings).
const TITLE_KEYS: [u64; TITLE_ABBREVIATIONS.len()] = {
    let mut keys = [0; TITLE_ABBREVIATIONS.len()];
    let mut k = 0;
    while k < keys.len() {
        keys[k] = title_key(TITLE_ABBREVIATIONS[k].as_bytes());
        k += 1;
    }
    keys
};

fn is_apostrophe_char(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// The tokens as they are read: the norms are bytes until the end (an
/// ASCII word's norm is written eight bytes at a time, [`push_word`]), then
/// checked once as UTF-8.
#[derive(Default)]
struct Builder {
    tokens: Vec<Token>,
    norms: Vec<u8>,
}

impl Builder {
    /// The norm of token `i`, as bytes.
    fn norm(&self, i: usize) -> &[u8] {
        let t = &self.tokens[i];
        &self.norms[t.norm_start as usize..t.norm_end as usize]
    }
}

/// Tokenises `text`.
pub fn tokenize(text: &str) -> Tokens {
    let mut out = Builder {
        // (Room for a token every three bytes: news text, about one every
        // five, seldom grows the vector, which would copy it.)
        tokens: Vec::with_capacity(text.len() / 3 + 8),
        // (Slack for the eight or sixteen bytes a word writes before it is cut.)
        norms: Vec::with_capacity(text.len() + 16),
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut space_before = true;
    while i < bytes.len() {
        // (An ASCII byte is its character: most of news text needs no
        // decoding.)
        let b = bytes[i];
        // (A space, the commonest character, only spaces.)
        if b == b' ' {
            i += 1;
            space_before = true;
            continue;
        }
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            match text[i..].chars().next() {
                Some(c) => c,
                None => break,
            }
        };
        let len = c.len_utf8();
        if c.is_whitespace() {
            // Line breaks matter (paragraphs); other whitespace only as spacing.
            if c == '\n' {
                let start = i;
                let mut j = i + 1;
                let mut newlines = 1;
                while j < bytes.len() {
                    match bytes[j] {
                        b'\n' => {
                            newlines += 1;
                            j += 1;
                        }
                        b' ' | b'\t' | b'\r' => j += 1,
                        _ => break,
                    }
                }
                push(
                    &mut out,
                    start,
                    start + 1,
                    Kind::Break {
                        paragraph: newlines > 1,
                    },
                    true,
                );
                i = j;
                space_before = true;
                continue;
            }
            i += len;
            space_before = true;
            continue;
        }
        if is_word_char(c) {
            // A link is one token: its periods end no sentence and its
            // words are no one's (`pic.twitter.com/4FPAe2KypA`).
            if let Some(end) = url_end(text, i) {
                push(&mut out, i, end, Kind::Other, space_before);
                i = end;
                space_before = false;
                continue;
            }
            i = word(text, i, &mut out, space_before);
            space_before = false;
            continue;
        }
        if let Some((end, kind)) = two_character_mark(text, i, c) {
            push(&mut out, i, end, kind, space_before);
            i = end;
            space_before = false;
            continue;
        }
        let kind = match c {
            '.' | '!' | '?' | '…' => Kind::End,
            ',' => Kind::Comma,
            ':' => Kind::Colon,
            ';' => Kind::Semicolon,
            '(' | '[' | '{' => Kind::Open,
            ')' | ']' | '}' => Kind::Close,
            '—' | '–' | '―' => Kind::Dash,
            '-' => {
                // A hyphen standing between spaces is a dash (`--` is one too,
                // above).
                if space_before && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()) {
                    Kind::Dash
                } else {
                    Kind::Other
                }
            }
            '"' => Kind::Quote(Mark::StraightDouble),
            '“' => Kind::Quote(Mark::LeftDouble),
            '”' => Kind::Quote(Mark::RightDouble),
            '„' => Kind::Quote(Mark::LowDouble),
            '«' => Kind::Quote(Mark::LeftGuillemet),
            '»' => Kind::Quote(Mark::RightGuillemet),
            '‹' => Kind::Quote(Mark::LeftSingleGuillemet),
            '›' => Kind::Quote(Mark::RightSingleGuillemet),
            // An elision, not a quotation mark: `the '90s`, `rock 'n' roll`.
            '\'' | '‘' | '’'
                if (space_before || out.tokens.is_empty())
                    && text[i + len..]
                        .chars()
                        .next()
                        .is_some_and(|n| n.is_ascii_digit()) =>
            {
                Kind::Other
            }
            '\'' | '‘' | '’'
                if space_before
                    && text[i + len..].starts_with('n')
                    && text[i + len + 1..].starts_with(['\'', '’'])
                    && text[i + len + 2..]
                        .chars()
                        .next()
                        .is_none_or(|n| !is_word_char(n)) =>
            {
                let end =
                    i + len + 1 + text[i + len + 1..].chars().next().map_or(0, char::len_utf8);
                push(&mut out, i, end, Kind::Other, space_before);
                i = end;
                space_before = false;
                continue;
            }
            '‘' => Kind::Quote(Mark::LeftSingle),
            '\'' | '’' | 'ʼ' => {
                // After a word: a possessive (`leaders’ `, `'s`); otherwise a
                // single quotation mark.
                let after_word =
                    !space_before && out.tokens.last().is_some_and(|t| t.kind == Kind::Word);
                if after_word {
                    let next = text[i + len..].chars().next();
                    if next.is_some_and(|n| n == 's' || n == 'S')
                        && text[i + len + 1..]
                            .chars()
                            .next()
                            .is_none_or(|n| !is_word_char(n))
                    {
                        push(&mut out, i, i + len + 1, Kind::Possessive, false);
                        i += len + 1;
                        space_before = false;
                        continue;
                    }
                    if next.is_none_or(|n| !is_word_char(n)) {
                        let prev_s = out
                            .tokens
                            .last()
                            .is_some_and(|t| text[t.start..t.end].ends_with(['s', 'S']));
                        let kind = if prev_s && c != '\'' {
                            // `leaders’ meeting` — but `’` also closes a
                            // single quote; pairing sorts that out.
                            Kind::Quote(Mark::RightSingle)
                        } else if c == '\'' {
                            Kind::Quote(Mark::StraightSingle)
                        } else {
                            Kind::Quote(Mark::RightSingle)
                        };
                        push(&mut out, i, i + len, kind, false);
                        i += len;
                        space_before = false;
                        continue;
                    }
                }
                if c == '’' || c == 'ʼ' {
                    Kind::Quote(Mark::RightSingle)
                } else {
                    Kind::Quote(Mark::StraightSingle)
                }
            }
            _ => Kind::Other,
        };
        push(&mut out, i, i + len, kind, space_before);
        i += len;
        space_before = false;
    }
    let norms = String::from_utf8(out.norms).expect("norms are built from whole characters");
    Tokens {
        tokens: out.tokens,
        ascii: norms.is_ascii(),
        norms,
    }
}

/// A mark or dash written with two characters (three for an ellipsis) that
/// starts with `c` at byte `i`: its end and kind. (None of them starts an
/// elision, `'90s` or `rock 'n' roll`: their second character differs.)
fn two_character_mark(text: &str, i: usize, c: char) -> Option<(usize, Kind)> {
    let rest = &text[i..];
    let (len, kind) = match c {
        '.' if rest.starts_with("...") => (3, Kind::End),
        '-' if rest.starts_with("--") => (2, Kind::Dash),
        '`' if rest.starts_with("``") => (2, Kind::Quote(Mark::DoubleBacktick)),
        '\'' if rest.starts_with("''") => (2, Kind::Quote(Mark::DoubleApostrophe)),
        // Two closing single quotes written for a closing double.
        '’' if rest.starts_with("’’") => (6, Kind::Quote(Mark::RightDouble)),
        // Two single quotes written for an opening double (`‘’It’s not a
        // question …”`, `‘‘We will …’’`).
        '‘' if rest.starts_with("‘’") || rest.starts_with("‘‘") => {
            (6, Kind::Quote(Mark::LeftDouble))
        }
        _ => return None,
    };
    Some((i + len, kind))
}

/// The end of a link starting at byte `i` (`https://…`, `www.…`,
/// `pic.twitter.com/…`), without the punctuation that closes a sentence
/// after it.
#[inline]
fn url_end(text: &str, i: usize) -> Option<usize> {
    // (Most words start with none of these letters: one test and done,
    // inlined at every word start.)
    if !matches!(text.as_bytes()[i] | 0x20, b'h' | b'w' | b'p') {
        return None;
    }
    url_end_from(text, i)
}

/// [`url_end`] for a word starting with `h`, `w` or `p`.
fn url_end_from(text: &str, i: usize) -> Option<usize> {
    let head = text
        .as_bytes()
        .get(i..i + 16)
        .unwrap_or(&text.as_bytes()[i..]);
    let starts =
        |p: &str| head.len() >= p.len() && head[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    if !(starts("http://") || starts("https://") || starts("www.") || starts("pic.twitter.com/")) {
        return None;
    }
    let rest = &text[i..];
    let mut end = i + rest.find(char::is_whitespace).unwrap_or(rest.len());
    while let Some(c) = text[i..end].chars().next_back().filter(|c| {
        matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '"' | '\'' | '”' | '’'
        )
    }) {
        end -= c.len_utf8();
    }
    (end > i).then_some(end)
}

/// Top-level domains after which a period is part of a name
/// (`Breitbart.com`, `CNN.com`).
const DOMAINS: &[&str] = &[
    "com", "org", "net", "gov", "edu", "ca", "co", "uk", "io", "us", "tv", "info",
];

/// Whether the period at byte `i` joins two runs of capitals or digits
/// into one name (`JAZZ.FM91`, `CBC.CA`): capitals from the word's start
/// `start`, and after the point capitals and digits to the word's end
/// (not `NATO.The`, a glued sentence end). A stock ticker's exchange code
/// closes a bracket (`(AAPL.O)`, `<BHAM.L>`, `(7203.T)`).
fn capitals_point(text: &str, start: usize, i: usize) -> bool {
    let bytes = text.as_bytes();
    if !(bytes[start].is_ascii_uppercase() || bytes[start].is_ascii_digit()) {
        return false;
    }
    let rest = &bytes[i + 1..];
    let len = rest
        .iter()
        .take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        .count();
    let ticker = (1..=2).contains(&len)
        && matches!(rest.get(len), Some(b')' | b'>'))
        && bytes[start..i]
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if !ticker && !bytes[start..i].iter().all(u8::is_ascii_uppercase) {
        return false;
    }
    (len >= 2 || ticker)
        && rest[0].is_ascii_uppercase()
        && rest.get(len).is_none_or(|b| !b.is_ascii_alphanumeric())
}

/// Whether the period at byte `i` joins a domain (`Breitbart.com`): a
/// lowercase top-level domain follows it and ends the word.
fn domain_point(text: &str, i: usize) -> bool {
    let rest = &text[i + 1..];
    let len = rest.bytes().take_while(u8::is_ascii_lowercase).count();
    let mut after = rest[len..].chars();
    DOMAINS.contains(&&rest[..len])
        && match after.next() {
            None => true,
            // `CNN.com.` ends a sentence; `cnn.com.au` is no name.
            Some('.') => after.next().is_none_or(|c| !c.is_alphabetic()),
            Some(c) => !is_word_char(c),
        }
}

/// Month names and their abbreviations, lowercase.
pub const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Whether a word starting at `start` begins with a year glued to the next
/// word after a date (`December 31, 2016This is nothing new`, as pasted
/// posts lose their line break): the tokens before are a month, a day and a
/// comma.
fn glued_year(text: &str, start: usize, out: &Builder) -> bool {
    let b = text.as_bytes();
    let n = out.tokens.len();
    b.len() > start + 4
        && b[start..start + 4].iter().all(u8::is_ascii_digit)
        && matches!(&b[start..start + 2], b"19" | b"20")
        && b[start + 4].is_ascii_alphabetic()
        && n >= 3
        && out.tokens[n - 1].kind == Kind::Comma
        && out.tokens[n - 2].kind == Kind::Word
        && out.norm(n - 2).len() <= 2
        && out.norm(n - 2).iter().all(u8::is_ascii_digit)
        && MONTHS.iter().any(|m| m.as_bytes() == out.norm(n - 3))
}

fn push(out: &mut Builder, start: usize, end: usize, kind: Kind, space_before: bool) {
    let n = out.norms.len() as u32;
    out.tokens.push(Token {
        start,
        end,
        kind,
        norm_start: n,
        norm_end: n,
        capitalised: false,
        all_caps: false,
        space_before,
    });
}

/// Reads a word starting at byte `start`; returns the byte after it.
///
/// Inside a word: letters and digits; a hyphen between word characters
/// (`al-Assad`, `anti-Iran`); an apostrophe between letters (`don't`,
/// `O'Brien`) unless it starts `'s` at the word's end (`Assad's` is the
/// word `Assad` and the possessive `'s`); and the periods of dotted
/// abbreviations (`U.S.`, `u.n.`), the only words that end in a period.
fn word(text: &str, start: usize, out: &mut Builder, space_before: bool) -> usize {
    let bytes = text.as_bytes();
    if glued_year(text, start, out) {
        push_word(text, start, start + 4, out, space_before, true);
        return start + 4;
    }
    let mut i = start;
    // No character of more than one byte taken so far (then the word is
    // ASCII, and push_word need not check).
    let mut ascii = true;
    loop {
        // a run of word characters
        while i < bytes.len() {
            // (ASCII letters and digits eight at a time.)
            if let Some(chunk) = bytes.get(i..i + 8) {
                let stop =
                    !ascii_alphanumeric(u64::from_le_bytes(chunk.try_into().expect("eight bytes")))
                        & HIGH;
                if stop == 0 {
                    i += 8;
                    continue;
                }
                i += (stop.trailing_zeros() / 8) as usize;
                // (The byte that stopped the run is no ASCII letter or
                // digit: an ASCII one ends it, unread again.)
                if bytes[i] < 0x80 {
                    break;
                }
            } else {
                let b = bytes[i];
                if b < 0x80 {
                    if b.is_ascii_alphanumeric() {
                        i += 1;
                        continue;
                    }
                    break;
                }
            }
            match text[i..].chars().next() {
                Some(c) if is_word_char(c) || unicode_normalization::char::is_combining_mark(c) => {
                    i += c.len_utf8();
                    ascii = false;
                }
                _ => break,
            }
        }
        // `#BCStormpic.twitter.com/…`: a link glued to the word ends it.
        // (Its period stands at `i`: the cheap test first.)
        if i >= start + 4
            && bytes.get(i) == Some(&b'.')
            && bytes[i - 3..].starts_with(b"pic.twitter.com/")
        {
            i -= 3;
            break;
        }
        // (Most words end at a space or at punctuation that joins nothing:
        // an ASCII byte other than the joiners below.)
        if i < bytes.len() && bytes[i] < 0x80 && !matches!(bytes[i], b'-' | b'.' | b',' | b'\'') {
            break;
        }
        // a joiner followed by a word character continues the word
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let clen = c.len_utf8();
        let next = text[i + clen..].chars().next();
        // `1.6`, `2,500`: a point or a comma between digits is part of a number.
        let in_number = matches!(c, '.' | ',')
            && bytes[i - 1].is_ascii_digit()
            && next.is_some_and(|n| n.is_ascii_digit());
        let joins = in_number
            || match c {
                '-' | '‐' | '‑' => next.is_some_and(is_word_char),
                '.' if i > start && domain_point(text, i) => true,
                '.' if i >= start + 2 && capitals_point(text, start, i) => true,
                '.' => {
                    // dotted abbreviation: `U.S`, `u.n` — a single letter before and after
                    let single_before =
                        i >= 1 && (i - 1 == start || !bytes[i - 2].is_ascii_alphanumeric());
                    let single_after = next.is_some_and(|n| n.is_alphabetic())
                        && text[i + clen..]
                            .chars()
                            .nth(1)
                            .is_none_or(|n| !is_word_char(n));
                    single_before && single_after && bytes[i - 1].is_ascii_alphabetic()
                }
                c if is_apostrophe_char(c) => {
                    let possessive = next.is_some_and(|n| n == 's' || n == 'S')
                        && text[i + clen + 1..]
                            .chars()
                            .next()
                            .is_none_or(|n| !is_word_char(n));
                    !possessive && next.is_some_and(char::is_alphabetic) && i > start
                }
                _ => false,
            };
        if !joins {
            break;
        }
        i += clen;
        ascii &= clen == 1;
    }
    // The final period of a dotted abbreviation belongs to it (`U.S.`), and
    // so does that of a title (`Mr.`, `Sen.`), which never ends a sentence.
    if i < bytes.len() && bytes[i] == b'.' {
        let w = &text[start..i];
        let inner_single =
            w.bytes().any(|b| b == b'.') && w.split('.').all(|p| p.chars().count() == 1);
        // (The titles are ASCII lowercase, of at most five letters: no
        // lowercase copy of the word, and a longer word is none.)
        let title = w.len() <= 5 && TITLE_KEYS.contains(&title_key(w.as_bytes()));
        // A middle initial before the rest of the name (`George W. Bush`,
        // `Harry J. Kazianis`): its point is no sentence end, and the name
        // reads as one run of words.
        let initial = i == start + 1
            && bytes[start].is_ascii_uppercase()
            && bytes.get(i + 1) == Some(&b' ')
            && bytes.get(i + 2).is_some_and(u8::is_ascii_uppercase);
        if inner_single || title || initial {
            i += 1;
        }
    }
    push_word(text, start, i, out, space_before, ascii);
    i
}

/// Pushes the ASCII word `text[start..i]` whose lowercase bytes are the
/// first `i - start` bytes of `lowered` (little-endian 64-bit words), with
/// its capitalisation `(upper_first, all_caps)`.
#[inline(always)]
fn push_lowered(
    text: &str,
    (start, i): (usize, usize),
    out: &mut Builder,
    lowered: &[u64],
    caps: (bool, bool),
    space_before: bool,
) {
    let norm_start = out.norms.len();
    for w in lowered {
        out.norms.extend_from_slice(&w.to_le_bytes());
    }
    out.norms.truncate(norm_start + (i - start));
    let norms = (norm_start as u32, (norm_start + (i - start)) as u32);
    push_word_token(text, start, i, out, norms, caps, space_before);
}

/// Pushes the word `text[start..i]` with its norm and capitalisation.
/// `ascii`: the word is ASCII (the caller knows).
///
/// (Most words are ASCII and at most eight bytes long: read as one
/// 64-bit word, inline; an ASCII word of up to sixteen bytes as two; the
/// others take [`push_word_general`].)
#[inline(always)]
fn push_word(
    text: &str,
    start: usize,
    i: usize,
    out: &mut Builder,
    space_before: bool,
    ascii: bool,
) {
    let len = i - start;
    if ascii && (1..=8).contains(&len) {
        if let Some(chunk) = text.as_bytes().get(start..start + 8) {
            let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            // (The bytes past the word are zeros: no letters, and ASCII.)
            let w = w & (u64::MAX >> (64 - 8 * len));
            let (letter, capital) = letters_and_capitals(w);
            // The first letter is a capital; every letter is one, and there
            // are two or more.
            let upper_first = letter & letter.wrapping_neg() & capital != 0;
            let all_caps = upper_first && letter == capital && letter & letter.wrapping_sub(1) != 0;
            push_lowered(
                text,
                (start, i),
                out,
                &[w | (capital >> 2)],
                (upper_first, all_caps),
                space_before,
            );
            return;
        }
    } else if ascii && (9..=16).contains(&len) {
        // (A longer ASCII word, up to sixteen bytes, as two 64-bit words.)
        if let Some(chunk) = text.as_bytes().get(start..start + 16) {
            let w0 = u64::from_le_bytes(chunk[..8].try_into().expect("eight bytes"));
            let w1 = u64::from_le_bytes(chunk[8..].try_into().expect("eight bytes"));
            let w1 = w1 & (u64::MAX >> (128 - 8 * len));
            let (letter0, capital0) = letters_and_capitals(w0);
            let (letter1, capital1) = letters_and_capitals(w1);
            let first = if letter0 != 0 {
                letter0 & letter0.wrapping_neg() & capital0
            } else {
                letter1 & letter1.wrapping_neg() & capital1
            };
            let upper_first = first != 0;
            let all_caps = upper_first
                && letter0 == capital0
                && letter1 == capital1
                && letter0.count_ones() + letter1.count_ones() >= 2;
            push_lowered(
                text,
                (start, i),
                out,
                &[w0 | (capital0 >> 2), w1 | (capital1 >> 2)],
                (upper_first, all_caps),
                space_before,
            );
            return;
        }
    }
    push_word_general(text, start, i, out, space_before, ascii);
}

/// [`push_word`] for any word.
#[inline(never)]
fn push_word_general(
    text: &str,
    start: usize,
    i: usize,
    out: &mut Builder,
    space_before: bool,
    ascii: bool,
) {
    let surface = &text[start..i];
    debug_assert_eq!(ascii, surface.is_ascii());
    let norm_start = out.norms.len() as u32;
    // The first letter is a capital; every letter is a capital (and there
    // are two or more).
    let (upper_first, all_upper);
    if ascii {
        // (The ASCII apostrophe is its own norm: a lowercase copy.)
        out.norms.extend_from_slice(surface.as_bytes());
        out.norms[norm_start as usize..].make_ascii_lowercase();
        (upper_first, all_upper) = letter_case(
            surface
                .bytes()
                .filter(u8::is_ascii_alphabetic)
                .map(|b| b.is_ascii_uppercase()),
        );
    } else {
        let mut buf = [0u8; 4];
        for ch in surface.chars() {
            if is_apostrophe_char(ch) {
                out.norms.push(b'\'');
            } else if ch.is_ascii() {
                out.norms.push(ch.to_ascii_lowercase() as u8);
            } else {
                for l in ch.to_lowercase() {
                    out.norms
                        .extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
                }
            }
        }
        (upper_first, all_upper) = letter_case(
            surface
                .chars()
                .filter(|c| c.is_alphabetic())
                .map(char::is_uppercase),
        );
    }
    let norms = (norm_start, out.norms.len() as u32);
    push_word_token(
        text,
        start,
        i,
        out,
        norms,
        (upper_first, all_upper),
        space_before,
    );
}

/// Whether, of a word's letters (each told as capital or not), the first is
/// a capital, and whether all are, two or more. (A word whose first letter
/// is small, most, is read no further.)
fn letter_case(mut capitals: impl Iterator<Item = bool>) -> (bool, bool) {
    let upper_first = capitals.next().unwrap_or(false);
    let mut n = 1;
    let all_upper = upper_first
        && capitals.all(|c| {
            n += 1;
            c
        })
        && n >= 2;
    (upper_first, all_upper)
}

/// Pushes the word token `text[start..i]` whose norm is `norms` in the
/// builder, with its case (`upper_first`, `all_caps`): capitalised if its
/// first letter is a capital or it is a name particle (`de`, `van`).
#[inline(always)]
fn push_word_token(
    text: &str,
    start: usize,
    i: usize,
    out: &mut Builder,
    (norm_start, norm_end): (u32, u32),
    (upper_first, all_caps): (bool, bool),
    space_before: bool,
) {
    out.tokens.push(Token {
        start,
        end: i,
        kind: Kind::Word,
        norm_start,
        norm_end,
        capitalised: upper_first || particle_name(text, start, i),
        all_caps,
        space_before,
    });
}

/// Lanes (bytes) of `w` whose high bit is set.
const HIGH: u64 = 0x8080_8080_8080_8080;
/// `b` in every lane.
const fn lanes(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

/// The lanes of `w` (ASCII bytes) that hold a letter, and those that hold a
/// capital: the high bit of each such lane. (A lane plus `0x80 - lo` reaches
/// the high bit when it is at least `lo`; no lane carries into the next.)
#[inline]
fn letters_and_capitals(w: u64) -> (u64, u64) {
    let folded = w | lanes(0x20);
    let letter = (folded + lanes(0x80 - b'a')) & !(folded + lanes(0x7f - b'z')) & HIGH;
    // (The small-letter bit, 0x20, moved up to the high bit.)
    let capital = letter & !(w << 2);
    (letter, capital)
}

/// The lanes of `w` that hold an ASCII letter or digit (the high bit of
/// each); a byte of a longer character is neither.
#[inline]
fn ascii_alphanumeric(w: u64) -> u64 {
    // (On the low seven bits, so that no lane carries into the next.)
    let low = w & !HIGH;
    let folded = low | lanes(0x20);
    let letter = (folded + lanes(0x80 - b'a')) & !(folded + lanes(0x7f - b'z'));
    let digit = (low + lanes(0x80 - b'0')) & !(low + lanes(0x7f - b'9'));
    (letter | digit) & !w & HIGH
}

/// Whether a word whose first letter is small is a name with a lowercase
/// particle: `al-Assad`, `bin-Salman`, `d'Estaing` (capitalised too). The
/// word is `text[start..end]`.
#[inline(always)]
fn particle_name(text: &str, start: usize, end: usize) -> bool {
    // (The bytes first: the word as a string only for the few that pass.)
    let bytes = &text.as_bytes()[start..end];
    // (Only lowercase words starting with `a`, `b`, `d` or `e` can be one.)
    // (Each particle has a hyphen or an apostrophe among the bytes 1 to 3
    // and a letter after it: a cheap test before the prefixes.)
    matches!(bytes.first(), Some(b'a' | b'b' | b'd' | b'e'))
        && bytes.len() >= 3
        && bytes[1..bytes.len().min(4)]
            .iter()
            .any(|&b| matches!(b, b'-' | b'\'' | 0xE2))
        && particle_prefix(&text[start..end])
}

/// [`particle_name`]'s test of the prefixes.
#[inline(never)]
fn particle_prefix(word: &str) -> bool {
    ["al-", "el-", "ad-", "as-", "bin-", "d'", "d’"]
        .iter()
        .any(|p| {
            word.starts_with(p)
                && word[p.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_keys_match_as_ascii_case_blind_comparison() {
        for w in [
            "mr", "Mr", "MRS", "mrs", "m", "MrS", "dr", "Dr", "sgt", "Sgt", "const", "Const",
            "mr1", "m r", "dré", "st", "ST", "s", "", "hon", "honey", "jr", "Jr", "atty",
        ] {
            let by_string = TITLE_ABBREVIATIONS
                .iter()
                .any(|t| w.eq_ignore_ascii_case(t));
            let by_key = w.len() <= 5 && TITLE_KEYS.contains(&title_key(w.as_bytes()));
            assert_eq!(by_key, by_string && w.len() <= 5, "{w:?}");
        }
    }

    #[test]
    fn alphanumeric_lanes_are_those_of_the_bytes() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                let w = u64::from(b) << (8 * lane) | 0x2020_2020_2020_2020 & !(0xff << (8 * lane));
                let want = if b.is_ascii_alphanumeric() {
                    0x80u64 << (8 * lane)
                } else {
                    0
                };
                assert_eq!(ascii_alphanumeric(w), want, "{b:#x} in lane {lane}");
            }
        }
    }

    #[test]
    fn short_ascii_words_read_as_one_word_as_in_general() {
        // The eight- and sixteen-byte readings of push_word against
        // push_word_general, at every length up to sixteen, with capitals,
        // small letters, digits and joiners, and bytes after the word that
        // must not be read into it.
        let alphabet = b"aZz@[`{Az09'-.,bdE";
        let mut seed = 7u64;
        for n in 0..5000 {
            let mut word = String::new();
            for _ in 0..(1 + n % 16) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                word.push(alphabet[(seed >> 33) as usize % alphabet.len()] as char);
            }
            let text = format!("{word}XY zé. Longer text after it");
            let (mut fast, mut general) = (Builder::default(), Builder::default());
            fast.norms.push(b'q');
            general.norms.push(b'q');
            push_word(&text, 0, word.len(), &mut fast, n % 3 == 0, true);
            push_word_general(&text, 0, word.len(), &mut general, n % 3 == 0, true);
            assert_eq!(fast.tokens, general.tokens, "{word:?}");
            assert_eq!(fast.norms, general.norms, "{word:?}");
        }
    }

    fn show(text: &str) -> Vec<String> {
        let t = tokenize(text);
        t.tokens
            .iter()
            .enumerate()
            .map(|(i, tok)| match tok.kind {
                Kind::Word => format!("W:{}", t.norm(i)),
                Kind::Possessive => "POS".to_string(),
                Kind::Quote(m) => format!("Q:{m:?}"),
                Kind::Break { paragraph } => {
                    if paragraph {
                        "PARA".into()
                    } else {
                        "NL".into()
                    }
                }
                k => format!("{k:?}:{}", &text[tok.start..tok.end]),
            })
            .collect()
    }

    #[test]
    fn numbers_keep_their_points_and_commas() {
        assert_eq!(
            show("$1.6 billion, 1,200 jobs, 3. Done"),
            [
                "Other:$",
                "W:1.6",
                "W:billion",
                "Comma:,",
                "W:1,200",
                "W:jobs",
                "Comma:,",
                "W:3",
                "End:.",
                "W:done"
            ]
        );
    }

    #[test]
    fn words_possessives_and_marks() {
        assert_eq!(
            show("“Assad’s U.S. visit,” al-Assad said. Don't."),
            [
                "Q:LeftDouble",
                "W:assad",
                "POS",
                "W:u.s.",
                "W:visit",
                "Comma:,",
                "Q:RightDouble",
                "W:al-assad",
                "W:said",
                "End:.",
                "W:don't",
                "End:."
            ]
        );
        assert_eq!(
            show("the leaders’ meeting"),
            ["W:the", "W:leaders", "Q:RightSingle", "W:meeting"]
        );
        assert_eq!(show("assad s visit"), ["W:assad", "W:s", "W:visit"]);
        assert_eq!(
            show("Mr. Fry, Sen. Smith."),
            ["W:mr.", "W:fry", "Comma:,", "W:sen.", "W:smith", "End:."]
        );
        assert_eq!(
            show("“Yes,’’ he said."),
            [
                "Q:LeftDouble",
                "W:yes",
                "Comma:,",
                "Q:RightDouble",
                "W:he",
                "W:said",
                "End:."
            ]
        );
        assert_eq!(
            show("He said: 'no'"),
            [
                "W:he",
                "W:said",
                "Colon::",
                "Q:StraightSingle",
                "W:no",
                "Q:StraightSingle"
            ]
        );
    }

    #[test]
    fn marks_of_two_characters() {
        // Typewriter quotes of older corpora, and an ellipsis, are one token
        // each; a single `'` before digits or in `'n'` is no mark.
        assert_eq!(
            show("``Wait...'' he said of the '90s."),
            [
                "Q:DoubleBacktick",
                "W:wait",
                "End:...",
                "Q:DoubleApostrophe",
                "W:he",
                "W:said",
                "W:of",
                "W:the",
                "Other:'",
                "W:90s",
                "End:."
            ]
        );
    }

    #[test]
    fn dashes_and_breaks() {
        assert_eq!(
            show("a — b - c--d\n\ne\nf"),
            [
                "W:a", "Dash:—", "W:b", "Dash:-", "W:c", "Dash:--", "W:d", "PARA", "W:e", "NL",
                "W:f"
            ]
        );
    }

    #[test]
    fn middle_initials_keep_their_point() {
        assert_eq!(
            show("George W. Bush met Plan B. He said it. A. B"),
            [
                "W:george", "W:w.", "W:bush", "W:met", "W:plan", "W:b.", "W:he", "W:said", "W:it",
                "End:.", "W:a.", "W:b"
            ]
        );
    }

    #[test]
    fn stock_tickers_are_one_word() {
        assert_eq!(
            show("Apple (AAPL.O), Toyota (7203.T) and Beecham <BHAM.L>, not USA.I"),
            [
                "W:apple",
                "Open:(",
                "W:aapl.o",
                "Close:)",
                "Comma:,",
                "W:toyota",
                "Open:(",
                "W:7203.t",
                "Close:)",
                "W:and",
                "W:beecham",
                "Other:<",
                "W:bham.l",
                "Other:>",
                "Comma:,",
                "W:not",
                "W:usa",
                "End:.",
                "W:i",
            ]
        );
    }

    #[test]
    fn links_domains_and_glued_dates() {
        assert_eq!(
            show("See pic.twitter.com/4FPAe2KypA, (https://t.co/x”) on CNN.com."),
            [
                "W:see",
                "Other:pic.twitter.com/4FPAe2KypA",
                "Comma:,",
                "Open:(",
                "Other:https://t.co/x",
                "Q:RightDouble",
                "Close:)",
                "W:on",
                "W:cnn.com",
                "End:."
            ]
        );
        assert_eq!(
            show("JAZZ.FM91 and CBC.CA, not NATO.The"),
            [
                "W:jazz.fm91",
                "W:and",
                "W:cbc.ca",
                "Comma:,",
                "W:not",
                "W:nato",
                "End:.",
                "W:the"
            ]
        );
        assert_eq!(
            show("#BCStormpic.twitter.com/rg2G"),
            ["Other:#", "W:bcstorm", "Other:pic.twitter.com/rg2G"]
        );
        assert_eq!(
            show("December 31, 2016This is new. In 2016Trump"),
            [
                "W:december",
                "W:31",
                "Comma:,",
                "W:2016",
                "W:this",
                "W:is",
                "W:new",
                "End:.",
                "W:in",
                "W:2016trump"
            ]
        );
    }

    #[test]
    fn norms_of_ascii_and_other_texts() {
        let ascii = tokenize("The U.S. Senate's vote, Mr. Smith said.");
        assert!(ascii.ascii);
        let norms: Vec<&str> = (0..ascii.len()).map(|i| ascii.norm(i)).collect();
        assert_eq!(
            norms,
            ["the", "u.s.", "senate", "", "vote", "", "mr.", "smith", "said", ""]
        );
        let other = tokenize("Erdoğan’s aide SAID «no»");
        assert!(!other.ascii);
        let norms: Vec<&str> = (0..other.len()).map(|i| other.norm(i)).collect();
        assert_eq!(norms, ["erdoğan", "", "aide", "said", "", "no", ""]);
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "İstanbul’s mayor said «non» and „ja“ … ``yes''";
        let t = tokenize(text);
        for tok in &t.tokens {
            assert!(text.is_char_boundary(tok.start) && text.is_char_boundary(tok.end));
            assert!(tok.start < tok.end);
        }
        assert_eq!(&text[t.tokens[0].start..t.tokens[0].end], "İstanbul");
        assert!(t.tokens[0].capitalised);
    }
}
