//! `participle`: `“A,” she said, adding that B` (the earlier attribution's
//! speaker) and `Putin met Assad, saying that …` (the sentence's subject).

use super::super::tokens::Kind;
use super::clause::{after_cue, content_end, sentence_subject, words};
use super::{Attribution, CueContext, Outcome, Rule, Source};

pub fn propose(cx: &CueContext<'_, '_>, out: &mut Vec<Attribution>) -> Outcome {
    let (doc, hit, s) = (cx.doc, cx.hit, &cx.sentence);
    if !hit.participle {
        return Outcome::Pass;
    }
    let c = hit.range.start;
    if c == s.start
        || !matches!(doc.kind(c - 1), Some(Kind::Comma | Kind::Dash))
        || !cx.takes_clause
    {
        return Outcome::Claimed;
    }
    let (start, _, _) = after_cue(doc, hit, s.end, false);
    let mut end = content_end(doc, start, s.end);
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
        a.cue
            .as_ref()
            .is_some_and(|cr| cr.end <= c && doc.sentence(cr.start).start == s.start)
    }) {
        out.push(Attribution::new(
            Rule::Participle,
            start..end,
            cue,
            Source::Inherit(idx),
            None,
        ));
        return Outcome::Claimed;
    }
    // Otherwise the subject of the sentence (an ambiguous cue such as
    // `noting` only goes on from an attribution).
    if cx.ambiguous {
        return Outcome::Claimed;
    }
    if let Some(speaker) = sentence_subject(doc, s.start, c - 1) {
        out.push(
            Attribution::new(
                Rule::Participle,
                start..end,
                cue,
                Source::Phrase(speaker),
                None,
            )
            .weighing(0.72),
        );
    }
    Outcome::Claimed
}
