//! The unmarked form: cased text whose quotation marks and apostrophes were
//! removed in preprocessing, as in ISOT's `Fake.csv` (`Mexico s ambassador`,
//! `made her  very upset and hurt,  and`, paragraphs glued: `a
//! natural.In her short time`).
//!
//! Such a text is recognised by what the removal left ([`detect`]): words
//! split where an apostrophe stood (`don t`, `It s`, `Trump s`, `I ve`)
//! and double spaces where a quotation mark stood between two spaces.
//!
//! Where the text still shows a removed mark, [`recover_marks`] puts it
//! back as a token, so that the pairing of `marks.rs` and every rule that
//! reads quotation marks apply as to marked text. A mark that became a
//! space leaves two spaces (`the  previously approved  internal`,
//! `racially targeted,  she said`), a space before punctuation (`the
//! debate ,`) or after an opening bracket; a mark that opened a paragraph
//! leaves one space where the paragraphs would otherwise be glued
//! (`in her own life. As a young person, I ve experienced …,  she said.`).
//! Each trace is read in context: what stands on either side of it, whether
//! a quote is open, and the voice of the sentences (first or second person
//! is speech). Direct speech that left no trace at all is found later by
//! its voice (`rules/unmarked_speech.rs`).

use super::lexicon::{Function, Lexicon, WordInfo};
use super::tokens::{Kind, Mark, Token, Tokens};
use crate::text::Casing;

/// Whether a text kept its quotation marks and apostrophes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Form {
    /// Quotation marks and apostrophes as written (ordinary text).
    Marked,
    /// Quotation marks and apostrophes removed: the stripped form of
    /// preprocessed corpora (uncased) and the unmarked form (cased).
    Unmarked,
}

impl Form {
    /// `marked` or `unmarked`.
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Marked => "marked",
            Form::Unmarked => "unmarked",
        }
    }

    /// The form named `name` (`marked`, `unmarked`).
    pub fn from_name(name: &str) -> Option<Form> {
        match name {
            "marked" => Some(Form::Marked),
            "unmarked" => Some(Form::Unmarked),
            _ => None,
        }
    }
}

/// Whether a lone word after a word is what remains of a contraction or a
/// possessive whose apostrophe was removed (`Trump s`, `don t`, `I ve`).
fn split_apostrophe(prev: &str, word: &str) -> bool {
    // (Asked only for the few words that can follow an apostrophe.)
    let pronoun = || {
        matches!(
            prev,
            "i" | "you" | "we" | "they" | "he" | "she" | "it" | "who" | "that" | "there" | "what"
        )
    };
    match word {
        "s" => prev.chars().count() >= 2,
        "t" => prev.ends_with('n') && prev.len() >= 2,
        "m" => prev == "i",
        "ve" => pronoun() || matches!(prev, "could" | "would" | "should" | "might" | "must"),
        "re" | "ll" | "d" => pronoun(),
        _ => false,
    }
}

/// Whitespace characters between two tokens, if no line break is among
/// them.
fn spaces(text: &str, a: usize, b: usize) -> usize {
    match b.checked_sub(a) {
        None | Some(0) => 0,
        Some(1) => 1,
        Some(_) => {
            let gap = &text[a..b];
            if gap.contains('\n') {
                0
            } else {
                gap.chars().count()
            }
        }
    }
}

/// The form of a text: uncased text without double quotation marks is
/// stripped (as before this module); cased text is unmarked when it shows
/// words split where an apostrophe stood (`Trump s`, `don t`), and these with
/// the double spaces inside its sentences (between words, after a comma)
/// are at least as many as the apostrophes and double marks written (a
/// pasted post may keep its own); with none of either, two such double
/// spaces suffice. Runs of spaces that align a table, and the double space
/// some typists put after a sentence, are no trace.
pub fn detect(text: &str, tokens: &Tokens, casing: Casing) -> Form {
    let toks = &tokens.tokens;
    if casing == Casing::Uncased {
        let marked = toks
            .iter()
            .any(|t| matches!(t.kind, Kind::Quote(m) if m.is_double()));
        return if marked { Form::Marked } else { Form::Unmarked };
    }
    // The traces first: most cased text shows none, and is then marked
    // whatever its marks (which are counted only when there are traces).
    let (mut traces, mut doubles) = (0usize, 0usize);
    for (i, t) in toks.iter().enumerate().skip(1) {
        if t.kind != Kind::Word {
            continue;
        }
        let prev = &toks[i - 1];
        // (Two spaces need two bytes between the tokens: the cheap test
        // before counting them.)
        let gap = t.start.saturating_sub(prev.end);
        if prev.kind == Kind::Word {
            // (A capital `S` or `D` is an initial: `B and D Industries`.)
            // (The words that follow an apostrophe have at most two
            // letters: a length test before reading the norms.)
            if t.space_before
                && !t.capitalised
                && tokens.norm_len(i) <= 2
                && split_apostrophe(tokens.norm(i - 1), tokens.norm(i))
                && !has_apostrophe(tokens.norm(i))
            {
                traces += 1;
            } else if gap >= 2
                && spaces(text, prev.end, t.start) == 2
                && text[t.start..].starts_with(|c: char| c.is_lowercase())
                && !has_apostrophe(tokens.norm(i))
            {
                // (Not the runs of spaces that align a table.)
                doubles += 1;
            }
        } else if prev.kind == Kind::Comma
            && gap >= 2
            && matches!(spaces(text, prev.end, t.start), 2 | 3)
            && !has_apostrophe(tokens.norm(i))
        {
            // `hurt,  she said`: two spaces after a comma are a
            // removed mark, never typing style.
            doubles += 1;
        }
    }
    if traces == 0 && doubles < 2 {
        return Form::Marked;
    }
    // (A norm holds an apostrophe only where the text has one, `'`, `’`
    // or `ʼ`: unmarked text has none, and its words need no look.)
    let apostrophes = memchr::memchr(b'\'', text.as_bytes()).is_some()
        || text.contains('’')
        || text.contains('ʼ');
    let marks = toks
        .iter()
        .enumerate()
        .filter(|&(i, t)| match t.kind {
            Kind::Quote(m) => m.is_double(),
            Kind::Possessive => true,
            Kind::Word => apostrophes && has_apostrophe(tokens.norm(i)),
            _ => false,
        })
        .count();
    if (traces > 0 && traces + doubles >= marks) || (marks == 0 && doubles >= 2) {
        Form::Unmarked
    } else {
        Form::Marked
    }
}

/// Whether a word's norm holds an apostrophe (`don't`). (A byte loop: words
/// are short, memchr's set-up costs more.)
#[inline]
fn has_apostrophe(norm: &str) -> bool {
    norm.bytes().any(|b| b == b'\'')
}

/// Whether token `i` starts a paragraph that was glued to the previous one
/// when its line break was removed (`a natural.In her`, and the date of a
/// pasted post: `December 31, 2016This is`).
pub fn glued(text: &str, tokens: &Tokens, i: usize) -> bool {
    let (Some(t), Some(prev)) = (tokens.get(i), i.checked_sub(1).and_then(|p| tokens.get(p)))
    else {
        return false;
    };
    if t.space_before || t.kind != Kind::Word {
        return false;
    }
    let starts_sentence =
        t.capitalised || text[t.start..].starts_with(|c: char| c.is_ascii_digit());
    match prev.kind {
        Kind::End => starts_sentence && &text[prev.start..prev.end] != "…",
        // The year of a pasted post's date (split off by the tokenizer).
        Kind::Word => {
            prev.end - prev.start == 4
                && text.as_bytes()[prev.start..prev.end]
                    .iter()
                    .all(u8::is_ascii_digit)
        }
        _ => false,
    }
}

/// A post pasted into an article (`rules/pasted_post.rs`) is at most this
/// long: a tweet holds 280 characters, a little more with links and
/// entities written out.
pub const MAX_POST_BYTES: usize = 400;

/// Whether token `k` opens the handle of a post's signature: `(@`.
pub fn opens_handle(text: &str, tokens: &Tokens, k: usize) -> bool {
    let (Some(open), Some(at)) = (tokens.get(k), tokens.get(k + 1)) else {
        return false;
    };
    open.kind == Kind::Open
        && &text[open.start..open.end] == "("
        && at.kind == Kind::Other
        && &text[at.start..at.end] == "@"
}

/// At most this many sentence starts are remembered as places where a
/// removed mark may have opened a quote (a quote is a few sentences long).
const MAX_STARTS: usize = 16;

/// Tokens looked at to decide whether a sentence speaks in the first or
/// second person, or whether a cue follows a trace.
const LOOK: usize = 64;

/// Sentences in a row that neither speak nor report which a quote that
/// opened at a sentence start may hold between sentences that speak (two
/// gave the same held-in figures as one).
const MAX_NEUTRAL: usize = 1;

/// Words of an apposition read between a name and its cue (`Alexei
/// Malashenko, a leading Moscow-based Middle East expert, said`).
const MAX_APPOSITION: usize = 14;

/// A recovered opening mark waiting for its closing one.
#[derive(Clone, Copy, Debug)]
struct Open {
    /// The token it goes before, and its byte span.
    at: usize,
    span: (usize, usize),
    /// Opened between two words (`the  previously approved`): a closing
    /// trace must follow in the same sentence, else it was an apostrophe
    /// (`three weeks  worth`).
    weak: bool,
    /// Recovered at the start of the paragraph after `…,  he said.`
    /// (`Recovery::after_cue`).
    after_cue: bool,
}

/// The marks recovered in one pass over the tokens.
struct Recovery<'t> {
    text: &'t str,
    tokens: &'t Tokens,
    lexicon: &'t Lexicon,
    open: Option<Open>,
    /// Sentence starts after a one-space gap (`life. As a`) since the
    /// paragraph's start or the last recovered mark: where an opening mark
    /// may have stood.
    starts: Vec<usize>,
    /// The recovered marks: the token each goes before and the mark.
    marks: Vec<(usize, Token)>,
    /// Tokens that start a paragraph whose line break was removed (a mark
    /// recovered before such a token belongs to the new paragraph if it
    /// opens, to the previous one if it closes).
    paragraphs: Vec<usize>,
    /// The last trace closed a quote before its speaker and cue (`…,  he
    /// said.`): a quote that fills the next paragraph left only a sentence
    /// start behind (`he said. I can t believe it. Next`).
    after_cue: bool,
}

impl Recovery<'_> {
    fn word_info(&self, k: usize) -> Option<&super::lexicon::WordInfo> {
        (self.tokens.tokens[k].kind == Kind::Word)
            .then(|| self.lexicon.get(self.tokens.norm(k)))
            .flatten()
    }

    /// Whether tokens `a..b` speak in the first or second person (`I`, `we`,
    /// `you`, ...) and hold no reporting cue (an ambiguous one is seldom
    /// speech: `We have three opening brand new`).
    fn speaks(&self, a: usize, b: usize) -> bool {
        let mut person = false;
        for k in a..b.min(a + LOOK) {
            match self.word_info(k) {
                Some(w)
                    if w.cue.is_some_and(|c| !self.lexicon.cue(c).ambiguous) && !w.participle =>
                {
                    return false
                }
                Some(w) => {
                    person |=
                        matches!(w.function, Some(Function::Pronoun(p)) if p.is_speech_person())
                }
                None => {}
            }
        }
        person
    }

    /// Whether a heading or a caption whose line break was removed ends
    /// before token `i`: a sentence-starting `The`, `A`, `He`, ... after a
    /// word that no such word follows inside a sentence (`youth ice sports
    /// The mayor also claimed`, `Reuters He said`).
    fn heading_ends(&self, i: usize) -> bool {
        let toks = &self.tokens.tokens;
        let (prev, t) = (toks[i - 1], toks[i]);
        t.capitalised
            && t.space_before
            && prev.kind == Kind::Word
            && toks
                .get(i + 1)
                .is_some_and(|n| n.kind == Kind::Word && n.space_before)
            && matches!(
                self.tokens.norm(i),
                "the" | "a" | "an" | "he" | "she" | "they" | "we" | "it"
            )
            && self.word_info(i - 1).is_none_or(|w| {
                w.function.is_none() && w.cue.is_none() && w.particle_cues.is_empty()
            })
    }

    /// Whether the signature of a pasted post starts at token `i` (`Donald
    /// J. Trump (@realDonaldTrump)`): the gap before it is a removed dash,
    /// and the post's paragraph ends there.
    fn signs_post(&self, i: usize) -> bool {
        let toks = &self.tokens.tokens;
        for (k, t) in toks.iter().enumerate().skip(i).take(10) {
            match t.kind {
                Kind::Word | Kind::End | Kind::Comma => {}
                Kind::Open => return opens_handle(self.text, self.tokens, k),
                _ => return false,
            }
        }
        false
    }

    /// Whether tokens `a..b` report speech in the third person (`Secord
    /// told CTV News that …`): narration, not a quote.
    fn narrates(&self, a: usize, b: usize) -> bool {
        let mut cue = false;
        for k in a..b.min(a + LOOK) {
            match self.word_info(k) {
                Some(w) if matches!(w.function, Some(Function::Pronoun(p)) if p.is_speech_person()) => {
                    return false
                }
                Some(w) => cue |= w.reports(),
                None => {}
            }
        }
        cue
    }

    /// Whether a reporting cue follows token `i` in its clause (`,  she
    /// said`, `,  Cindy Dalglish told`, `,  Marco blurted out`), also after
    /// a name's apposition (`,  Olga Petrova, an analyst, said`).
    fn cue_follows(&self, i: usize) -> bool {
        let toks = &self.tokens.tokens;
        let cue = |k: usize| {
            self.word_info(k)
                .is_some_and(|w| w.cue.is_some() || !w.particle_cues.is_empty())
        };
        for (k, t) in toks.iter().enumerate().skip(i).take(8) {
            if t.kind == Kind::Comma {
                return self.cue_after_apposition(i, k);
            }
            if t.kind != Kind::Word {
                return false;
            }
            if cue(k) {
                return true;
            }
        }
        false
    }

    /// Whether token `k` is a reporting verb that is not a participle
    /// (`said`, `says`): a mark right after it (`said  JAZZ.FM91 will`)
    /// opened a quote.
    fn cue_at(&self, k: usize) -> bool {
        self.word_info(k).is_some_and(WordInfo::reports)
    }

    /// Whether, after a name `i..comma` (capitalised words), an apposition
    /// between commas is followed by a reporting cue (`,  Alexei Malashenko,
    /// a Moscow-based expert, said`).
    fn cue_after_apposition(&self, i: usize, comma: usize) -> bool {
        let toks = &self.tokens.tokens;
        if comma == i || !(i..comma).all(|k| toks[k].capitalised) {
            return false;
        }
        let Some(end) = (comma + 2..(comma + 1 + MAX_APPOSITION).min(toks.len()))
            .find(|&k| toks[k].kind != Kind::Word)
        else {
            return false;
        };
        if toks[end].kind != Kind::Comma {
            return false;
        }
        // The cue right after the apposition, or after one adverb.
        (end + 1..(end + 3).min(toks.len()))
            .take_while(|&k| toks[k].kind == Kind::Word)
            .any(|k| {
                self.word_info(k)
                    .is_some_and(|w| w.reports() || !w.particle_cues.is_empty())
            })
    }

    /// Whether a sentence starts after token `a` and before token `b`.
    fn start_between(&self, a: usize, b: usize) -> bool {
        self.starts.iter().any(|&s| s > a && s < b)
    }

    /// The span of the first or last character of the gap before token `i`.
    fn gap_char(&self, i: usize, last: bool) -> (usize, usize) {
        let b = self.tokens.tokens[i].start;
        let a = i.checked_sub(1).map_or(0, |p| self.tokens.tokens[p].end);
        let gap = &self.text[a..b];
        if last {
            let c = gap.chars().next_back().map_or(0, char::len_utf8);
            (b - c, b)
        } else {
            let c = gap.chars().next().map_or(0, char::len_utf8);
            (a, a + c)
        }
    }

    fn emit(&mut self, at: usize, span: (usize, usize), mark: Mark) {
        let space_before = mark == Mark::LeftDouble;
        self.marks.push((
            at,
            Token::recovered_mark(span.0, span.1, mark, space_before),
        ));
    }

    /// A quote from `open` closed by a mark in `span` before token `at`.
    /// A mark recovered at a sentence start (one space where paragraphs
    /// would be glued) stood at a paragraph's start or end.
    fn pair(&mut self, open: Open, at: usize, span: (usize, usize)) {
        for k in [open.at, at] {
            if self.starts.contains(&k) {
                self.paragraphs.push(k);
            }
        }
        self.emit(open.at, open.span, Mark::LeftDouble);
        self.emit(at, span, Mark::RightDouble);
        self.starts.clear();
    }

    /// A closing trace before token `i`: closes the open quote, or one
    /// whose opening mark left only a sentence start behind (the sentence
    /// of the trace, and the sentences before it that speak in the first or
    /// second person).
    fn close(&mut self, i: usize, span: (usize, usize)) {
        self.after_cue = self.cue_follows(i);
        if let Some(open) = self.open.take() {
            // A sentence between that reports speech is narration: the
            // open quote closed before it, and the one closing here opened
            // after it.
            let mut k = self.starts.partition_point(|&s| s <= open.at);
            while k < self.starts.len() && self.starts[k] < i {
                let end = self.starts.get(k + 1).copied().unwrap_or(i).min(i);
                if self.narrates(self.starts[k], end) {
                    break;
                }
                k += 1;
            }
            if k >= self.starts.len() || self.starts[k] >= i {
                self.pair(open, i, span);
                return;
            }
            let s = self.starts[k];
            let rest = self.starts.split_off(k + 1);
            let at = self.gap_char(s, false);
            self.pair(open, s, at);
            self.starts = rest;
        }
        let Some(mut k) = self.starts.iter().rposition(|&s| s < i) else {
            self.after_cue = false;
            return;
        };
        // The trace's own sentence reports speech in the third person
        // (`She also argued the plan, which her party backs,  would`): it
        // opened no quote at its start.
        if self.subject_and_cue(self.starts[k]) {
            self.after_cue = false;
            return;
        }
        // Back over the sentences that speak, and over at most
        // `MAX_NEUTRAL` in a row that neither speak nor report when one
        // that speaks stands before them (`We have … had a declining use of
        // ice. Each year it s declining. We have a chart …,  the mayor
        // told`).
        let (mut probe, mut neutral) = (k, 0);
        while probe > 0 {
            let (a, b) = (self.starts[probe - 1], self.starts[probe]);
            if self.speaks(a, b) {
                probe -= 1;
                k = probe;
                neutral = 0;
            } else if neutral < MAX_NEUTRAL && !self.narrates(a, b) && !self.subject_and_cue(a) {
                probe -= 1;
                neutral += 1;
            } else {
                break;
            }
        }
        let at = self.starts[k];
        let open = Open {
            at,
            span: self.gap_char(at, true),
            weak: false,
            after_cue: false,
        };
        self.pair(open, i, span);
    }

    /// An opening trace before token `i`.
    fn open(&mut self, i: usize, span: (usize, usize), weak: bool) {
        self.after_cue = false;
        if let Some(open) = self.open.take() {
            if !open.weak {
                self.end_open_at_last_start(open, i);
            }
        }
        self.starts.clear();
        if !weak && self.reports_at(i) {
            return;
        }
        self.open = Some(Open {
            at: i,
            span,
            weak,
            after_cue: false,
        });
    }

    /// Whether a sentence starting at token `i` opens with its subject and
    /// a reporting cue (`Rubio said the …`, `He also argued …`): narration,
    /// where no quote opens.
    fn reports_at(&self, i: usize) -> bool {
        i > 0 && self.tokens.tokens[i - 1].kind == Kind::End && self.subject_and_cue(i)
    }

    /// Whether the words from token `i` are a subject of at most three words
    /// and a reporting cue (`Rubio said`, `She also argued`; not `These
    /// reports`, a noun after a determiner, nor `Landlords can charge`, a
    /// cue after a modal).
    fn subject_and_cue(&self, i: usize) -> bool {
        let toks = &self.tokens.tokens;
        for (k, t) in toks.iter().enumerate().skip(i).take(4) {
            if t.kind != Kind::Word {
                return false;
            }
            match self.word_info(k) {
                Some(w) if matches!(w.function, Some(Function::Pronoun(p)) if p.is_speech_person()) => {
                    return false
                }
                Some(w) if w.reports() => {
                    return k > i
                        && !matches!(
                            self.word_info(k - 1).and_then(|w| w.function),
                            Some(Function::Determiner)
                        )
                        && !matches!(
                            self.tokens.norm(k - 1),
                            "can"
                                | "could"
                                | "will"
                                | "would"
                                | "may"
                                | "might"
                                | "should"
                                | "must"
                        )
                }
                _ => {}
            }
        }
        false
    }

    /// A quote still open where another opens or the paragraph ends: its
    /// closing mark left a sentence start behind (`hard. Next`), the last
    /// one before `limit`; without one it was no quote.
    fn end_open_at_last_start(&mut self, open: Open, limit: usize) {
        let after: Vec<usize> = self
            .starts
            .iter()
            .copied()
            .filter(|&s| s > open.at && s < limit)
            .collect();
        // The first sentence that reports speech is narration: the quote
        // ended before it.
        let narration = after.iter().enumerate().find(|&(k, &s)| {
            let end = after.get(k + 1).copied().unwrap_or(limit);
            self.narrates(s, end)
        });
        if let Some(&s) = narration.map(|(_, s)| s).or(after.last()) {
            let span = self.gap_char(s, false);
            self.pair(open, s, span);
        }
    }

    /// The signature of a pasted post at token `i`: the post is a
    /// paragraph of its own, so a quote still open closed where the post
    /// starts (the first sentence start from which the post is short
    /// enough).
    fn post_end(&mut self, i: usize) {
        if let Some(open) = self.open.take() {
            let end = self.tokens.tokens[i].start;
            let start = self.starts.iter().copied().find(|&s| {
                s > open.at && end.saturating_sub(self.tokens.tokens[s].start) <= MAX_POST_BYTES
            });
            if let (Some(s), false) = (start, open.weak) {
                let span = self.gap_char(s, false);
                self.pair(open, s, span);
            }
        }
        self.starts.clear();
    }

    /// The end of a paragraph at token `i`.
    fn paragraph_end(&mut self, i: usize) {
        self.after_cue = false;
        if let Some(open) = self.open.take() {
            if !open.weak {
                self.end_open_at_last_start(open, i);
            }
        }
        self.starts.clear();
    }
}

/// Puts back, as quotation-mark tokens, the marks whose removal left a
/// trace in unmarked cased text (see the module's documentation); returns
/// the tokens (indices after the insertion) that start a paragraph whose
/// line break was removed.
pub fn recover_marks(text: &str, tokens: &mut Tokens, lexicon: &Lexicon) -> Vec<usize> {
    let n = tokens.len();
    let mut r = Recovery {
        text,
        tokens,
        lexicon,
        open: None,
        starts: Vec::new(),
        marks: Vec::new(),
        paragraphs: Vec::new(),
        after_cue: false,
    };
    for i in 1..n {
        let toks = &r.tokens.tokens;
        let (prev, t) = (&toks[i - 1], &toks[i]);
        // Most tokens are a lowercase word after a word, one space or none
        // between: no trace, no sentence start (this keeps the pass cheap).
        if prev.kind == Kind::Word
            && t.kind == Kind::Word
            && !t.capitalised
            && t.start - prev.end <= 1
        {
            continue;
        }
        let (prev, t) = (*prev, *t);
        if matches!(t.kind, Kind::Break { .. }) {
            r.paragraph_end(i);
            continue;
        }
        // (A glued date ends a paragraph in every form: `sentences.rs`.)
        if (prev.kind == Kind::End && glued(text, r.tokens, i)) || r.heading_ends(i) {
            r.paragraph_end(i);
            r.paragraphs.push(i);
            continue;
        }
        if matches!(prev.kind, Kind::Break { .. }) {
            continue;
        }
        if matches!(prev.kind, Kind::Quote(_)) || matches!(t.kind, Kind::Quote(_)) {
            // Marks written in the text: pairing takes care of them.
            continue;
        }
        let gap = spaces(text, prev.end, t.start);
        // A quote opened between words closes in its sentence (at the
        // latest right after its end: `fight  until it is gone.  We`).
        if prev.kind == Kind::End && gap < 2 && r.open.is_some_and(|o| o.weak) {
            r.open = None;
        }
        let punct_next = matches!(
            t.kind,
            Kind::Comma | Kind::Semicolon | Kind::Colon | Kind::Close
        ) || (t.kind == Kind::End
            && !matches!(&text[t.start..t.end], "…" | "..."));
        if gap == 1 {
            if punct_next && matches!(prev.kind, Kind::Word | Kind::End) {
                // `the  debate ,`: a closing mark before punctuation.
                r.close(i, r.gap_char(i, false));
            } else if prev.kind == Kind::Open && t.kind == Kind::Word {
                // `( This guy is`: an opening mark after a bracket.
                r.open(i, r.gap_char(i, true), false);
            } else if prev.kind == Kind::End && t.kind == Kind::Word && t.capitalised {
                if r.after_cue && r.open.is_none() {
                    // A quote filling the paragraph after `…,  he said.`
                    r.open(i, r.gap_char(i, true), false);
                    if let Some(o) = r.open.as_mut() {
                        o.after_cue = true;
                    }
                    r.starts.push(i);
                    continue;
                }
                if r.starts.len() == MAX_STARTS {
                    r.starts.remove(0);
                }
                r.starts.push(i);
            }
            continue;
        }
        if gap < 2 {
            continue;
        }
        if t.kind == Kind::Open && r.signs_post(i) {
            // `Immigration   (@ALT_uscis)`: spacing inside a signature.
            continue;
        }
        if r.signs_post(i) {
            r.post_end(i);
            r.paragraphs.push(i);
            continue;
        }
        let first = r.gap_char(i, false);
        let last = r.gap_char(i, true);
        if gap >= 3 && prev.kind == Kind::End {
            // `happy.   If`: a quote closed, another opened.
            r.close(i, first);
            r.open(i, last, false);
            continue;
        }
        let upper = t.kind == Kind::Word && t.capitalised;
        if upper && prev.kind == Kind::Word && r.cue_at(i - 1) {
            // `a statement by Ruslim said  JAZZ.FM91 will respect`: a
            // quote opened after its cue, in the same paragraph.
            r.open(i, last, false);
            continue;
        }
        if upper && matches!(prev.kind, Kind::Word | Kind::Close) {
            // `READ MORE: Federal budget won t be balanced until 2040  I
            // actually think`: a line break and a mark were removed.
            r.paragraph_end(i);
            r.paragraphs.push(i);
            r.open(i, last, false);
            continue;
        }
        match prev.kind {
            _ if punct_next => r.close(i, first),
            Kind::Open | Kind::Dash | Kind::Colon => r.open(i, last, false),
            Kind::Comma if !upper || r.open.is_some() || r.cue_follows(i) => r.close(i, first),
            Kind::Comma => r.open(i, last, false),
            // The quote after `…,  he said.` with no sentence start before
            // this trace did not close unseen at its paragraph's end: it
            // closes here (`he said. You can see it.  The reality`), and
            // the next paragraph may open.
            Kind::End
                if r.open
                    .is_some_and(|o| o.after_cue && !r.start_between(o.at, i)) =>
            {
                r.close(i, first);
                r.open(i, last, false);
            }
            // (After a quote that filled a paragraph, a mark opening
            // inside the next one: `he said. B. C.  D`.)
            Kind::End if r.open.is_some_and(|o| o.after_cue) => r.open(i, last, false),
            Kind::End if r.open.is_some() => r.close(i, first),
            Kind::End => {
                // `… the victims.  Still, he denied`: a quote that opened
                // at a sentence start closes here if its voice is speech and
                // the voice after is not.
                let s = r.starts.last().copied().unwrap_or(i);
                let after = (i + LOOK).min(n);
                if s < i && r.speaks(s, i) && !r.speaks(i, after) {
                    r.close(i, first);
                } else {
                    r.open(i, last, false);
                }
            }
            _ if r.open.is_some() => r.close(i, first),
            _ => r.open(i, last, true),
        }
    }
    r.paragraph_end(n);
    let mut marks = std::mem::take(&mut r.marks);
    let mut paragraphs = std::mem::take(&mut r.paragraphs);
    let opening = |m: &Token| m.kind == Kind::Quote(Mark::LeftDouble);
    // At one token, closing marks come before opening ones.
    marks.sort_by_key(|(at, m)| (*at, opening(m)));
    for (at, m) in &marks {
        // The word after an opening mark follows it directly.
        if opening(m) {
            if let Some(t) = tokens.tokens.get_mut(*at) {
                t.space_before = false;
            }
        }
    }
    // Paragraph starts, as indices after the marks are inserted.
    paragraphs.sort_unstable();
    paragraphs.dedup();
    let mut m = 0;
    let starts = paragraphs
        .iter()
        .map(|&at| {
            while m < marks.len()
                && (marks[m].0 < at || (marks[m].0 == at && !opening(&marks[m].1)))
            {
                m += 1;
            }
            at + m
        })
        .collect();
    tokens.insert(&marks);
    starts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::tokens::tokenize;

    fn form(text: &str) -> Form {
        detect(text, &tokenize(text), crate::text::fold::casing_of(text))
    }

    /// The text of each recovered quoted span.
    fn recovered(text: &str) -> Vec<String> {
        let mut tokens = tokenize(text);
        let lexicon = Lexicon::builtin().customised(&[], &[], false);
        recover_marks(text, &mut tokens, &lexicon);
        let spans = crate::quotes::marks::pair_marks(&tokens);
        spans
            .iter()
            .map(|q| {
                let r = q.content();
                text[tokens.tokens[r.start].start..tokens.tokens[r.end - 1].end].to_string()
            })
            .collect()
    }

    #[test]
    fn forms_are_told_apart() {
        assert_eq!(
            form("Mexico s ambassador said they don t agree."),
            Form::Unmarked
        );
        assert_eq!(
            form("Mexico's ambassador said they don't agree."),
            Form::Marked
        );
        assert_eq!(form("\"We will win,\" Putin said."), Form::Marked);
        assert_eq!(form("Putin said the talks would go on."), Form::Marked);
        assert_eq!(form("we don t want war , he said ."), Form::Unmarked);
        assert_eq!(form("\"we don t want war , \" he said ."), Form::Marked);
        // A pasted post keeps its marks in an article that lost its own.
        assert_eq!(
            form("It s over. Trump s aides don t know. He said \"No\" twice."),
            Form::Unmarked
        );
    }

    #[test]
    fn double_spaces_give_quotes_back() {
        assert_eq!(
            recovered("She was  very upset and hurt,  and left."),
            ["very upset and hurt,"]
        );
        assert_eq!(
            recovered("He met Lee. I feel targeted,  she said. It ended."),
            ["I feel targeted,"]
        );
        assert_eq!(
            recovered("It was in the press release.  The fact is clear,  he said."),
            ["The fact is clear,"]
        );
        // An apostrophe after a plural, not a quote.
        assert_eq!(
            recovered("Three weeks  worth of work."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_cue_after_an_apposition_or_a_particle_closes() {
        assert_eq!(
            recovered("Talks stalled. It is a trap,  Olga Petrova, an analyst, said."),
            ["It is a trap,"]
        );
        assert_eq!(
            recovered("They met in May. You look tired,  Marco blurted out."),
            ["You look tired,"]
        );
    }

    #[test]
    fn a_paragraph_after_a_cue_closes_at_its_double_space() {
        assert_eq!(
            recovered("Reyes spoke. Rents rise,  she said. You can see why.  The city is silent."),
            ["Rents rise,", "You can see why."]
        );
    }

    #[test]
    fn a_sentence_that_reports_speech_opens_no_quote_at_its_start() {
        // A closing trace in a sentence that narrates: no quote from its start.
        assert_eq!(
            recovered("Lee spoke. She also argued the plan, which her party backs,  would work."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn no_mark_opens_before_a_subject_and_its_cue() {
        assert_eq!(
            recovered("It ran late. We won t stop,  Diaz said. We win.   Diaz said it was small."),
            ["We won t stop,", "We win."]
        );
    }

    #[test]
    fn a_quote_opening_a_paragraph_goes_back_to_its_voice() {
        // `life. As` is where the paragraph and its opening mark were.
        let text = "Lonechild said she started because of her own life. As a young person, I ve lived in fear. Just seeing police, I feel targeted,  she said.";
        assert_eq!(
            recovered(text),
            ["As a young person, I ve lived in fear. Just seeing police, I feel targeted,"]
        );
    }
}
