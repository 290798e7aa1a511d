//! `parenthetical`: `The economy, he said, is slowing.` and `It is on
//! Trudeau's watch, Scheer said, that …` — the speaker and cue between
//! commas inside the content; both parts, one speaker.

use super::super::tokens::Kind;
use super::clause::{trim_leading, words};
use super::{Attribution, CueContext, Intro, Outcome, Rule, Source};

pub fn propose(cx: &CueContext<'_, '_>, out: &mut Vec<Attribution>) -> Outcome {
    let (doc, s) = (cx.doc, &cx.sentence);
    let Some(b) = cx.speaker_before() else {
        return Outcome::Pass;
    };
    let start = b.after.start;
    let strong_after_comma =
        b.intro == Intro::Strong && start >= 2 && doc.kind(start - 2) == Some(Kind::Comma);
    if !(b.reports_after && b.content_first && (b.intro == Intro::Comma || strong_after_comma)) {
        return Outcome::Pass;
    }
    let first = trim_leading(doc, s.start..b.first_end);
    if words(doc, first.start, first.end) < 1 {
        return Outcome::Pass;
    }
    let idx = out.len();
    let cue = Some(cx.hit.range.clone());
    out.push(Attribution::new(
        Rule::Parenthetical,
        first,
        cue.clone(),
        Source::Phrase(b.speaker.clone()),
        b.addressee.clone(),
    ));
    out.push(Attribution::new(
        Rule::Parenthetical,
        b.after.clone(),
        cue,
        Source::Inherit(idx),
        None,
    ));
    Outcome::Claimed
}
