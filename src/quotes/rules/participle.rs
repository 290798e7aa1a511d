//! `participle`: `“A,” she said, adding that B` (the earlier attribution's
//! speaker) and `Putin met Assad, saying that …` (the sentence's subject).

use super::super::doc::Doc;
use super::super::lexicon::Function;
use super::super::speakers::{analyse, SpeakerPhrase};
use super::super::tokens::Kind;
use super::clause::{after_cue, clause_end, content_end, sentence_subject, words};
use super::{Attribution, CueContext, Doubt, Doubts, Outcome, Rule, Source};

pub fn propose(cx: &CueContext<'_, '_>, out: &mut Vec<Attribution>) -> Outcome {
    let (doc, hit, s) = (cx.doc, cx.hit, &cx.sentence);
    if !hit.participle {
        return Outcome::Pass;
    }
    let c = hit.range.start;
    if c == s.start {
        return Outcome::Claimed;
    }
    let doubts = Doubts::default()
        .with(
            Doubt::NoComma,
            !matches!(doc.kind(c - 1), Some(Kind::Comma | Kind::Dash)),
        )
        .with(Doubt::NoClauseCue, !cx.takes_clause);
    let (start, _, _) = after_cue(doc, hit, s.end, false);
    let mut end = clause_end(doc, start, content_end(doc, start, s.end));
    if let Some(q) = doc.quote_opening(start).map(|q| &doc.quoted[q]) {
        end = end.max(q.content().end);
    }
    if words(doc, start, end) < 2 {
        return Outcome::Claimed;
    }
    let cue = Some(hit.range.clone());
    // `with Gorka noting the absurdity of …`, `an ad featuring Hispanics
    // telling their stories`: the participle's own subject, right before it.
    // Else an attribution earlier in this sentence lends its speaker (`“A,”
    // she said, adding that B`). Otherwise the subject of the sentence (an
    // ambiguous cue such as `noting` goes on from an attribution more often).
    let earlier = || {
        out.iter().rposition(|a| {
            a.first_choice
                && a.cue
                    .as_ref()
                    .is_some_and(|cr| cr.end <= c && doc.sentence(cr.start).start == s.start)
        })
    };
    let ambiguous = doubts.with(Doubt::Ambiguous, cx.ambiguous);
    let (source, doubts, weight) = if let Some(speaker) = absolute_subject(doc, s.start, c) {
        (Source::Phrase(speaker), ambiguous, None)
    } else if let Some(idx) = earlier() {
        (Source::Inherit(idx), doubts, None)
    } else if let Some(speaker) = sentence_subject(doc, s.start, c - 1) {
        (Source::Phrase(speaker), ambiguous, Some(0.72))
    } else {
        return Outcome::Claimed;
    };
    let mut a = Attribution::new(Rule::Participle, start..end, cue, source, None).doubting(doubts);
    if let Some(w) = weight {
        a = a.weighing(w);
    }
    out.push(a);
    Outcome::Claimed
}

/// Words that take a noun phrase and a participle (`with Trump reportedly
/// yelling`, `featuring Hispanics telling`): the phrase is the participle's
/// subject.
const ABSOLUTE: &[&str] = &["with", "featuring", "including"];

/// The subject of a participle at `c` in an absolute construction: `with`
/// (or `featuring`, `including`) and a noun phrase of at most six words
/// right before it (an adverb in `-ly` may come between), no comma.
fn absolute_subject(doc: &Doc<'_>, floor: usize, c: usize) -> Option<SpeakerPhrase> {
    let mut j = c;
    if j > floor
        && (doc.function(j - 1) == Some(Function::Adverb)
            || doc.norm(j - 1).ends_with("ly") && !doc.capitalised(j - 1))
    {
        j -= 1;
    }
    let mut a = j;
    while a > floor && j - a < 6 && matches!(doc.kind(a - 1), Some(Kind::Word | Kind::Possessive)) {
        if ABSOLUTE.contains(&doc.norm(a - 1)) {
            break;
        }
        if matches!(
            doc.function(a - 1),
            Some(Function::Auxiliary | Function::Subordinator | Function::Negation)
        ) {
            return None;
        }
        a -= 1;
    }
    if a == j || a == floor || !ABSOLUTE.contains(&doc.norm(a - 1)) {
        return None;
    }
    analyse(doc, a..j)
}
