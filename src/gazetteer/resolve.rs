//! From raw key matches to mentions: the rules that need the document.
//!
//! Walking the matches in document order, each candidate form is checked
//! against the document:
//!
//! * a case-sensitive form (`US`, `WHO`) needs a cased document and the same
//!   capitalisation in the text;
//! * a form that is an English word (`May`, `Brown`, `Turkey`) needs a
//!   capital letter in a cased document; in an uncased document a short form
//!   or alias that is a word needs the entity to have been named in full
//!   earlier in the document;
//! * explicit forms (names, aliases) win over generated short forms.
//!
//! What is left may still name several entries (`Assad` for Bashar and
//! Hafez al-Assad). The entry the document most recently named in full wins;
//! failing that, the one with the highest weight; failing that, the mention
//! is ambiguous and lists its candidates.

use std::collections::HashMap;
use std::sync::Arc;

use super::automaton::{AliasRef, Automaton, RawMatch};
use super::entry::Entry;
use super::forms::Origin;
use crate::text::{Casing, FoldedText};

/// A mention of a gazetteer entry in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Match {
    /// Byte span in the original text.
    pub start: usize,
    pub end: usize,
    /// The entry meant, or `None` when the mention is ambiguous.
    pub entry: Option<Arc<Entry>>,
    /// Every entry the form could name after the document's rules, best
    /// first; empty when only one entry has the form.
    pub candidates: Vec<Arc<Entry>>,
    /// The form that matched, as written in the dictionary (or generated).
    pub alias: Arc<str>,
    /// Whether the form names the entity in full.
    pub full: bool,
}

impl Match {
    /// Whether the mention could not be resolved to one entry.
    pub fn is_ambiguous(&self) -> bool {
        self.entry.is_none()
    }
}

/// Whether the letters of `span` have the same capitalisation as those of
/// `form` (both already known to fold to the same key).
fn same_capitalisation(span: &str, form: &str) -> bool {
    let mut a = span.chars().filter(|c| c.is_alphabetic());
    let mut b = form.chars().filter(|c| c.is_alphabetic());
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.is_uppercase() == y.is_uppercase() => {}
            _ => return false,
        }
    }
}

fn starts_with_capital(span: &str) -> bool {
    span.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
}

/// Resolves raw matches of one document into mentions.
pub fn resolve(
    automaton: &Automaton,
    text: &str,
    folded: &FoldedText,
    casing: Casing,
    raw: &[RawMatch],
    out: &mut Vec<Match>,
) {
    // entry index -> position (in `out`) of its latest full mention
    let mut introduced: HashMap<u32, usize> = HashMap::new();
    let mut allowed: Vec<&AliasRef> = Vec::new();
    for m in raw {
        let slot = &automaton.slots[m.slot as usize];
        let start = folded.original_start(m.start);
        let end = folded.original_end(m.end);
        let span = &text[start..end];
        allowed.clear();
        for alias in &slot.aliases {
            let ok = if alias.case_sensitive {
                casing == Casing::Cased && same_capitalisation(span, &alias.form)
            } else if alias.word {
                match casing {
                    Casing::Cased => starts_with_capital(span),
                    Casing::Uncased => {
                        alias.origin == Origin::Name || introduced.contains_key(&alias.entry)
                    }
                }
            } else {
                true
            };
            if ok {
                allowed.push(alias);
            }
        }
        // Explicit forms win over generated ones.
        if allowed.iter().any(|a| a.origin != Origin::Generated) {
            allowed.retain(|a| a.origin != Origin::Generated);
        }
        let chosen: Option<&AliasRef> = match allowed.len() {
            0 => continue,
            1 => Some(allowed[0]),
            _ => choose(automaton, &allowed, &introduced),
        };
        let candidates = if allowed.len() > 1 {
            let mut c: Vec<&AliasRef> = allowed.clone();
            let weight = |a: &AliasRef| automaton.entries[a.entry as usize].weight_or_default();
            c.sort_by(|x, y| weight(y).total_cmp(&weight(x)));
            c.iter()
                .map(|a| automaton.entries[a.entry as usize].clone())
                .collect()
        } else {
            Vec::new()
        };
        let alias = chosen.unwrap_or(allowed[0]);
        if let Some(a) = chosen {
            if a.full {
                introduced.insert(a.entry, out.len());
            }
        }
        out.push(Match {
            start,
            end,
            entry: chosen.map(|a| automaton.entries[a.entry as usize].clone()),
            candidates,
            alias: alias.form.clone(),
            full: alias.full,
        });
    }
}

/// Picks one of several allowed forms: the entry named in full most
/// recently, else the single highest weight, else none.
fn choose<'a>(
    automaton: &Automaton,
    allowed: &[&'a AliasRef],
    introduced: &HashMap<u32, usize>,
) -> Option<&'a AliasRef> {
    let recent = allowed
        .iter()
        .filter_map(|a| introduced.get(&a.entry).map(|&pos| (pos, *a)))
        .max_by_key(|&(pos, _)| pos);
    if let Some((_, a)) = recent {
        return Some(a);
    }
    let weight = |a: &AliasRef| automaton.entries[a.entry as usize].weight_or_default();
    let best = allowed
        .iter()
        .map(|a| weight(a))
        .fold(f64::NEG_INFINITY, f64::max);
    let mut top = allowed.iter().filter(|a| weight(a) == best);
    match (top.next(), top.next()) {
        (Some(a), None) => Some(*a),
        _ => None,
    }
}
