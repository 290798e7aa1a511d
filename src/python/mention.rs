//! `Mention`: one place where a text names a gazetteer entry.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use pyo3::basic::CompareOp;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};
use serde_json::Map;

use super::convert::{metadata_dict, to_json};
use super::tables::kind_entry;
use crate::gazetteer::{Automaton, Entry, Match};
use crate::text::CharOffsets;

/// A mention of a gazetteer entry in a text (immutable).
///
/// `start` and `end` are Python string indices: `text[m.start:m.end] ==
/// m.text`. An ambiguous mention has `entity_id` None and lists the ids it
/// could mean in `candidates`.
#[pyclass(frozen, module = "quotewise._quotewise", name = "Mention")]
pub struct PyMention {
    text: String,
    start: usize,
    end: usize,
    target: Target,
}

/// What a mention refers to.
enum Target {
    /// Found by a compiled automaton: indices into it. One reference count
    /// per mention, however many candidates it has (a surname shared by
    /// hundreds of entries of a big dictionary stays cheap).
    Compiled {
        automaton: Arc<Automaton>,
        entry: Option<u32>,
        candidates: Box<[u32]>,
        slot: u32,
        form: u32,
    },
    /// Built by hand or unpickled.
    Owned {
        entry: Option<Arc<Entry>>,
        candidates: Vec<String>,
        kind: Option<String>,
        alias: String,
    },
}

impl PyMention {
    /// Converts a core match found by `automaton` in `text`; `offsets` turns
    /// byte offsets into Python indices for the same text.
    pub fn from_match(
        automaton: &Arc<Automaton>,
        text: &str,
        m: &Match,
        offsets: &mut CharOffsets<'_>,
    ) -> PyMention {
        PyMention {
            text: text[m.start..m.end].to_string(),
            start: offsets.char_offset(m.start),
            end: offsets.char_offset(m.end),
            target: Target::Compiled {
                automaton: automaton.clone(),
                entry: m.entry,
                candidates: m.candidates.clone().into_boxed_slice(),
                slot: m.slot,
                form: m.form,
            },
        }
    }

    /// The entry meant, if resolved.
    fn entry(&self) -> Option<&Entry> {
        match &self.target {
            Target::Compiled {
                automaton, entry, ..
            } => entry.map(|e| automaton.entry(e).as_ref()),
            Target::Owned { entry, .. } => entry.as_deref(),
        }
    }

    fn candidate_ids(&self) -> Vec<&str> {
        match &self.target {
            Target::Compiled {
                automaton,
                entry,
                candidates,
                ..
            } => match (entry, candidates.is_empty()) {
                (Some(e), true) => vec![automaton.entry(*e).id.as_str()],
                _ => candidates
                    .iter()
                    .map(|&c| automaton.entry(c).id.as_str())
                    .collect(),
            },
            Target::Owned {
                entry, candidates, ..
            } => match (entry, candidates.is_empty()) {
                (Some(e), true) => vec![e.id.as_str()],
                _ => candidates.iter().map(String::as_str).collect(),
            },
        }
    }

    /// The kind, or for an ambiguous mention the kind all candidates share.
    fn kind_str(&self) -> Option<&str> {
        match &self.target {
            Target::Compiled {
                automaton,
                entry,
                candidates,
                ..
            } => {
                kind_entry(automaton, *entry, candidates).map(|e| automaton.entry(e).kind.as_str())
            }
            Target::Owned { entry, kind, .. } => match entry {
                Some(e) => Some(&e.kind),
                None => kind.as_deref(),
            },
        }
    }

    fn alias_str(&self) -> &str {
        match &self.target {
            Target::Compiled {
                automaton,
                slot,
                form,
                ..
            } => automaton.form_at(*slot, *form),
            Target::Owned { alias, .. } => alias,
        }
    }

    fn key(&self) -> (&str, usize, usize, Option<&str>, &str, Vec<&str>) {
        (
            &self.text,
            self.start,
            self.end,
            self.entry().map(|e| e.id.as_str()),
            self.alias_str(),
            self.candidate_ids(),
        )
    }
}

#[pymethods]
impl PyMention {
    /// Builds a mention by hand (used by pickling and tests).
    #[new]
    #[pyo3(signature = (text, start, end, entity_id=None, name=None, kind=None, alias=None, metadata=None, candidates=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        text: String,
        start: usize,
        end: usize,
        entity_id: Option<String>,
        name: Option<String>,
        kind: Option<String>,
        alias: Option<String>,
        metadata: Option<&Bound<'_, PyDict>>,
        candidates: Option<Vec<String>>,
    ) -> PyResult<PyMention> {
        let mut meta = Map::new();
        if let Some(d) = metadata {
            for (k, v) in d.iter() {
                let key: String = k.extract()?;
                let value = to_json(&v, &|| format!("metadata {key:?}"))?;
                meta.insert(key, value);
            }
        }
        let entry = entity_id.map(|id| {
            let mut e = Entry::new(
                id,
                name.clone().unwrap_or_default(),
                kind.clone().unwrap_or_default(),
            );
            e.metadata = meta;
            Arc::new(e)
        });
        let candidates = candidates.unwrap_or_default();
        let candidates = if entry.is_some() && candidates.len() <= 1 {
            Vec::new()
        } else {
            candidates
        };
        let alias = alias.unwrap_or_else(|| text.clone());
        Ok(PyMention {
            text,
            start,
            end,
            target: Target::Owned {
                entry,
                candidates,
                kind,
                alias,
            },
        })
    }

    /// The text of the mention, as written in the document.
    #[getter]
    fn text(&self) -> &str {
        &self.text
    }

    /// Start index in the document (Python str index).
    #[getter]
    fn start(&self) -> usize {
        self.start
    }

    /// End index in the document (exclusive).
    #[getter]
    fn end(&self) -> usize {
        self.end
    }

    /// Id of the entry meant, or None if the mention is ambiguous.
    #[getter]
    fn entity_id(&self) -> Option<&str> {
        self.entry().map(|e| e.id.as_str())
    }

    /// Canonical name of the entry, or None if ambiguous.
    #[getter]
    fn name(&self) -> Option<&str> {
        self.entry().map(|e| e.name.as_str())
    }

    /// Kind of the entry (PERSON, ORG, GPE, ...).
    #[getter]
    fn kind(&self) -> Option<&str> {
        self.kind_str()
    }

    /// The dictionary form that matched (an alias, or a generated short
    /// form such as a surname).
    #[getter]
    fn alias(&self) -> &str {
        self.alias_str()
    }

    /// Whether the mention could not be resolved to one entry.
    #[getter]
    fn ambiguous(&self) -> bool {
        self.entry().is_none()
    }

    /// Ids of every entry the mention could mean, most likely first.
    #[getter]
    fn candidates<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.candidate_ids())
    }

    /// The entry's metadata (the fields other than id, name, kind, aliases,
    /// weight and case_sensitive), as a new dict.
    #[getter]
    fn metadata<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        match self.entry() {
            Some(e) => metadata_dict(py, &e.metadata),
            None => Ok(PyDict::new(py)),
        }
    }

    /// The mention as a plain dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("text", &self.text)?;
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("entity_id", self.entity_id())?;
        d.set_item("name", self.name())?;
        d.set_item("kind", self.kind_str())?;
        d.set_item("alias", self.alias_str())?;
        d.set_item("ambiguous", self.ambiguous())?;
        d.set_item("candidates", self.candidates(py)?)?;
        d.set_item("metadata", self.metadata(py)?)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let mut s = format!(
            "Mention(text={}, start={}, end={}, entity_id={}, name={}, kind={}",
            py_repr(&self.text),
            self.start,
            self.end,
            py_repr_opt(self.entity_id()),
            py_repr_opt(self.name()),
            py_repr_opt(self.kind_str()),
        );
        if self.alias_str() != self.name().unwrap_or("") {
            s.push_str(&format!(", alias={}", py_repr(self.alias_str())));
        }
        if self.ambiguous() {
            let ids: Vec<String> = self.candidate_ids().iter().map(|c| py_repr(c)).collect();
            s.push_str(&format!(
                ", ambiguous=True, candidates=({})",
                ids.join(", ") + if ids.len() == 1 { "," } else { "" }
            ));
        }
        s.push(')');
        s
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<Py<PyAny>> {
        let py = other.py();
        let Ok(other) = other.cast::<PyMention>() else {
            return Ok(py.NotImplemented());
        };
        let eq = self.key() == other.get().key();
        match op {
            CompareOp::Eq => Ok(eq.into_pyobject(py)?.to_owned().into_any().unbind()),
            CompareOp::Ne => Ok((!eq).into_pyobject(py)?.to_owned().into_any().unbind()),
            _ => Ok(py.NotImplemented()),
        }
    }

    fn __hash__(&self) -> u64 {
        let mut h = DefaultHasher::new();
        self.key().hash(&mut h);
        h.finish()
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let m = slf.get();
        let candidates = (m.candidate_ids().len() > 1 || m.ambiguous()).then(|| m.candidate_ids());
        let args = (
            &m.text,
            m.start,
            m.end,
            m.entity_id(),
            m.name(),
            m.kind_str(),
            m.alias_str(),
            m.metadata(py)?,
            candidates,
        )
            .into_pyobject(py)?;
        Ok((slf.get_type().into_any(), args))
    }
}

/// Python's repr of a str (close enough: Rust's escapes for quotes and
/// control characters match Python's for ordinary text).
fn py_repr(s: &str) -> String {
    let escaped: String = s
        .chars()
        .flat_map(|c| match c {
            '\\' => "\\\\".chars().collect::<Vec<_>>(),
            '\'' => "\\'".chars().collect(),
            '\n' => "\\n".chars().collect(),
            '\r' => "\\r".chars().collect(),
            '\t' => "\\t".chars().collect(),
            c if c.is_control() => format!("\\x{:02x}", c as u32).chars().collect(),
            c => vec![c],
        })
        .collect();
    format!("'{escaped}'")
}

fn py_repr_opt(s: Option<&str>) -> String {
    s.map_or_else(|| "None".to_string(), py_repr)
}
