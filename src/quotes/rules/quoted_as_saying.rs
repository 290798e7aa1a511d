//! `quoted-as-saying`: `X was quoted as saying …` and `…, he was quoted as
//! saying (in a release).` — a phrase cue with the speaker before it.

use super::super::lexicon::PhraseSpeaker;
use super::super::speakers::phrase_before;
use super::super::tokens::Kind;
use super::clause::{
    can_speak, closes_content, content_end, is_adjunct, push_content_before, words,
};
use super::{Attribution, CueContext, Outcome, Rule, Source};

pub fn propose(cx: &CueContext<'_, '_>, out: &mut Vec<Attribution>) -> Outcome {
    let (doc, hit, s) = (cx.doc, cx.hit, &cx.sentence);
    let Some(p) = hit.phrase else {
        return Outcome::Pass;
    };
    if doc.lexicon.phrases[p].speaker != PhraseSpeaker::Before {
        return Outcome::Pass;
    }
    let Some(speaker) = phrase_before(doc, hit.range.start, s.start).filter(|p| can_speak(doc, p))
    else {
        return Outcome::Claimed;
    };
    // `…, he was quoted as saying (in a release).`: the content stands
    // before.
    if let Some(b) = speaker.range.start.checked_sub(1).filter(|&b| {
        b > s.start + 1
            && closes_content(doc, b)
            && is_adjunct(doc, hit.range.end, content_end(doc, hit.range.end, s.end))
    }) {
        let first_end = if matches!(doc.kind(b), Some(Kind::Quote(_))) {
            b + 1
        } else {
            b
        };
        push_content_before(
            doc,
            out,
            Rule::QuotedAsSaying,
            s.start..first_end,
            hit,
            speaker,
            None,
            0.8,
        );
        return Outcome::Claimed;
    }
    let mut start = hit.range.end;
    while start < s.end
        && (matches!(doc.kind(start), Some(Kind::Colon | Kind::Comma)) || doc.norm(start) == "that")
    {
        start += 1;
    }
    let mut end = content_end(doc, start, s.end);
    if let Some(q) = doc.quote_opening(start).map(|q| &doc.quoted[q]) {
        end = end.max(q.content().end);
        if !q.closed {
            start += 1;
        }
    }
    if words(doc, start, end) >= 2 {
        out.push(Attribution::new(
            Rule::QuotedAsSaying,
            start..end,
            Some(hit.range.clone()),
            Source::Phrase(speaker),
            None,
        ));
    }
    Outcome::Claimed
}
