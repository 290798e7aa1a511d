//! `pasted-post`: a post reproduced in an article — its text, maybe a link
//! (`pic.twitter.com/…`, `https://t.co/…`), then its signature `— Name
//! (@handle) Month D, YYYY` — is a direct quote of its author, whether the
//! text kept its marks and dash or lost them (`…for America!  Donald J.
//! Trump (@realDonaldTrump) December 31, 2017`), cased or stripped.
//!
//! The signature is found by its handle in brackets followed by a date; the
//! author is the name before the handle (the handle itself when no name
//! stands there). The post's text runs back from the signature to the start
//! of its paragraph, the end of the post before it, or as many whole
//! sentences as a post holds (`MAX_POST_BYTES`), whichever is nearest:
//! texts that lost their line breaks keep no paragraphs to stop at.

use std::ops::Range;

use super::super::doc::Doc;
use super::super::lexicon::WordInfo;
use super::super::speakers::{analyse, is_name_particle, Head, SpeakerPhrase};
use super::super::tokens::{Kind, MONTHS};
use super::super::unmarked::{opens_handle, MAX_POST_BYTES};
use super::{Attribution, Rule, Source};

/// Longest author name, in tokens (`David A. Clarke, Jr.`).
const MAX_NAME_TOKENS: usize = 8;

/// Longest handle, in tokens (`@ALT_uscis` is four).
const MAX_HANDLE_TOKENS: usize = 6;

/// The signature whose `(` is token `open`: the handle's tokens and the
/// token after the date, if `( @handle ) Month D, YYYY` stands there.
fn signature(doc: &Doc<'_>, open: usize) -> Option<(Range<usize>, usize)> {
    if doc.kind(open) != Some(Kind::Open) || !opens_handle(doc.text, &doc.tokens, open) {
        return None;
    }
    let at = open + 1;
    let close = (at + 1..(at + 1 + MAX_HANDLE_TOKENS).min(doc.len()))
        .find(|&k| doc.kind(k) == Some(Kind::Close))?;
    if close == at + 1 {
        return None;
    }
    // `December 31, 2017`
    let m = close + 1;
    let date = MONTHS.contains(&doc.norm(m))
        && doc.is_word(m + 1)
        && doc.norm(m + 1).len() <= 2
        && doc.norm(m + 1).bytes().all(|b| b.is_ascii_digit())
        && doc.kind(m + 2) == Some(Kind::Comma)
        && doc.norm(m + 3).len() == 4
        && doc.norm(m + 3).bytes().all(|b| b.is_ascii_digit());
    date.then_some((at..close, m + 4))
}

/// Whether token `k` can be part of an author's name (a function word
/// cannot: `no one likes you  Calvin (@calvinstowell)`).
fn name_word(doc: &Doc<'_>, k: usize) -> bool {
    match doc.kind(k) {
        Some(Kind::Word) => {
            is_name_particle(doc.norm(k))
                || (doc
                    .info(k)
                    .is_none_or(|w| w.function.is_none() && w.cue.is_none())
                    && !doc.norm(k).bytes().any(|b| b.is_ascii_digit()))
        }
        // The point of an initial or of `Jr.` (`Donald J. Trump`, tokenized
        // `donald j . trump`).
        Some(Kind::End) => {
            doc.surface(k) == "."
                && k > 0
                && doc.is_word(k - 1)
                && doc.norm(k - 1).chars().count() <= 2
                && (!doc.tok(k).space_before || doc.casing == crate::text::Casing::Uncased)
        }
        // `David A. Clarke, Jr.`
        Some(Kind::Comma) => matches!(doc.norm(k + 1), "jr" | "jr." | "sr" | "sr."),
        _ => false,
    }
}

/// Whether the post's text ends right before token `a`: a dash, a link, a
/// sentence end or a mark stands before it, or the two spaces a removed
/// dash leaves.
fn after_post(doc: &Doc<'_>, a: usize) -> bool {
    let Some(p) = a.checked_sub(1) else {
        return true;
    };
    // (The point of an initial is part of the name.)
    (doc.kind(p) != Some(Kind::End) || !name_word(doc, p))
        && matches!(
            doc.kind(p),
            Some(Kind::Dash | Kind::Other | Kind::End | Kind::Quote(_) | Kind::Break { .. })
        )
        || doc.text[doc.tok(p).end..doc.tok(a).start].chars().count() >= 2
}

/// The author's name before the `(` at `open`: the name words back to the
/// end of the post's text; without a clear end, the capitalised words (in
/// lowercase text, at most three words).
fn author(doc: &Doc<'_>, open: usize) -> Option<Range<usize>> {
    let mut a = open;
    while a > 0 && open - a < MAX_NAME_TOKENS && name_word(doc, a - 1) {
        a -= 1;
        if after_post(doc, a) && doc.is_word(a) {
            return Some(a..open);
        }
    }
    let mut a = open;
    while a > 0 && open - a < MAX_NAME_TOKENS && name_word(doc, a - 1) {
        let cased = doc.casing == crate::text::Casing::Cased;
        let k = a - 1;
        if doc.is_word(k) && !is_name_particle(doc.norm(k)) {
            if cased && !doc.capitalised(k) {
                break;
            }
            if !cased && (k..open).filter(|&j| doc.is_word(j)).count() > 3 {
                break;
            }
        }
        a = k;
    }
    while a < open && !doc.is_word(a) {
        a += 1;
    }
    (a < open).then_some(a..open)
}

/// The first token of the post ending before token `end`: the start of
/// its paragraph, past the post before (`floor`), or the earliest sentence
/// start within `MAX_POST_BYTES`, and not before a sentence that reports
/// speech (`…, peters said .`: the article's, in text without paragraphs).
fn post_start(doc: &Doc<'_>, end: usize, floor: usize) -> usize {
    let limit = doc.tok(end - 1).end.saturating_sub(MAX_POST_BYTES);
    let paragraph = doc.sentence(end - 1).paragraph;
    let mut si = doc.sentence_of[end - 1] as usize;
    let mut start = doc.sentences[si].start.max(floor);
    // (A sentence glued to the one before, `Monday.We will`, starts a
    // paragraph whose line break was removed, whatever the form.)
    let glued = |k: usize| k > 0 && !doc.tok(k).space_before && doc.kind(k - 1) == Some(Kind::End);
    let fits = |k: usize| k >= floor && doc.tok(k).start >= limit;
    let last_fits = fits(doc.sentences[si].start);
    // One walk back: where a sentence that reports speech stops it, and
    // whether it reaches the paragraph's start.
    let mut before_report = None;
    let mut paragraph_start = false;
    while si > 0 && !glued(doc.sentences[si].start) {
        let prev = doc.sentences[si - 1];
        if prev.paragraph != paragraph {
            paragraph_start = true;
            break;
        }
        if !fits(prev.start) {
            break;
        }
        if before_report.is_none()
            && (prev.start..prev.end).any(|k| doc.info(k).is_some_and(WordInfo::reports))
        {
            before_report = Some(start);
        }
        start = prev.start;
        si -= 1;
    }
    // A paragraph that starts within a post's length is the post, whatever
    // its sentences say (`Every time you appear to “debate”, you are …`);
    // after a line break only: a document's first paragraph may be any text.
    if paragraph_start && last_fits && matches!(doc.kind(start - 1), Some(Kind::Break { .. })) {
        return start;
    }
    before_report.unwrap_or(start)
}

/// Proposes the pasted posts of the document as attributions.
pub fn propose(doc: &Doc<'_>, out: &mut Vec<Attribution>) {
    // The end of the last post's signature: the next post starts after it.
    let mut floor = 0;
    for open in 0..doc.len() {
        let Some((handle, after)) = signature(doc, open) else {
            continue;
        };
        let name = author(doc, open);
        let speaker_range = name.clone().unwrap_or_else(|| handle.clone());
        // The speaker is the name without a suffix (`David A. Clarke, Jr.`).
        let mut named = speaker_range.clone();
        if let Some(c) = named.clone().find(|&k| doc.kind(k) == Some(Kind::Comma)) {
            named.end = c;
        }
        // The post's text ends before the name, a dash and a link (its
        // own punctuation stays: `…for America!`).
        let mut end = speaker_range.start.min(open);
        while end > floor
            && matches!(
                doc.kind(end - 1),
                Some(Kind::Dash | Kind::Other | Kind::Comma | Kind::Quote(_) | Kind::Break { .. })
            )
        {
            end -= 1;
        }
        if end > floor && (floor..end).any(|k| doc.is_word(k)) {
            let start = post_start(doc, end, floor);
            if (start..end).any(|k| doc.is_word(k)) {
                let phrase = analyse(doc, named.clone())
                    .filter(|p| matches!(p.head, Head::Mention(_) | Head::Name(_)))
                    .unwrap_or_else(|| SpeakerPhrase {
                        range: named.clone(),
                        head_range: named.clone(),
                        head: Head::Name(named.clone()),
                        titles: Vec::new(),
                        modifiers: Vec::new(),
                        apposition: None,
                    });
                out.push(Attribution::new(
                    Rule::PastedPost,
                    start..end,
                    None,
                    Source::Phrase(phrase),
                    None,
                ));
            }
        }
        floor = after.min(doc.len());
    }
}
