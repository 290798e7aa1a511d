//! What the models saw in one document, for training and for explaining a
//! result: the candidates with their features, probabilities and fate, in
//! Python `str` offsets.

use serde::Serialize;

use super::doc::Doc;
use super::select::CandidateTrace;
use crate::text::offsets::CharOffsets;

/// A candidate attribution as the acceptance model saw it.
#[derive(Clone, Debug, Serialize)]
pub struct Candidate {
    pub rule: &'static str,
    /// `[start, end)` of the content, the cue and the speaker's head.
    pub content: (usize, usize),
    pub cue: Option<(usize, usize)>,
    pub speaker: Option<(usize, usize)>,
    pub first_choice: bool,
    /// Whether the model decides candidates of this rule (not so for
    /// pasted posts).
    pub learned: bool,
    pub features: Vec<(String, f32)>,
    pub probability: f32,
    pub accepted: bool,
}

/// One candidate speaker as the trace keeps it: the name it gives, its
/// features, its score (log-odds) and whether the rules chose it.
pub type SpeakerOption = (String, Vec<(String, f32)>, f32, bool);

/// A speaker phrase's candidates as the speaker model saw them (token
/// ranges until the trace is made).
#[derive(Clone, Debug, Serialize)]
pub struct SpeakerChoice {
    /// The attribution's content and the phrase's head.
    pub content: (usize, usize),
    pub head: (usize, usize),
    /// Each candidate: the name it gives, its features, its score (log-odds)
    /// and whether the rules chose it.
    pub candidates: Vec<SpeakerOption>,
    /// The candidate taken (by the model, or by the rules without one).
    pub chosen: Option<usize>,
    /// For a phrase made up for training (a name read as `he` or `the
    /// senator`): the candidate that is the named entity.
    pub truth: Option<usize>,
}

impl SpeakerChoice {
    pub(crate) fn new(
        a: &super::rules::Attribution,
        p: &super::speakers::SpeakerPhrase,
        candidates: Vec<SpeakerOption>,
        chosen: Option<usize>,
    ) -> SpeakerChoice {
        SpeakerChoice {
            content: (a.content.start, a.content.end),
            head: (p.head_range.start, p.head_range.end),
            candidates,
            chosen,
            truth: None,
        }
    }
}

/// A finished quote as the confidence model saw it (byte offsets until the
/// trace is made).
#[derive(Clone, Debug, Serialize)]
pub struct QuoteConfidence {
    pub content: (usize, usize),
    pub speaker_name: Option<String>,
    pub features: Vec<(String, f32)>,
    pub confidence: f32,
}

/// Everything recorded for one document.
#[derive(Clone, Debug, Serialize)]
pub struct Trace {
    pub candidates: Vec<Candidate>,
    pub speakers: Vec<SpeakerChoice>,
    pub quotes: Vec<QuoteConfidence>,
}

impl Trace {
    pub(crate) fn new(
        doc: &Doc<'_>,
        candidates: Vec<CandidateTrace>,
        speakers: Vec<SpeakerChoice>,
        quotes: Vec<QuoteConfidence>,
    ) -> Trace {
        let mut offsets = CharOffsets::new(doc.text);
        let mut span = |r: &std::ops::Range<usize>| -> (usize, usize) {
            if r.is_empty() {
                let b = doc.tok(r.start.min(doc.len().saturating_sub(1))).start;
                let c = offsets.char_offset(b);
                return (c, c);
            }
            let a = offsets.char_offset(doc.tok(r.start).start);
            (a, offsets.char_offset(doc.tok(r.end - 1).end))
        };
        Trace {
            candidates: candidates
                .into_iter()
                .map(|c| Candidate {
                    rule: c.rule.name(),
                    content: span(&c.content),
                    cue: c.cue.as_ref().map(&mut span),
                    speaker: c.speaker.as_ref().map(&mut span),
                    first_choice: c.first_choice,
                    learned: c.learned,
                    features: c.features,
                    probability: c.probability,
                    accepted: c.accepted,
                })
                .collect(),
            speakers: speakers
                .into_iter()
                .map(|mut c| {
                    let content = span(&(c.content.0..c.content.1));
                    let head = span(&(c.head.0..c.head.1));
                    c.content = content;
                    c.head = head;
                    c
                })
                .collect(),
            quotes: quotes
                .into_iter()
                .map(|mut q| {
                    q.content = (
                        offsets.char_offset(q.content.0),
                        offsets.char_offset(q.content.1),
                    );
                    q
                })
                .collect(),
        }
    }
}
