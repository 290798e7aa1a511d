//! What the cue rules share: where content starts and ends around a cue,
//! the addressee of `told`, adjuncts, clauses against objects, the subject
//! of a sentence.

use std::ops::Range;

use super::super::cues::{negated_or_not_a_report, phrasal_cue, CueHit};
use super::super::doc::Doc;
use super::super::lexicon::{is_possessive_determiner, Function, Pronoun};
use super::super::speakers::{analyse, lowercase_name_word, phrase_before, Head, SpeakerPhrase};
use super::super::tokens::Kind;
use super::{Attribution, Rule, Source};
use crate::gazetteer::words::is_english_word;

/// The last token of a sentence that belongs to its content: drops the
/// final punctuation and closing marks.
pub fn content_end(doc: &Doc<'_>, start: usize, end: usize) -> usize {
    let mut e = end;
    while e > start
        && matches!(
            doc.kind(e - 1),
            Some(
                Kind::End
                    | Kind::Comma
                    | Kind::Break { .. }
                    | Kind::Semicolon
                    | Kind::Colon
                    | Kind::Dash
            )
        )
    {
        e -= 1;
    }
    e
}

/// Number of words in `a..b`.
pub fn words(doc: &Doc<'_>, a: usize, b: usize) -> usize {
    (a..b).filter(|&k| doc.is_word(k)).count()
}

/// The addressee after a cue that takes one (`told reporters`, `told
/// Trump`, `told the Russian leader`, in lowercase text `told assad it
/// was`): its range, if there is one.
pub fn addressee(doc: &Doc<'_>, start: usize, limit: usize) -> Option<Range<usize>> {
    if start >= limit || !doc.is_word(start) {
        return None;
    }
    // An object pronoun, or the usual audiences.
    if matches!(
        doc.norm(start),
        "him" | "her" | "them" | "me" | "us" | "you" | "reporters" | "journalists"
    ) {
        return Some(start..start + 1);
    }
    let mut e = start;
    let determiner = matches!(doc.function(e), Some(Function::Determiner));
    if determiner {
        e += 1;
    }
    // A mention or a capitalised name.
    if let Some(m) = doc.mention_at(e) {
        while e < limit && doc.mention_at(e) == Some(m) {
            e += 1;
        }
        return Some(start..possessed(doc, e, limit));
    }
    if doc.capitalised(e) {
        while e < limit && doc.capitalised(e) {
            e += 1;
        }
        // `the Russian leader`
        let title = e;
        while e < limit && doc.info(e).is_some_and(|w| w.role.is_some()) {
            e += 1;
        }
        // `the Communist Party newspaper Pravda`: a name after the role.
        if e > title {
            while e < limit && doc.capitalised(e) {
                e += 1;
            }
        }
        // `a Senate hearing that`: the audience's own noun before `that`.
        let mut k = e;
        while k < limit && k < e + 2 && plain_word(doc, k) {
            k += 1;
        }
        if k > e && matches!(doc.norm(k), "that" | "whether") {
            e = k;
        }
        return Some(start..possessed(doc, e, limit));
    }
    // Up to three content words ending where the content starts: at a role
    // noun, or before `that`, a colon, a comma, a pronoun or a determiner.
    // (After a determiner, a cue word before another noun is a noun: `a
    // press conference`.)
    let noun = |k: usize| {
        plain_word(doc, k)
            || determiner
                && k == e
                && doc.is_word(k)
                && doc.function(k).is_none()
                && plain_word(doc, k + 1)
    };
    let mut k = e;
    while k < limit && k < e + 3 && noun(k) {
        k += 1;
        if doc.info(k - 1).is_some_and(|w| w.role.is_some())
            && doc.info(k).is_none_or(|w| w.role.is_none())
        {
            return Some(start..possessed(doc, k, limit));
        }
    }
    if k == e {
        return None;
    }
    // `told surrey s councillors at …` (stripped): a possessive audience.
    if k == e + 1 && doc.kind(k) == Some(Kind::Possessive) {
        let p = possessed(doc, k, limit);
        if p > k && (p >= limit || !doc.is_word(p) || doc.function(p).is_some()) {
            return Some(start..p);
        }
    }
    let next_starts_content = k >= limit
        || matches!(doc.kind(k), Some(Kind::Comma | Kind::Colon | Kind::End))
        || matches!(doc.norm(k), "that" | "whether")
        || doc.pronoun(k).is_some()
        || matches!(doc.function(k), Some(Function::Determiner));
    // Without a determiner, a lone lowercase word is an addressee only if it
    // is no ordinary English word (a name: `told assad it was`).
    // Before `that` any short phrase is the audience (`told trump that`,
    // `told parliament that`).
    let name_like = determiner
        || matches!(doc.norm(k), "that" | "whether")
        || (k == e + 1 && !is_english_word(doc.norm(e)));
    (next_starts_content && name_like).then_some(start..k)
}

/// A word of an audience's noun phrase: no function word, no cue.
fn plain_word(doc: &Doc<'_>, k: usize) -> bool {
    doc.is_word(k) && doc.function(k).is_none() && doc.info(k).is_none_or(|w| w.cue.is_none())
}

/// After an addressee ending at `e`: the end of what it possesses
/// (`Surrey's councillors`, `surrey s city council`): up to two content
/// words after a possessive; `e` itself if none follows.
pub fn possessed(doc: &Doc<'_>, e: usize, limit: usize) -> usize {
    if doc.kind(e) != Some(Kind::Possessive) {
        return e;
    }
    let mut k = e + 1;
    while k < limit && k < e + 3 && plain_word(doc, k) {
        k += 1;
    }
    if k == e + 1 {
        e
    } else {
        k
    }
}

/// How the content after a cue is introduced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Intro {
    /// Directly (`said the talks would go on`).
    Bare,
    /// By a comma.
    Comma,
    /// By `that`, `whether` or a colon.
    Strong,
}

/// Finds the start of the content after a cue (or after its addressee and
/// adjuncts such as `on Tuesday`, `in a statement`): skips `that`, `:` and
/// `,`; returns the content's first token, the addressee and how the content
/// is introduced.
pub fn after_cue(
    doc: &Doc<'_>,
    hit: &CueHit,
    sentence_end: usize,
    addressee_ok: bool,
) -> (usize, Option<Range<usize>>, Intro) {
    let mut j = hit.range.end;
    let mut addr = None;
    if addressee_ok {
        if let Some(a) = addressee(doc, j, sentence_end) {
            j = a.end;
            addr = Some(a);
        }
    }
    // `said (on) Monday it would …`: the day is no content (but `said
    // Tuesday's vote was …` begins it, and `at Tuesday's meeting` is an
    // adjunct as a whole).
    if doc.function(j) == Some(Function::Day)
        && j + 1 < sentence_end
        && doc.kind(j + 1) != Some(Kind::Possessive)
    {
        j += 1;
    } else if doc.function(j) == Some(Function::Preposition)
        && doc.function(j + 1) == Some(Function::Day)
        && j + 2 < sentence_end
    {
        j = possessed(doc, j + 2, sentence_end);
    }
    // `said on Tuesday that`, `said in a statement that`, `estimated last
    // month that`
    // (`testified before a Senate committee that`: `before` and `after`
    // open no clause there.)
    if doc.function(j) == Some(Function::Preposition)
        || doc.function(j) == Some(Function::Day)
        || relative_time_word(doc.norm(j))
        || matches!(doc.norm(j), "before" | "after")
            && doc.function(j + 1) == Some(Function::Determiner)
    {
        let mut k = j;
        // (`said in the company's blog post that`: possessives included.)
        while k < sentence_end
            && k < j + 7
            && (doc.is_word(k) || doc.kind(k) == Some(Kind::Possessive))
            && doc.norm(k) != "that"
        {
            k += 1;
        }
        if doc.norm(k) == "that" {
            j = k;
        }
    }
    let mut intro = Intro::Bare;
    while j < sentence_end {
        match doc.kind(j) {
            Some(Kind::Colon) => {
                intro = Intro::Strong;
                j += 1;
                // `He declared:` and the quote in the next paragraph.
                let mut k = j;
                while matches!(doc.kind(k), Some(Kind::Break { .. })) {
                    k += 1;
                }
                if k >= sentence_end && doc.quote_opening(k).is_some() {
                    j = k + 1;
                    break;
                }
            }
            Some(Kind::Comma) => {
                if intro == Intro::Bare {
                    intro = Intro::Comma;
                }
                j += 1;
            }
            // `say that does not amount to …`: a demonstrative subject,
            // part of what was said.
            Some(Kind::Word)
                if doc.norm(j) == "that" && doc.function(j + 1) == Some(Function::Auxiliary) =>
            {
                intro = Intro::Strong;
                break;
            }
            Some(Kind::Word) if doc.norm(j) == "that" || doc.norm(j) == "whether" => {
                intro = Intro::Strong;
                j += 1;
            }
            _ => break,
        }
    }
    (j, addr, intro)
}

/// Whether token `b` ends the content of a content-first attribution: a
/// comma, or a closing quotation mark right after a comma (`“…exciting,”
/// says …`).
pub fn closes_content(doc: &Doc<'_>, b: usize) -> bool {
    match doc.kind(b) {
        Some(Kind::Comma) => true,
        Some(Kind::Quote(_)) => {
            b > 0 && doc.kind(b - 1) == Some(Kind::Comma) && doc.quote_closing(b).is_some()
        }
        _ => false,
    }
}

/// The end of content that starts at `start`: before a trailing `, X
/// said`, `, and X said`, `: X notes`, `, and added`, `and said` or `,
/// saying` (another attribution's frame), else `end`.
pub fn clause_end(doc: &Doc<'_>, start: usize, end: usize) -> usize {
    // (A phrasal cue counts with its particle: `and then pointed out`.)
    let reports = |m: usize| {
        doc.info(m)
            .is_some_and(|w| w.reports() || !w.participle && phrasal_cue(doc, m, w, end).is_some())
            && !negated_or_not_a_report(doc, m)
    };
    // (Only a content that is a clause or a `to` clause ends so: an object
    // before `and said` is no content, `praised the deal and said he …`.)
    let clause_like =
        opens_with_subject(doc, start) || matches!(doc.norm(start), "that" | "to" | "it");
    for k in start..end {
        let comma = match doc.kind(k) {
            Some(Kind::Comma) => true,
            Some(Kind::Colon | Kind::Semicolon) => false,
            // `X promised to support Clinton and said she would …`: a
            // second verb of the content's own speaker.
            // (The verb opens a clause of its own: `said she`, `said that`;
            // not `signs and flags on his vehicle`, `and proposed an
            // amendment`.)
            Some(Kind::Word)
                if k > start
                    && clause_like
                    && matches!(doc.norm(k), "and" | "but")
                    && reports(k + 1)
                    && doc
                        .info(k + 1)
                        .and_then(|w| w.cue)
                        .is_some_and(|c| !doc.lexicon.cue(c).ambiguous)
                    && (opens_with_subject(doc, k + 2)
                        || matches!(doc.norm(k + 2), "that" | "it")) =>
            {
                return k;
            }
            _ => continue,
        };
        // (Past a closing mark: `… a decision," noting that …`.)
        let mut next = k + 1;
        while next < end && doc.quote_closing(next).is_some() {
            next += 1;
        }
        // `…, saying that …`
        if comma
            && doc
                .info(next)
                .is_some_and(|w| w.participle && (w.cue.is_some() || !w.particle_cues.is_empty()))
        {
            return k;
        }
        // `…, Jagelewski says …`, `…, and Lavrov said …`, `…: she notes that
        // …`, and a second verb of the same speaker: `…, and added …`, `…,
        // but added that …`.
        // (And a subordinate clause with a speaker of its own: `…, when he
        // claimed …`.)
        let joined = comma
            && matches!(
                doc.norm(next),
                "and" | "but" | "though" | "although" | "when" | "while" | "whereas"
            );
        if joined
            && (reports(next + 1)
                || (doc.function(next + 1) == Some(Function::Adverb) && reports(next + 2)))
        {
            return k;
        }
        // `X, an expert who writes about the Kremlin, noted that …`: a cue
        // right after the comma, with a clause of its own, is the verb of
        // the subject the content's clause was a part of.
        if comma
            && !joined
            && reports(next)
            && (doc.norm(next + 1) == "that" || opens_with_subject(doc, next + 1))
        {
            return k;
        }
        let first = next + usize::from(joined);
        // (The subject may be long: `…, and a spokeswoman for the union of
        // immigration judges said judges …`. So far from the comma, only a
        // cue that opens a clause counts (`that`, a noun or a pronoun after
        // it):
        // `…, Kuwait and Qatar, demand should exceed supply` and `…, will
        // continue to dominate` report nothing. Nearer, an auxiliary
        // after the cue is a reduced relative's: `a move critics say could
        // open …`.)
        let cue = (first..(k + 12).min(end))
            .find(|&m| reports(m))
            .filter(|&m| {
                m < k + 8
                    || doc.is_word(m + 1)
                        && (doc.norm(m + 1) == "that"
                            || matches!(
                                doc.function(m + 1),
                                None | Some(Function::Determiner | Function::Pronoun(_))
                            ))
            });
        if let Some(m) = cue {
            // (A title before the name may stand outside the phrase:
            // `though Mrs. Fiorina said`.)
            let opens_at_first = |a: usize| {
                (first..a).all(|x| doc.capitalised(x) || doc.kind(x) == Some(Kind::End))
                    && a - first <= 2
            };
            if m > first
                && phrase_before(doc, m, next).is_some_and(|p| {
                    opens_at_first(p.range.start) && !matches!(p.head, Head::Other)
                })
            {
                return k;
            }
        }
    }
    end
}

/// A speaker phrase that can speak: not a first- or second-person pronoun
/// (those stand inside direct speech), and not a description that does
/// not start like a noun phrase.
pub fn can_speak(doc: &Doc<'_>, p: &SpeakerPhrase) -> bool {
    match &p.head {
        Head::Pronoun(pr) => !pr.is_speech_person(),
        Head::Other => {
            let first = p.range.start;
            matches!(doc.function(first), Some(Function::Determiner))
                || doc.surface(first).starts_with(|c: char| c.is_ascii_digit())
        }
        _ => true,
    }
}

/// Whether the content at `a` opens with a subject pronoun (`noted she
/// was`, `admitted they had`): a clause, even after an ambiguous cue.
pub fn opens_with_subject(doc: &Doc<'_>, a: usize) -> bool {
    doc.pronoun(a)
        .is_some_and(|_| Pronoun::subject_form(doc.norm(a)))
        && doc.norm(a) != "it"
}

/// `…, he said.`: the sentence before the cue (`before`, less a leading
/// conjunction, dash or dateline) is the content — if it has two words or
/// more and does not itself name a source.
#[allow(clippy::too_many_arguments)]
pub fn push_content_before(
    doc: &Doc<'_>,
    out: &mut Vec<Attribution>,
    rule: Rule,
    before: Range<usize>,
    hit: &CueHit,
    speaker: SpeakerPhrase,
    addressee: Option<Range<usize>>,
    confidence: f32,
) {
    let content = trim_leading(doc, before);
    if words(doc, content.start, content.end) >= 2 && !names_source(doc, content.start) {
        out.push(
            Attribution::new(
                rule,
                content,
                Some(hit.range.clone()),
                Source::Phrase(speaker),
                addressee,
            )
            .weighing(confidence),
        );
    }
}

/// Irregular past forms that tell a clause from an object (`said the
/// business gave the province a boost`).
const IRREGULAR_PAST: &[&str] = &[
    "became",
    "began",
    "brought",
    "built",
    "came",
    "felt",
    "found",
    "gave",
    "got",
    "grew",
    "held",
    "kept",
    "knew",
    "led",
    "left",
    "lost",
    "made",
    "meant",
    "met",
    "paid",
    "ran",
    "saw",
    "sent",
    "spent",
    "stood",
    "took",
    "thought",
    "understood",
    "went",
    "won",
    "wrote",
    "sold",
    "told",
    "said",
    "fell",
    "rose",
    "struck",
    "caught",
    "bought",
    "fought",
    "taught",
    "chose",
    "drove",
];

/// Whether content introduced without `that` or a colon is an object
/// rather than a clause (`denied Mr. Hemming's request`, `agreed with the
/// findings`, `warns of a rise`): it starts with a preposition or a
/// determiner, is short, and has no word that reads as a verb.
pub fn is_object_not_clause(doc: &Doc<'_>, a: usize, b: usize) -> bool {
    if a >= b || !doc.is_word(a) {
        return false;
    }
    let starts_np = matches!(
        doc.function(a),
        Some(Function::Preposition | Function::Determiner)
    ) || is_possessive_determiner(doc.norm(a))
        || doc.kind(a + 1) == Some(Kind::Possessive);
    if !starts_np || doc.norm(a) == "to" {
        return false;
    }
    let n = words(doc, a, b);
    if n > 12 {
        return false;
    }
    let verb_like = (a..b).any(|k| {
        if !doc.is_word(k) {
            return matches!(doc.kind(k), Some(Kind::Quote(_) | Kind::Colon));
        }
        let w = doc.norm(k);
        let after_det = k > a
            && matches!(
                doc.function(k - 1),
                Some(Function::Determiner | Function::Preposition)
            );
        matches!(
            doc.function(k),
            Some(Function::Auxiliary | Function::Negation)
        ) || doc.pronoun(k).is_some_and(|_| Pronoun::subject_form(w))
            || (k > a && !after_det && w.len() > 4 && w.ends_with("ed"))
            || (k > a && !after_det && IRREGULAR_PAST.contains(&w))
            || (k > a
                && !after_det
                && w.len() > 3
                && w.ends_with('s')
                && !w.ends_with("ss")
                && (matches!(
                    doc.function(k + 1),
                    Some(Function::Determiner | Function::Pronoun(_) | Function::Adverb)
                ) || matches!(doc.norm(k + 1), "to" | "that")))
    });
    !verb_like
}

/// Whether tokens `a..b` after an attribution are only adjuncts (`on
/// Tuesday`, `in a statement`, `told reporters`, `through an interpreter`,
/// or a clause after a comma), not new content.
pub fn is_adjunct(doc: &Doc<'_>, a: usize, b: usize) -> bool {
    if a >= b {
        return true;
    }
    if doc.norm(a) == "that"
        || (a..b).any(|k| matches!(doc.kind(k), Some(Kind::Quote(_) | Kind::Colon)))
    {
        return false;
    }
    // A clause after a comma is not what was said (`…, he said, adding …`).
    if matches!(doc.kind(a), Some(Kind::Comma | Kind::Dash | Kind::Open)) {
        return true;
    }
    let short = words(doc, a, b) <= 8;
    short
        && (matches!(
            doc.function(a),
            Some(Function::Preposition | Function::Day | Function::Adverb)
        ) || doc.info(a).is_some_and(|w| w.cue.is_some())
            || matches!(
                doc.norm(a),
                "last" | "this" | "earlier" | "late" | "reporters" | "journalists"
            ))
}

/// Whether content starting at `a` opens with a source of its own
/// (`According to the Kremlin, …`): then it is no content.
pub fn names_source(doc: &Doc<'_>, a: usize) -> bool {
    doc.norm(a) == "according" && doc.norm(a + 1) == "to"
}

/// Drops from a content range a leading conjunction, break or dash, and a
/// dateline (`GENEVA (Reuters) -`, `sochi , russia ( reuters ) -`).
pub fn trim_leading(doc: &Doc<'_>, r: Range<usize>) -> Range<usize> {
    let mut a = dateline_end(doc, r.start, r.end).unwrap_or(r.start);
    while a < r.end
        && (matches!(doc.kind(a), Some(Kind::Break { .. } | Kind::Dash))
            || (doc.function(a) == Some(Function::Conjunction) && a + 1 < r.end))
    {
        a += 1;
    }
    a..r.end
}

/// Where a dateline that opens `a..limit` ends (the token after its dash):
/// `GENEVA (Reuters) -`, `sochi , russia ( reuters ) -`, `WASHINGTON —`,
/// `TROUT BROOK, N.B. —`. A dateline is a place, no speaker: a dash within
/// the first dozen tokens, after a bracket, or after capitalised words,
/// commas and abbreviations only that begin with a word in capitals.
pub fn dateline_end(doc: &Doc<'_>, a: usize, limit: usize) -> Option<usize> {
    let dash = (a..(a + 12).min(limit)).find(|&k| doc.kind(k) == Some(Kind::Dash))?;
    let bracket = (a..dash).any(|k| doc.kind(k) == Some(Kind::Close));
    let capitals = dash > a
        && doc.casing == crate::text::Casing::Cased
        && doc.tok(a).all_caps
        && doc.surface(a).chars().count() > 1
        && (a..dash)
            .all(|k| doc.capitalised(k) || matches!(doc.kind(k), Some(Kind::Comma | Kind::End)));
    (bracket || capitals).then_some(dash + 1)
}

/// Whether `w` opens a time relative to now (`last week`, `this month`,
/// `earlier this year`, `late Friday`, `early on`).
pub fn relative_time_word(w: &str) -> bool {
    matches!(w, "last" | "this" | "earlier" | "late" | "early")
}

/// Where the clause after a fronted adverbial starts, when the sentence
/// opens with one: a preposition phrase, a subordinate clause or a
/// participle phrase ended by a comma (`At a rally in Beaumont, Tex., on
/// Tuesday, Mr. Trump …`; `When he returned, he …`; `Speaking in Salem,
/// New Hampshire, Trump …`). The comma-separated pieces that go on with the
/// adverbial (a place's state, `on Tuesday`, `where …`) are skipped too.
fn fronted_end(doc: &Doc<'_>, start: usize, limit: usize) -> Option<usize> {
    let mut a = start;
    if matches!(doc.function(a), Some(Function::Conjunction)) {
        a += 1;
    }
    let opens = match doc.function(a) {
        Some(Function::Preposition) => true,
        Some(Function::Subordinator) => {
            !matches!(doc.norm(a), "that" | "which" | "who" | "whom" | "whose")
        }
        None => {
            doc.is_word(a)
                && doc.mention_at(a).is_none()
                && doc.norm(a).len() > 5
                && (doc.norm(a).ends_with("ing")
                    && doc
                        .function(a + 1)
                        .is_some_and(|f| matches!(f, Function::Preposition | Function::Determiner))
                    // `Chastened by the analyses, Trump …`
                    || doc.norm(a).ends_with("ed")
                        && doc.function(a + 1) == Some(Function::Preposition))
        }
        _ => false,
    };
    if !opens {
        return None;
    }
    let comma = |from: usize| (from..limit).find(|&k| doc.kind(k) == Some(Kind::Comma));
    let mut k = comma(a + 1)?;
    loop {
        let s = k + 1;
        let next = comma(s);
        let goes_on = matches!(
            doc.function(s),
            Some(Function::Preposition | Function::Day)
        ) || matches!(doc.norm(s), "where" | "when")
            // A place's state or country (`Beaumont, Tex.,`).
            || next.is_some_and(|n| n > s && n - s <= 4 && is_state(doc, s, n));
        match next {
            Some(n) if goes_on => k = n,
            _ => return (s < limit && !goes_on).then_some(s),
        }
    }
}

/// Whether the lowercase word at `e` modifies a role word one or two words
/// on (`presidential` in `Democratic presidential nominee`).
fn modifies_role(doc: &Doc<'_>, e: usize, limit: usize) -> bool {
    doc.is_word(e)
        && doc.function(e).is_none()
        && doc
            .info(e)
            .is_none_or(|w| w.cue.is_none() && w.role.is_none())
        && (e + 1..(e + 3).min(limit)).any(|j| doc.info(j).is_some_and(|w| w.role.is_some()))
}

/// Whether `a..b`, between commas, is the state or country of the place
/// before it (`Beaumont, Tex.,`, `Portsmouth, N.H.,`, `Ames, Iowa,`).
fn is_state(doc: &Doc<'_>, a: usize, b: usize) -> bool {
    let place_before = doc.capitalised(a - 2) || doc.is_place(a - 2, a - 1);
    place_before
        && (doc.is_place(a, b)
            || doc.casing == crate::text::Casing::Cased
                && doc.capitalised(a)
                && doc.surface(b - 1).ends_with('.')
                && (a..b).all(|j| doc.capitalised(j) || doc.surface(j).ends_with('.')))
}

/// The subject of a sentence starting at `start`: its first speaker-like
/// phrase before `limit` that is not inside a preposition phrase or a
/// possessive (`Putin met Assad, saying …`; `IRCC declined to give details
/// but said …`).
pub fn sentence_subject(doc: &Doc<'_>, start: usize, limit: usize) -> Option<SpeakerPhrase> {
    let start = dateline_end(doc, start, limit).unwrap_or(start);
    let start = fronted_end(doc, start, limit).unwrap_or(start);
    let mut t = start;
    while t < limit {
        let speaker_like = doc
            .pronoun(t)
            .is_some_and(|_| Pronoun::subject_form(doc.norm(t)))
            || doc.mention_at(t).is_some()
            || doc.capitalised(t) && doc.function(t).is_none()
            || doc.info(t).is_some_and(|w| w.role.is_some())
            // In lowercase text, a given name and a name word (`john tory`).
            || doc.info(t).is_some_and(|w| w.given.is_some())
                && lowercase_name_word(doc, t)
                && lowercase_name_word(doc, t + 1);
        let after_preposition =
            t > start && matches!(doc.function(t - 1), Some(Function::Preposition));
        if speaker_like && !after_preposition && !matches!(doc.kind(t + 1), Some(Kind::Possessive))
        {
            let mut e = t + 1;
            while e < limit
                && (doc.mention_at(e).is_some() && doc.mention_at(e) == doc.mention_at(t)
                    || doc.capitalised(e)
                    // (A role that is a verb's form after a name is the
                    // verb: `Strada accused the government`.)
                    || doc.info(e).is_some_and(|w| {
                        w.role.is_some() && w.cue.is_none() && w.particle_cues.is_empty()
                    })
                    // `Democratic presidential nominee Hillary Clinton`
                    || doc.capitalised(t) && modifies_role(doc, e, limit)
                    // `Secretary of State Mike Pompeo`
                    || doc.norm(e) == "of" && doc.capitalised(e - 1) && doc.capitalised(e + 1)
                    // In lowercase text, a name after a title or role
                    // (`hezbollah leader sayyed hassan nasrallah`).
                    || (doc.casing == crate::text::Casing::Uncased
                        && doc.info(e - 1).is_some_and(|w| w.role.is_some())
                        || e > t + 1 && lowercase_name_word(doc, e - 1))
                        && lowercase_name_word(doc, e))
            {
                e += 1;
            }
            // Back to the phrase's determiner over up to three modifiers
            // (`a kremlin spokesman`).
            let mut a = t;
            let mut k = t;
            while k > start && t - k < 4 {
                k -= 1;
                if matches!(doc.function(k), Some(Function::Determiner)) {
                    a = k;
                    break;
                }
                if !doc.is_word(k)
                    || doc.function(k).is_some()
                    || doc.info(k).is_some_and(|w| w.cue.is_some())
                {
                    break;
                }
            }
            return analyse(doc, a..e)
                .filter(|p| !matches!(p.head, Head::Other) && can_speak(doc, p));
        }
        t += 1;
    }
    None
}
