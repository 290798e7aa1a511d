//! The binding of the quote extractor: `Quote`, `Span` and
//! `_QuoteExtractor` (wrapped by `quotewise.QuoteExtractor`).

use std::sync::Arc;

use pyo3::basic::CompareOp;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyTuple};

use super::args::{parse_casing, BatchArgs};
use super::arrow_out::PyArrowTable;
use super::batch;
use super::errors::guard;
use super::gazetteer::PyGazetteer;
use super::input::single_text;
use super::mention::PyMention;
use super::tables::{self, QuoteColumns};
use crate::gazetteer::Automaton;
use crate::quotes::{Analysis, Form, Quote, QuoteExtractor, QuoteOptions};
use crate::text::{Casing, CharOffsets};

/// A span of a document: its text and Python string indices (immutable).
#[pyclass(
    frozen,
    from_py_object,
    module = "quotewise._quotewise",
    name = "Span",
    eq,
    hash
)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PySpan {
    #[pyo3(get)]
    text: String,
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
}

#[pymethods]
impl PySpan {
    #[new]
    fn new(text: String, start: usize, end: usize) -> Self {
        PySpan { text, start, end }
    }

    fn __repr__(&self) -> String {
        format!(
            "Span(text={:?}, start={}, end={})",
            self.text, self.start, self.end
        )
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let s = slf.get();
        Ok((
            slf.get_type().into_any(),
            (s.text.clone(), s.start, s.end).into_pyobject(slf.py())?,
        ))
    }

    /// As a plain dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("text", &self.text)?;
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        Ok(d)
    }
}

/// A quote (immutable): what was said, by whom, how it was found.
#[pyclass(frozen, module = "quotewise._quotewise", name = "Quote")]
pub struct PyQuote {
    text: String,
    start: usize,
    end: usize,
    kind: String,
    marked: bool,
    speaker: Option<PySpan>,
    speaker_name: Option<String>,
    speaker_id: Option<String>,
    cue: Option<PySpan>,
    addressee: Option<PySpan>,
    addressee_id: Option<String>,
    confidence: f64,
    rule: String,
    mentions: Vec<Py<PyMention>>,
}

impl PyQuote {
    fn key(&self) -> (&str, usize, usize, &str, Option<&str>, Option<&str>, &str) {
        (
            &self.text,
            self.start,
            self.end,
            &self.kind,
            self.speaker_name.as_deref(),
            self.speaker_id.as_deref(),
            &self.rule,
        )
    }
}

#[pymethods]
impl PyQuote {
    /// Builds a quote by hand (used by pickling).
    #[new]
    #[pyo3(signature = (text, start, end, kind, marked, speaker=None, speaker_name=None, speaker_id=None, cue=None, addressee=None, addressee_id=None, confidence=1.0, rule=String::from("manual"), mentions=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        text: String,
        start: usize,
        end: usize,
        kind: String,
        marked: bool,
        speaker: Option<PySpan>,
        speaker_name: Option<String>,
        speaker_id: Option<String>,
        cue: Option<PySpan>,
        addressee: Option<PySpan>,
        addressee_id: Option<String>,
        confidence: f64,
        rule: String,
        mentions: Option<Vec<Py<PyMention>>>,
    ) -> PyResult<Self> {
        if !matches!(kind.as_str(), "direct" | "indirect" | "mixed") {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "kind must be 'direct', 'indirect' or 'mixed', not {kind:?}"
            )));
        }
        Ok(PyQuote {
            text,
            start,
            end,
            kind,
            marked,
            speaker,
            speaker_name,
            speaker_id,
            cue,
            addressee,
            addressee_id,
            confidence,
            rule,
            mentions: mentions.unwrap_or_default(),
        })
    }

    /// The quoted content (without quotation marks or attribution).
    #[getter]
    fn text(&self) -> &str {
        &self.text
    }
    /// Start of the content (Python str index).
    #[getter]
    fn start(&self) -> usize {
        self.start
    }
    /// End of the content (exclusive).
    #[getter]
    fn end(&self) -> usize {
        self.end
    }
    /// `direct`, `indirect` or `mixed`.
    #[getter]
    fn kind(&self) -> &str {
        &self.kind
    }
    /// Whether quotation marks delimit the content.
    #[getter]
    fn marked(&self) -> bool {
        self.marked
    }
    /// The words naming the speaker at the attribution, or None for a
    /// continuation of an earlier quote.
    #[getter]
    fn speaker(&self) -> Option<PySpan> {
        self.speaker.clone()
    }
    /// The resolved speaker: the gazetteer entry's name, else the fullest
    /// name or description in the document; `None` when no one is known
    /// (a continuation with no earlier speaker, a pronoun with no antecedent).
    #[getter]
    fn speaker_name(&self) -> Option<&str> {
        self.speaker_name.as_deref()
    }
    /// The gazetteer id of the speaker, if the speaker is an entry.
    #[getter]
    fn speaker_id(&self) -> Option<&str> {
        self.speaker_id.as_deref()
    }
    /// The reporting cue (`said`, `told`, `according to`).
    #[getter]
    fn cue(&self) -> Option<PySpan> {
        self.cue.clone()
    }
    /// The addressee the cue names (`told Assad`).
    #[getter]
    fn addressee(&self) -> Option<PySpan> {
        self.addressee.clone()
    }
    /// The gazetteer id of the addressee, if it names an entry.
    #[getter]
    fn addressee_id(&self) -> Option<&str> {
        self.addressee_id.as_deref()
    }
    /// How sure the extractor is, in [0, 1].
    #[getter]
    fn confidence(&self) -> f64 {
        self.confidence
    }
    /// The pattern that found the quote (`quote-cue`, `speaker-cue`, ...).
    #[getter]
    fn rule(&self) -> &str {
        &self.rule
    }
    /// The gazetteer mentions inside the content: who the quote is about.
    #[getter]
    fn mentions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.mentions.iter().map(|m| m.clone_ref(py)))
    }

    /// The quote as a plain dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("text", &self.text)?;
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("kind", &self.kind)?;
        d.set_item("marked", self.marked)?;
        let span = |s: &Option<PySpan>| -> PyResult<Option<Bound<'py, PyDict>>> {
            s.as_ref().map(|s| s.to_dict(py)).transpose()
        };
        d.set_item("speaker", span(&self.speaker)?)?;
        d.set_item("speaker_name", &self.speaker_name)?;
        d.set_item("speaker_id", &self.speaker_id)?;
        d.set_item("cue", span(&self.cue)?)?;
        d.set_item("addressee", span(&self.addressee)?)?;
        d.set_item("addressee_id", &self.addressee_id)?;
        d.set_item("confidence", self.confidence)?;
        d.set_item("rule", &self.rule)?;
        let mentions = PyList::empty(py);
        for m in &self.mentions {
            mentions.append(m.bind(py).call_method0("to_dict")?)?;
        }
        d.set_item("mentions", mentions)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let text = if self.text.chars().count() > 60 {
            format!("{}…", self.text.chars().take(59).collect::<String>())
        } else {
            self.text.clone()
        };
        format!(
            "Quote(text={:?}, start={}, end={}, kind={:?}, speaker_name={}, speaker_id={}, cue={}, confidence={:.2}, rule={:?})",
            text,
            self.start,
            self.end,
            self.kind,
            self.speaker_name.as_deref().map_or("None".into(), |s| format!("{s:?}")),
            self.speaker_id.as_deref().map_or("None".into(), |s| format!("{s:?}")),
            self.cue.as_ref().map_or("None".into(), |c| format!("{:?}", c.text)),
            self.confidence,
            self.rule
        )
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<Py<PyAny>> {
        let py = other.py();
        let Ok(other) = other.cast::<PyQuote>() else {
            return Ok(py.NotImplemented());
        };
        let o = other.get();
        let eq = self.key() == o.key() && self.speaker == o.speaker && self.cue == o.cue;
        match op {
            CompareOp::Eq => Ok(eq.into_pyobject(py)?.to_owned().into_any().unbind()),
            CompareOp::Ne => Ok((!eq).into_pyobject(py)?.to_owned().into_any().unbind()),
            _ => Ok(py.NotImplemented()),
        }
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.key().hash(&mut h);
        h.finish()
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let q = slf.get();
        let mentions: Vec<Py<PyMention>> = q.mentions.iter().map(|m| m.clone_ref(py)).collect();
        let args = PyTuple::new(
            py,
            [
                q.text.clone().into_pyobject(py)?.into_any(),
                q.start.into_pyobject(py)?.into_any(),
                q.end.into_pyobject(py)?.into_any(),
                q.kind.clone().into_pyobject(py)?.into_any(),
                q.marked.into_pyobject(py)?.to_owned().into_any(),
                q.speaker.clone().into_pyobject(py)?.into_any(),
                q.speaker_name.clone().into_pyobject(py)?.into_any(),
                q.speaker_id.clone().into_pyobject(py)?.into_any(),
                q.cue.clone().into_pyobject(py)?.into_any(),
                q.addressee.clone().into_pyobject(py)?.into_any(),
                q.addressee_id.clone().into_pyobject(py)?.into_any(),
                q.confidence.into_pyobject(py)?.into_any(),
                q.rule.clone().into_pyobject(py)?.into_any(),
                mentions.into_pyobject(py)?.into_any(),
            ],
        )?;
        Ok((slf.get_type().into_any(), args))
    }
}

/// Converts the mentions and the quotes of one analysed text into Python
/// objects (each quote refers to the mentions inside it).
fn py_mentions_and_quotes<'py>(
    py: Python<'py>,
    text: &str,
    analysis: &Analysis,
    automaton: Option<&Arc<Automaton>>,
) -> PyResult<(Vec<Py<PyMention>>, Bound<'py, PyList>)> {
    let mut offsets = CharOffsets::new(text);
    let mentions: Vec<Py<PyMention>> = match automaton {
        Some(a) => analysis
            .mentions
            .iter()
            .map(|m| Py::new(py, PyMention::from_match(a, text, m, &mut offsets)))
            .collect::<PyResult<_>>()?,
        None => Vec::new(),
    };
    let quotes = PyList::empty(py);
    for q in &analysis.quotes {
        quotes.append(Bound::new(
            py,
            py_quote(py, text, q, automaton, &mentions, &mut offsets)?,
        )?)?;
    }
    Ok((mentions, quotes))
}

/// Converts the quotes of one analysed text into Python objects.
pub fn py_quotes<'py>(
    py: Python<'py>,
    text: &str,
    analysis: &Analysis,
    automaton: Option<&Arc<Automaton>>,
) -> PyResult<Bound<'py, PyList>> {
    Ok(py_mentions_and_quotes(py, text, analysis, automaton)?.1)
}

/// Converts a whole analysis into the tuple `quotewise.Document` is built
/// from: `(mentions, quotes, sentences, casing, form)`: mentions and quotes as
/// tuples, sentences as `(start, end)` Python string indices packed in bytes.
fn py_analysis<'py>(
    py: Python<'py>,
    text: &str,
    analysis: &Analysis,
    automaton: Option<&Arc<Automaton>>,
) -> PyResult<Bound<'py, PyTuple>> {
    let (mentions, quotes) = py_mentions_and_quotes(py, text, analysis, automaton)?;
    // Sentence bounds travel packed, as native-endian u64 pairs in one
    // bytes object: two ints and a tuple per sentence cost a tenth of a
    // batch's conversion time, and most callers never look at them.
    let mut offsets = CharOffsets::new(text);
    let mut packed = Vec::with_capacity(analysis.sentences.len() * 16);
    for s in &analysis.sentences {
        for at in [offsets.char_offset(s.start), offsets.char_offset(s.end)] {
            packed.extend_from_slice(&(at as u64).to_ne_bytes());
        }
    }
    let sentences = PyBytes::new(py, &packed);
    let casing = match analysis.casing {
        Some(Casing::Uncased) => "uncased",
        _ => "cased",
    };
    let form = analysis.form.unwrap_or(Form::Marked).as_str();
    (
        PyTuple::new(py, mentions)?,
        quotes.to_tuple(),
        sentences,
        casing,
        form,
    )
        .into_pyobject(py)
}

fn py_quote(
    py: Python<'_>,
    text: &str,
    q: &Quote,
    automaton: Option<&Arc<Automaton>>,
    mentions: &[Py<PyMention>],
    offsets: &mut CharOffsets<'_>,
) -> PyResult<PyQuote> {
    let mut span = |s: crate::quotes::Span| PySpan {
        text: text[s.start..s.end].to_string(),
        start: offsets.char_offset(s.start),
        end: offsets.char_offset(s.end),
    };
    let content = span(q.content);
    let id_of = |e: Option<u32>| automaton.and_then(|a| e.map(|e| a.entry(e).id.clone()));
    Ok(PyQuote {
        text: content.text,
        start: content.start,
        end: content.end,
        kind: q.kind.as_str().to_string(),
        marked: q.marked,
        speaker: q.speaker.map(&mut span),
        speaker_name: q.speaker_name.clone(),
        speaker_id: id_of(q.speaker_entry),
        cue: q.cue.map(&mut span),
        addressee: q.addressee.map(&mut span),
        addressee_id: id_of(q.addressee_entry),
        confidence: f64::from(q.confidence),
        rule: q.rule.to_string(),
        mentions: q
            .mentions
            .iter()
            .filter_map(|&i| mentions.get(i).map(|m| m.clone_ref(py)))
            .collect(),
    })
}

/// The `form` option: `auto` (told from each text), `marked` or `unmarked`.
fn parse_form(py: Python<'_>, form: &str) -> PyResult<Option<Form>> {
    match form {
        "auto" => Ok(None),
        other => Form::from_name(other).map(Some).ok_or_else(|| {
            super::errors::argument(
                py,
                format!("form must be 'auto', 'marked' or 'unmarked', not {other:?}"),
            )
        }),
    }
}

/// The quote extractor (private; use `quotewise.QuoteExtractor`).
#[pyclass(frozen, module = "quotewise._quotewise", name = "_QuoteExtractor")]
pub struct PyQuoteExtractor {
    inner: QuoteExtractor,
}

fn automaton_of(
    py: Python<'_>,
    gazetteer: Option<&Bound<'_, PyGazetteer>>,
) -> PyResult<Option<Arc<Automaton>>> {
    gazetteer.map(|g| g.get().automaton_for(py)).transpose()
}

/// Turns one analysed text into Python objects.
type Convert<T> =
    for<'py> fn(Python<'py>, &str, &Analysis, Option<&Arc<Automaton>>) -> PyResult<Bound<'py, T>>;

impl PyQuoteExtractor {
    /// Analyses one text without the GIL and converts the result; `what`
    /// (e.g. "analysing") names the work in the error a panic becomes.
    fn one<'py, T>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        gazetteer: Option<&Bound<'py, PyGazetteer>>,
        casing: Option<&str>,
        what: &str,
        convert: Convert<T>,
    ) -> PyResult<Bound<'py, T>> {
        let casing = parse_casing(py, casing)?;
        let s = single_text(text)?;
        let automaton = automaton_of(py, gazetteer)?;
        let analysis = guard(
            py,
            || format!("{what} a text of {} bytes", s.len()),
            || Ok(py.detach(|| self.inner.analyse(s, automaton.as_deref(), casing))),
        )?;
        convert(py, s, &analysis, automaton.as_ref())
    }

    /// `analyse` of each document of a batch, converted by `convert`
    /// (see `batch::to_list`).
    fn many<'py, T>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        gazetteer: Option<&Bound<'py, PyGazetteer>>,
        args: &BatchArgs,
        what: &str,
        (convert, on_skip): (Convert<T>, batch::OnSkip<'py>),
    ) -> PyResult<Bound<'py, PyList>> {
        let automaton = automaton_of(py, gazetteer)?;
        batch::to_list(
            py,
            texts,
            args,
            &format!("{what} a batch of documents"),
            |t| self.inner.analyse(t, automaton.as_deref(), args.casing),
            |text, analysis| Ok(convert(py, text, &analysis, automaton.as_ref())?.into_any()),
            on_skip,
        )
    }
}

#[pymethods]
impl PyQuoteExtractor {
    #[new]
    #[pyo3(signature = (*, thought_verbs=false, extra_cues=None, removed_cues=None, unmarked_speech=true, form="auto"))]
    fn new(
        py: Python<'_>,
        thought_verbs: bool,
        extra_cues: Option<Vec<Vec<String>>>,
        removed_cues: Option<Vec<String>>,
        unmarked_speech: bool,
        form: &str,
    ) -> PyResult<Self> {
        Ok(PyQuoteExtractor {
            inner: QuoteExtractor::new(QuoteOptions {
                thought_verbs,
                extra_cues: extra_cues.unwrap_or_default(),
                removed_cues: removed_cues.unwrap_or_default(),
                unmarked_speech,
                form: parse_form(py, form)?,
            }),
        })
    }

    /// The options, as keyword arguments of the constructor.
    fn options<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let o = self.inner.options();
        let d = PyDict::new(py);
        d.set_item("thought_verbs", o.thought_verbs)?;
        d.set_item("extra_cues", o.extra_cues.clone())?;
        d.set_item("removed_cues", o.removed_cues.clone())?;
        d.set_item("unmarked_speech", o.unmarked_speech)?;
        d.set_item("form", o.form.map_or("auto", Form::as_str))?;
        Ok(d)
    }

    /// Quotes in one text.
    #[pyo3(signature = (text, gazetteer=None, *, casing=None))]
    fn quotes<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        gazetteer: Option<&Bound<'py, PyGazetteer>>,
        casing: Option<&str>,
    ) -> PyResult<Bound<'py, PyList>> {
        self.one(
            py,
            text,
            gazetteer,
            casing,
            "extracting quotes from",
            py_quotes,
        )
    }

    /// Quotes in each text, in input order.
    /// Under `errors="skip"` a failed document gets an empty list.
    /// `offset` is the index of `texts[0]` in the caller's input.
    #[pyo3(signature = (texts, gazetteer=None, *, n_threads=None, casing=None, errors="raise", offset=0))]
    #[allow(clippy::too_many_arguments)]
    fn quotes_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        gazetteer: Option<&Bound<'py, PyGazetteer>>,
        n_threads: Option<usize>,
        casing: Option<&str>,
        errors: &str,
        offset: usize,
    ) -> PyResult<Bound<'py, PyList>> {
        let args = BatchArgs::parse(py, n_threads, casing, errors, offset)?;
        self.many(
            py,
            texts,
            gazetteer,
            &args,
            "extracting quotes from",
            (py_quotes, batch::empty_list),
        )
    }

    /// The quote table of `texts` (as `quotes_many` takes them), built on
    /// the worker threads: one record batch per chunk of documents, laid
    /// out for `layout` (`tables::Layout`: "arrow", "pandas", "polars").
    #[pyo3(signature = (texts, gazetteer=None, *, n_threads=None, casing=None, errors="raise", offset=0, layout="arrow"))]
    #[allow(clippy::too_many_arguments)]
    fn _quote_table(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        gazetteer: Option<&Bound<'_, PyGazetteer>>,
        n_threads: Option<usize>,
        casing: Option<&str>,
        errors: &str,
        offset: usize,
        layout: &str,
    ) -> PyResult<PyArrowTable> {
        let args = BatchArgs::parse(py, n_threads, casing, errors, offset)?;
        let layout = tables::Layout::parse(py, layout)?;
        let automaton = automaton_of(py, gazetteer)?;
        batch::to_table::<QuoteColumns, _>(
            py,
            texts,
            &args,
            "extracting quotes from a batch of documents",
            (tables::QUOTE_COLUMNS, layout),
            (
                |t| tables::quote_rows(t, self.inner.analyse(t, automaton.as_deref(), args.casing)),
                &automaton,
            ),
        )
    }

    /// Mentions, quotes and sentences of one text, matching the dictionary
    /// once (see `py_analysis` for the tuple returned).
    #[pyo3(signature = (text, gazetteer=None, *, casing=None))]
    fn analyze<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        gazetteer: Option<&Bound<'py, PyGazetteer>>,
        casing: Option<&str>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        self.one(py, text, gazetteer, casing, "analysing", py_analysis)
    }

    /// `analyze` of each text, in input order, in parallel.
    /// Under `errors="skip"` a failed document's place holds its error
    /// message.
    /// `offset` is the index of `texts[0]` in the caller's stream, for the
    /// messages that name a document.
    #[pyo3(signature = (texts, gazetteer=None, *, n_threads=None, casing=None, errors="raise", offset=0))]
    #[allow(clippy::too_many_arguments)]
    fn analyze_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        gazetteer: Option<&Bound<'py, PyGazetteer>>,
        n_threads: Option<usize>,
        casing: Option<&str>,
        errors: &str,
        offset: usize,
    ) -> PyResult<Bound<'py, PyList>> {
        let args = BatchArgs::parse(py, n_threads, casing, errors, offset)?;
        self.many(
            py,
            texts,
            gazetteer,
            &args,
            "analysing",
            (py_analysis, batch::message_str),
        )
    }

    /// This extractor with the models of two weight files' text (for
    /// `scripts/train_models.py`; not part of the public API, not pickled).
    fn _with_models(
        &self,
        py: Python<'_>,
        acceptance: &str,
        speaker: &str,
        confidence: &str,
    ) -> PyResult<Self> {
        let inner = self
            .inner
            .clone()
            .with_models(acceptance, speaker, confidence)
            .map_err(|e| super::errors::core_error(py, e))?;
        Ok(PyQuoteExtractor { inner })
    }

    /// What the models saw in one text, as JSON (for
    /// `scripts/train_models.py`; not part of the public API).
    #[pyo3(signature = (text, gazetteer=None, *, casing=None))]
    fn _trace(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        gazetteer: Option<&Bound<'_, PyGazetteer>>,
        casing: Option<&str>,
    ) -> PyResult<String> {
        let casing = parse_casing(py, casing)?;
        let s = single_text(text)?;
        let automaton = automaton_of(py, gazetteer)?;
        guard(
            py,
            || format!("tracing a text of {} bytes", s.len()),
            || {
                let trace = py.detach(|| self.inner.trace(s, automaton.as_deref(), casing));
                serde_json::to_string(&trace)
                    .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
            },
        )
    }

    /// Rebuilds an extractor from `options()` (used by pickling).
    #[staticmethod]
    fn _from_options(options: &Bound<'_, PyDict>) -> PyResult<Self> {
        let get = |k: &str| options.get_item(k);
        PyQuoteExtractor::new(
            options.py(),
            get("thought_verbs")?
                .map(|v| v.extract())
                .transpose()?
                .unwrap_or(false),
            get("extra_cues")?.map(|v| v.extract()).transpose()?,
            get("removed_cues")?.map(|v| v.extract()).transpose()?,
            get("unmarked_speech")?
                .map(|v| v.extract())
                .transpose()?
                .unwrap_or(true),
            get("form")?
                .map(|v| v.extract::<String>())
                .transpose()?
                .as_deref()
                .unwrap_or("auto"),
        )
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let options = slf.get().options(py)?;
        let rebuild = slf.get_type().getattr("_from_options")?;
        Ok((rebuild, (options,).into_pyobject(py)?))
    }
}
