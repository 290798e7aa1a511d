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
//!   earlier in the document, and a context in which the word reads as a
//!   name (`may said`, `prime minister may`, `may s`, but not `may fail`);
//!   a capitalised alias or short form at the start of a sentence (`Young
//!   people ...`) needs the same context or an earlier full mention;
//! * explicit forms (names, aliases) win over generated short forms;
//! * an entry declared `case_sensitive: false` is exempt from the word rules.
//!
//! What is left may still name several entries (`Assad` for Bashar and
//! Hafez al-Assad). The entry the document most recently named in full wins;
//! failing that, the one with the highest weight; failing that, the mention
//! is ambiguous and lists its candidates.

use std::sync::Arc;

use super::automaton::{AliasRef, Automaton, RawMatch};
use super::entry::Entry;
use super::forms::Origin;
use super::words::is_title;
use crate::text::{Casing, FoldedText};

/// A mention of a gazetteer entry in a text, as indices into the
/// [`Automaton`] that found it (cheap to make and to send between threads:
/// no reference count is touched). [`Automaton::mention`] turns it into a
/// self-contained [`Mention`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// Byte span in the original text.
    pub start: usize,
    pub end: usize,
    /// Index of the entry meant, or `None` when the mention is ambiguous.
    pub entry: Option<u32>,
    /// Indices of every entry the form could name after the document's
    /// rules, best first; empty when only one entry has the form.
    pub candidates: Vec<u32>,
    /// The key's slot and the index of the matched form among its aliases.
    pub slot: u32,
    pub form: u32,
    /// Whether the form names the entity in full.
    pub full: bool,
}

impl Match {
    /// Whether the mention could not be resolved to one entry.
    pub fn is_ambiguous(&self) -> bool {
        self.entry.is_none()
    }
}

/// A mention of a gazetteer entry in a text, self-contained.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Byte span in the original text.
    pub start: usize,
    pub end: usize,
    /// The entry meant, or `None` when the mention is ambiguous.
    pub entry: Option<Arc<Entry>>,
    /// Every entry the form could name, best first; empty when only one
    /// entry has the form.
    pub candidates: Vec<Arc<Entry>>,
    /// The form that matched, as written in the dictionary (or generated).
    pub alias: Arc<str>,
    /// Whether the form names the entity in full.
    pub full: bool,
}

impl Mention {
    /// Whether the mention could not be resolved to one entry.
    pub fn is_ambiguous(&self) -> bool {
        self.entry.is_none()
    }
}

impl Automaton {
    /// The entry at `index`.
    pub fn entry(&self, index: u32) -> &Arc<Entry> {
        &self.entries[index as usize]
    }

    /// The matched form of `m`, as written.
    pub fn form(&self, m: &Match) -> &Arc<str> {
        &self.slots[m.slot as usize].aliases[m.form as usize].form
    }

    /// The form at index `form` of key `slot`, as written.
    pub fn form_at(&self, slot: u32, form: u32) -> &str {
        &self.slots[slot as usize].aliases[form as usize].form
    }

    /// `m` with its entries and form resolved.
    pub fn mention(&self, m: &Match) -> Mention {
        Mention {
            start: m.start,
            end: m.end,
            entry: m.entry.map(|e| self.entry(e).clone()),
            candidates: m
                .candidates
                .iter()
                .map(|&e| self.entry(e).clone())
                .collect(),
            alias: self.form(m).clone(),
            full: m.full,
        }
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

/// Words that follow a name far more often than the same word in its
/// ordinary sense: reporting verbs, auxiliaries, the stripped possessive.
const NAME_FOLLOWERS: &[&str] = &[
    "s",
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "asked",
    "asks",
    "argued",
    "wrote",
    "writes",
    "tweeted",
    "posted",
    "announced",
    "insisted",
    "warned",
    "stressed",
    "noted",
    "replied",
    "responded",
    "explained",
    "claimed",
    "denied",
    "himself",
    "herself",
    "who",
    "whose",
    "met",
    "spoke",
    "urged",
    "administration",
    "campaign",
    "government",
    "aides",
    "spokesman",
    "spokeswoman",
];

/// Roles written before a name, besides the [`TITLES`](super::words::TITLES).
const ROLES: &[&str] = &[
    "minister",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "governor",
    "gov.",
    "chancellor",
    "secretary",
    "leader",
    "premier",
    "mayor",
    "judge",
    "justice",
    "coach",
    "candidate",
    "rival",
    "congressman",
    "congresswoman",
];

/// The word (or single punctuation character) next to a folded span:
/// after `end` when `after`, else before `start`. Empty at the text's edge.
fn neighbour(folded: &str, start: usize, end: usize, after: bool) -> &str {
    let word = |c: char| crate::text::chars::is_word_char(c) || c == '.';
    if after {
        let rest = folded[end..].trim_start_matches(' ');
        let n = rest.find(|c: char| !word(c)).unwrap_or(rest.len());
        if n == 0 {
            rest.chars().next().map_or("", |c| &rest[..c.len_utf8()])
        } else {
            &rest[..n]
        }
    } else {
        let before = folded[..start].trim_end_matches(' ');
        let n = before.rfind(|c: char| !word(c)).map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
        &before[n..]
    }
}

/// Whether a word form in an uncased document stands where a name stands.
fn reads_as_name(folded: &str, start: usize, end: usize) -> bool {
    let next = neighbour(folded, start, end, true);
    let next_is_punct = next.is_empty() || !next.chars().any(crate::text::chars::is_word_char);
    let before = neighbour(folded, start, end, false);
    next_is_punct
        || NAME_FOLLOWERS.contains(&next)
        || is_title(before)
        || ROLES.contains(&before)
        // `. trump will`, `with may and`: a clause word after, and before it
        // the sentence's start or a word that takes a person (not `the
        // trump card`, `brown rice is`).
        || (CLAUSE_FOLLOWERS.contains(&next)
            && (before.is_empty()
                || !before.chars().any(crate::text::chars::is_word_char)
                || matches!(before, "and" | "with" | "by" | "between")))
        // `told trump that`, `met may in`
        || (NAME_OBJECT_OF.contains(&before) && !next.is_empty())
}

/// Whether a word form stands where only a name does, even with no full
/// mention before it: right before a reporting verb in the past or third
/// person (`trump said`, `may told`), with no determiner or possessive
/// before it (`the cook said` is a cook), or alone after one at the end of
/// a clause (`, said trump .`).
fn subject_of_report(folded: &str, start: usize, end: usize) -> bool {
    let next = neighbour(folded, start, end, true);
    let before = neighbour(folded, start, end, false);
    let next_is_punct = next.is_empty() || !next.chars().any(crate::text::chars::is_word_char);
    (REPORTS.contains(&before) && next_is_punct)
        || REPORTS.contains(&next)
            && !matches!(
                before,
                "the"
                    | "a"
                    | "an"
                    | "his"
                    | "her"
                    | "their"
                    | "its"
                    | "our"
                    | "my"
                    | "your"
                    | "this"
                    | "that"
                    | "s"
            )
}

/// Inflected reporting verbs, after which a lone word is a speaker's name.
const REPORTS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "adds",
    "wrote",
    "writes",
    "tweeted",
    "insisted",
    "warned",
    "stressed",
    "replied",
    "responded",
    "explained",
    "claimed",
    "argued",
    "noted",
];

/// Words that follow a name in a clause (`told trump that russia`).
const CLAUSE_FOLLOWERS: &[&str] = &[
    "that", "and", "has", "had", "was", "is", "will", "would", "could", "did", "does", "also",
    "during", "after", "before", "on", "in", "at", "to",
];

/// Words a name is the object of (`told trump`, `met may`).
const NAME_OBJECT_OF: &[&str] = &[
    "told", "met", "thanked", "urged", "invited", "phoned", "called",
];

/// Whether the original text has the start of a sentence at `start`:
/// nothing before it but spaces, opening quotes and brackets since the text's
/// start or a sentence-ending mark.
fn sentence_initial(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '‘' | '«' | '(' | '[' | '—' | '-')
    });
    before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n'])
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
    // entry index -> position (in `out`) of its latest full mention; a
    // document names few entities, so a list beats a hash map.
    let mut introduced = Introduced::default();
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
            } else if alias.word && !alias.case_free {
                match casing {
                    Casing::Cased => {
                        starts_with_capital(span)
                            && (alias.origin == Origin::Name
                                || !sentence_initial(text, start)
                                || introduced.contains_key(&alias.entry)
                                || reads_as_name(folded.as_str(), m.start, m.end))
                    }
                    Casing::Uncased => {
                        alias.origin == Origin::Name
                            || (introduced.contains_key(&alias.entry)
                                && reads_as_name(folded.as_str(), m.start, m.end))
                            || subject_of_report(folded.as_str(), m.start, m.end)
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
            let weight = |e: u32| automaton.entry(e).weight_or_default();
            let mut c: Vec<u32> = allowed.iter().map(|a| a.entry).collect();
            c.sort_by(|&x, &y| weight(y).total_cmp(&weight(x)));
            c
        } else {
            Vec::new()
        };
        let alias = chosen.unwrap_or(allowed[0]);
        if let Some(a) = chosen {
            if a.full {
                introduced.insert(a.entry, out.len());
            }
        }
        let form = slot
            .aliases
            .iter()
            .position(|a| std::ptr::eq(a, alias))
            .unwrap_or(0) as u32;
        out.push(Match {
            start,
            end,
            entry: chosen.map(|a| a.entry),
            candidates,
            slot: m.slot,
            form,
            full: alias.full,
        });
    }
}

/// The entities a document has named in full so far, with the position of
/// the latest such mention.
#[derive(Default)]
struct Introduced(Vec<(u32, usize)>);

impl Introduced {
    fn get(&self, entry: &u32) -> Option<&usize> {
        self.0.iter().find(|(e, _)| e == entry).map(|(_, p)| p)
    }

    fn contains_key(&self, entry: &u32) -> bool {
        self.get(entry).is_some()
    }

    fn insert(&mut self, entry: u32, position: usize) {
        match self.0.iter_mut().find(|(e, _)| *e == entry) {
            Some(slot) => slot.1 = position,
            None => self.0.push((entry, position)),
        }
    }
}

/// Picks one of several allowed forms: the entry named in full most
/// recently, else the single highest weight, else none.
fn choose<'a>(
    automaton: &Automaton,
    allowed: &[&'a AliasRef],
    introduced: &Introduced,
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
