//! `according-to`: `According to the Kremlin, …` / `…, according to a
//! source.` — a phrase cue with the source after it. A document named as
//! the source stands for its author when the phrase names one (`according
//! to Infrastructure Canada's database`).

use super::super::doc::Doc;
use super::super::lexicon::{Function, PhraseSpeaker, Pronoun};
use super::super::speakers::{analyse, phrase_after, Head, SpeakerPhrase};
use super::super::tokens::Kind;
use super::clause::{can_speak, content_end, trim_leading, words};
use super::{Attribution, CueContext, Outcome, Rule, Source};

pub fn propose(cx: &CueContext<'_, '_>, out: &mut Vec<Attribution>) -> Outcome {
    let (doc, hit, s) = (cx.doc, cx.hit, &cx.sentence);
    let Some(p) = hit.phrase else {
        return Outcome::Pass;
    };
    if doc.lexicon.phrases[p].speaker != PhraseSpeaker::After {
        return Outcome::Pass;
    }
    let Some(speaker) = phrase_after(doc, hit.range.end, s.end)
        .filter(|p| can_speak(doc, p))
        .or_else(|| source_noun_phrase(doc, hit.range.end, s.end))
    else {
        return Outcome::Claimed;
    };
    let after = speaker.range.end;
    let speaker = document_author(doc, speaker);
    let c = hit.range.start;
    let content = if c > s.start && matches!(doc.kind(c - 1), Some(Kind::Comma | Kind::Dash)) {
        trim_leading(doc, s.start..c - 1)
    } else if doc.kind(after) == Some(Kind::Comma) {
        let start = after + 1;
        start..content_end(doc, start, s.end)
    } else {
        return Outcome::Claimed;
    };
    if words(doc, content.start, content.end) >= 2 {
        out.push(Attribution::new(
            Rule::AccordingTo,
            content,
            Some(hit.range.clone()),
            Source::Phrase(speaker),
            None,
        ));
    }
    Outcome::Claimed
}

/// After `according to`: a noun phrase that names no person but is a
/// source all the same (`the report`, `the post`, `preliminary findings`,
/// `court documents`), up to the comma or the sentence end. Its words may be
/// cue words used as nouns, which `phrase_after` takes for a clause.
fn source_noun_phrase(doc: &Doc<'_>, start: usize, ceiling: usize) -> Option<SpeakerPhrase> {
    let mut b = start;
    while b < ceiling && b - start < 8 && matches!(doc.kind(b), Some(Kind::Word | Kind::Possessive))
    {
        b += 1;
    }
    let ends_here =
        b == ceiling || matches!(doc.kind(b), Some(Kind::Comma | Kind::End | Kind::Dash));
    let clause = (start..b).any(|k| {
        doc.pronoun(k)
            .is_some_and(|_| Pronoun::subject_form(doc.norm(k)))
            || matches!(
                doc.function(k),
                Some(Function::Auxiliary | Function::Subordinator | Function::Negation)
            )
    });
    (b > start && ends_here && !clause && doc.function(start) != Some(Function::Preposition)).then(
        || SpeakerPhrase {
            range: start..b,
            head_range: b - 1..b,
            head: Head::Other,
            titles: Vec::new(),
            modifiers: Vec::new(),
            apposition: None,
        },
    )
}

/// Nouns for what a source publishes rather than a source itself.
const DOCUMENT_NOUNS: &[&str] = &[
    "report",
    "reports",
    "study",
    "post",
    "website",
    "site",
    "database",
    "data",
    "figures",
    "numbers",
    "statistics",
    "survey",
    "poll",
    "release",
    "statement",
    "memo",
    "documents",
    "records",
    "filing",
    "findings",
    "analysis",
    "assessment",
    "estimates",
    "blog",
    "letter",
    "email",
    "tweet",
    "research",
    "review",
    "audit",
    "census",
    "page",
    "account",
    "newsletter",
];

/// `according to Infrastructure Canada's public database`, `the Sensei
/// website`, `the latest numbers from Statistics Canada`: the author of a
/// document named in the phrase is the source; other phrases are kept.
fn document_author(doc: &Doc<'_>, phrase: SpeakerPhrase) -> SpeakerPhrase {
    let r = phrase.range.clone();
    // (The first such common noun: `Statistics` in `Statistics Canada` is a
    // name's word.)
    let Some(noun) = (r.start..r.end)
        .find(|&k| doc.is_word(k) && !doc.capitalised(k) && DOCUMENT_NOUNS.contains(&doc.norm(k)))
    else {
        return phrase;
    };
    // `X's report`: the possessor.
    if let Some(p) = (r.start..noun)
        .rev()
        .find(|&k| doc.kind(k) == Some(Kind::Possessive))
    {
        let mut a = r.start;
        if doc.function(a) == Some(Function::Determiner) && a + 1 < p {
            a += 1;
        }
        if let Some(author) = analyse(doc, a..p).filter(|x| !matches!(x.head, Head::Other)) {
            return author;
        }
        if p > r.start && (r.start..p).all(|k| doc.is_word(k)) {
            // `the city's assessment`: `the city`, for the resolver.
            if let Some(author) = analyse(doc, r.start..p) {
                return author;
            }
        }
    }
    // `the numbers from Statistics Canada`, `a report by the IMF`.
    if let Some(k) = (noun + 1..r.end).find(|&k| matches!(doc.norm(k), "from" | "by" | "of")) {
        if let Some(author) = analyse(doc, k + 1..r.end)
            .filter(|x| matches!(x.head, Head::Mention(_) | Head::Name(_)))
        {
            return author;
        }
    }
    // `the Sensei website`: a name right before the noun.
    if noun > r.start && doc.capitalised(noun - 1) {
        let mut a = noun - 1;
        while a > r.start && doc.capitalised(a - 1) && doc.function(a - 1).is_none() {
            a -= 1;
        }
        if let Some(author) =
            analyse(doc, a..noun).filter(|x| matches!(x.head, Head::Mention(_) | Head::Name(_)))
        {
            return author;
        }
    }
    phrase
}
