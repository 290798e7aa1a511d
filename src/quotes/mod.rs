//! Quote extraction and speaker attribution: who said what, about whom.
//!
//! The pipeline, one pass each:
//!
//! 1. `tokens` — words, punctuation and quotation marks with byte spans;
//! 2. `sentences` — sentence and paragraph boundaries (cased and stripped);
//! 3. `marks` — quotation marks paired into quoted spans;
//! 4. the gazetteer's mentions (if a gazetteer is given) mapped onto tokens;
//! 5. `coref` — the document's entities: names, titles, appositions;
//! 6. `cues` — reporting cues of the `lexicon`; `rules` — the patterns of
//!    news writing, each proposing candidate attributions with speakers
//!    found by `speakers`; `select` — the choice among them; then the
//!    quotes without a cue of their own and, in stripped text, unmarked
//!    direct speech (`rules/unmarked_speech.rs`);
//! 8. speakers resolved to entities (pronouns, role nouns, short names),
//!    quotes assembled with their kind, confidence and mentions.

pub mod coref;
pub mod cues;
pub mod doc;
pub mod lexicon;
pub mod marks;
pub mod rules;
pub mod select;
pub mod sentences;
pub mod speakers;
pub mod tokens;
pub mod unmarked;

use std::sync::Arc;

use coref::{EntityKind, Tracker};
use doc::Doc;
use lexicon::Lexicon;
pub use rules::Rule;
use rules::{Attribution, Source};
use speakers::Head;
use tokens::Kind;
pub use unmarked::Form;

use crate::gazetteer::{find_with, Automaton, Match};
use crate::text::{fold::casing_of, Casing};

/// Whether the content of a quote is the speaker's own words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// The speaker's words, all inside quotation marks (or, in stripped
    /// text, in the first or second person).
    Direct,
    /// Reported speech, no quotation marks.
    Indirect,
    /// Reported speech with quoted words inside.
    Mixed,
}

impl QuoteKind {
    /// `direct`, `indirect` or `mixed`.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        }
    }
}

/// A byte span of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// One quote.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    /// The content (without quotation marks or attribution), bytes.
    pub content: Span,
    pub kind: QuoteKind,
    /// Whether quotation marks delimit the content.
    pub marked: bool,
    /// The words naming the speaker at the attribution; `None` for a
    /// continuation.
    pub speaker: Option<Span>,
    /// The resolved speaker: canonical name, and gazetteer entry index.
    pub speaker_name: Option<String>,
    pub speaker_entry: Option<u32>,
    /// The reporting cue (`said`, `told`, `according to`).
    pub cue: Option<Span>,
    /// The addressee named by the cue (`told Assad`).
    pub addressee: Option<Span>,
    /// The gazetteer entry of the addressee, if it names one.
    pub addressee_entry: Option<u32>,
    pub confidence: f32,
    /// The rule that found it.
    pub rule: Rule,
    /// Indices (into the document's mentions) of the mentions inside the
    /// content.
    pub mentions: Vec<usize>,
}

/// Options of the extractor.
#[derive(Clone, Debug, PartialEq)]
pub struct QuoteOptions {
    /// Attribute thoughts and beliefs (`believes`, `thinks`) as well.
    pub thought_verbs: bool,
    /// Extra reporting verbs: each a lemma followed by its forms.
    pub extra_cues: Vec<Vec<String>>,
    /// Reporting verbs (lemmas or forms) not to use.
    pub removed_cues: Vec<String>,
    /// Find unmarked direct speech in stripped text.
    pub unmarked_speech: bool,
    /// The form of every text (`None`: told from each text; see
    /// `unmarked.rs`).
    pub form: Option<Form>,
}

impl Default for QuoteOptions {
    fn default() -> Self {
        QuoteOptions {
            thought_verbs: false,
            extra_cues: Vec::new(),
            removed_cues: Vec::new(),
            unmarked_speech: true,
            form: None,
        }
    }
}

/// The quotes and the gazetteer mentions of one text.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    pub quotes: Vec<Quote>,
    pub mentions: Vec<Match>,
    /// Byte spans of the sentences.
    pub sentences: Vec<Span>,
    pub casing: Option<Casing>,
    /// The form the text was read in.
    pub form: Option<Form>,
}

/// Extracts quotes; reusable and shareable between threads.
#[derive(Clone, Debug)]
pub struct QuoteExtractor {
    options: QuoteOptions,
    lexicon: Arc<Lexicon>,
}

impl Default for QuoteExtractor {
    fn default() -> Self {
        QuoteExtractor::new(QuoteOptions::default())
    }
}

impl QuoteExtractor {
    /// An extractor with `options`.
    pub fn new(options: QuoteOptions) -> QuoteExtractor {
        let base = Lexicon::builtin();
        let lexicon = Arc::new(base.customised(
            &options.extra_cues,
            &options.removed_cues,
            options.thought_verbs,
        ));
        QuoteExtractor { options, lexicon }
    }

    /// The options.
    pub fn options(&self) -> &QuoteOptions {
        &self.options
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Quotes and mentions in `text`, with the gazetteer's automaton if one
    /// is given. `casing` overrides the detection of the text's casing.
    pub fn analyse(
        &self,
        text: &str,
        gazetteer: Option<&Automaton>,
        casing: Option<Casing>,
    ) -> Analysis {
        let casing = casing.unwrap_or_else(|| casing_of(text));
        let mentions = match gazetteer {
            Some(a) => find_with(a, text, Some(casing)),
            None => Vec::new(),
        };
        let doc = Doc::new(text, &self.lexicon, mentions, casing, self.options.form);
        let entries: Vec<Option<(u32, &crate::gazetteer::Entry)>> = doc
            .mentions
            .iter()
            .map(|m| match (gazetteer, m.entry) {
                (Some(a), Some(e)) => Some((e, a.entry(e).as_ref())),
                _ => None,
            })
            .collect();
        let mut attributions = rules::attribute(&doc);
        // (Cased unmarked text uses the voice while its marks are
        // recovered, `unmarked.rs`; this rule is for stripped text.)
        if self.options.unmarked_speech && casing == Casing::Uncased {
            rules::unmarked_speech::unmarked_speech(&doc, &mut attributions);
        }
        let quotes = assemble(&doc, &attributions, &entries);
        let sentences = doc
            .sentences
            .iter()
            .map(|s| Span {
                start: doc.tok(s.start).start,
                end: doc.tok(s.end - 1).end,
            })
            .collect();
        Analysis {
            quotes,
            mentions: doc.mentions,
            sentences,
            casing: Some(casing),
            form: Some(doc.form),
        }
    }
}

/// Resolves speakers (in list order: sources come before the attributions
/// that inherit from them) and builds the quotes, sorted by position.
fn assemble(
    doc: &Doc<'_>,
    attributions: &[Attribution],
    entries: &[Option<(u32, &crate::gazetteer::Entry)>],
) -> Vec<Quote> {
    let mut tracker = Tracker::new(doc, entries);
    // For each attribution: resolved entity and certainty, speaker span.
    // Speaker phrases first, in document order (a pronoun looks back at
    // the speakers resolved before it, whichever pass found them); then
    // inherited speakers, in list order (a source comes before its heirs).
    let mut resolved: Vec<(Option<usize>, f32, Option<Span>)> =
        vec![(None, 0.3, None); attributions.len()];
    let mut phrases: Vec<(usize, &speakers::SpeakerPhrase)> = attributions
        .iter()
        .enumerate()
        .filter_map(|(i, a)| match &a.speaker {
            Source::Phrase(p) => Some((i, p)),
            _ => None,
        })
        .collect();
    phrases.sort_by_key(|&(i, p)| (p.head_range.start, i));
    for (i, p) in phrases {
        let res = tracker.resolve(doc, p, entries);
        let span = Span {
            start: doc.tok(p.head_range.start).start,
            end: doc.tok(p.head_range.end - 1).end,
        };
        resolved[i] = (res.entity, res.certainty, Some(span));
    }
    for (i, a) in attributions.iter().enumerate() {
        if let Source::Inherit(src) = a.speaker {
            if src < i {
                let (e, c, _) = resolved[src];
                resolved[i] = (e, c, None);
            }
        }
    }
    let mut quotes: Vec<Quote> = attributions
        .iter()
        .zip(&resolved)
        .filter_map(|(a, &(entity, certainty, speaker))| {
            let (start, end) = trim_content(doc, a.content.start, a.content.end)?;
            let content = Span {
                start: doc.tok(start).start,
                end: doc.tok(end - 1).end,
            };
            let (mut kind, marked) = kind_of(doc, start, end);
            if a.rule == Rule::PastedPost {
                // A post is its author's own words, marked or not.
                kind = QuoteKind::Direct;
            }
            let (speaker_name, speaker_entry) = match entity {
                Some(e) => {
                    let ent = &tracker.entities[e];
                    (Some(ent.name.clone()), ent.entry)
                }
                // The phrase names the speaker, unless it is a pronoun
                // nobody was found for (`he said` at an article's start).
                None => match &a.speaker {
                    Source::Phrase(p) if !matches!(p.head, Head::Pronoun(_)) => {
                        (speaker.map(|s| doc.text[s.start..s.end].to_string()), None)
                    }
                    _ => (None, None),
                },
            };
            let span = |r: &std::ops::Range<usize>| Span {
                start: doc.tok(r.start).start,
                end: doc.tok(r.end - 1).end,
            };
            let addressee_entry = a
                .addressee
                .as_ref()
                .and_then(|r| (r.start..r.end).find_map(|k| doc.mention_at(k)))
                .and_then(|m| entries.get(m).copied().flatten())
                .map(|(idx, _)| idx);
            // Mentions are in text order: a binary search finds the first
            // inside the content (a scan of them all for each quote made a
            // long article quadratic).
            let first = doc.mentions.partition_point(|m| m.start < content.start);
            let mentions = (first..doc.mentions.len())
                .take_while(|&i| doc.mentions[i].start < content.end)
                .filter(|&i| doc.mentions[i].end <= content.end)
                .collect();
            // An unresolved pronoun speaker is a weak attribution.
            let person_bonus = match entity.map(|e| tracker.entities[e].kind) {
                Some(EntityKind::Person) | Some(EntityKind::Organisation) => 1.0,
                Some(_) => 0.95,
                None => 0.8,
            };
            Some(Quote {
                content,
                kind,
                marked,
                speaker,
                speaker_name,
                speaker_entry,
                cue: a.cue.as_ref().map(span),
                addressee: a.addressee.as_ref().map(span),
                addressee_entry,
                confidence: (a.confidence * certainty.max(0.3).sqrt() * person_bonus)
                    .clamp(0.0, 1.0),
                rule: a.rule,
                mentions,
            })
        })
        .collect();
    quotes.sort_by_key(|q| (q.content.start, q.content.end));
    quotes.dedup_by(|b, a| a.content == b.content);
    quotes
}

/// The content's token range without surrounding punctuation, quotation
/// marks that wrap it entirely, or a trailing comma; `None` if nothing is
/// left.
fn trim_content(doc: &Doc<'_>, mut a: usize, mut b: usize) -> Option<(usize, usize)> {
    let edge = |k: Option<Kind>| {
        matches!(
            k,
            Some(Kind::Comma | Kind::Break { .. } | Kind::Dash | Kind::Colon | Kind::Semicolon)
        )
    };
    loop {
        let before = (a, b);
        // (A mark recovered in unmarked text is whitespace: at an edge,
        // alone, it goes too.)
        while a < b && (edge(doc.kind(a)) || doc.recovered_mark(a)) {
            a += 1;
        }
        while a < b
            && (edge(doc.kind(b - 1))
                || doc.recovered_mark(b - 1)
                || (doc.kind(b - 1) == Some(Kind::End) && doc.quote_at(b - 1).is_none()))
        {
            b -= 1;
        }
        // Marks that open and close the whole content are not content.
        if b > a + 1
            && matches!(doc.kind(a), Some(Kind::Quote(_)))
            && matches!(doc.kind(b - 1), Some(Kind::Quote(_)))
        {
            a += 1;
            b -= 1;
        }
        if (a, b) == before {
            break;
        }
    }
    (a < b && (a..b).any(|k| doc.is_word(k))).then_some((a, b))
}

/// Kind of the content `a..b`, and whether marks delimit it.
fn kind_of(doc: &Doc<'_>, a: usize, b: usize) -> (QuoteKind, bool) {
    let inside = (a..b)
        .filter(|&k| doc.is_word(k) && doc.quote_at(k).is_some())
        .count();
    let total = (a..b).filter(|&k| doc.is_word(k)).count();
    if total > 0 && inside == total {
        return (QuoteKind::Direct, true);
    }
    if inside > 0 {
        return (QuoteKind::Mixed, true);
    }
    if doc.stripped {
        // Stripped text: the first or second person marks direct speech.
        let first_person = (a..b).any(|k| doc.pronoun(k).is_some_and(|p| p.is_speech_person()));
        let reported = doc.norm(a.saturating_sub(1)) == "that";
        if first_person && !reported {
            return (QuoteKind::Direct, false);
        }
    }
    (QuoteKind::Indirect, false)
}

#[cfg(test)]
mod tests;
