//! `cue-after`: `…, Putin said (on Tuesday).` — the content first, then the
//! speaker and the cue, with only adjuncts after it. Also `…, Erdogan told
//! the gathering, also attended by …`: a comma clause after the cue that
//! does not go on with the content.

use super::clause::{is_object_not_clause, push_content_before, words};
use super::{Attribution, CueContext, Doubt, Doubts, Intro, Outcome, Rule};
use crate::quotes::lexicon::Function;

pub fn propose(cx: &CueContext<'_, '_>, out: &mut Vec<Attribution>) -> Outcome {
    let (doc, s) = (cx.doc, &cx.sentence);
    let Some(b) = cx.speaker_before() else {
        return Outcome::Pass;
    };
    // A cue in a relative clause describes the phrase before it; the words
    // before that are no quote of it (`Tatiana Stanovaya, an expert who
    // writes about the Kremlin, noted …`).
    if b.relative {
        return Outcome::Pass;
    }
    // A fronted adverbial is no content (`At a town hall in Ames, Iowa, on
    // Sunday, Mayor Olsen defended the plan`).
    if matches!(doc.function(s.start), Some(Function::Preposition))
        && is_object_not_clause(doc, s.start, b.first_end)
    {
        return Outcome::Pass;
    }
    let weight = if b.nothing_after(cx) {
        Rule::CueAfter.weight()
    } else if b.reports_after && b.content_first && b.intro == Intro::Comma && {
        // The part after the comma does not go on with a verb, and the part
        // before is not short: not a parenthetical.
        let continues_clause = matches!(doc.function(b.after.start), Some(Function::Auxiliary))
            || words(doc, s.start, b.first_end) <= 4;
        !continues_clause
    } {
        0.8
    } else {
        return Outcome::Pass;
    };
    let before = out.len();
    push_content_before(
        doc,
        out,
        Rule::CueAfter,
        s.start..b.first_end,
        cx.hit,
        b.speaker.clone(),
        b.addressee.clone(),
        weight,
    );
    let doubts = Doubts::default().with(Doubt::Ambiguous, cx.ambiguous && !b.clear_speaker);
    for a in &mut out[before..] {
        a.doubts = doubts;
    }
    Outcome::Claimed
}
