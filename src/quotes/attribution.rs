//! Attribution rules: which words were said, by whom, with which cue.
//!
//! Each reporting cue of the text (a verb from the lexicon, or a phrase
//! such as `according to`) is tried against the patterns news uses:
//!
//! | rule | pattern |
//! |---|---|
//! | `quote-cue` | `“…,” Putin said.` / `“…,” said Putin.` / `“…” he told reporters.` |
//! | `split-quote` | the second part of `“A,” she said, “B.”` |
//! | `speaker-cue` | `Putin said (that) …` / `Putin told Trump that …` / `Assad told the Russian leader: …` |
//! | `cue-after` | `…, Putin said.` / `…, said Assad.` (no marks needed) |
//! | `parenthetical` | `The economy, he said, is slowing.` |
//! | `according-to` | `According to the Kremlin, …` / `…, according to a source.` |
//! | `participle` | `Putin met Assad, saying that …` |
//! | `continuation` | a quote with no attribution of its own after one by a known speaker |
//! | `multi-paragraph` | the other paragraphs of a quote that runs over several |
//!
//! Candidates overlap (`X said Y stressed Z, the source said`); the
//! outermost reporting frame wins, then the more specific rule.
//! Unmarked direct speech in stripped text is handled in `stripped.rs`.

use std::ops::Range;

use super::doc::Doc;
use super::lexicon::{is_negation, is_possessive_determiner, Function, PhraseSpeaker, Pronoun};
use super::speakers::{
    analyse, phrase_after, phrase_before, Head, SpeakerPhrase, MAX_SPEAKER_TOKENS,
};
use super::tokens::Kind;
use crate::gazetteer::words::is_english_word;

/// A reporting cue found in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct CueHit {
    /// The cue's tokens (with a phrasal verb's particle).
    pub range: Range<usize>,
    /// Index of the verb in the lexicon, or `None` for a phrase.
    pub verb: Option<u32>,
    /// Index of the phrase, for phrase cues.
    pub phrase: Option<usize>,
    /// An `-ing` participle (`saying`).
    pub participle: bool,
}

/// Where a speaker comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// A phrase in the text.
    Phrase(SpeakerPhrase),
    /// The speaker of another attribution (index in the accepted list).
    Inherit(usize),
    /// Nobody known.
    Unknown,
}

/// One attribution: content, cue, speaker.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribution {
    /// Token ranges of the content (usually one; a paragraph each for a
    /// multi-paragraph quote is kept as separate attributions).
    pub content: Range<usize>,
    pub cue: Option<Range<usize>>,
    pub speaker: Source,
    pub addressee: Option<Range<usize>>,
    pub rule: &'static str,
    pub confidence: f32,
}

/// Whether the words before a cue at `i` negate it or make it something
/// other than a report: `declined to comment`, `did not say`, `is said to`,
/// `his remarks`, `no mention`.
fn negated_or_not_a_report(doc: &Doc<'_>, i: usize) -> bool {
    // Negation in the same clause, right before: `did not say`, `never said`.
    let mut k = i;
    while k > 0 && i - k < 3 {
        k -= 1;
        if !doc.is_word(k) {
            break;
        }
        // (`don t`, `won t`, `can t`: a stripped contraction.)
        if is_negation(doc.norm(k))
            || (doc.norm(k) == "t" && k > 0 && matches!(doc.norm(k - 1), "don" | "won" | "can"))
        {
            return true;
        }
    }
    if i == 0 {
        return false;
    }
    // The end of a name in cased text: `the United States.` (but not a
    // title-case headline: `Trump Says He Will Run`).
    if doc.capitalised(i)
        && doc.capitalised(i - 1)
        && doc.function(i - 1).is_none()
        && !doc.capitalised(i + 1)
    {
        return true;
    }
    let prev = doc.norm(i - 1);
    if prev == "to" {
        // `declined to say`, `refused to comment`, `wants to say` — but not
        // `went on to say`, `continued to say`.
        let before = doc.norm(i.saturating_sub(2));
        return !matches!(
            before,
            "on" | "continued" | "continues" | "went" | "goes" | "go" | "used"
        );
    }
    // `the town held by Islamic State`, `the claims denied by Moscow`: a
    // passive whose agent follows (not `said by telephone`).
    if doc.norm(i + 1) == "by"
        && !matches!(
            doc.norm(i + 2),
            "phone" | "telephone" | "email" | "e-mail" | "text" | "video" | "videolink" | "letter"
        )
    {
        return true;
    }
    // `is said to`, `was told`, `were asked`: passives.
    if matches!(
        prev,
        "is" | "was" | "were" | "are" | "been" | "being" | "be"
    ) {
        return true;
    }
    // A noun after a preposition: `lobbies its members through e-mails`.
    if doc.function(i - 1) == Some(Function::Preposition)
        && !doc.info(i).is_some_and(|w| w.participle)
    {
        return true;
    }
    // A noun: `the said agreement`, `his remarks`, `no mention`, `a report`.
    doc.function(i - 1) == Some(Function::Determiner)
        || is_possessive_determiner(prev)
        || doc.kind(i - 1) == Some(Kind::Possessive)
}

/// Every reporting cue of the document.
pub fn find_cues(doc: &Doc<'_>) -> Vec<CueHit> {
    let lex = doc.lexicon;
    let mut out = Vec::new();
    let n = doc.len();
    let mut i = 0;
    while i < n {
        let Some(info) = doc.info(i) else {
            i += 1;
            continue;
        };
        if info.phrase_start {
            let matched = lex.phrases.iter().enumerate().find(|(_, p)| {
                p.words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| doc.is_word(i + k) && doc.norm(i + k) == w)
            });
            if let Some((pi, p)) = matched {
                let end = i + p.words.len();
                // `per` only before a name, an organisation or `the/a`.
                let ok = p.words != ["per"]
                    || doc.mention_at(end).is_some()
                    || doc.capitalised(end)
                    || matches!(doc.norm(end), "the" | "a");
                if ok {
                    out.push(CueHit {
                        range: i..end,
                        verb: None,
                        phrase: Some(pi),
                        participle: false,
                    });
                    i = end;
                    continue;
                }
            }
        }
        // A phrasal verb whose particle follows (`pointed out`), else the
        // plain verb.
        let phrasal = info.particle_cues.iter().find_map(|&c| {
            let particle = lex.cue(c).particle.as_deref()?;
            (i + 1..(i + 3).min(n))
                .find(|&k| doc.norm(k) == particle)
                .map(|k| (c, k + 1))
        });
        let chosen = phrasal.or_else(|| info.cue.map(|c| (c, i + 1)));
        if let Some((c, end)) = chosen {
            if !negated_or_not_a_report(doc, i) {
                out.push(CueHit {
                    range: i..end,
                    verb: Some(c),
                    phrase: None,
                    participle: info.participle,
                });
            }
        }
        i += 1;
    }
    out
}

/// The last token of a sentence that belongs to its content: drops the
/// final punctuation and closing marks.
fn content_end(doc: &Doc<'_>, start: usize, end: usize) -> usize {
    let mut e = end;
    while e > start
        && matches!(
            doc.kind(e - 1),
            Some(
                Kind::End
                    | Kind::Comma
                    | Kind::Break { .. }
                    | Kind::Semicolon
                    | Kind::Colon
                    | Kind::Dash
            )
        )
    {
        e -= 1;
    }
    e
}

/// Number of words in `a..b`.
fn words(doc: &Doc<'_>, a: usize, b: usize) -> usize {
    (a..b).filter(|&k| doc.is_word(k)).count()
}

/// The addressee after a cue that takes one (`told reporters`, `told
/// Trump`, `told the Russian leader`, in lowercase text `told assad it
/// was`): its range, if there is one.
fn addressee(doc: &Doc<'_>, start: usize, limit: usize) -> Option<Range<usize>> {
    if start >= limit || !doc.is_word(start) {
        return None;
    }
    // An object pronoun, or the usual audiences.
    if matches!(
        doc.norm(start),
        "him" | "her" | "them" | "me" | "us" | "you" | "reporters" | "journalists"
    ) {
        return Some(start..start + 1);
    }
    let mut e = start;
    let determiner = matches!(doc.function(e), Some(Function::Determiner));
    if determiner {
        e += 1;
    }
    // A mention or a capitalised name.
    if let Some(m) = doc.mention_at(e) {
        while e < limit && doc.mention_at(e) == Some(m) {
            e += 1;
        }
        return Some(start..possessed(doc, e, limit));
    }
    if doc.capitalised(e) {
        while e < limit && doc.capitalised(e) {
            e += 1;
        }
        // `the Russian leader`
        while e < limit && doc.info(e).is_some_and(|w| w.role.is_some()) {
            e += 1;
        }
        return Some(start..possessed(doc, e, limit));
    }
    // Up to three content words ending where the content starts: at a role
    // noun, or before `that`, a colon, a comma, a pronoun or a determiner.
    let mut k = e;
    while k < limit
        && k < e + 3
        && doc.is_word(k)
        && doc.function(k).is_none()
        && doc.info(k).is_none_or(|w| w.cue.is_none())
    {
        k += 1;
        if doc.info(k - 1).is_some_and(|w| w.role.is_some())
            && doc.info(k).is_none_or(|w| w.role.is_none())
        {
            return Some(start..possessed(doc, k, limit));
        }
    }
    if k == e {
        return None;
    }
    // `told surrey s councillors at …` (stripped): a possessive audience.
    if k == e + 1 && doc.kind(k) == Some(Kind::Possessive) {
        let p = possessed(doc, k, limit);
        if p > k && (p >= limit || !doc.is_word(p) || doc.function(p).is_some()) {
            return Some(start..p);
        }
    }
    let next_starts_content = k >= limit
        || matches!(doc.kind(k), Some(Kind::Comma | Kind::Colon | Kind::End))
        || matches!(doc.norm(k), "that" | "whether")
        || doc.pronoun(k).is_some()
        || matches!(doc.function(k), Some(Function::Determiner));
    // Without a determiner, a lone lowercase word is an addressee only if it
    // is no ordinary English word (a name: `told assad it was`).
    // Before `that` any short phrase is the audience (`told trump that`,
    // `told parliament that`).
    let name_like = determiner
        || matches!(doc.norm(k), "that" | "whether")
        || (k == e + 1 && !is_english_word(doc.norm(e)));
    (next_starts_content && name_like).then_some(start..k)
}

/// After an addressee ending at `e`: the end of what it possesses
/// (`Surrey's councillors`, `surrey s city council`): up to two content
/// words after a possessive; `e` itself if none follows.
fn possessed(doc: &Doc<'_>, e: usize, limit: usize) -> usize {
    if doc.kind(e) != Some(Kind::Possessive) {
        return e;
    }
    let mut k = e + 1;
    while k < limit
        && k < e + 3
        && doc.is_word(k)
        && doc.function(k).is_none()
        && doc.info(k).is_none_or(|w| w.cue.is_none())
    {
        k += 1;
    }
    if k == e + 1 {
        e
    } else {
        k
    }
}

/// How the content after a cue is introduced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Intro {
    /// Directly (`said the talks would go on`).
    Bare,
    /// By a comma.
    Comma,
    /// By `that`, `whether` or a colon.
    Strong,
}

/// Finds the start of the content after a cue (or after its addressee and
/// adjuncts such as `on Tuesday`, `in a statement`): skips `that`, `:` and
/// `,`; returns the content's first token, the addressee and how the content
/// is introduced.
fn after_cue(
    doc: &Doc<'_>,
    hit: &CueHit,
    sentence_end: usize,
    addressee_ok: bool,
) -> (usize, Option<Range<usize>>, Intro) {
    let mut j = hit.range.end;
    let mut addr = None;
    if addressee_ok {
        if let Some(a) = addressee(doc, j, sentence_end) {
            j = a.end;
            addr = Some(a);
        }
    }
    // `said (on) Monday it would …`: the day is no content (but `said
    // Tuesday's vote was …` begins it, and `at Tuesday's meeting` is an
    // adjunct as a whole).
    if doc.function(j) == Some(Function::Day)
        && j + 1 < sentence_end
        && doc.kind(j + 1) != Some(Kind::Possessive)
    {
        j += 1;
    } else if doc.function(j) == Some(Function::Preposition)
        && doc.function(j + 1) == Some(Function::Day)
        && j + 2 < sentence_end
    {
        j = possessed(doc, j + 2, sentence_end);
    }
    // `said on Tuesday that`, `said in a statement that`, `estimated last
    // month that`
    if doc.function(j) == Some(Function::Preposition)
        || doc.function(j) == Some(Function::Day)
        || matches!(doc.norm(j), "last" | "this" | "earlier" | "late" | "early")
    {
        let mut k = j;
        // (`said in the company's blog post that`: possessives included.)
        while k < sentence_end
            && k < j + 7
            && (doc.is_word(k) || doc.kind(k) == Some(Kind::Possessive))
            && doc.norm(k) != "that"
        {
            k += 1;
        }
        if doc.norm(k) == "that" {
            j = k;
        }
    }
    let mut intro = Intro::Bare;
    while j < sentence_end {
        match doc.kind(j) {
            Some(Kind::Colon) => {
                intro = Intro::Strong;
                j += 1;
            }
            Some(Kind::Comma) => {
                if intro == Intro::Bare {
                    intro = Intro::Comma;
                }
                j += 1;
            }
            // `say that does not amount to …`: a demonstrative subject,
            // part of what was said.
            Some(Kind::Word)
                if doc.norm(j) == "that" && doc.function(j + 1) == Some(Function::Auxiliary) =>
            {
                intro = Intro::Strong;
                break;
            }
            Some(Kind::Word) if doc.norm(j) == "that" || doc.norm(j) == "whether" => {
                intro = Intro::Strong;
                j += 1;
            }
            _ => break,
        }
    }
    (j, addr, intro)
}

/// Whether token `b` ends the content of a content-first attribution: a
/// comma, or a closing quotation mark right after a comma (`“…exciting,”
/// says …`).
fn closes_content(doc: &Doc<'_>, b: usize) -> bool {
    match doc.kind(b) {
        Some(Kind::Comma) => true,
        Some(Kind::Quote(_)) => {
            b > 0 && doc.kind(b - 1) == Some(Kind::Comma) && doc.quote_closing(b).is_some()
        }
        _ => false,
    }
}

/// The end of content that starts at `start`: before a trailing `, X
/// said` or `, saying` (another attribution's frame), else `end`.
fn clause_end(doc: &Doc<'_>, start: usize, end: usize) -> usize {
    for k in start..end {
        if doc.kind(k) != Some(Kind::Comma) {
            continue;
        }
        // `…, saying that …`
        if doc
            .info(k + 1)
            .is_some_and(|w| w.participle && (w.cue.is_some() || !w.particle_cues.is_empty()))
        {
            return k;
        }
        // `…, Jagelewski says …`
        let cue = (k + 1..(k + 8).min(end)).find(|&m| {
            doc.info(m)
                .is_some_and(|w| w.cue.is_some() && !w.participle)
                && !negated_or_not_a_report(doc, m)
        });
        if let Some(m) = cue {
            if m > k + 1
                && phrase_before(doc, m, k + 1)
                    .is_some_and(|p| p.range.start == k + 1 && !matches!(p.head, Head::Other))
            {
                return k;
            }
        }
    }
    end
}

/// A speaker phrase that can speak: not a first- or second-person pronoun
/// (those stand inside direct speech), and not a description that does
/// not start like a noun phrase.
fn can_speak(doc: &Doc<'_>, p: &SpeakerPhrase) -> bool {
    match &p.head {
        Head::Pronoun(pr) => !pr.is_speech_person(),
        Head::Other => {
            let first = p.range.start;
            matches!(doc.function(first), Some(Function::Determiner))
                || doc.surface(first).starts_with(|c: char| c.is_ascii_digit())
        }
        _ => true,
    }
}

/// Candidate attributions for one cue.
fn candidates(doc: &Doc<'_>, hit: &CueHit, out: &mut Vec<Attribution>) {
    let c = hit.range.start;
    let s = *doc.sentence(c);
    let lex = doc.lexicon;
    // A cue inside direct speech is the speaker's own words (`“They say,
    // ‘you can too,’” he said`), not an attribution of the article.
    let in_speech = doc.quote_at(c).is_some_and(|qi| {
        let q = doc.quoted[qi];
        q.double
            && (q.closed || doc.chained(qi))
            && q.open < c
            && c < q.content().end
            && words(doc, q.open, q.content().end) >= 5
    });
    if in_speech {
        return;
    }
    let (addressee_ok, takes_clause, ambiguous) = match hit.verb {
        Some(v) => {
            let cue = lex.cue(v);
            (cue.addressee, cue.that, cue.ambiguous)
        }
        None => (false, true, false),
    };

    // quote-cue: `“…,” Putin said.` / `“…,” said Putin.`
    if let Some(q) = doc
        .last_quote_before(c)
        .filter(|&q| c - doc.quoted[q].close <= MAX_SPEAKER_TOKENS + 3)
    {
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
        if between_ok {
            let speaker = if k < c {
                phrase_before(doc, c, k).filter(|p| {
                    p.range.start == k || (k..p.range.start).all(|x| doc.function(x).is_some())
                })
            } else {
                phrase_after(doc, hit.range.end, s.end.max(hit.range.end))
            };
            if let Some(speaker) = speaker.filter(|p| can_speak(doc, p)) {
                let content = quote.content();
                let mut end_of_attr = if k < c {
                    hit.range.end
                } else {
                    speaker.range.end
                };
                let addr = if addressee_ok {
                    addressee(doc, end_of_attr, s.end.max(end_of_attr))
                } else {
                    None
                };
                if let Some(a) = &addr {
                    end_of_attr = a.end;
                }
                let speaker_end = speaker.range.end;
                out.push(Attribution {
                    content,
                    cue: Some(hit.range.clone()),
                    speaker: Source::Phrase(speaker),
                    addressee: addr,
                    rule: "quote-cue",
                    confidence: 0.92,
                });
                // `“A,” she said, “B.”`: a quote opening right after.
                let mut m = end_of_attr.max(speaker_end);
                while m < doc.len()
                    && matches!(doc.kind(m), Some(Kind::Comma | Kind::Colon | Kind::End))
                {
                    m += 1;
                }
                if let Some(q2) = doc
                    .quote_opening(m)
                    .filter(|_| doc.sentence(m).paragraph == s.paragraph)
                {
                    let idx = out.len() - 1;
                    out.push(Attribution {
                        content: doc.quoted[q2].content(),
                        cue: Some(hit.range.clone()),
                        speaker: Source::Inherit(idx),
                        addressee: None,
                        rule: "split-quote",
                        confidence: 0.88,
                    });
                }
                return;
            }
        }
    }

    if let Some(p) = hit.phrase {
        phrase_rule(doc, hit, p, &s, out);
        return;
    }

    if hit.participle {
        participle_rule(doc, hit, &s, takes_clause, ambiguous, out);
        return;
    }

    // speaker-cue: `Putin said (that) …`, `Putin told Trump: …`
    if let Some(speaker) = phrase_before(doc, c, s.start).filter(|p| can_speak(doc, p)) {
        let clause_start = speaker.range.start;
        let before = clause_start.checked_sub(1);
        let at_clause_start = clause_start == s.start
            || before.is_some_and(|b| {
                matches!(
                    doc.kind(b),
                    Some(
                        Kind::Comma
                            | Kind::Colon
                            | Kind::Semicolon
                            | Kind::Dash
                            | Kind::Quote(_)
                            | Kind::Open
                    )
                ) || matches!(
                    doc.function(b),
                    Some(Function::Conjunction | Function::Subordinator)
                )
            });
        let content_first =
            before.is_some_and(|b| closes_content(doc, b)) && clause_start > s.start + 1;
        // Content before the cue ends at the comma (or takes the closing
        // mark along: `… are “very exciting,” says Kim`).
        let first_end = match before {
            Some(b)
                if doc.kind(b) == Some(Kind::Quote(super::tokens::Mark::RightDouble))
                    || matches!(doc.kind(b), Some(Kind::Quote(_))) =>
            {
                b + 1
            }
            Some(b) => b,
            None => s.start,
        };
        let (mut start, addr, intro) = after_cue(doc, hit, s.end, addressee_ok);
        let mut end = clause_end(doc, start, content_end(doc, start, s.end));
        // A quote that opens here and runs past the sentence is the content.
        let opening = doc
            .quote_opening(start)
            .or_else(|| doc.quote_opening(start.wrapping_sub(1)))
            .map(|q| &doc.quoted[q]);
        if let Some(q) = opening {
            end = end.max(q.content().end);
            // An unclosed paragraph of a multi-paragraph quote: its opening
            // mark is no content (closed pairs are trimmed later).
            if q.open == start && !q.closed {
                start += 1;
            }
        }
        let marked = opening.is_some();
        let rest_words = words(doc, start, end);
        // An ambiguous cue (`adds`, `notes`) is clear after a name or a pronoun.
        let clear_speaker = matches!(
            speaker.head,
            Head::Pronoun(_) | Head::Mention(_) | Head::Name(_)
        );
        // `…, kim told ctv news friday .`: in stripped text the audience is
        // often not recognised as one; a few words ending the sentence after
        // `told` are the audience, not what was said.
        let short_audience = addressee_ok
            && addr.is_none()
            && intro == Intro::Bare
            && !marked
            && rest_words <= 3
            && end == content_end(doc, start, s.end);
        if content_first
            && intro != Intro::Strong
            && !marked
            && (rest_words == 0 || is_adjunct(doc, start, end) || short_audience)
        {
            // `…, he said (on Tuesday).`: the content stands before.
            if !ambiguous || clear_speaker {
                push_content_before(doc, out, s.start..first_end, hit, speaker, addr, 0.82);
            }
            return;
        }
        // Without `that` or marks, the content must read as a clause, and an
        // ambiguous cue needs them.
        let introduced_enough = intro == Intro::Strong
            || marked
            || ((!ambiguous || (clear_speaker && opens_with_subject(doc, start)))
                && !is_object_not_clause(doc, start, end));
        if at_clause_start
            && rest_words >= 2
            && (takes_clause || marked)
            && introduced_enough
            && !short_audience
        {
            // `The economy, he said, is slowing.`: a parenthetical — the
            // second part goes on with a verb, or the first part is short.
            let continues_clause = matches!(doc.function(start), Some(Function::Auxiliary))
                || words(doc, s.start, first_end) <= 4;
            if content_first && intro == Intro::Comma && !continues_clause {
                // `…, Erdogan told the gathering, also attended by …`
                if !ambiguous || clear_speaker {
                    push_content_before(doc, out, s.start..first_end, hit, speaker, addr, 0.8);
                }
                return;
            }
            // `It is on Trudeau's watch, Scheer said, that …` too.
            let strong_after_comma =
                intro == Intro::Strong && start >= 2 && doc.kind(start - 2) == Some(Kind::Comma);
            if content_first && (intro == Intro::Comma || strong_after_comma) {
                let first = trim_leading(doc, s.start..first_end);
                if words(doc, first.start, first.end) >= 1 {
                    let idx = out.len();
                    out.push(Attribution {
                        content: first,
                        cue: Some(hit.range.clone()),
                        speaker: Source::Phrase(speaker.clone()),
                        addressee: addr.clone(),
                        rule: "parenthetical",
                        confidence: 0.78,
                    });
                    out.push(Attribution {
                        content: start..end,
                        cue: Some(hit.range.clone()),
                        speaker: Source::Inherit(idx),
                        addressee: None,
                        rule: "parenthetical",
                        confidence: 0.78,
                    });
                    return;
                }
            }
            out.push(Attribution {
                content: start..end,
                cue: Some(hit.range.clone()),
                speaker: Source::Phrase(speaker),
                addressee: addr,
                rule: "speaker-cue",
                confidence: 0.86,
            });
            return;
        }
    }

    // `IRCC declined to give details but said …`: the subject speaks.
    if c > s.start + 1 && matches!(doc.norm(c - 1), "but" | "and") && takes_clause && !ambiguous {
        if let Some(speaker) = sentence_subject(doc, s.start, c - 1) {
            let (start, addr, _) = after_cue(doc, hit, s.end, addressee_ok);
            let mut end = clause_end(doc, start, content_end(doc, start, s.end));
            if let Some(q) = doc.quote_opening(start).map(|q| &doc.quoted[q]) {
                end = end.max(q.content().end);
            }
            if words(doc, start, end) >= 2 {
                out.push(Attribution {
                    content: start..end,
                    cue: Some(hit.range.clone()),
                    speaker: Source::Phrase(speaker),
                    addressee: addr,
                    rule: "speaker-cue",
                    confidence: 0.78,
                });
                return;
            }
        }
    }

    // cue-after, inverted: `…, said Assad.`
    if c > s.start && closes_content(doc, c - 1) {
        if let Some(speaker) = phrase_after(doc, hit.range.end, s.end).filter(|p| can_speak(doc, p))
        {
            let clear_speaker = matches!(
                speaker.head,
                Head::Pronoun(_) | Head::Mention(_) | Head::Name(_)
            );
            let after = speaker.range.end;
            if (!ambiguous || clear_speaker)
                && is_adjunct(doc, after, content_end(doc, after, s.end))
            {
                let first_end = if doc.kind(c - 1) == Some(Kind::Comma) {
                    c - 1
                } else {
                    c
                };
                push_content_before(doc, out, s.start..first_end, hit, speaker, None, 0.82);
            }
        }
    }
}

/// Whether the content at `a` opens with a subject pronoun (`noted she
/// was`, `admitted they had`): a clause, even after an ambiguous cue.
fn opens_with_subject(doc: &Doc<'_>, a: usize) -> bool {
    doc.pronoun(a)
        .is_some_and(|_| super::lexicon::Pronoun::subject_form(doc.norm(a)))
        && doc.norm(a) != "it"
}

/// `…, he said.`: the sentence before the cue (`before`, less a leading
/// conjunction, dash or dateline) is the content — if it has two words or
/// more and does not itself name a source.
fn push_content_before(
    doc: &Doc<'_>,
    out: &mut Vec<Attribution>,
    before: Range<usize>,
    hit: &CueHit,
    speaker: SpeakerPhrase,
    addressee: Option<Range<usize>>,
    confidence: f32,
) {
    let content = trim_leading(doc, before);
    if words(doc, content.start, content.end) >= 2 && !names_source(doc, content.start) {
        out.push(Attribution {
            content,
            cue: Some(hit.range.clone()),
            speaker: Source::Phrase(speaker),
            addressee,
            rule: "cue-after",
            confidence,
        });
    }
}

/// Irregular past forms that tell a clause from an object (`said the
/// business gave the province a boost`).
const IRREGULAR_PAST: &[&str] = &[
    "became",
    "began",
    "brought",
    "built",
    "came",
    "felt",
    "found",
    "gave",
    "got",
    "grew",
    "held",
    "kept",
    "knew",
    "led",
    "left",
    "lost",
    "made",
    "meant",
    "met",
    "paid",
    "ran",
    "saw",
    "sent",
    "spent",
    "stood",
    "took",
    "thought",
    "understood",
    "went",
    "won",
    "wrote",
    "sold",
    "told",
    "said",
    "fell",
    "rose",
    "struck",
    "caught",
    "bought",
    "fought",
    "taught",
    "chose",
    "drove",
];

/// Whether content introduced without `that` or a colon is an object
/// rather than a clause (`denied Mr. Hemming's request`, `agreed with the
/// findings`, `warns of a rise`): it starts with a preposition or a
/// determiner, is short, and has no word that reads as a verb.
fn is_object_not_clause(doc: &Doc<'_>, a: usize, b: usize) -> bool {
    if a >= b || !doc.is_word(a) {
        return false;
    }
    let starts_np = matches!(
        doc.function(a),
        Some(Function::Preposition | Function::Determiner)
    ) || is_possessive_determiner(doc.norm(a))
        || doc.kind(a + 1) == Some(Kind::Possessive);
    if !starts_np || doc.norm(a) == "to" {
        return false;
    }
    let n = words(doc, a, b);
    if n > 12 {
        return false;
    }
    let verb_like = (a..b).any(|k| {
        if !doc.is_word(k) {
            return matches!(doc.kind(k), Some(Kind::Quote(_) | Kind::Colon));
        }
        let w = doc.norm(k);
        let after_det = k > a
            && matches!(
                doc.function(k - 1),
                Some(Function::Determiner | Function::Preposition)
            );
        matches!(
            doc.function(k),
            Some(Function::Auxiliary | Function::Negation)
        ) || doc
            .pronoun(k)
            .is_some_and(|_| super::lexicon::Pronoun::subject_form(w))
            || (k > a && !after_det && w.len() > 4 && w.ends_with("ed"))
            || (k > a && !after_det && IRREGULAR_PAST.contains(&w))
            || (k > a
                && !after_det
                && w.len() > 3
                && w.ends_with('s')
                && !w.ends_with("ss")
                && (matches!(
                    doc.function(k + 1),
                    Some(Function::Determiner | Function::Pronoun(_) | Function::Adverb)
                ) || matches!(doc.norm(k + 1), "to" | "that")))
    });
    !verb_like
}

/// Whether tokens `a..b` after an attribution are only adjuncts (`on
/// Tuesday`, `in a statement`, `told reporters`, `through an interpreter`,
/// or a clause after a comma), not new content.
fn is_adjunct(doc: &Doc<'_>, a: usize, b: usize) -> bool {
    if a >= b {
        return true;
    }
    if doc.norm(a) == "that"
        || (a..b).any(|k| matches!(doc.kind(k), Some(Kind::Quote(_) | Kind::Colon)))
    {
        return false;
    }
    // A clause after a comma is not what was said (`…, he said, adding …`).
    if matches!(doc.kind(a), Some(Kind::Comma | Kind::Dash | Kind::Open)) {
        return true;
    }
    let short = words(doc, a, b) <= 8;
    short
        && (matches!(
            doc.function(a),
            Some(Function::Preposition | Function::Day | Function::Adverb)
        ) || doc.info(a).is_some_and(|w| w.cue.is_some())
            || matches!(
                doc.norm(a),
                "last" | "this" | "earlier" | "late" | "reporters" | "journalists"
            ))
}

/// Whether content starting at `a` opens with a source of its own
/// (`According to the Kremlin, …`): then it is no content.
fn names_source(doc: &Doc<'_>, a: usize) -> bool {
    doc.norm(a) == "according" && doc.norm(a + 1) == "to"
}

/// Drops from a content range a leading conjunction, break or dash, and a
/// dateline (`GENEVA (Reuters) -`, `sochi , russia ( reuters ) -`).
fn trim_leading(doc: &Doc<'_>, r: Range<usize>) -> Range<usize> {
    let mut a = r.start;
    // A dateline: a dash within the first dozen tokens after a bracket.
    if let Some(dash) = (a..(a + 12).min(r.end)).find(|&k| doc.kind(k) == Some(Kind::Dash)) {
        if (a..dash).any(|k| doc.kind(k) == Some(Kind::Close)) {
            a = dash + 1;
        }
    }
    while a < r.end
        && (matches!(doc.kind(a), Some(Kind::Break { .. } | Kind::Dash))
            || (doc.function(a) == Some(Function::Conjunction) && a + 1 < r.end))
    {
        a += 1;
    }
    a..r.end
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

/// `according to X, …` / `…, according to X.` / `X was quoted as saying …`
fn phrase_rule(
    doc: &Doc<'_>,
    hit: &CueHit,
    p: usize,
    s: &super::sentences::Sentence,
    out: &mut Vec<Attribution>,
) {
    let phrase = &doc.lexicon.phrases[p];
    match phrase.speaker {
        PhraseSpeaker::After => {
            let Some(speaker) = phrase_after(doc, hit.range.end, s.end)
                .filter(|p| can_speak(doc, p))
                .or_else(|| source_noun_phrase(doc, hit.range.end, s.end))
            else {
                return;
            };
            let after = speaker.range.end;
            let speaker = document_author(doc, speaker);
            let c = hit.range.start;
            if c > s.start && matches!(doc.kind(c - 1), Some(Kind::Comma | Kind::Dash)) {
                let content = trim_leading(doc, s.start..c - 1);
                if words(doc, content.start, content.end) >= 2 {
                    out.push(Attribution {
                        content,
                        cue: Some(hit.range.clone()),
                        speaker: Source::Phrase(speaker),
                        addressee: None,
                        rule: "according-to",
                        confidence: 0.8,
                    });
                }
            } else if doc.kind(after) == Some(Kind::Comma) {
                let start = after + 1;
                let end = content_end(doc, start, s.end);
                if words(doc, start, end) >= 2 {
                    out.push(Attribution {
                        content: start..end,
                        cue: Some(hit.range.clone()),
                        speaker: Source::Phrase(speaker),
                        addressee: None,
                        rule: "according-to",
                        confidence: 0.8,
                    });
                }
            }
        }
        PhraseSpeaker::Before => {
            let Some(speaker) =
                phrase_before(doc, hit.range.start, s.start).filter(|p| can_speak(doc, p))
            else {
                return;
            };
            // `…, he was quoted as saying (in a release).`: the content
            // stands before.
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
                push_content_before(doc, out, s.start..first_end, hit, speaker, None, 0.8);
                return;
            }
            let mut start = hit.range.end;
            while start < s.end
                && (matches!(doc.kind(start), Some(Kind::Colon | Kind::Comma))
                    || doc.norm(start) == "that")
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
                out.push(Attribution {
                    content: start..end,
                    cue: Some(hit.range.clone()),
                    speaker: Source::Phrase(speaker),
                    addressee: None,
                    rule: "speaker-cue",
                    confidence: 0.84,
                });
            }
        }
    }
}

/// `…, saying (that) …`: the subject of the sentence speaks.
fn participle_rule(
    doc: &Doc<'_>,
    hit: &CueHit,
    s: &super::sentences::Sentence,
    takes_clause: bool,
    ambiguous: bool,
    out: &mut Vec<Attribution>,
) {
    let c = hit.range.start;
    if c == s.start || !matches!(doc.kind(c - 1), Some(Kind::Comma | Kind::Dash)) || !takes_clause {
        return;
    }
    let (start, _, _) = after_cue(doc, hit, s.end, false);
    let mut end = content_end(doc, start, s.end);
    if let Some(q) = doc.quote_opening(start).map(|q| &doc.quoted[q]) {
        end = end.max(q.content().end);
    }
    if words(doc, start, end) < 2 {
        return;
    }
    // An attribution earlier in this sentence lends its speaker
    // (`“A,” she said, adding that B`).
    if let Some(idx) = out.iter().rposition(|a| {
        a.cue
            .as_ref()
            .is_some_and(|cr| cr.end <= c && doc.sentence(cr.start).start == s.start)
    }) {
        out.push(Attribution {
            content: start..end,
            cue: Some(hit.range.clone()),
            speaker: Source::Inherit(idx),
            addressee: None,
            rule: "participle",
            confidence: 0.8,
        });
        return;
    }
    // Otherwise the subject of the sentence (an ambiguous cue such as
    // `noting` only goes on from an attribution).
    if ambiguous {
        return;
    }
    if let Some(speaker) = sentence_subject(doc, s.start, c - 1) {
        out.push(Attribution {
            content: start..end,
            cue: Some(hit.range.clone()),
            speaker: Source::Phrase(speaker),
            addressee: None,
            rule: "participle",
            confidence: 0.72,
        });
    }
}

/// The subject of a sentence starting at `start`: its first speaker-like
/// phrase before `limit` that is not inside a preposition phrase or a
/// possessive (`Putin met Assad, saying …`; `IRCC declined to give details
/// but said …`).
fn sentence_subject(doc: &Doc<'_>, start: usize, limit: usize) -> Option<SpeakerPhrase> {
    let mut t = start;
    while t < limit {
        let speaker_like = doc
            .pronoun(t)
            .is_some_and(|_| super::lexicon::Pronoun::subject_form(doc.norm(t)))
            || doc.mention_at(t).is_some()
            || doc.capitalised(t) && doc.function(t).is_none()
            || doc.info(t).is_some_and(|w| w.role.is_some());
        let after_preposition =
            t > start && matches!(doc.function(t - 1), Some(Function::Preposition));
        if speaker_like && !after_preposition && !matches!(doc.kind(t + 1), Some(Kind::Possessive))
        {
            let mut e = t + 1;
            while e < limit
                && (doc.mention_at(e).is_some() && doc.mention_at(e) == doc.mention_at(t)
                    || doc.capitalised(e)
                    || doc.info(e).is_some_and(|w| w.role.is_some())
                    // `Secretary of State Mike Pompeo`
                    || doc.norm(e) == "of" && doc.capitalised(e - 1) && doc.capitalised(e + 1))
            {
                e += 1;
            }
            // Back to the phrase's determiner over up to three modifiers
            // (`a kremlin spokesman`).
            let mut a = t;
            let mut k = t;
            while k > start && t - k < 4 {
                k -= 1;
                if matches!(doc.function(k), Some(Function::Determiner)) {
                    a = k;
                    break;
                }
                if !doc.is_word(k)
                    || doc.function(k).is_some()
                    || doc.info(k).is_some_and(|w| w.cue.is_some())
                {
                    break;
                }
            }
            return analyse(doc, a..e)
                .filter(|p| !matches!(p.head, Head::Other) && can_speak(doc, p));
        }
        t += 1;
    }
    None
}

/// All accepted attributions of a document, in document order.
pub fn attribute(doc: &Doc<'_>) -> Vec<Attribution> {
    let hits = find_cues(doc);
    let mut cands: Vec<Attribution> = Vec::new();
    for hit in &hits {
        let before = cands.len();
        candidates(doc, hit, &mut cands);
        // Inherit indices are relative to the list; nothing to fix as we
        // only append.
        let _ = before;
    }
    select(doc, cands)
}

fn cue_start(a: &Attribution) -> usize {
    a.cue.as_ref().map_or(a.content.start, |c| c.start)
}

/// Keeps the outermost, most specific attributions that do not overlap.
fn select(doc: &Doc<'_>, cands: Vec<Attribution>) -> Vec<Attribution> {
    let n = cands.len();
    // A candidate whose cue lies inside another's content is framed by it
    // (`X said Y stressed Z`). When two frame each other (`Trump and Putin
    // stressed …, the White House said`), the later cue — the one that
    // closes the sentence — is the frame.
    // `According to the Kremlin, Putin told Trump that …`: the source
    // phrase does not frame a speaker who opens its content.
    let sourced = |outer: &Attribution, inner: &Attribution| {
        outer.rule == "according-to"
            && matches!(&inner.speaker, Source::Phrase(p)
                if p.range.start >= outer.content.start && p.range.start <= outer.content.start + 1)
    };
    let contains = |outer: &Attribution, inner: &Attribution| {
        inner.cue.as_ref().is_some_and(|cue| {
            outer.cue != inner.cue
                && outer.content.start <= cue.start
                && cue.end <= outer.content.end
        }) && !sourced(outer, inner)
    };
    // Candidates sorted by where their content starts; a content that holds
    // a cue starts at most `longest` tokens before it, so each look-up scans
    // only the candidates of that window (linear time on long documents).
    let mut by_start: Vec<usize> = (0..n).collect();
    by_start.sort_by_key(|&i| cands[i].content.start);
    let starts: Vec<usize> = by_start.iter().map(|&i| cands[i].content.start).collect();
    let longest = cands.iter().map(|a| a.content.len()).max().unwrap_or(0);
    let inner: Vec<bool> = (0..n)
        .map(|i| {
            let Some(cue) = &cands[i].cue else {
                return false;
            };
            let lo = starts.partition_point(|&s| s + longest < cue.end);
            let hi = starts.partition_point(|&s| s <= cue.start);
            by_start[lo..hi].iter().any(|&o| {
                let o = &cands[o];
                contains(o, &cands[i])
                    && !(contains(&cands[i], o) && cue_start(&cands[i]) > cue_start(o))
            })
        })
        .collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        inner[a]
            .cmp(&inner[b])
            .then(cands[b].confidence.total_cmp(&cands[a].confidence))
            .then(cands[a].content.start.cmp(&cands[b].content.start))
    });
    // Accepted contents never overlap: keyed by start, they are also in
    // order of their ends, so the one starting last before a point is the
    // only one that can hold it.
    let mut covered: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut is_accepted = vec![false; n];
    let mut accepted: Vec<usize> = Vec::new();
    for &i in &order {
        let a = &cands[i];
        let overlaps = covered
            .range(..a.content.end)
            .next_back()
            .is_some_and(|(_, &end)| end > a.content.start);
        let cue_inside = a.cue.as_ref().is_some_and(|cue| {
            covered
                .range(..=cue.start)
                .next_back()
                .is_some_and(|(_, &end)| cue.end <= end)
        });
        // An inheriting attribution needs its source.
        let source_ok = match a.speaker {
            Source::Inherit(j) => is_accepted[j],
            _ => true,
        };
        if overlaps || cue_inside || !source_ok || a.content.is_empty() {
            continue;
        }
        covered.insert(a.content.start, a.content.end);
        accepted.push(i);
        is_accepted[i] = true;
    }
    accepted.sort_by_key(|&i| cands[i].content.start);
    let position: std::collections::HashMap<usize, usize> = accepted
        .iter()
        .enumerate()
        .map(|(pos, &i)| (i, pos))
        .collect();
    let mut out: Vec<Attribution> = accepted
        .iter()
        .map(|&i| {
            let mut a = cands[i].clone();
            if let Source::Inherit(j) = a.speaker {
                a.speaker = Source::Inherit(position[&j]);
            }
            a
        })
        .collect();
    continuations(doc, &mut out);
    out
}

/// Quotes with no attribution of their own: the other paragraphs of a
/// multi-paragraph quote, and speech-like quotes after one whose speaker is
/// known (in the same paragraph or up to two paragraphs back).
fn continuations(doc: &Doc<'_>, out: &mut Vec<Attribution>) {
    let quoted = &doc.quoted;
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
                out.push(Attribution {
                    content: q.content(),
                    cue: None,
                    speaker: Source::Inherit(src),
                    addressee: None,
                    rule: "multi-paragraph",
                    confidence: 0.85,
                });
                cover[qi] = Some(out.len() - 1);
            }
        }
    }
    // Free-standing quotes after a known speaker: the attribution of a
    // speaking rule that ends last before the quote, up to two paragraphs
    // back. Quotes come in order, and so do the sources found for them.
    let speaking = |a: &Attribution| {
        matches!(
            a.rule,
            "quote-cue"
                | "split-quote"
                | "speaker-cue"
                | "cue-after"
                | "colon-intro"
                | "continuation"
                | "multi-paragraph"
        )
    };
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
                out.push(Attribution {
                    content: r.clone(),
                    cue: None,
                    speaker: Source::Phrase(speaker),
                    addressee: None,
                    rule: "colon-intro",
                    confidence: 0.7,
                });
                cover[qi] = Some(out.len() - 1);
                best = Some(out.len() - 1);
                continue;
            }
        }
        let paragraph = doc.sentence(r.start).paragraph;
        let prev = best.filter(|&b| {
            paragraph.saturating_sub(doc.sentence(out[b].content.start).paragraph) <= 2
        });
        if let Some(src) = prev {
            out.push(Attribution {
                content: r.clone(),
                cue: None,
                speaker: Source::Inherit(src),
                addressee: None,
                rule: "continuation",
                confidence: 0.72,
            });
            cover[qi] = Some(out.len() - 1);
            // It ends after every source seen so far.
            best = Some(out.len() - 1);
        }
    }
    // Keep document order; inherited indices are fixed by the caller's
    // resolution order (sources always come first in the list).
}
