//! The dictionary matcher: find every entry of a gazetteer in text.
//!
//! A [`Gazetteer`] holds [`Entry`]s. Searching folds the text
//! ([`crate::text::fold`]), runs one automaton over the folded keys of all
//! forms ([`automaton`]), keeps whole-word matches, and resolves each to an
//! entry with the rules that depend on the document ([`resolve`]). Offsets
//! are byte offsets into the original text.

pub mod automaton;
pub mod entry;
pub mod forms;
pub mod io;
pub mod resolve;
pub mod variants;
pub mod words;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

pub use automaton::Automaton;
pub use entry::Entry;
pub use resolve::{Match, Mention};

use crate::error::{Error, Result};
use crate::parallel::{map_in_order_grouped, min_items_per_task, Threads};
use crate::text::{Casing, FoldedText};

/// Options of a gazetteer that change what it matches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GazetteerOptions {
    /// Generate the short forms of people's names (`Putin` from `Vladimir
    /// Putin`). On by default.
    pub person_variants: bool,
}

impl Default for GazetteerOptions {
    fn default() -> Self {
        GazetteerOptions {
            person_variants: true,
        }
    }
}

/// A set of entries to find in text.
///
/// Adding entries is cheap; the automaton is compiled on the first search
/// after a change and shared by all searches (and threads) until the next.
#[derive(Debug, Default)]
pub struct Gazetteer {
    options: GazetteerOptions,
    entries: Vec<Arc<Entry>>,
    ids: HashMap<String, usize>,
    compiled: Mutex<Option<Arc<Automaton>>>,
}

impl Clone for Gazetteer {
    fn clone(&self) -> Self {
        Gazetteer {
            options: self.options.clone(),
            entries: self.entries.clone(),
            ids: self.ids.clone(),
            compiled: Mutex::new(self.lock().clone()),
        }
    }
}

impl Gazetteer {
    /// An empty gazetteer.
    pub fn new(options: GazetteerOptions) -> Gazetteer {
        Gazetteer {
            options,
            ..Default::default()
        }
    }

    /// A gazetteer of `entries`.
    pub fn with_entries(options: GazetteerOptions, entries: Vec<Entry>) -> Result<Gazetteer> {
        let mut g = Gazetteer::new(options);
        g.add(entries)?;
        Ok(g)
    }

    /// The options.
    pub fn options(&self) -> &GazetteerOptions {
        &self.options
    }

    /// Adds entries. Either all are added or, if one is invalid or repeats an
    /// id, none is and the error names it (with its position in `entries`).
    pub fn add(&mut self, entries: Vec<Entry>) -> Result<()> {
        let mut checked = Vec::with_capacity(entries.len());
        let mut new_ids: HashMap<String, usize> = HashMap::new();
        for (i, entry) in entries.into_iter().enumerate() {
            let entry = entry
                .validate()
                .map_err(|e| e.context(format!("entry {i}")))?;
            if self.ids.contains_key(&entry.id) {
                return Err(Error::entry(format!(
                    "entry {i}: id {:?} is already in the gazetteer",
                    entry.id
                )));
            }
            if let Some(first) = new_ids.insert(entry.id.clone(), i) {
                return Err(Error::entry(format!(
                    "entry {i}: id {:?} repeats the id of entry {first}",
                    entry.id
                )));
            }
            checked.push(entry);
        }
        for entry in checked {
            self.ids.insert(entry.id.clone(), self.entries.len());
            self.entries.push(Arc::new(entry));
        }
        *self.lock() = None;
        Ok(())
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries, in the order they were added.
    pub fn entries(&self) -> &[Arc<Entry>] {
        &self.entries
    }

    /// The entry with `id`.
    pub fn get(&self, id: &str) -> Option<&Arc<Entry>> {
        self.ids.get(id).map(|&i| &self.entries[i])
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Arc<Automaton>>> {
        // A panic while compiling leaves `None` behind, which is safe to reuse.
        self.compiled.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The compiled automaton, compiling it if entries changed.
    pub fn automaton(&self) -> Result<Arc<Automaton>> {
        let mut guard = self.lock();
        if let Some(a) = guard.as_ref() {
            return Ok(a.clone());
        }
        let a = Arc::new(Automaton::build(
            self.entries.clone(),
            self.options.person_variants,
        )?);
        *guard = Some(a.clone());
        Ok(a)
    }

    /// Every mention in `text`, in order.
    pub fn find(&self, text: &str) -> Result<Vec<Mention>> {
        let a = self.automaton()?;
        Ok(find_with(&a, text, None)
            .iter()
            .map(|m| a.mention(m))
            .collect())
    }

    /// Mentions in each of `texts`, in input order, on up to `threads`
    /// threads.
    pub fn find_many(&self, texts: &[&str], threads: Threads) -> Result<Vec<Vec<Mention>>> {
        let a = self.automaton()?;
        let per_task = min_items_per_task(texts.len(), texts.iter().map(|t| t.len()).sum());
        Ok(map_in_order_grouped(threads, texts, per_task, |t| {
            find_with(&a, t, None)
                .iter()
                .map(|m| a.mention(m))
                .collect()
        }))
    }
}

/// Buffers reused from one document to the next on the same thread, so that
/// a batch does not allocate a folded copy of every document.
#[derive(Default)]
struct Scratch {
    folded: Vec<u8>,
    raw: Vec<automaton::RawMatch>,
}

/// Buffers larger than this are not kept after a document (a 50 MB
/// document should not pin 50 MB per thread for the rest of the process).
const KEEP_SCRATCH_BYTES: usize = 1 << 22;

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Every mention of the entries of `automaton` in `text`, in order.
/// `casing` overrides the automatic detection of the document's casing.
pub fn find_with(automaton: &Automaton, text: &str, casing: Option<Casing>) -> Vec<Match> {
    find_with_casing(automaton, text, casing).0
}

/// [`find_with`], and the casing it read the text with: `casing` if given,
/// else the text's own, told from the letters counted while folding it
/// (the same as [`crate::text::fold::casing_of`], without a second pass
/// over the text).
pub fn find_with_casing(
    automaton: &Automaton,
    text: &str,
    casing: Option<Casing>,
) -> (Vec<Match>, Casing) {
    SCRATCH.with(|cell| {
        // A re-entrant call (none exists today) would get fresh buffers.
        let mut taken = cell
            .try_borrow_mut()
            .map(|mut s| std::mem::take(&mut *s))
            .unwrap_or_default();
        let folded = FoldedText::new_in(text, std::mem::take(&mut taken.folded));
        taken.raw.clear();
        automaton.find_raw(folded.as_str(), &mut taken.raw);
        let mut out = Vec::with_capacity(taken.raw.len());
        let casing = casing.unwrap_or_else(|| folded.casing());
        resolve::resolve(automaton, text, &folded, casing, &taken.raw, &mut out);
        taken.folded = folded.into_buffer();
        if taken.folded.capacity() <= KEEP_SCRATCH_BYTES {
            if let Ok(mut s) = cell.try_borrow_mut() {
                *s = taken;
            }
        }
        (out, casing)
    })
}
