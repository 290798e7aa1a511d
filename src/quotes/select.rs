//! The choice among candidate attributions: candidates overlap (`X said Y
//! stressed Z, the source said`), and at most one attribution holds each
//! word.

use super::rules::{Attribution, Rule, Source};

fn cue_start(a: &Attribution) -> usize {
    a.cue.as_ref().map_or(a.content.start, |c| c.start)
}

/// Keeps the outermost, most specific attributions that do not overlap.
pub fn select(cands: Vec<Attribution>) -> Vec<Attribution> {
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
    accepted
        .iter()
        .map(|&i| {
            let mut a = cands[i].clone();
            if let Source::Inherit(j) = a.speaker {
                a.speaker = Source::Inherit(position[&j]);
            }
            a
        })
        .collect()
}
