//! `quote-cue` and `split-quote`: `“…,” Putin said.` / `“…,” said Putin.` /
//! `“…” he told reporters.`, and the quote that opens right after such an
//! attribution (`“A,” she said, “B.”`).

use super::super::lexicon::WordInfo;
use super::super::speakers::{phrase_after, phrase_before, MAX_SPEAKER_TOKENS};
use super::super::tokens::Kind;
use super::clause::{addressee, can_speak};
use super::{Attribution, CueContext, Outcome, Rule, Source};

pub fn propose(cx: &CueContext<'_, '_>, out: &mut Vec<Attribution>) -> Outcome {
    let (doc, hit, s) = (cx.doc, cx.hit, &cx.sentence);
    let c = hit.range.start;
    let Some(q) = doc
        .last_quote_before(c)
        .filter(|&q| c - doc.quoted[q].close <= MAX_SPEAKER_TOKENS + 3)
    else {
        return Outcome::Pass;
    };
    let quote = doc.quoted[q];
    let mut k = quote.close + 1;
    while k < c && matches!(doc.kind(k), Some(Kind::Comma | Kind::End | Kind::Dash)) {
        k += 1;
    }
    // Between the closing mark and the cue: the speaker, maybe with an
    // apposition (`” Bill Sims, the city's director, said`).
    let between_ok = quote.closed
        && doc.sentence(quote.close).paragraph == s.paragraph
        && (k..c).all(|x| {
            matches!(
                doc.kind(x),
                Some(Kind::Word | Kind::Possessive | Kind::Other | Kind::Comma)
            )
        });
    if !between_ok {
        return Outcome::Pass;
    }
    let speaker = if k < c {
        phrase_before(doc, c, k)
            .filter(|p| p.range.start == k || (k..p.range.start).all(|x| doc.function(x).is_some()))
    } else {
        phrase_after(doc, hit.range.end, s.end.max(hit.range.end))
    };
    let Some(speaker) = speaker.filter(|p| can_speak(doc, p)) else {
        return Outcome::Pass;
    };
    let content = quote.content();
    let mut end_of_attr = if k < c {
        hit.range.end
    } else {
        speaker.range.end
    };
    let addr = if cx.addressee_ok {
        addressee(doc, end_of_attr, s.end.max(end_of_attr))
    } else {
        None
    };
    if let Some(a) = &addr {
        end_of_attr = a.end;
    }
    let speaker_end = speaker.range.end;
    out.push(Attribution::new(
        Rule::QuoteCue,
        content,
        Some(hit.range.clone()),
        Source::Phrase(speaker),
        addr,
    ));
    // `“A,” she said, “B.”`: a quote opening right after.
    let mut m = end_of_attr.max(speaker_end);
    while m < doc.len() && matches!(doc.kind(m), Some(Kind::Comma | Kind::Colon | Kind::End)) {
        m += 1;
    }
    // (Unless that quote has a cue of its own right after it: `“A,” she
    // said. “B,” he replied.` — B is the quote of `replied`.)
    let own_cue = |q: &super::super::marks::Quoted| {
        q.closed && {
            let end = doc.sentence(q.close).end;
            (q.close + 1..end.min(q.close + 1 + MAX_SPEAKER_TOKENS))
                .any(|k| doc.info(k).is_some_and(WordInfo::reports))
        }
    };
    if let Some(q2) = doc
        .quote_opening(m)
        .filter(|_| doc.sentence(m).paragraph == s.paragraph)
        .filter(|&q2| !own_cue(&doc.quoted[q2]))
    {
        let idx = out.len() - 1;
        out.push(Attribution::new(
            Rule::SplitQuote,
            doc.quoted[q2].content(),
            Some(hit.range.clone()),
            Source::Inherit(idx),
            None,
        ));
    }
    Outcome::Claimed
}
