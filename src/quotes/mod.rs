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

/// A set of words as a test `$test(word)` (a match on the words as string
/// literals, which compares a word's length and bytes inline, where
/// `slice.contains` calls `memcmp` for each word of its length), and, with
/// a name for it, also as a slice `$list`, both from one list.
macro_rules! word_list {
    ($(#[$doc:meta])* fn $test:ident, [$($w:literal),* $(,)?]) => {
        $(#[$doc])*
        #[inline]
        fn $test(word: &str) -> bool {
            matches!(word, $($w)|*)
        }
    };
    ($list:ident, $test:ident, [$($w:literal),* $(,)?]) => {
        const $list: &[&str] = &[$($w),*];
        word_list!(fn $test, [$($w),*]);
    };
}

pub mod coref;
pub mod cues;
pub mod doc;
pub mod lexicon;
pub mod marks;
pub mod model;
pub mod rules;
pub mod select;
pub mod sentences;
pub mod speakers;
pub mod tokens;
pub mod trace;
pub mod unmarked;

use std::sync::Arc;

use coref::Tracker;
use doc::Doc;
use lexicon::Lexicon;
pub use rules::Rule;
use rules::{Attribution, Source};
use speakers::Head;
use tokens::Kind;
pub use unmarked::Form;

use crate::gazetteer::{find_with_casing, Automaton, Match};
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
    models: Arc<model::Models>,
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
        QuoteExtractor {
            options,
            lexicon,
            models: model::Models::builtin(),
        }
    }

    /// The same extractor with other models (weight files in the format of
    /// `model/weights/`): for training and evaluating new weights without
    /// rebuilding.
    pub fn with_models(
        mut self,
        acceptance: &str,
        speaker: &str,
        confidence: &str,
    ) -> crate::error::Result<Self> {
        self.models = Arc::new(model::Models::from_files(acceptance, speaker, confidence)?);
        Ok(self)
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
        self.run(text, gazetteer, casing, false).0
    }

    /// What the models saw while analysing `text`: every candidate with its
    /// features, probability and fate, in Python `str` offsets. The training
    /// script (`scripts/train_models.py`) learns the weights from it.
    pub fn trace(
        &self,
        text: &str,
        gazetteer: Option<&Automaton>,
        casing: Option<Casing>,
    ) -> trace::Trace {
        self.run(text, gazetteer, casing, true).1.expect("recorded")
    }

    fn run(
        &self,
        text: &str,
        gazetteer: Option<&Automaton>,
        casing: Option<Casing>,
        record: bool,
    ) -> (Analysis, Option<trace::Trace>) {
        // (The gazetteer's scan folds the text and counts its letters on
        // the way: the casing is read from that count, not from a second
        // pass over the text.)
        let (mentions, casing) = match gazetteer {
            Some(a) => find_with_casing(a, text, casing),
            None => (Vec::new(), casing.unwrap_or_else(|| casing_of(text))),
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
        let models = &*self.models;
        let mut scorer = select::Scorer::new(&models.acceptance, record);
        let mut attributions = rules::attribute(&doc, &mut scorer);
        // (Cased unmarked text uses the voice while its marks are
        // recovered, `unmarked.rs`; this rule is for stripped text.)
        if self.options.unmarked_speech && casing == Casing::Uncased {
            rules::unmarked_speech::unmarked_speech(&doc, &mut attributions, &mut scorer);
        }
        let mut speaker_trace = record.then(Vec::new);
        let mut quote_trace = record.then(Vec::new);
        let quotes = assemble(
            &doc,
            &attributions,
            &entries,
            models,
            speaker_trace.as_mut(),
            quote_trace.as_mut(),
        );
        let sentences = doc
            .sentences
            .iter()
            .map(|s| Span {
                start: doc.tok(s.start).start,
                end: doc.tok(s.end - 1).end,
            })
            .collect();
        let trace = scorer.trace.take().map(|candidates| {
            trace::Trace::new(
                &doc,
                candidates,
                speaker_trace.unwrap_or_default(),
                quote_trace.unwrap_or_default(),
            )
        });
        let analysis = Analysis {
            quotes,
            mentions: doc.mentions,
            sentences,
            casing: Some(casing),
            form: Some(doc.form),
        };
        (analysis, trace)
    }
}

/// Resolves speakers (in list order: sources come before the attributions
/// that inherit from them) and builds the quotes, sorted by position.
fn assemble(
    doc: &Doc<'_>,
    attributions: &[Attribution],
    entries: &[Option<(u32, &crate::gazetteer::Entry)>],
    models: &model::Models,
    mut speaker_trace: Option<&mut Vec<trace::SpeakerChoice>>,
    mut quote_trace: Option<&mut Vec<trace::QuoteConfidence>>,
) -> Vec<Quote> {
    let speaker_model = &models.speaker;
    let mut tracker = Tracker::new(doc, entries);
    // For each attribution: resolved entity and certainty, speaker span.
    // Speaker phrases first, in document order (a pronoun looks back at
    // the speakers resolved before it, whichever pass found them); then
    // inherited speakers, in list order (a source comes before its heirs).
    // (One feature buffer for every candidate speaker, and one for every
    // quote's confidence: cleared, not allocated, per use.)
    let mut speaker_features = model::Features::new(speaker_trace.is_some());
    let mut confidence_features = model::Features::new(quote_trace.is_some());
    let mut resolved: Vec<(Option<usize>, f32, Option<Span>)> =
        vec![(None, 0.3, None); attributions.len()];
    // How each attribution's speaker was found: the head of its phrase.
    let mut heads: Vec<&'static str> = vec!["none"; attributions.len()];
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
        // Training by self-supervision: a name the rules resolve for
        // certain to a person named before is also read as `he`/`she` or
        // `the <role>` would have been, from the state before it.
        let snapshot = (speaker_trace.is_some()
            && matches!(p.head, speakers::Head::Mention(_) | speakers::Head::Name(_)))
        .then(|| tracker.clone());
        let res = tracker.resolve(doc, p, entries);
        if let (Some(before), Some(e), Some(t)) =
            (snapshot, res.entity, speaker_trace.as_deref_mut())
        {
            if res.certainty >= 0.9 && before.referred_before(e, p.head_range.start) {
                for hidden in model::speaker::hidden_forms(doc, &before, e, p.head_range.clone()) {
                    let mut t2 = before.clone();
                    let r2 = t2.resolve(doc, &hidden, entries);
                    let cands = t2.speaker_candidates(doc, p.head_range.start, r2.entity);
                    let Some(truth) = cands.iter().position(|c| c.entity == Some(e)) else {
                        continue;
                    };
                    let label = model::speaker::HeadLabel::of(doc, &hidden, true);
                    let listed = cands
                        .iter()
                        .map(|c| {
                            let mut f = model::Features::new(true);
                            model::speaker::features(doc, &t2, &hidden, label, c, true, &mut f);
                            let m = speaker_model.margin(&f);
                            (
                                t2.candidate_name(doc, &hidden, c).to_string(),
                                f.names().to_vec(),
                                m,
                                c.rule_choice,
                            )
                        })
                        .collect();
                    let mut choice =
                        trace::SpeakerChoice::new(&attributions[i], &hidden, listed, None);
                    choice.truth = Some(truth);
                    t.push(choice);
                }
            }
        }
        let mut entity = res.entity;
        let mut certainty = res.certainty;
        // Pronouns, role nouns and descriptions: the speaker model weighs
        // the rules' resolution against the other candidates.
        let record = speaker_trace.is_some();
        if model::speaker::ranks(p) && (!speaker_model.is_empty() || record) {
            let cands = tracker.speaker_candidates(doc, p.head_range.start, res.entity);
            let mut margins = Vec::with_capacity(cands.len());
            let mut names = Vec::new();
            let label = model::speaker::HeadLabel::of(doc, p, false);
            let f = &mut speaker_features;
            // A model that never overrides the rules only tells how sure
            // their choice is: the other candidates need no score then.
            let only_rule = speaker_model.override_margin.is_infinite() && !record;
            for c in &cands {
                if only_rule && !c.rule_choice {
                    margins.push(f32::NEG_INFINITY);
                    continue;
                }
                f.clear();
                model::speaker::features(doc, &tracker, p, label, c, false, f);
                margins.push(speaker_model.margin(f));
                if record {
                    names.push(f.names().to_vec());
                }
            }
            let rule = cands.iter().position(|c| c.rule_choice);
            let best = if speaker_model.is_empty() {
                rule
            } else {
                (0..cands.len()).max_by(|&a, &b| margins[a].total_cmp(&margins[b]).then(b.cmp(&a)))
            };
            if let Some(t) = speaker_trace.as_deref_mut() {
                t.push(trace::SpeakerChoice::new(
                    &attributions[i],
                    p,
                    cands
                        .iter()
                        .zip(names)
                        .zip(&margins)
                        .map(|((c, f), &m)| {
                            (
                                tracker.candidate_name(doc, p, c).to_string(),
                                f,
                                m,
                                c.rule_choice,
                            )
                        })
                        .collect(),
                    best,
                ));
            }
            if let Some(mut b) = best {
                if !speaker_model.is_empty() {
                    // Another candidate replaces the rules' choice only when
                    // it scores clearly better.
                    if let Some(r) = rule {
                        if margins[b] - margins[r] <= speaker_model.override_margin {
                            b = r;
                        }
                    }
                    if Some(b) != rule {
                        entity = tracker.reassign(doc, p, res.entity, cands[b].entity);
                    }
                    certainty = model::sigmoid(margins[b]);
                }
            }
        }
        let span = Span {
            start: doc.tok(p.head_range.start).start,
            end: doc.tok(p.head_range.end - 1).end,
        };
        resolved[i] = (entity, certainty, Some(span));
        heads[i] = match p.head {
            Head::Mention(_) => "mention",
            Head::Name(_) => "name",
            Head::Pronoun(_) => "pronoun",
            Head::Role { .. } => "role",
            Head::Other => "other",
        };
    }
    for (i, a) in attributions.iter().enumerate() {
        if let Source::Inherit(src) = a.speaker {
            if src < i {
                let (e, c, _) = resolved[src];
                resolved[i] = (e, c, None);
                heads[i] = heads[src];
            }
        }
    }
    let mut quotes: Vec<Quote> = attributions
        .iter()
        .zip(&resolved)
        .zip(&heads)
        .filter_map(|((a, &(entity, certainty, speaker)), &head)| {
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
            let evidence = model::confidence::Evidence {
                head,
                inherited: matches!(a.speaker, Source::Inherit(_)),
                entity: entity.map(|e| tracker.entities[e].kind),
                certainty,
                linked: speaker_entry.is_some(),
            };
            let confidence = if models.confidence.is_empty() && quote_trace.is_none() {
                model::confidence::fallback(a.confidence, &evidence)
            } else {
                let f = &mut confidence_features;
                f.clear();
                model::confidence::features(a.rule, a.confidence, &evidence, f);
                let p = if models.confidence.is_empty() {
                    model::confidence::fallback(a.confidence, &evidence)
                } else {
                    models.confidence.probability(f)
                };
                if let Some(t) = quote_trace.as_deref_mut() {
                    t.push(trace::QuoteConfidence {
                        content: (content.start, content.end),
                        speaker_name: speaker_name.clone(),
                        features: f.names().to_vec(),
                        confidence: p,
                    });
                }
                p
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
                confidence,
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
    // (One pass: the words, and those inside quotation marks.)
    let (mut inside, mut total) = (0usize, 0usize);
    for k in a..b {
        if doc.is_word(k) {
            total += 1;
            inside += usize::from(doc.quote_at(k).is_some());
        }
    }
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
