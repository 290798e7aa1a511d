//! The binding of [`crate::Gazetteer`]. The user-facing class with its
//! docs and pandas/file conveniences is `quotewise.Gazetteer` (Python),
//! which wraps this one.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

use super::args::{parse_casing, BatchArgs};
use super::arrow_out::PyArrowTable;
use super::batch;
use super::convert::{entry_from_py, entry_to_py};
use super::errors::{core_error, guard};
use super::input::single_text;
use super::mention::PyMention;
use super::tables::{self, MentionColumns};
use crate::gazetteer::io::{self, Columns, Format};
use crate::gazetteer::{find_with, Automaton, Gazetteer, GazetteerOptions, Match};
use crate::text::CharOffsets;

/// Compiled gazetteer (private; use `quotewise.Gazetteer`).
#[pyclass(frozen, module = "quotewise._quotewise", name = "_Gazetteer")]
pub struct PyGazetteer {
    inner: RwLock<Gazetteer>,
}

impl PyGazetteer {
    fn read(&self) -> RwLockReadGuard<'_, Gazetteer> {
        self.inner.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, Gazetteer> {
        self.inner.write().unwrap_or_else(|e| e.into_inner())
    }

    /// The compiled automaton (compiled now if needed).
    pub(crate) fn automaton_for(&self, py: Python<'_>) -> PyResult<Arc<Automaton>> {
        self.automaton(py)
    }

    fn automaton(&self, py: Python<'_>) -> PyResult<Arc<Automaton>> {
        // Compiling can take a while for a large dictionary: let other
        // Python threads run meanwhile.
        let result = py.detach(|| self.read().automaton());
        result.map_err(|e| core_error(py, e))
    }
}

/// The mentions of `text`, as `Mention` objects.
fn mentions<'py>(
    py: Python<'py>,
    automaton: &Arc<Automaton>,
    text: &str,
    matches: &[Match],
) -> PyResult<Bound<'py, PyList>> {
    let mut offsets = CharOffsets::new(text);
    let items = matches
        .iter()
        .map(|m| Bound::new(py, PyMention::from_match(automaton, text, m, &mut offsets)))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

fn entries_from_iterable(entries: &Bound<'_, PyAny>) -> PyResult<Vec<crate::gazetteer::Entry>> {
    let mut out = Vec::new();
    for (i, item) in entries.try_iter()?.enumerate() {
        out.push(entry_from_py(&item?, i)?);
    }
    Ok(out)
}

#[pymethods]
impl PyGazetteer {
    #[new]
    #[pyo3(signature = (entries=None, *, person_variants=true))]
    fn new(
        py: Python<'_>,
        entries: Option<&Bound<'_, PyAny>>,
        person_variants: bool,
    ) -> PyResult<Self> {
        let mut g = Gazetteer::new(GazetteerOptions { person_variants });
        if let Some(entries) = entries {
            let entries = entries_from_iterable(entries)?;
            g.add(entries).map_err(|e| core_error(py, e))?;
        }
        Ok(PyGazetteer {
            inner: RwLock::new(g),
        })
    }

    /// Adds entries (an iterable of dicts); all or none.
    fn add(&self, py: Python<'_>, entries: &Bound<'_, PyAny>) -> PyResult<()> {
        let entries = entries_from_iterable(entries)?;
        self.write().add(entries).map_err(|e| core_error(py, e))
    }

    /// Reads a dictionary file (csv, tsv, jsonl or saved json).
    #[staticmethod]
    #[pyo3(signature = (path, format=None, *, id="id", name="name", kind="kind", aliases="aliases", weight="weight", case_sensitive="case_sensitive", default_kind=None, alias_separator='|', person_variants=None))]
    #[allow(clippy::too_many_arguments)]
    fn read_file(
        py: Python<'_>,
        path: PathBuf,
        format: Option<&str>,
        id: &str,
        name: &str,
        kind: &str,
        aliases: &str,
        weight: &str,
        case_sensitive: &str,
        default_kind: Option<String>,
        alias_separator: char,
        person_variants: Option<bool>,
    ) -> PyResult<Self> {
        let columns = Columns {
            id: id.into(),
            name: name.into(),
            kind: kind.into(),
            aliases: aliases.into(),
            weight: weight.into(),
            case_sensitive: case_sensitive.into(),
            default_kind,
            alias_separator,
        };
        let format = format
            .map(Format::from_name)
            .transpose()
            .map_err(|e| core_error(py, e))?;
        let (options, entries) = py
            .detach(|| io::read_file(&path, format, &columns))
            .map_err(|e| core_error(py, e))?;
        let mut options = options.unwrap_or_default();
        if let Some(pv) = person_variants {
            options.person_variants = pv;
        }
        let g = Gazetteer::with_entries(options, entries).map_err(|e| core_error(py, e))?;
        Ok(PyGazetteer {
            inner: RwLock::new(g),
        })
    }

    /// The gazetteer in the saved JSON format.
    fn to_json(&self) -> String {
        let g = self.read();
        io::to_saved_json(g.options(), g.entries())
    }

    /// A gazetteer from the saved JSON format.
    #[staticmethod]
    #[pyo3(signature = (text, source="<string>"))]
    fn from_json(py: Python<'_>, text: &str, source: &str) -> PyResult<Self> {
        let (options, entries) = io::parse_saved(text, source).map_err(|e| core_error(py, e))?;
        let g = Gazetteer::with_entries(options, entries).map_err(|e| core_error(py, e))?;
        Ok(PyGazetteer {
            inner: RwLock::new(g),
        })
    }

    /// Builds the automaton now rather than on the first search.
    fn compile(&self, py: Python<'_>) -> PyResult<()> {
        self.automaton(py).map(|_| ())
    }

    #[getter]
    fn person_variants(&self) -> bool {
        self.read().options().person_variants
    }

    fn __len__(&self) -> usize {
        self.read().len()
    }

    fn __contains__(&self, id: &str) -> bool {
        self.read().get(id).is_some()
    }

    /// The entry with `id` as a dict, or None.
    fn get<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyDict>>> {
        let entry = self.read().get(id).cloned();
        entry.map(|e| entry_to_py(py, &e)).transpose()
    }

    /// All entries as dicts.
    fn entries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let entries: Vec<_> = self.read().entries().to_vec();
        let list = PyList::empty(py);
        for e in entries {
            list.append(entry_to_py(py, &e)?)?;
        }
        Ok(list)
    }

    /// Counts of entries per kind.
    fn kinds(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for e in self.read().entries() {
            *counts.entry(e.kind.clone()).or_insert(0) += 1;
        }
        counts
    }

    /// Size of the compiled search: number of keys and automaton bytes.
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let a = self.automaton(py)?;
        let d = PyDict::new(py);
        d.set_item("entries", a.entries.len())?;
        d.set_item("keys", a.key_count())?;
        d.set_item("automaton_bytes", a.automaton_bytes())?;
        Ok(d)
    }

    /// Mentions in one text.
    #[pyo3(signature = (text, *, casing=None))]
    fn find<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        casing: Option<&str>,
    ) -> PyResult<Bound<'py, PyList>> {
        let casing = parse_casing(py, casing)?;
        let s = single_text(text)?;
        let automaton = self.automaton(py)?;
        let matches = guard(
            py,
            || format!("matching a text of {} bytes", s.len()),
            || Ok(py.detach(|| find_with(&automaton, s, casing))),
        )?;
        mentions(py, &automaton, s, &matches)
    }

    /// Mentions in each text of `texts` (an iterable, or an `_ArrowChunk`),
    /// in input order. Under `errors="skip"` a document that fails gets an
    /// empty list and one `SkippedDocumentsWarning` at the end names them.
    /// `offset` is the index of `texts[0]` in the caller's input (for the
    /// messages that name a document).
    #[pyo3(signature = (texts, *, n_threads=None, casing=None, errors="raise", offset=0))]
    fn find_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        n_threads: Option<usize>,
        casing: Option<&str>,
        errors: &str,
        offset: usize,
    ) -> PyResult<Bound<'py, PyList>> {
        let args = BatchArgs::parse(py, n_threads, casing, errors, offset)?;
        let automaton = self.automaton(py)?;
        batch::to_list(
            py,
            texts,
            &args,
            "matching a batch of documents",
            |t| find_with(&automaton, t, args.casing),
            |text, matches| Ok(mentions(py, &automaton, text, &matches)?.into_any()),
            batch::empty_list,
        )
    }

    /// The mention table of `texts` (as `find_many` takes them), built
    /// on the worker threads: one record batch per chunk of documents,
    /// laid out for `layout` (`tables::Layout`: "arrow", "pandas", "polars").
    #[pyo3(signature = (texts, *, n_threads=None, casing=None, errors="raise", offset=0, layout="arrow"))]
    #[allow(clippy::too_many_arguments)]
    fn _mention_table(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        n_threads: Option<usize>,
        casing: Option<&str>,
        errors: &str,
        offset: usize,
        layout: &str,
    ) -> PyResult<PyArrowTable> {
        let args = BatchArgs::parse(py, n_threads, casing, errors, offset)?;
        let layout = tables::Layout::parse(py, layout)?;
        let automaton = self.automaton(py)?;
        batch::to_table::<MentionColumns, _>(
            py,
            texts,
            &args,
            "matching a batch of documents",
            (tables::MENTION_COLUMNS, layout),
            (
                |t| tables::mention_rows(&automaton, t, find_with(&automaton, t, args.casing)),
                automaton.as_ref(),
            ),
        )
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let json = slf.get().to_json();
        let from_json = slf.get_type().getattr("from_json")?;
        Ok((from_json, (json,).into_pyobject(py)?))
    }
}
