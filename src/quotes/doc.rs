//! The analysed document every rule reads: tokens with their lexicon
//! entries, sentences, quoted spans and gazetteer mentions, indexed by
//! token.

use super::lexicon::{Function, Lexicon, Pronoun, WordInfo};
use super::marks::{pair_marks, Quoted};
use super::sentences::{split, Sentence};
use super::tokens::{tokenize, Kind, Mark, Token, Tokens};
use super::unmarked::{detect, recover_marks, Form};
use crate::gazetteer::Match;
use crate::text::Casing;

/// An analysed text.
pub struct Doc<'a> {
    pub text: &'a str,
    pub lexicon: &'a Lexicon,
    pub tokens: Tokens,
    /// Lexicon entry of each token (words only).
    pub info: Vec<Option<&'a WordInfo>>,
    pub sentences: Vec<Sentence>,
    /// Per sentence: written in capitals only ([`Doc::capitals_sentence`]).
    capitals: Vec<bool>,
    /// Sentence of each token (tokens outside sentences, such as breaks,
    /// get the following sentence).
    pub sentence_of: Vec<u32>,
    /// Top-level quoted spans (speech candidates).
    pub quoted: Vec<Quoted>,
    /// For each token, 1 + the index of the quoted span whose content holds
    /// it, or 0.
    quote_of: Vec<u32>,
    /// For each token, 1 + the index of the quoted span it opens, or 0.
    opens: Vec<u32>,
    /// For each token, 1 + the index of the quoted span it closes, or 0.
    closes: Vec<u32>,
    /// Whether each quoted span belongs to a multi-paragraph chain.
    chained: Vec<bool>,
    /// Gazetteer mentions (byte spans), in order.
    pub mentions: Vec<Match>,
    /// For each token, 1 + the index of the mention covering it, or 0.
    mention_of: Vec<u32>,
    pub casing: Casing,
    /// Whether the text kept its quotation marks and apostrophes.
    pub form: Form,
    /// Quotation marks and apostrophes were removed: the stripped style of
    /// preprocessed corpora (no capitals) or the unmarked form of cased
    /// text (`unmarked.rs`). Possessives are split off (`assad s`), and
    /// direct speech shows in its voice.
    pub stripped: bool,
}

/// In stripped text the apostrophe is gone and `assad's` reads `assad s`:
/// a lone `s` after a noun is the possessive (after `it`, `that`, `there`
/// and the like it is `is`, and stays a word).
fn mark_split_possessives(tokens: &mut Tokens) {
    for i in 1..tokens.len() {
        let t = &tokens.tokens[i];
        let prev = &tokens.tokens[i - 1];
        if t.kind == Kind::Word
            && t.space_before
            && prev.kind == Kind::Word
            && tokens.norm_len(i) == 1
            && tokens.norm(i) == "s"
            && !matches!(
                tokens.norm(i - 1),
                "it" | "that"
                    | "there"
                    | "what"
                    | "here"
                    | "he"
                    | "she"
                    | "who"
                    | "where"
                    | "let"
                    | "how"
                    | "when"
                    | "why"
                    | "this"
                    | "everyone"
                    | "everything"
                    | "nobody"
                    | "nothing"
                    | "someone"
                    | "something"
                    | "one"
            )
        {
            tokens.tokens[i].kind = Kind::Possessive;
        }
    }
}

/// A single mark left unpaired right after a word in `s` and before the
/// next word is a plural possessive (`the teachers' union`, `tenants’
/// association`), not a quotation mark: the rules read it as `'s`.
fn plural_possessives(text: &str, tokens: &mut Tokens, opens: &[u32], closes: &[u32]) {
    let n = tokens.len();
    let bytes = text.as_bytes();
    for i in 1..n.saturating_sub(1) {
        // (Only single marks are looked at closely: one test per token.)
        if !matches!(
            tokens.tokens[i].kind,
            Kind::Quote(Mark::StraightSingle | Mark::RightSingle)
        ) || opens[i] != 0
            || closes[i] != 0
        {
            continue;
        }
        let (prev, t, next) = (
            &tokens.tokens[i - 1],
            &tokens.tokens[i],
            &tokens.tokens[i + 1],
        );
        if !t.space_before
            && prev.kind == Kind::Word
            && bytes[prev.end - 1] | 0x20 == b's'
            && next.kind == Kind::Word
            && next.space_before
        {
            tokens.tokens[i].kind = Kind::Possessive;
        }
    }
}

impl<'a> Doc<'a> {
    /// Analyses `text`; `mentions` are the gazetteer's matches in it (byte
    /// spans, in order), `casing` the document's casing, `form` its form if
    /// the caller knows it (else it is told from the text).
    pub fn new(
        text: &'a str,
        lexicon: &'a Lexicon,
        mentions: Vec<Match>,
        casing: Casing,
        form: Option<Form>,
    ) -> Doc<'a> {
        let mut tokens = tokenize(text);
        let form = form.unwrap_or_else(|| detect(text, &tokens, casing));
        let stripped = form == Form::Unmarked;
        if casing == Casing::Cased && !stripped {
            join_wrapped_lines(text, &mut tokens, |w| {
                lexicon.get(w).is_some_and(|i| i.cue.is_some())
            });
        }
        let mut paragraphs = Vec::new();
        if stripped {
            mark_split_possessives(&mut tokens);
            if casing == Casing::Cased {
                paragraphs = recover_marks(text, &mut tokens, lexicon);
            }
        }
        let n = tokens.len();
        let info = (0..n)
            .map(|i| match tokens.tokens[i].kind {
                Kind::Word => lexicon.get(tokens.norm(i)),
                _ => None,
            })
            .collect();
        let sentences = split(text, &tokens, casing, &paragraphs);
        let mut sentence_of = vec![0u32; n];
        let mut next = 0usize;
        for (si, s) in sentences.iter().enumerate() {
            for slot in sentence_of.iter_mut().take(s.end).skip(next) {
                *slot = si as u32;
            }
            next = s.end;
        }
        let last = sentences.len().saturating_sub(1) as u32;
        for slot in sentence_of.iter_mut().skip(next) {
            *slot = last;
        }
        let quoted = pair_marks(&tokens);
        let mut quote_of = vec![0u32; n];
        for (qi, q) in quoted.iter().enumerate() {
            for slot in &mut quote_of[q.content()] {
                *slot = qi as u32 + 1;
            }
        }
        let mut opens = vec![0u32; n];
        let mut closes = vec![0u32; n];
        let mut chained = vec![false; quoted.len()];
        for (qi, q) in quoted.iter().enumerate() {
            opens[q.open] = qi as u32 + 1;
            if q.closed {
                closes[q.close] = qi as u32 + 1;
            }
            if let Some(prev) = q.continues {
                chained[qi] = true;
                chained[prev] = true;
            }
        }
        plural_possessives(text, &mut tokens, &opens, &closes);
        let mut mention_of = vec![0u32; n];
        let mut t = 0;
        for (mi, m) in mentions.iter().enumerate() {
            while t < n && tokens.tokens[t].end <= m.start {
                t += 1;
            }
            let mut k = t;
            while k < n && tokens.tokens[k].start < m.end {
                mention_of[k] = mi as u32 + 1;
                k += 1;
            }
        }
        // (Lowercase text has no capitals to read.)
        let capitals = sentences
            .iter()
            .map(|s| casing == Casing::Cased && capitals_only(&tokens, s.range()))
            .collect();
        Doc {
            text,
            lexicon,
            tokens,
            info,
            sentences,
            capitals,
            sentence_of,
            quoted,
            quote_of,
            opens,
            closes,
            chained,
            mentions,
            mention_of,
            casing,
            form,
            stripped,
        }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Whether the document has no tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Token `i`.
    #[inline]
    pub fn tok(&self, i: usize) -> &Token {
        &self.tokens.tokens[i]
    }

    /// The kind of token `i`, if any.
    #[inline]
    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.tokens.tokens.get(i).map(|t| t.kind)
    }

    /// The lowercase form of token `i` ("" for non-words and out of range).
    #[inline]
    pub fn norm(&self, i: usize) -> &str {
        if i < self.tokens.len() {
            self.tokens.norm(i)
        } else {
            ""
        }
    }

    /// The original text of token `i`.
    pub fn surface(&self, i: usize) -> &'a str {
        let t = self.tok(i);
        &self.text[t.start..t.end]
    }

    /// The original text of tokens `a..b`.
    pub fn span_text(&self, a: usize, b: usize) -> &'a str {
        if a >= b {
            return "";
        }
        &self.text[self.tok(a).start..self.tok(b - 1).end]
    }

    /// Whether token `i` is a quotation mark recovered from its trace in
    /// unmarked text (`unmarked.rs`): its span is whitespace.
    #[inline]
    pub fn recovered_mark(&self, i: usize) -> bool {
        matches!(self.kind(i), Some(Kind::Quote(_)))
            && self.surface(i).starts_with(char::is_whitespace)
    }

    /// Whether token `i` is a word.
    #[inline]
    pub fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Word)
    }

    /// Whether token `i` is half of a negative contraction whose apostrophe
    /// was removed (`don t`, `won t`, `Can t`): neither half is a name
    /// (`don` is also a given name, and `t` no English word).
    pub fn split_contraction(&self, i: usize) -> bool {
        self.stripped && (self.t_after_n(i) || self.t_after_n(i + 1))
    }

    /// Whether token `k` is the `t` of a split contraction (`don t`).
    #[inline(always)]
    fn t_after_n(&self, k: usize) -> bool {
        // (A one-byte norm first: the rare `t` rules out most words at once.)
        k > 0
            && k < self.len()
            && self.tokens.norm_len(k) == 1
            && self.is_word(k)
            && self.is_word(k - 1)
            && self.norm(k) == "t"
            && self.tok(k).space_before
            && self.norm(k - 1).len() >= 2
            && self.norm(k - 1).ends_with('n')
    }

    /// The lexicon entry of token `i`.
    #[inline]
    pub fn info(&self, i: usize) -> Option<&'a WordInfo> {
        self.info.get(i).copied().flatten()
    }

    /// The closed class of token `i`, if it has one.
    #[inline]
    pub fn function(&self, i: usize) -> Option<Function> {
        self.info(i).and_then(|w| w.function)
    }

    /// The pronoun at token `i`, if it is one.
    pub fn pronoun(&self, i: usize) -> Option<Pronoun> {
        self.info(i).and_then(WordInfo::pronoun)
    }

    /// Index of the quoted span whose content holds token `i`.
    #[inline]
    pub fn quote_at(&self, i: usize) -> Option<usize> {
        self.quote_of
            .get(i)
            .and_then(|&q| q.checked_sub(1))
            .map(|q| q as usize)
    }

    /// Index of the quoted span whose opening mark is token `i`.
    #[inline]
    pub fn quote_opening(&self, i: usize) -> Option<usize> {
        self.opens
            .get(i)
            .and_then(|&q| q.checked_sub(1))
            .map(|q| q as usize)
    }

    /// Index of the quoted span whose closing mark is token `i`.
    #[inline]
    pub fn quote_closing(&self, i: usize) -> Option<usize> {
        self.closes
            .get(i)
            .and_then(|&q| q.checked_sub(1))
            .map(|q| q as usize)
    }

    /// Whether quoted span `q` is part of a multi-paragraph quote.
    #[inline]
    pub fn chained(&self, q: usize) -> bool {
        self.chained[q]
    }

    /// The last quoted span that closes before token `i`.
    pub fn last_quote_before(&self, i: usize) -> Option<usize> {
        self.quoted.partition_point(|q| q.close < i).checked_sub(1)
    }

    /// Index of the gazetteer mention covering token `i`.
    #[inline]
    pub fn mention_at(&self, i: usize) -> Option<usize> {
        self.mention_of
            .get(i)
            .and_then(|&m| m.checked_sub(1))
            .map(|m| m as usize)
    }

    /// Whether token `i` is a capitalised word in a cased document.
    #[inline]
    pub fn capitalised(&self, i: usize) -> bool {
        self.casing == Casing::Cased
            && self
                .tokens
                .get(i)
                .is_some_and(|t| t.kind == Kind::Word && t.capitalised)
    }

    /// Whether tokens `a..b` name a place (`Edmonton`, `New York`).
    pub fn is_place(&self, a: usize, b: usize) -> bool {
        if a >= b || b - a > 4 {
            return false;
        }
        if b - a == 1 {
            return self.lexicon.is_place(self.norm(a));
        }
        // (The words joined by spaces, on the stack: a place name is short.)
        let mut buf = [0u8; 64];
        let mut n = 0;
        for k in a..b {
            let w = self.norm(k).as_bytes();
            let sep = usize::from(k > a);
            if n + sep + w.len() > buf.len() {
                // (A longer name, seldom: joined on the heap.)
                return self.lexicon.is_place(&self.joined_norms(a, b));
            }
            buf[n] = b' ';
            n += sep;
            buf[n..n + w.len()].copy_from_slice(w);
            n += w.len();
        }
        self.lexicon.is_place_bytes(&buf[..n])
    }

    /// The norms of tokens `a..b` joined by spaces.
    fn joined_norms(&self, a: usize, b: usize) -> String {
        let mut name = String::with_capacity(32);
        for k in a..b {
            if k > a {
                name.push(' ');
            }
            name.push_str(self.norm(k));
        }
        name
    }

    /// The sentence of token `i`.
    pub fn sentence(&self, i: usize) -> &Sentence {
        &self.sentences[self.sentence_index(i)]
    }

    /// The index of the sentence of token `i` (of the last token past the
    /// end).
    fn sentence_index(&self, i: usize) -> usize {
        self.sentence_of[i.min(self.len().saturating_sub(1))] as usize
    }

    /// Whether the sentence of token `i` is written in capitals only, two
    /// words or more (a headline; numbers, one-letter words and dotted
    /// abbreviations such as `U.S.` have too few letters to tell).
    pub fn capitals_sentence(&self, i: usize) -> bool {
        self.capitals[self.sentence_index(i)]
    }
}

/// [`Doc::capitals_sentence`] of the tokens `range`.
fn capitals_only(tokens: &Tokens, range: std::ops::Range<usize>) -> bool {
    let mut words = 0;
    for k in range {
        let w = tokens.norm(k);
        if tokens.tokens[k].kind != Kind::Word
            || w.contains('.')
            || w.chars().filter(|c| c.is_alphabetic()).count() < 2
        {
            continue;
        }
        if !tokens.tokens[k].all_caps {
            return false;
        }
        words += 1;
    }
    words >= 2
}

/// The longest line, in bytes, that may be one of hard-wrapped prose
/// (wrapped at 60 to 80 columns as a rule).
const MAX_WRAPPED_LINE: usize = 100;

/// Removes the line breaks of hard-wrapped prose inside a sentence: first
/// those that fall inside a name (`Medco Containment Services` / `Inc
/// said`, `the New` / `China News Agency said`), so that the name reads as
/// one: a single line break
/// between two capitalised words, neither all capitals (a headline's last
/// word), after the first line (a headline, even in title case), where the
/// line before has a lowercase word or the next word is a company's
/// (`Inc`, `Corp`), not after a heading in title case. Such a break ends
/// no sentence (`sentences.rs`), so nothing else changes. Also the break
/// between a name and a speech verb (`is_cue`) that opens the next line,
/// the breaks around an inverted cue after a quote (`…,"` / `said Smith`,
/// `…," said` / `Smith`) and any break after a word or a comma and before
/// a word with no indent after it, in short lines of prose (`one
/// Republican` / `strategist said`): a break left in a sentence bounds a
/// speaker phrase and a clause as punctuation does.
///
/// Only short lines are hard-wrapped ([`MAX_WRAPPED_LINE`]).
fn join_wrapped_lines(text: &str, tokens: &mut Tokens, is_cue: impl Fn(&str) -> bool) {
    let ts = &tokens.tokens;
    let word = |t: &Token| t.kind == Kind::Word && t.capitalised && !t.all_caps;
    // (A break may also fall after `of` or `and` inside a name: `the
    // Securities and` / `Exchange Commission`.)
    let joint = |k: usize| {
        k >= 1
            && ts[k].kind == Kind::Word
            && matches!(tokens.norm(k), "of" | "and")
            && word(&ts[k - 1])
    };
    let Some(first_break) = ts.iter().position(|t| matches!(t.kind, Kind::Break { .. })) else {
        return;
    };
    // Hard-wrapped lines are short (a long line's break is the writer's)
    // and are prose (a lowercase word), unless the next word is a company's.
    // (`first` is the first token of the line that ends at break `i`.)
    let short_line = |first: usize, i: usize| {
        let line_start = first.checked_sub(1).map_or(0, |k| ts[k].end);
        ts[i].start - line_start <= MAX_WRAPPED_LINE
    };
    let wrapped_prose = |first: usize, i: usize| {
        short_line(first, i)
            && ((first..i).any(|k| {
                ts[k].kind == Kind::Word
                    && !ts[k].capitalised
                    && tokens.norm(k).starts_with(char::is_alphabetic)
            }) || super::coref::is_org_word(tokens.norm(i + 1)))
    };
    let mut drop = Vec::new();
    // `Red Lion Inns Limited Partnership` / `said it filed …`: a name that
    // ends a line before a lowercase speech verb is its subject (whatever
    // the line: the first after a headline often holds only the name).
    // (Or a name in brackets: `<High Point Financial Corp>`, `The Commodity
    // Credit Corporation (CCC)`; or a name split by the break: `U.S. Trade
    // Representative Clayton` / `Yeutter said`.)
    let lowercase_cue =
        |k: usize| ts[k].kind == Kind::Word && !ts[k].capitalised && is_cue(tokens.norm(k));
    let cue_after_name = |first: usize, i: usize| {
        if i == 0 {
            return false;
        }
        if word(&ts[i - 1]) {
            // (One word of the name on the next line: a heading in title
            // case above a full name stays apart, `… On Caucus Night` /
            // `Ted Cruz said`; and a long line's break is the writer's.)
            let k = i + 1 + usize::from(word(&ts[i + 1]));
            k < ts.len() && lowercase_cue(k) && short_line(first, i)
        } else {
            matches!(ts[i - 1].kind, Kind::Close | Kind::Other) && lowercase_cue(i + 1)
        }
    };
    // `…," said` / `Simon Smithson.` and `…,"` / `said Barclay's Morgan.`:
    // a wrapped line between a quote's closing mark, its cue and the name
    // after it.
    let inverted_cue_around = |first: usize, i: usize| {
        let quote_or_comma = |k: usize| matches!(ts[k].kind, Kind::Quote(_) | Kind::Comma);
        i >= 2
            && short_line(first, i)
            && (matches!(ts[i - 1].kind, Kind::Quote(_)) && lowercase_cue(i + 1)
                || lowercase_cue(i - 1) && quote_or_comma(i - 2) && word(&ts[i + 1]))
    };
    // The first token of the current line, kept as the breaks go by.
    let mut first = 0;
    for i in first_break..ts.len().saturating_sub(1) {
        if !matches!(ts[i].kind, Kind::Break { .. }) {
            continue;
        }
        let line = first;
        first = i + 1;
        if ts[i].kind != (Kind::Break { paragraph: false }) {
            continue;
        }
        if cue_after_name(line, i) || inverted_cue_around(line, i) {
            drop.push(i);
            continue;
        }
        if i == first_break {
            continue;
        }
        if (word(&ts[i - 1]) || joint(i - 1)) && word(&ts[i + 1]) && wrapped_prose(line, i) {
            drop.push(i);
            continue;
        }
        // Any other wrap inside a sentence (`… one Republican` /
        // `strategist said`, `…," he` / `said`): a break after a word or a
        // comma, before a word, at the end of a short line of prose, with
        // no indent after it (an indented line opens a paragraph).
        if matches!(ts[i - 1].kind, Kind::Word | Kind::Comma)
            && ts[i + 1].kind == Kind::Word
            && matches!(text.get(ts[i].start..ts[i + 1].start), Some("\n" | "\r\n"))
            && wrapped_prose(line, i)
        {
            drop.push(i);
        }
    }
    if drop.is_empty() {
        return;
    }
    // (Compacted from the first dropped break on: the tokens before it stay.)
    let ts = &mut tokens.tokens;
    let (mut w, mut next) = (drop[0], 0);
    for r in drop[0]..ts.len() {
        if drop.get(next) == Some(&r) {
            next += 1;
        } else {
            ts[w] = ts[r];
            w += 1;
        }
    }
    ts.truncate(w);
}

/// Documents for the unit tests of the stages that read one.
#[cfg(test)]
pub(crate) mod testing {
    use super::Doc;
    use crate::quotes::QuoteExtractor;
    use crate::text::Casing;

    /// Calls `f` with the document of `text` (cased if it has a capital)
    /// and a function that gives the token starting at the first occurrence
    /// of a word.
    pub fn with_doc<R>(text: &str, f: impl FnOnce(&Doc<'_>, &dyn Fn(&str) -> usize) -> R) -> R {
        let ex = QuoteExtractor::default();
        let casing = if text.chars().any(char::is_uppercase) {
            Casing::Cased
        } else {
            Casing::Uncased
        };
        let doc = Doc::new(text, ex.lexicon(), Vec::new(), casing, None);
        let token_at = |word: &str| {
            let at = text.find(word).expect("word in text");
            (0..doc.len())
                .find(|&k| doc.tok(k).start == at)
                .expect("a token starts at the word")
        };
        f(&doc, &token_at)
    }
}

#[cfg(test)]
mod tests {
    use super::testing::with_doc;
    use super::*;

    /// Whether a line break token stands right before `word` in `text`.
    fn break_before(text: &str, word: &str) -> bool {
        with_doc(text, |doc, at| {
            let i = at(word);
            i > 0 && matches!(doc.kind(i - 1), Some(Kind::Break { .. }))
        })
    }

    #[test]
    fn wrapped_names_before_a_speech_verb_join() {
        let t = "RED LION FILES OFFERING\nRed Lion Inns Limited Partnership\nsaid it filed \
                 a statement with the Securities and\nExchange Commission.\n    U.S. Trade \
                 Representative Clayton\nYeutter said the deficit would narrow.";
        assert!(!break_before(t, "said it filed"));
        assert!(!break_before(t, "Exchange"));
        assert!(!break_before(t, "Yeutter"));
        // A heading in title case above a full name stays apart.
        let t = "Cruz Apologizes To Carson On Caucus Night\nTed Cruz said he was sorry.";
        assert!(break_before(t, "Ted"));
    }
}
