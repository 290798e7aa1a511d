//! The documents of a call: one Python `str`, or a batch given as Python
//! objects or as a chunk of an Arrow text column (`arrow_in`).

use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyString};

use super::args::{BatchArgs, Item, OnError};
use super::arrow_in::PyArrowChunk;
use super::errors::{self, type_name};

/// Whether `obj` marks a missing value: `None`, a float NaN (pandas'
/// object columns, numpy) or `pandas.NA` (pandas' `string` dtype).
pub fn is_missing(obj: &Bound<'_, PyAny>) -> bool {
    if obj.is_none() {
        return true;
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return f.value().is_nan();
    }
    let ty = obj.get_type();
    ty.name().is_ok_and(|n| n == "NAType")
        && ty
            .module()
            .is_ok_and(|m| m.to_str().is_ok_and(|m| m.starts_with("pandas")))
}

/// One document of a batch: its text, nothing for a missing one, or why
/// it cannot be used (kept only under `errors="skip"`).
pub enum Doc<'py> {
    Text(Bound<'py, PyString>),
    Missing,
    Bad(String),
}

/// Reads the documents of a batch: str, or None/NaN for a missing text.
/// Anything else raises `DocumentTypeError` naming the document's index
/// (under `errors="skip"` it becomes a `Doc::Bad` and the batch goes on).
/// `offset` is the index of the first text in the caller's input.
fn documents<'py>(
    texts: &Bound<'py, PyAny>,
    on_error: OnError,
    offset: usize,
) -> PyResult<Vec<Doc<'py>>> {
    let py = texts.py();
    if texts.is_instance_of::<PyString>() {
        return Err(errors::document_type(
            py,
            "expected a collection of texts, got one str; wrap it in a list or call find()"
                .to_string(),
        ));
    }
    let iter = texts.try_iter().map_err(|_| {
        errors::document_type(
            py,
            format!("expected an iterable of str, got {}", type_name(texts)),
        )
    })?;
    let mut docs = Vec::new();
    for (k, item) in iter.enumerate() {
        let i = offset + k;
        let item = item?;
        if let Ok(s) = item.cast::<PyString>() {
            docs.push(Doc::Text(s.clone()));
        } else if is_missing(&item) {
            docs.push(Doc::Missing);
        } else {
            let message = format!(
                "document {i}: expected str (or None/NaN for a missing text), got {}",
                type_name(&item)
            );
            match on_error {
                OnError::Raise => return Err(errors::document_type(py, message)),
                OnError::Skip => docs.push(Doc::Bad(message)),
            }
        }
    }
    Ok(docs)
}

/// The UTF-8 text of the one document a single-text call takes, or a clear
/// error: not a str, or not encodable.
pub fn single_text<'a>(text: &'a Bound<'_, PyAny>) -> PyResult<&'a str> {
    let s = text.cast::<PyString>().map_err(|_| {
        errors::document_type(
            text.py(),
            format!("expected a str, got {}", type_name(text)),
        )
    })?;
    utf8(s, &|| "the text".to_string())
}

/// The UTF-8 text of a Python str, or a clear error for strings that
/// cannot be encoded (lone surrogates).
fn utf8<'a>(s: &'a Bound<'_, PyString>, what: &dyn Fn() -> String) -> PyResult<&'a str> {
    s.to_str().map_err(|err| {
        let py = s.py();
        // The UnicodeEncodeError knows where the offending character is.
        let at = err
            .value(py)
            .getattr("start")
            .and_then(|v| v.extract::<usize>())
            .map(|i| format!(" at index {i}"))
            .unwrap_or_default();
        errors::invalid_text(
            py,
            format!(
                "{} cannot be encoded as UTF-8: it contains a lone surrogate{at} \
                 (usually from decoding bytes with errors='surrogateescape'); \
                 clean it, e.g. text.encode('utf-8', 'replace').decode('utf-8')",
                what()
            ),
        )
    })
}

/// The documents of a batch call, as given: Python objects, or a chunk of
/// an Arrow text column read in place.
pub enum Batch<'py> {
    Objects(Vec<Doc<'py>>),
    Arrow(Bound<'py, PyArrowChunk>),
}

impl<'py> Batch<'py> {
    /// Reads `texts`: an `_ArrowChunk`, or any iterable of str/None/NaN.
    pub fn read(texts: &Bound<'py, PyAny>, on_error: OnError, offset: usize) -> PyResult<Self> {
        if let Ok(chunk) = texts.cast::<PyArrowChunk>() {
            return Ok(Batch::Arrow(chunk.clone()));
        }
        Ok(Batch::Objects(documents(texts, on_error, offset)?))
    }

    /// The UTF-8 texts: a missing document is an empty text; one that
    /// cannot be used raises naming its index, or under `errors="skip"` is
    /// an item that says why.
    pub fn items(&self, py: Python<'_>, args: &BatchArgs) -> PyResult<Vec<Item<'_>>> {
        let (on_error, offset) = (args.on_error, args.offset);
        match self {
            Batch::Arrow(chunk) => chunk.get().items(py, (on_error, offset, args.threads)),
            Batch::Objects(docs) => docs
                .iter()
                .enumerate()
                .map(|(k, d)| match d {
                    Doc::Text(s) => {
                        match (utf8(s, &|| format!("document {}", offset + k)), on_error) {
                            (Ok(text), _) => Ok(Ok(text)),
                            (Err(err), OnError::Raise) => Err(err),
                            (Err(err), OnError::Skip) => Ok(Err(err.value(py).to_string())),
                        }
                    }
                    Doc::Missing => Ok(Ok("")),
                    Doc::Bad(message) => Ok(Err(message.clone())),
                })
                .collect(),
        }
    }

    /// The ids of an Arrow chunk's documents (its id column), if it has them.
    pub fn arrow_ids(&self) -> Option<arrow_array::ArrayRef> {
        match self {
            Batch::Arrow(chunk) => chunk.get().ids(),
            Batch::Objects(_) => None,
        }
    }
}
