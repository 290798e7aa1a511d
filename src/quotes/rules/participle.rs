//! `participle`: `“A,” she said, adding that B` (the earlier attribution's
//! speaker) and `Putin met Assad, saying that …` (the sentence's subject).

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
    let mut doubts = Doubts::default()
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
    // An attribution earlier in this sentence lends its speaker
    // (`“A,” she said, adding that B`).
    if let Some(idx) = out.iter().rposition(|a| {
        a.first_choice
            && a.cue
                .as_ref()
                .is_some_and(|cr| cr.end <= c && doc.sentence(cr.start).start == s.start)
    }) {
        out.push(
            Attribution::new(
                Rule::Participle,
                start..end,
                cue,
                Source::Inherit(idx),
                None,
            )
            .doubting(doubts),
        );
        return Outcome::Claimed;
    }
    // Otherwise the subject of the sentence (an ambiguous cue such as
    // `noting` goes on from an attribution more often).
    doubts = doubts.with(Doubt::Ambiguous, cx.ambiguous);
    if let Some(speaker) = sentence_subject(doc, s.start, c - 1) {
        out.push(
            Attribution::new(
                Rule::Participle,
                start..end,
                cue,
                Source::Phrase(speaker),
                None,
            )
            .weighing(0.72)
            .doubting(doubts),
        );
    }
    Outcome::Claimed
}
