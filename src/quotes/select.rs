//! The choice among candidate attributions: candidates overlap (`X said Y
//! stressed Z, the source said`), and at most one attribution holds each
//! word.

use rustc_hash::FxHashMap;

use super::doc::Doc;
use super::model::acceptance::{features, Situation};
use super::model::{Features, LinearModel};
use super::rules::{Attribution, Rule, Source};

/// One candidate as the acceptance model saw it (kept for training).
#[derive(Clone, Debug)]
pub struct CandidateTrace {
    pub rule: Rule,
    /// Token ranges of the content, the cue and the speaker phrase's head.
    pub content: std::ops::Range<usize>,
    pub cue: Option<std::ops::Range<usize>>,
    pub speaker: Option<std::ops::Range<usize>>,
    pub first_choice: bool,
    /// Whether the model decides candidates of this rule.
    pub learned: bool,
    pub features: Vec<(String, f32)>,
    pub probability: f32,
    pub accepted: bool,
}

/// Gives candidates their probability with the acceptance model (or, with
/// no trained model, the rules' own choice at the rule's weight), and
/// records them when asked.
pub struct Scorer<'m> {
    model: &'m LinearModel,
    pub trace: Option<Vec<CandidateTrace>>,
    /// The features of the candidate being scored (one buffer, reused).
    buf: Features,
}

impl<'m> Scorer<'m> {
    pub fn new(model: &'m LinearModel, record: bool) -> Scorer<'m> {
        Scorer {
            model,
            trace: record.then(Vec::new),
            buf: Features::new(record),
        }
    }

    /// The probability of `a`; its trace index is `self.trace.len() - 1`
    /// after the call when recording.
    pub fn score(&mut self, doc: &Doc<'_>, a: &Attribution, s: &Situation) -> f32 {
        let recording = self.trace.is_some();
        let decides = !self.model.is_empty() && a.rule.learned();
        if decides || recording {
            self.buf.clear();
            features(doc, a, s, &mut self.buf);
        }
        let p = if decides {
            self.model.probability(&self.buf)
        } else if s.first_choice {
            a.confidence
        } else {
            0.0
        };
        if let Some(t) = &mut self.trace {
            t.push(CandidateTrace {
                rule: a.rule,
                content: a.content.clone(),
                cue: a.cue.clone(),
                speaker: match &a.speaker {
                    Source::Phrase(p) => Some(p.head_range.clone()),
                    _ => None,
                },
                first_choice: s.first_choice,
                learned: a.rule.learned(),
                features: self.buf.names().to_vec(),
                probability: p,
                accepted: false,
            });
        }
        p
    }

    /// Scores a candidate that no other competes with (the rules without a
    /// cue offer theirs one by one); returns it with its probability if the
    /// model takes it, recorded as taken.
    pub fn offer(
        &mut self,
        doc: &Doc<'_>,
        mut a: Attribution,
        s: &Situation,
    ) -> Option<Attribution> {
        let index = self.next_index();
        a.confidence = self.score(doc, &a, s);
        if a.confidence < self.threshold() {
            return None;
        }
        self.accept(index);
        Some(a)
    }

    /// Marks the recorded candidate at `index` (from [`Scorer::next_index`]) as
    /// accepted.
    pub fn accept(&mut self, index: Option<usize>) {
        if let (Some(t), Some(i)) = (&mut self.trace, index) {
            t[i].accepted = true;
        }
    }

    /// Candidates given at least this probability are kept (when nothing
    /// they overlap is more probable): the acceptance model's threshold.
    pub fn threshold(&self) -> f32 {
        if self.model.is_empty() {
            0.5
        } else {
            self.model.threshold
        }
    }

    /// The index the next recorded candidate gets.
    pub fn next_index(&self) -> Option<usize> {
        self.trace.as_ref().map(Vec::len)
    }
}

fn cue_start(a: &Attribution) -> usize {
    a.cue.as_ref().map_or(a.content.start, |c| c.start)
}

/// Keeps the outermost, most probable attributions that do not overlap.
pub fn select(
    doc: &Doc<'_>,
    mut cands: Vec<Attribution>,
    scorer: &mut Scorer<'_>,
) -> Vec<Attribution> {
    let n = cands.len();
    // A candidate whose cue lies inside another's content is framed by it
    // (`X said Y stressed Z`). When two frame each other (`Trump and Putin
    // stressed …, the White House said`), the later cue — the one that
    // closes the sentence — is the frame.
    // `According to the Kremlin, Putin told Trump that …`: the source
    // phrase does not frame a speaker who opens its content.
    let sourced = |outer: &Attribution, inner: &Attribution| {
        outer.rule == Rule::AccordingTo
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
                // (Framing is the rules' own reading: by their first choices.)
                o.first_choice
                    && contains(o, &cands[i])
                    && !(contains(&cands[i], o) && cue_start(&cands[i]) > cue_start(o))
            })
        })
        .collect();
    // Candidates per cue, and the probability of each.
    // (The maps below are read by key only, never in their order: each is
    // made with room for every candidate, so that none grows.)
    let mut rivals: FxHashMap<usize, usize> = sized(n);
    for a in &cands {
        if let Some(c) = &a.cue {
            *rivals.entry(c.start).or_insert(0) += 1;
        }
    }
    // The rules read the same words under other cues too (`“A,” she said.
    // “B,” he replied.`: B is a split quote of `said` and a quote of
    // `replied`): which rules did, for each content start.
    let mut readings: FxHashMap<usize, Vec<(Rule, Option<usize>)>> = sized(n);
    for a in cands.iter().filter(|a| a.first_choice) {
        readings
            .entry(a.content.start)
            .or_default()
            .push((a.rule, a.cue.as_ref().map(|c| c.start)));
    }
    // Candidates with the same words (`“…,” Trump said` read by quote-cue
    // and by cue-after) are one quote; the rules' first choice stands for
    // them (below).
    // (Each candidate's first and last word, found once.)
    let words: Vec<(Option<usize>, Option<usize>)> = cands
        .iter()
        .map(|a| {
            let first = (a.content.start..a.content.end).find(|&k| doc.is_word(k));
            let last = (a.content.start..a.content.end)
                .rev()
                .find(|&k| doc.is_word(k));
            (first, last)
        })
        .collect();
    let mut first_of: FxHashMap<(Option<usize>, Option<usize>), usize> = sized(n);
    for (i, a) in cands.iter().enumerate() {
        if a.first_choice {
            first_of.entry(words[i]).or_insert(i);
        }
    }
    let threshold = scorer.threshold();
    let recording = scorer.next_index().is_some();
    // Where each candidate's record is in the trace, when recording.
    let mut traced: Vec<Option<usize>> = vec![None; n];
    // The rules' first choices are scored first: another reading of the
    // same words as a first choice that is taken needs no score of its own
    // (it would give way to the first choice), unless the scores are
    // recorded for training.
    for pass in [true, false] {
        for i in 0..n {
            if cands[i].first_choice != pass {
                continue;
            }
            if !pass && !recording {
                if let Some(&f) = first_of.get(&words[i]) {
                    if cands[f].confidence >= threshold {
                        cands[i].confidence = cands[f].confidence - 1e-6;
                        continue;
                    }
                }
            }
            let a = &cands[i];
            let cue = a.cue.as_ref().map(|c| c.start);
            let contested_by = readings.get(&a.content.start).and_then(|v| {
                v.iter()
                    .find(|(r, c)| *c != cue && *r != a.rule)
                    .map(|(r, _)| *r)
            });
            let s = Situation {
                first_choice: a.first_choice,
                framed: inner[i],
                rivals: a.cue.as_ref().map_or(1, |c| rivals[&c.start]),
                source_rule: None,
                paragraphs_back: 0,
                contested_by,
                ..Situation::default()
            };
            traced[i] = scorer.next_index();
            cands[i].confidence = scorer.score(doc, &cands[i], &s);
        }
    }
    // The two parts of a parenthetical (`The economy, he said, is
    // slowing`) are one quote cut by its attribution: the first part is
    // taken with the second.
    for i in 0..n {
        if let (Rule::Parenthetical, Source::Inherit(j)) = (cands[i].rule, &cands[i].speaker) {
            let j = *j;
            if cands[i].confidence > cands[j].confidence {
                cands[j].confidence = cands[i].confidence;
            }
        }
    }
    let mut order: Vec<usize> = (0..n)
        .filter(|&i| cands[i].confidence >= threshold)
        .collect();
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
    // (Room for every candidate: pushed one by one, it would grow.)
    let mut accepted: Vec<usize> = Vec::with_capacity(n);
    // An attribution that takes its speaker from another (`split-quote`, a
    // parenthetical's second part) waits for its source to be decided.
    let mut waiting: Vec<usize> = Vec::new();
    // Participles whose lender was not taken (below), and whether candidate
    // `i` is a participle that can go on with lender `j`'s speaker phrase.
    let mut orphans: Vec<usize> = Vec::new();
    let lends_phrase = |i: usize, j: usize| {
        cands[i].rule == Rule::Participle && matches!(cands[j].speaker, Source::Phrase(_))
    };
    let mut decided = vec![false; n];
    let take = |i: usize, covered: &mut std::collections::BTreeMap<usize, usize>| -> bool {
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
        !(overlaps || cue_inside || a.content.is_empty())
    };
    let mut used_cues: FxHashMap<usize, usize> = sized(n);
    // Whom each heir inherits from: its source, or the candidate taken in
    // its source's place, with the same words and cue (`Meeting the costs is
    // hard, she said, especially for …`: cue-after takes the first part,
    // and the parenthetical's second part goes on from it).
    let mut source_of: Vec<Option<usize>> = cands
        .iter()
        .map(|a| match a.speaker {
            Source::Inherit(j) => Some(j),
            _ => None,
        })
        .collect();
    // (Taken candidates with a cue, by their words and cue: one look-up
    // per heir.)
    type Key = (Option<usize>, Option<usize>, usize);
    let key_of = |i: usize| -> Option<Key> {
        cands[i]
            .cue
            .as_ref()
            .map(|c| (words[i].0, words[i].1, c.start))
    };
    let mut taken: FxHashMap<Key, usize> = sized(n);
    let stand_in = |j: usize, is_accepted: &[bool], taken: &FxHashMap<Key, usize>| {
        if is_accepted[j] {
            return Some(j);
        }
        taken.get(&key_of(j)?).copied()
    };
    for &i in &order {
        if let Some(j) = source_of[i] {
            if !decided[j] {
                waiting.push(i);
                continue;
            }
            match stand_in(j, &is_accepted, &taken) {
                Some(k) => source_of[i] = Some(k),
                None => {
                    decided[i] = true;
                    if lends_phrase(i, j) {
                        orphans.push(i);
                    }
                    continue;
                }
            }
        }
        decided[i] = true;
        // One cue, one reading: a cue taken by a candidate is not taken
        // again by another rule's (its heirs, which share it, go through
        // the branch above).
        let heir_of = |user: usize| source_of[i] == Some(user);
        let cue_used = cands[i]
            .cue
            .as_ref()
            .and_then(|c| used_cues.get(&c.start))
            .is_some_and(|&user| !heir_of(user));
        if !cue_used && take(i, &mut covered) {
            covered.insert(cands[i].content.start, cands[i].content.end);
            accepted.push(i);
            is_accepted[i] = true;
            if let Some(k) = key_of(i) {
                taken.entry(k).or_insert(i);
            }
            if let Some(c) = &cands[i].cue {
                used_cues.entry(c.start).or_insert(i);
            }
        }
    }
    for &i in &waiting {
        let Some(j) = source_of[i] else {
            continue;
        };
        let Some(k) = stand_in(j, &is_accepted, &taken) else {
            if lends_phrase(i, j) {
                orphans.push(i);
            }
            continue;
        };
        if take(i, &mut covered) {
            source_of[i] = Some(k);
            covered.insert(cands[i].content.start, cands[i].content.end);
            accepted.push(i);
            is_accepted[i] = true;
            if let Some(key) = key_of(i) {
                taken.entry(key).or_insert(i);
            }
        }
    }
    // `calling it a “global takeover.” Sparkes also criticized the prime
    // minister, saying he's …`: a participle whose lender was no quote
    // still has the lender's speaker (the sentence's subject).
    let mut lent: FxHashMap<usize, usize> = FxHashMap::default();
    for &i in &orphans {
        if let Some(j) = source_of[i] {
            if take(i, &mut covered) {
                covered.insert(cands[i].content.start, cands[i].content.end);
                accepted.push(i);
                is_accepted[i] = true;
                source_of[i] = None;
                lent.insert(i, j);
            }
        }
    }
    // Of candidates with the same words (`“…,” Trump said` read by
    // quote-cue and by cue-after), the rules' first choice stands for the
    // one taken: they are one quote, and the rules know better how it is
    // built and who says it.
    accepted.sort_by_key(|&i| cands[i].content.start);
    // The accepted heirs of each accepted source (read once: a scan of all
    // candidates per swap below would be quadratic on long documents).
    let mut heirs: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for &h in &accepted {
        if let Some(j) = source_of[h] {
            heirs.entry(j).or_default().push(h);
        }
    }
    for slot in accepted.iter_mut() {
        let i = *slot;
        let Some(&f) = first_of.get(&words[i]) else {
            continue;
        };
        let source_ok = source_of[f].is_none_or(|j| is_accepted[j]);
        if f != i && !is_accepted[f] && source_ok {
            cands[f].confidence = cands[i].confidence.max(cands[f].confidence);
            is_accepted[i] = false;
            is_accepted[f] = true;
            *slot = f;
            // Its heirs go on from the one standing in (`when told of the
            // statement , he said , i ve never said …`: the parenthetical's
            // second part, after cue-after took the first).
            for &h in heirs.get(&i).map_or(&[][..], Vec::as_slice) {
                if source_of[h] == Some(i) {
                    source_of[h] = Some(f);
                }
            }
        }
    }
    // (An heir whose source was replaced keeps nothing to inherit from.)
    accepted.retain(|&i| source_of[i].is_none_or(|j| is_accepted[j]));
    for &i in &accepted {
        scorer.accept(traced[i]);
    }
    accepted.sort_by_key(|&i| cands[i].content.start);
    let position: FxHashMap<usize, usize> = accepted
        .iter()
        .enumerate()
        .map(|(pos, &i)| (i, pos))
        .collect();
    accepted
        .iter()
        .map(|&i| {
            let mut a = cands[i].clone();
            if let Some(j) = source_of[i] {
                a.speaker = Source::Inherit(position[&j]);
            }
            if let Some(&j) = lent.get(&i) {
                a.speaker = cands[j].speaker.clone();
            }
            a
        })
        .collect()
}

/// An empty map with room for `n` entries.
fn sized<K, V>(n: usize) -> FxHashMap<K, V> {
    FxHashMap::with_capacity_and_hasher(n, Default::default())
}
