//! `subject-cue`: `IRCC declined to give details but said …` — the
//! sentence's subject speaks through a cue joined by `but` or `and`.

use super::super::lexicon::Function;
use super::clause::{after_cue, clause_end, content_end, sentence_subject, words};
use super::{Attribution, CueContext, Doubt, Doubts, Outcome, Rule, Source};

pub fn propose(cx: &CueContext<'_, '_>, out: &mut Vec<Attribution>) -> Outcome {
    let (doc, hit, s) = (cx.doc, cx.hit, &cx.sentence);
    let c = hit.range.start;
    // (An adverb or an auxiliary may stand between: `but now said`, `and
    // has since said`.)
    let mut j = c.saturating_sub(1);
    while j > s.start
        && c - j <= 2
        && matches!(
            doc.function(j),
            Some(Function::Adverb | Function::Auxiliary)
        )
    {
        j -= 1;
    }
    if !(j > s.start && matches!(doc.norm(j), "but" | "and")) {
        return Outcome::Pass;
    }
    let doubts = Doubts::default()
        .with(Doubt::NoClauseCue, !cx.takes_clause)
        .with(Doubt::Ambiguous, cx.ambiguous);
    let Some(speaker) = sentence_subject(doc, s.start, j) else {
        return Outcome::Pass;
    };
    let (start, addr, _) = after_cue(doc, hit, s.end, cx.addressee_ok);
    let mut end = clause_end(doc, start, content_end(doc, start, s.end));
    if let Some(q) = doc.quote_opening(start).map(|q| &doc.quoted[q]) {
        end = end.max(q.content().end);
    }
    if words(doc, start, end) < 2 {
        return Outcome::Pass;
    }
    out.push(
        Attribution::new(
            Rule::SubjectCue,
            start..end,
            Some(hit.range.clone()),
            Source::Phrase(speaker),
            addr,
        )
        .doubting(doubts),
    );
    if doubts.is_empty() {
        Outcome::Claimed
    } else {
        Outcome::Pass
    }
}
