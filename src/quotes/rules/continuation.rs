//! Quotes with no cue of their own, after the cue rules' candidates were
//! chosen: `multi-paragraph` (the other paragraphs of a quote running over
//! several), `colon-intro` (`Martell, the addictions doctor, is more blunt:
//! "…"`) and `continuation` (a quote after one whose speaker is known).

use std::ops::Range;

use super::super::doc::Doc;
use super::super::model::acceptance::Situation;
use super::super::select::Scorer;
use super::super::speakers::Head;
use super::super::tokens::Kind;
use super::clause::{sentence_subject, words};
use super::{Attribution, Rule, Source};
use crate::gazetteer::words::is_english_word;

/// Quotes with no attribution of their own: the other paragraphs of a
/// multi-paragraph quote, and speech-like quotes after one whose speaker is
/// known (in the same paragraph or up to two paragraphs back).
pub fn continuations(doc: &Doc<'_>, out: &mut Vec<Attribution>, scorer: &mut Scorer<'_>) {
    let quoted = &doc.quoted;
    // A candidate is kept if the acceptance model takes it.
    let mut offer = |out: &mut Vec<Attribution>, a: Attribution| -> bool {
        let (source_rule, paragraphs_back) = match a.speaker {
            Source::Inherit(src) => (
                Some(out[src].rule),
                doc.sentence(a.content.start)
                    .paragraph
                    .saturating_sub(doc.sentence(out[src].content.start).paragraph),
            ),
            _ => (None, 0),
        };
        let s = Situation {
            first_choice: true,
            framed: false,
            rivals: 1,
            source_rule,
            paragraphs_back,
            ..Situation::default()
        };
        match scorer.offer(doc, a, &s) {
            Some(a) => {
                out.push(a);
                true
            }
            None => false,
        }
    };
    // Which quoted spans an attribution already covers (one sweep: the
    // spans are in order and do not overlap; the attributions, sorted by
    // start, with the running largest end).
    let mut spans: Vec<usize> = (0..out.len()).collect();
    spans.sort_by_key(|&i| out[i].content.start);
    // Running attribution with the largest end.
    let mut widest: Vec<usize> = Vec::with_capacity(spans.len());
    for &i in &spans {
        let w = match widest.last() {
            Some(&w) if out[w].content.end >= out[i].content.end => w,
            _ => i,
        };
        widest.push(w);
    }
    // The attribution covering each quoted span, if any.
    let mut cover: Vec<Option<usize>> = quoted
        .iter()
        .map(|q| {
            let r = q.content();
            let k = spans.partition_point(|&i| out[i].content.start < r.end);
            k.checked_sub(1)
                .map(|k| widest[k])
                .filter(|&w| out[w].content.end > r.start)
        })
        .collect();
    // The span that continues each one, if any.
    let mut continued_by: Vec<Option<usize>> = vec![None; quoted.len()];
    for (qi, q) in quoted.iter().enumerate() {
        if let Some(prev) = q.continues {
            continued_by[prev] = Some(qi);
        }
    }
    // Multi-paragraph quotes, both directions: a chain shares its speaker.
    for _ in 0..2 {
        for (qi, q) in quoted.iter().enumerate() {
            if cover[qi].is_some() {
                continue;
            }
            let linked: Option<usize> = q.continues.or(continued_by[qi]);
            let Some(other) = linked else { continue };
            if let Some(src) = cover[other] {
                let a = Attribution::new(
                    Rule::MultiParagraph,
                    q.content(),
                    None,
                    Source::Inherit(src),
                    None,
                );
                if offer(out, a) {
                    cover[qi] = Some(out.len() - 1);
                }
            }
        }
    }
    // Free-standing quotes after a known speaker: the attribution of a
    // speaking rule that ends last before the quote, up to two paragraphs
    // back. Quotes come in order, and so do the sources found for them.
    let speaking = |a: &Attribution| a.rule.speaking();
    let mut by_end: Vec<usize> = (0..out.len()).filter(|&i| speaking(&out[i])).collect();
    by_end.sort_by_key(|&i| (out[i].content.end, i));
    let mut next = 0;
    let mut best: Option<usize> = None;
    for (qi, q) in quoted.iter().enumerate() {
        let r = q.content();
        while next < by_end.len() && out[by_end[next]].content.end <= r.start {
            let i = by_end[next];
            if best.is_none_or(|b| out[i].content.end >= out[b].content.end) {
                best = Some(i);
            }
            next += 1;
        }
        if cover[qi].is_some() {
            continue;
        }
        let n_words = words(doc, r.start, r.end);
        let sentence_like =
            n_words >= 4 || (r.start..r.end).any(|k| doc.kind(k) == Some(Kind::End));
        if !sentence_like || !q.double && n_words < 6 {
            // `called the minister a “chicken”`, `expressed “deep concern”`:
            // a quoted phrase is the words of its sentence's subject, or of
            // the last speaker (double marks only: single ones are mostly
            // scare quotes and titles).
            if q.double && n_words >= 1 {
                let s_start = doc.sentence(q.open).start;
                let subject = (q.open > s_start)
                    .then(|| sentence_subject(doc, s_start, q.open))
                    .flatten()
                    .filter(|p| doc.quote_at(p.range.start).is_none());
                let paragraph = doc.sentence(r.start).paragraph;
                let source = match subject {
                    Some(p) => Some(Source::Phrase(p)),
                    None => best
                        .filter(|&b| {
                            paragraph.saturating_sub(doc.sentence(out[b].content.start).paragraph)
                                <= 2
                        })
                        .map(Source::Inherit),
                };
                if let Some(source) = source {
                    let a = Attribution::new(Rule::QuotedPhrase, r.clone(), None, source, None);
                    if offer(out, a) {
                        cover[qi] = Some(out.len() - 1);
                    }
                }
            }
            continue;
        }
        // `Martell, the addictions doctor, is more blunt: "…"`: a sentence
        // that opens with a name and ends in a colon introduces the quote.
        if q.open > 0 && doc.kind(q.open - 1) == Some(Kind::Colon) {
            let s_start = doc.sentence(q.open - 1).start;
            let subject = sentence_subject(doc, s_start, q.open - 1).filter(|p| {
                // (A lone capitalised English word opening a sentence is
                // no name: `Governance lassitude was …:`.)
                let name = |r: &Range<usize>| r.len() >= 2 || !is_english_word(doc.norm(r.start));
                p.range.start == s_start
                    && match &p.head {
                        Head::Name(r) => name(r),
                        Head::Mention(_) | Head::Pronoun(_) => true,
                        _ => false,
                    }
            });
            if let Some(speaker) = subject {
                let a = Attribution::new(
                    Rule::ColonIntro,
                    r.clone(),
                    None,
                    Source::Phrase(speaker),
                    None,
                );
                if offer(out, a) {
                    cover[qi] = Some(out.len() - 1);
                    best = Some(out.len() - 1);
                    continue;
                }
            }
        }
        let paragraph = doc.sentence(r.start).paragraph;
        let prev = best.filter(|&b| {
            paragraph.saturating_sub(doc.sentence(out[b].content.start).paragraph) <= 2
        });
        if let Some(src) = prev {
            let a = Attribution::new(
                Rule::Continuation,
                r.clone(),
                None,
                Source::Inherit(src),
                None,
            );
            if offer(out, a) {
                cover[qi] = Some(out.len() - 1);
                // It ends after every source seen so far.
                best = Some(out.len() - 1);
            }
        }
    }
    // Keep document order; inherited indices are fixed by the caller's
    // resolution order (sources always come first in the list).
}
