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
pub fn unmarked_speech(doc: &Doc<'_>, out: &mut Vec<Attribution>) {
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
        if owner[si].is_some() || !speaks(doc, si) {
            si += 1;
            continue;
        }
        let run_start = si;
        while si < ns && si - run_start < MAX_RUN && owner[si].is_none() && speaks(doc, si) {
            si += 1;
        }
        let run_end = si;
        // The attribution that follows, if it attributes content that
        // starts at its sentence's start (content before the cue).
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
        let prev = run_start.checked_sub(1).and_then(|p| owner[p]);
        // A speech goes on from the sentence before when that one is itself
        // first-person speech of its speaker (`we are ready , putin said . we
        // have always been ready .`), and not into another paragraph.
        let paragraph = |k: usize| doc.sentences[k].paragraph;
        let prev_speaks = prev.is_some_and(|p| {
            let a = &out[p];
            (a.content.start..a.content.end)
                .any(|k| doc.pronoun(k).is_some_and(|x| x.is_speech_person()))
        });
        let next = next.filter(|_| {
            prev.is_none() || (!prev_speaks && paragraph(run_end) == paragraph(run_end - 1))
        });
        let (src, confidence) = match (next, prev) {
            (Some(n), _) => (n, 0.66),
            (None, Some(p)) => (p, 0.62),
            (None, None) => continue,
        };
        for (k, slot) in owner.iter_mut().enumerate().take(run_end).skip(run_start) {
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
                continue;
            }
            *slot = Some(out.len());
            out.push(
                Attribution::new(
                    Rule::UnmarkedSpeech,
                    s.start..end,
                    None,
                    Source::Inherit(src),
                    None,
                )
                .weighing(confidence),
            );
        }
    }
}
