//! Direct speech without quotation marks, in stripped text.
//!
//! Preprocessed corpora remove quotation marks: `we don t want to look
//! backwards .` stands on its own line between two attributed sentences.
//! What the text still shows is the voice: a sentence in the first or
//! second person (`i`, `we`, `my`, `our`, `you`, ...) is direct speech far
//! more often than narration (in the Gender Gap Tracker set, 48% of
//! sentences inside direct quotes against under 4% of the others). Such
//! sentences, when they have no attribution of their own, are given to the
//! speaker of an adjacent attributed sentence: first the one that follows
//! when it attributes content standing before its cue (`…, putin told assad
//! .` ends a quote that may have started sentences earlier), else the one
//! before (a speech going on after `he said`).

use super::super::doc::Doc;
use super::super::model::acceptance::Situation;
use super::super::select::Scorer;
use super::super::tokens::Kind;
use super::{Attribution, Rule, Source};

/// At most this many unattributed sentences are joined to one speaker.
const MAX_RUN: usize = 5;

/// Whether sentence `si` speaks in the first or second person.
fn speaks(doc: &Doc<'_>, si: usize) -> bool {
    let s = doc.sentences[si];
    (s.start..s.end).any(|k| doc.pronoun(k).is_some_and(|p| p.is_speech_person()))
}

/// Adds unmarked direct speech to `out` (stripped documents only).
///
/// Every run of sentences with no attribution of their own, between two
/// attributed ones, is offered to the acceptance model sentence by sentence:
/// going on from the attribution before it (`…, he said . we are ready .`),
/// then, for what is left, back from the one after it when that one
/// attributes content standing before its cue (`we are ready . we want
/// peace , putin said .`). A run stops at the first sentence the model
/// refuses. Sentences in the first or second person are the rules' own
/// first choice.
pub fn unmarked_speech(doc: &Doc<'_>, out: &mut Vec<Attribution>, scorer: &mut Scorer<'_>) {
    if !doc.stripped {
        return;
    }
    let ns = doc.sentences.len();
    // For each sentence: the attribution whose content it holds or whose cue
    // is in it, if any.
    let mut owner: Vec<Option<usize>> = vec![None; ns];
    for (ai, a) in out.iter().enumerate() {
        let mut mark = |k: usize| {
            let si = doc.sentence_of[k] as usize;
            owner[si].get_or_insert(ai);
        };
        if !a.content.is_empty() {
            mark(a.content.start);
            mark(a.content.end - 1);
        }
        if let Some(c) = &a.cue {
            mark(c.start);
        }
    }
    let mut si = 0;
    while si < ns {
        if owner[si].is_some() {
            si += 1;
            continue;
        }
        let run_start = si;
        while si < ns && owner[si].is_none() {
            si += 1;
        }
        let run_end = si;
        // The attribution before the run, and the one after it if it
        // attributes content standing before its cue.
        let prev = run_start.checked_sub(1).and_then(|p| owner[p]);
        let next = owner.get(run_end).copied().flatten().filter(|&ai| {
            let a = &out[ai];
            let s = doc.sentences[run_end];
            a.content.start <= s.start + 1
                && matches!(
                    a.rule,
                    Rule::CueAfter
                        | Rule::InvertedCue
                        | Rule::QuotedAsSaying
                        | Rule::QuoteCue
                        | Rule::AccordingTo
                )
        });
        let mut taken = run_start;
        if let Some(src) = prev {
            let mut k = run_start;
            while k < run_end && k - run_start < MAX_RUN {
                if !offer(doc, out, scorer, &mut owner, k, src, k - run_start, false) {
                    break;
                }
                k += 1;
            }
            taken = k;
        }
        if let Some(src) = next {
            let mut k = run_end;
            while k > taken && run_end - k < MAX_RUN {
                if !offer(doc, out, scorer, &mut owner, k - 1, src, run_end - k, true) {
                    break;
                }
                k -= 1;
            }
        }
    }
}

/// Offers sentence `k` as speech of attribution `src`, `away` sentences from
/// it (after it, or `before` it); returns whether the model took it.
#[allow(clippy::too_many_arguments)]
fn offer(
    doc: &Doc<'_>,
    out: &mut Vec<Attribution>,
    scorer: &mut Scorer<'_>,
    owner: &mut [Option<usize>],
    k: usize,
    src: usize,
    away: usize,
    before: bool,
) -> bool {
    let s = doc.sentences[k];
    let mut end = s.end;
    while end > s.start
        && matches!(
            doc.kind(end - 1),
            Some(Kind::End | Kind::Comma | Kind::Break { .. })
        )
    {
        end -= 1;
    }
    if end <= s.start {
        return false;
    }
    let a = Attribution::new(
        Rule::UnmarkedSpeech,
        s.start..end,
        None,
        Source::Inherit(src),
        None,
    )
    .weighing(if before { 0.66 } else { 0.62 });
    let src_paragraph = doc.sentence(out[src].content.start).paragraph;
    let situation = Situation {
        first_choice: speaks(doc, k),
        framed: false,
        rivals: 1,
        source_rule: Some(out[src].rule),
        paragraphs_back: s.paragraph.abs_diff(src_paragraph),
        sentences_away: away,
        before_source: before,
        ..Situation::default()
    };
    let Some(a) = scorer.offer(doc, a, &situation) else {
        return false;
    };
    owner[k] = Some(out.len());
    out.push(a);
    true
}
