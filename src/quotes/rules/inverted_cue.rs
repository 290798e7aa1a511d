//! `inverted-cue`: `…, said Assad.` — the content first, then the cue and the
//! speaker after it, with only adjuncts after the speaker.

use super::super::speakers::{phrase_after, Head};
use super::super::tokens::Kind;
use super::clause::{can_speak, closes_content, content_end, is_adjunct, push_content_before};
use super::{Attribution, CueContext, Doubt, Doubts, Outcome, Rule};

pub fn propose(cx: &CueContext<'_, '_>, out: &mut Vec<Attribution>) -> Outcome {
    let (doc, hit, s) = (cx.doc, cx.hit, &cx.sentence);
    let c = hit.range.start;
    // (`…, saying X` is a participle's, not an inverted cue's.)
    if hit.participle || !(c > s.start && closes_content(doc, c - 1)) {
        return Outcome::Pass;
    }
    // The object of `told` is its hearer when a speaker stands before it
    // (`“…,” Senator Sessions, an adviser to Trump, told AFP`).
    if cx.addressee_ok && cx.speaker_before().is_some() {
        return Outcome::Pass;
    }
    let Some(speaker) = phrase_after(doc, hit.range.end, s.end).filter(|p| can_speak(doc, p))
    else {
        return Outcome::Pass;
    };
    let clear_speaker = matches!(
        speaker.head,
        Head::Pronoun(_) | Head::Mention(_) | Head::Name(_)
    );
    let after = speaker.range.end;
    let doubts = Doubts::default()
        .with(Doubt::Ambiguous, cx.ambiguous && !clear_speaker)
        .with(
            Doubt::MoreAfter,
            !is_adjunct(doc, after, content_end(doc, after, s.end)),
        );
    let first_end = if doc.kind(c - 1) == Some(Kind::Comma) {
        c - 1
    } else {
        c
    };
    let before = out.len();
    push_content_before(
        doc,
        out,
        Rule::InvertedCue,
        s.start..first_end,
        hit,
        speaker,
        None,
        Rule::InvertedCue.weight(),
    );
    for a in &mut out[before..] {
        a.doubts = doubts;
    }
    Outcome::Claimed
}
