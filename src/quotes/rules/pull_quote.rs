//! `pull-quote`: a paragraph of words set apart and signed with a name on
//! its own, as news pages print pull quotes and captions:
//!
//! ```text
//! The board's repeated failures … constitute an emergency. Linda Lamoureux
//!
//! It's very bad for our senior population. Rod Peters, Lake Cowichan mayor
//! ```
//!
//! The words before the signature are the quote, the name its speaker.

use super::super::doc::Doc;
use super::super::model::acceptance::Situation;
use super::super::select::Scorer;
use super::super::speakers::{analyse, Head};
use super::super::tokens::Kind;
use super::clause::words;
use super::{Attribution, Rule, Source};

/// At most this many tokens sign a pull quote (`Rod Peters, Lake Cowichan
/// mayor`).
const MAX_SIGNATURE: usize = 10;

/// The name that signs sentence `si`'s paragraph, if the sentence is only
/// a name (a mention or capitalised name, maybe with a role after a comma).
fn signature(doc: &Doc<'_>, si: usize) -> Option<super::super::speakers::SpeakerPhrase> {
    let s = doc.sentences[si];
    let mut end = s.end;
    while end > s.start && !doc.is_word(end - 1) {
        end -= 1;
    }
    if end <= s.start || end - s.start > MAX_SIGNATURE {
        return None;
    }
    // The name part: up to a comma.
    let name_end = (s.start..end)
        .find(|&k| doc.kind(k) == Some(Kind::Comma))
        .unwrap_or(end);
    if name_end - s.start > 4 || (s.start..name_end).any(|k| !doc.is_word(k)) {
        return None;
    }
    let p = analyse(doc, s.start..name_end)?;
    match &p.head {
        Head::Mention(_) => Some(p),
        Head::Name(r) if r.len() >= 2 || !doc.stripped => Some(p),
        _ => None,
    }
}

/// Offers each signed paragraph not yet attributed as a pull quote.
pub fn propose(doc: &Doc<'_>, out: &mut Vec<Attribution>, scorer: &mut Scorer<'_>) {
    let ns = doc.sentences.len();
    let mut covered = vec![false; ns];
    for a in out.iter() {
        if a.content.is_empty() {
            continue;
        }
        let (x, y) = (
            doc.sentence_of[a.content.start] as usize,
            doc.sentence_of[a.content.end - 1] as usize,
        );
        for c in &mut covered[x..=y] {
            *c = true;
        }
    }
    for si in 1..ns {
        let s = doc.sentences[si];
        let last_of_paragraph = si + 1 == ns || doc.sentences[si + 1].paragraph != s.paragraph;
        // In stripped text every sentence is a line: the signature is the
        // line after the quote, whatever the paragraphs.
        if !(last_of_paragraph || doc.stripped) || covered[si] {
            continue;
        }
        let Some(speaker) = signature(doc, si) else {
            continue;
        };
        // The quote: the sentences before it in the paragraph (in stripped
        // text, the line before).
        let mut first = si - 1;
        if doc.stripped {
            if covered[first] {
                continue;
            }
        } else {
            if doc.sentences[first].paragraph != s.paragraph {
                continue;
            }
            while first > 0
                && doc.sentences[first - 1].paragraph == s.paragraph
                && !covered[first - 1]
            {
                first -= 1;
            }
            if (first..si).any(|k| covered[k]) {
                continue;
            }
        }
        let start = doc.sentences[first].start;
        let mut end = doc.sentences[si - 1].end;
        while end > start && matches!(doc.kind(end - 1), Some(Kind::End | Kind::Break { .. })) {
            end -= 1;
        }
        if words(doc, start, end) < 3 {
            continue;
        }
        let a = Attribution::new(
            Rule::PullQuote,
            start..end,
            None,
            Source::Phrase(speaker),
            None,
        );
        if let Some(a) = scorer.offer(doc, a, &Situation::default()) {
            out.push(a);
            for c in &mut covered[first..=si] {
                *c = true;
            }
        }
    }
}
