//! `speaker-cue`: `Putin said (that) …`, `Putin told Trump: …`, `Assad told
//! the Russian leader: …` — a speaker phrase, the cue, then the content.
//!
//! The same reading of a speaker phrase before the cue serves `cue-after`
//! (`…, Putin said.`) and `parenthetical` (`The economy, he said, is
//! slowing.`): [`SpeakerBefore`] holds it, made once per cue.

use std::ops::Range;

use super::super::lexicon::Function;
use super::super::speakers::{phrase_before, Head, SpeakerPhrase};
use super::super::tokens::Kind;
use super::clause::{
    after_cue, can_speak, clause_end, closes_content, content_end, is_adjunct,
    is_object_not_clause, opens_with_subject, relative_time_word, words, Intro,
};
use super::{Attribution, CueContext, Doubt, Doubts, Outcome, Rule, Source};

/// A speaker phrase right before a cue, and how the sentence reads around
/// it.
pub struct SpeakerBefore {
    pub speaker: SpeakerPhrase,
    /// Content stands before the phrase, ended by a comma (`…, he said`).
    pub content_first: bool,
    /// Where the content before the phrase ends.
    pub first_end: usize,
    /// The content after the cue, its addressee and how it is introduced.
    pub after: Range<usize>,
    pub addressee: Option<Range<usize>>,
    pub intro: Intro,
    /// A quotation opens the content after the cue.
    pub marked: bool,
    /// A pronoun, a mention or a name: clear enough for an ambiguous cue.
    pub clear_speaker: bool,
    /// Only a few words after `told`: the audience, not what was said.
    pub short_audience: bool,
    /// A relative clause opens between the phrase and the cue (`MPs who
    /// say …`).
    pub relative: bool,
    /// The content after the cue is a report of its own: the phrase opens a
    /// clause, two words or more follow, and they read as a clause (or are
    /// introduced by `that`, a colon or marks).
    pub reports_after: bool,
    /// What stands against reading the words after the cue as a report.
    pub doubts: Doubts,
}

impl SpeakerBefore {
    /// Reads the phrase before the cue of `cx`, if there is one that can
    /// speak.
    pub fn read(cx: &CueContext<'_, '_>) -> Option<SpeakerBefore> {
        let (doc, hit, s) = (cx.doc, cx.hit, &cx.sentence);
        let c = hit.range.start;
        let speaker = phrase_before(doc, c, s.start).filter(|p| can_speak(doc, p))?;
        let clause_start = speaker.range.start;
        let before = clause_start.checked_sub(1);
        // (`MPs who say …`: a relative clause starts at `who`.)
        let relative = (speaker.range.end..c).any(|k| doc.norm(k) == "who");
        let at_clause_start = relative
            || clause_start == s.start
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
            Some(b) if matches!(doc.kind(b), Some(Kind::Quote(_))) => b + 1,
            Some(b) => b,
            None => s.start,
        };
        let (mut start, addr, intro) = after_cue(doc, hit, s.end, cx.addressee_ok);
        let mut end = clause_end(doc, start, content_end(doc, start, s.end));
        // A relative clause ends where the verb of its antecedent follows a
        // comma (`Mark Galeotti, who writes often on Russia, said …`).
        if relative {
            if let Some(k) = (start..end).find(|&k| {
                doc.kind(k) == Some(Kind::Comma)
                    && doc
                        .info(k + 1)
                        .is_some_and(|w| w.reports() && !w.participle)
            }) {
                end = k;
            }
        }
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
        let short_audience = cx.addressee_ok
            && addr.is_none()
            && intro == Intro::Bare
            && !marked
            && rest_words <= 3
            && end == content_end(doc, start, s.end);
        // Without `that` or marks, the content must read as a clause, and an
        // ambiguous cue needs them.
        // (Read once: both tests below ask it only without `that` or marks.)
        let object = intro != Intro::Strong && !marked && is_object_not_clause(doc, start, end);
        let introduced_enough = intro == Intro::Strong
            || marked
            || ((!cx.ambiguous || (clear_speaker && opens_with_subject(doc, start))) && !object);
        let reports_after = at_clause_start
            && rest_words >= 2
            && (cx.takes_clause || marked)
            && introduced_enough
            && !short_audience;
        let doubts = Doubts::default()
            .with(Doubt::NotClauseStart, !at_clause_start)
            .with(Doubt::OneWord, rest_words < 2)
            .with(Doubt::NoClauseCue, !(cx.takes_clause || marked))
            .with(Doubt::Object, object)
            .with(Doubt::Ambiguous, !introduced_enough && !object)
            .with(Doubt::ShortAudience, short_audience);
        Some(SpeakerBefore {
            speaker,
            content_first,
            first_end,
            after: start..end,
            addressee: addr,
            intro,
            marked,
            relative,
            clear_speaker,
            short_audience,
            reports_after,
            doubts,
        })
    }

    /// `…, he said (on Tuesday).`: content before, nothing said after.
    pub fn nothing_after(&self, cx: &CueContext<'_, '_>) -> bool {
        let r = &self.after;
        self.content_first
            && self.intro != Intro::Strong
            && !self.marked
            && (r.is_empty()
                // (One word after an addressee is none of what was said:
                // `told councillors at tuesday s finance committee meeting`.)
                || words(cx.doc, r.start, r.end) <= usize::from(self.addressee.is_some())
                || is_adjunct(cx.doc, r.start, r.end)
                || self.short_audience
                // `…, he said, wiping sweat off his face`: a participle
                // phrase of manner after the comma.
                || self.intro == Intro::Comma && manner_participle(cx.doc, r.start))
    }
}

pub fn propose(cx: &CueContext<'_, '_>, out: &mut Vec<Attribution>) -> Outcome {
    let Some(b) = cx.speaker_before() else {
        return Outcome::Pass;
    };
    // (`“…,” Trump said last week.`: with the content before the phrase,
    // a time after the cue is no content of its own.)
    if ends_fronted_clause(cx) || b.nothing_after(cx) && time_words(cx.doc, b.after.start) {
        return Outcome::Pass;
    }
    let a = Attribution::new(
        Rule::SpeakerCue,
        b.after.clone(),
        Some(cx.hit.range.clone()),
        Source::Phrase(b.speaker.clone()),
        b.addressee.clone(),
    );
    if b.reports_after {
        out.push(a);
        return Outcome::Claimed;
    }
    // Not a report by the rules' reading, but a candidate for the model
    // (`Cruz thanked Trump for backing …`, `called the program one of …`),
    // unless nothing stands after the cue or the content stands before it,
    // or the cue is a speech verb only after a quote and has an object here
    // (`Tory opened the meeting`, as against `“…,” she opened`).
    let object_of_other_sense = b.doubts.has(Doubt::Object)
        && !b.marked
        && cx.hit.verb.is_some_and(|v| cx.doc.lexicon.cue(v).tag_only);
    if words(cx.doc, b.after.start, b.after.end) >= 1
        && !b.nothing_after(cx)
        && !object_of_other_sense
    {
        out.push(a.doubting(b.doubts));
    }
    Outcome::Pass
}

/// Whether the cue ends a subordinate clause that opens the sentence, so
/// that what follows its comma is the main clause, not what was said
/// (`After the interview concluded, Maher stated …`; `When he finished
/// speaking, the crowd cheered`).
fn ends_fronted_clause(cx: &CueContext<'_, '_>) -> bool {
    let (doc, s) = (cx.doc, &cx.sentence);
    let end = cx.hit.range.end;
    if doc.kind(end) != Some(Kind::Comma) || doc.quote_opening(end + 1).is_some() {
        return false;
    }
    let mut a = s.start;
    if matches!(doc.function(a), Some(Function::Conjunction)) {
        a += 1;
    }
    a < cx.hit.range.start
        && doc.function(a) == Some(Function::Subordinator)
        && !matches!(
            doc.norm(a),
            // (`As Trump said, the race is over`: what follows is what
            // was said.)
            "that" | "which" | "who" | "whom" | "whose" | "whether" | "as"
        )
        && !(a..cx.hit.range.start).any(|k| doc.kind(k) == Some(Kind::Comma))
}

/// Whether token `k` opens a participle phrase that is no report
/// (`wiping`, `smiling`, `pointing at`): an `-ing` word that is no cue.
fn manner_participle(doc: &super::super::doc::Doc<'_>, k: usize) -> bool {
    let w = doc.norm(k);
    doc.is_word(k)
        && w.len() > 4
        && w.ends_with("ing")
        && doc.function(k).is_none()
        && doc.mention_at(k).is_none()
        && doc
            .info(k)
            .is_none_or(|i| i.cue.is_none() && i.particle_cues.is_empty())
}

/// Whether the words at `k` name a time (`last week`, `earlier this
/// year`, `on Tuesday`, `Friday`).
fn time_words(doc: &super::super::doc::Doc<'_>, k: usize) -> bool {
    doc.function(k) == Some(Function::Day)
        || relative_time_word(doc.norm(k))
        || doc.function(k) == Some(Function::Preposition)
            && doc.function(k + 1) == Some(Function::Day)
}
