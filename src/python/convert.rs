//! Conversions between Python objects and core values: dictionary entries,
//! JSON-able metadata, and batches of documents.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

use super::arrow::PyArrowStrings;
use super::batch::{Item, OnError};
use super::errors;
use crate::gazetteer::entry::split_aliases;
use crate::gazetteer::Entry;

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

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "?".to_string(), |n| n.to_string())
}

/// A Python value as JSON, for entry metadata. NaN becomes `null`.
pub fn to_json(obj: &Bound<'_, PyAny>, path: &dyn Fn() -> String) -> PyResult<Value> {
    let py = obj.py();
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_str()?.to_string()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::Number(i.into()));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::Number(u.into()));
        }
        return Err(errors::entry(
            py,
            format!("{}: integer {obj} is too large for JSON", path()),
        ));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(Number::from_f64(f.value()).map_or(Value::Null, Value::Number));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in d.iter() {
            let key = k
                .cast::<PyString>()
                .map_err(|_| {
                    errors::entry(
                        py,
                        format!("{}: dict keys must be str, not {}", path(), type_name(&k)),
                    )
                })?
                .to_str()?
                .to_string();
            let value = to_json(&v, &|| format!("{}[{key:?}]", path()))?;
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for (i, item) in obj.try_iter()?.enumerate() {
            items.push(to_json(&item?, &|| format!("{}[{i}]", path()))?);
        }
        return Ok(Value::Array(items));
    }
    Err(errors::entry(
        py,
        format!(
            "{}: a {} is not JSON-able metadata; convert it to str, int, float, bool, list or dict first",
            path(),
            type_name(obj)
        ),
    ))
}

/// A JSON value as a Python object.
pub fn from_json<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(from_json(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => metadata_dict(py, map)?.into_any(),
    })
}

/// A metadata map as a new Python dict.
pub fn metadata_dict<'py>(
    py: Python<'py>,
    map: &Map<String, Value>,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (k, v) in map {
        dict.set_item(k, from_json(py, v)?)?;
    }
    Ok(dict)
}

const FIELDS: [&str; 6] = ["id", "name", "kind", "aliases", "weight", "case_sensitive"];

/// A dictionary entry from a Python mapping. `index` is the entry's
/// position in the caller's input, for error messages.
pub fn entry_from_py(obj: &Bound<'_, PyAny>, index: usize) -> PyResult<Entry> {
    let py = obj.py();
    let dict = obj.cast::<PyDict>().map_err(|_| {
        errors::entry(
            py,
            format!(
                "entry {index}: expected a dict with id, name and kind, got {}",
                type_name(obj)
            ),
        )
    })?;
    let fail = |msg: String| errors::entry(py, format!("entry {index}: {msg}"));
    let get = |key: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
        Ok(dict.get_item(key)?.filter(|v| !is_missing(v)))
    };
    let text = |key: &str, required: bool| -> PyResult<String> {
        match get(key)? {
            None if required => Err(fail(format!("`{key}` is missing"))),
            None => Ok(String::new()),
            Some(v) => v
                .cast::<PyString>()
                .map_err(|_| fail(format!("`{key}` must be a str, not {}", type_name(&v))))?
                .to_str()
                .map(str::to_string),
        }
    };
    let id = match get("id")? {
        None => return Err(fail("`id` is missing".into())),
        Some(v) if v.is_instance_of::<PyString>() => v.cast::<PyString>()?.to_str()?.to_string(),
        Some(v) if v.is_instance_of::<PyInt>() && !v.is_instance_of::<PyBool>() => {
            v.str()?.to_str()?.to_string()
        }
        Some(v) => {
            return Err(fail(format!(
                "`id` must be a str or int, not {}",
                type_name(&v)
            )))
        }
    };
    let mut entry = Entry::new(id, text("name", true)?, text("kind", true)?);
    if let Some(aliases) = get("aliases")? {
        entry.aliases = if let Ok(s) = aliases.cast::<PyString>() {
            split_aliases(s.to_str()?, '|')
        } else {
            let iter = aliases.try_iter().map_err(|_| {
                fail(format!(
                    "`aliases` must be a list of str or a `|`-joined str, not {}",
                    type_name(&aliases)
                ))
            })?;
            let mut out = Vec::new();
            for item in iter {
                let item = item?;
                let s = item.cast::<PyString>().map_err(|_| {
                    fail(format!("`aliases` must hold str, not {}", type_name(&item)))
                })?;
                out.push(s.to_str()?.to_string());
            }
            out
        };
    }
    if let Some(w) = get("weight")? {
        entry.weight = Some(
            w.extract::<f64>()
                .map_err(|_| fail(format!("`weight` must be a number, not {}", type_name(&w))))?,
        );
    }
    if let Some(cs) = get("case_sensitive")? {
        entry.case_sensitive = Some(cs.extract::<bool>().map_err(|_| {
            fail(format!(
                "`case_sensitive` must be a bool, not {}",
                type_name(&cs)
            ))
        })?);
    }
    for (k, v) in dict.iter() {
        let key = k
            .cast::<PyString>()
            .map_err(|_| fail(format!("keys must be str, not {}", type_name(&k))))?
            .to_str()?;
        if FIELDS.contains(&key) {
            continue;
        }
        let value = to_json(&v, &|| format!("entry {index}: metadata {key:?}"))?;
        entry.metadata.insert(key.to_string(), value);
    }
    entry.validate().map_err(|e| fail(e.message().to_string()))
}

/// An entry as a Python dict, in the shape it was given.
pub fn entry_to_py<'py>(py: Python<'py>, entry: &Entry) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("id", &entry.id)?;
    dict.set_item("name", &entry.name)?;
    dict.set_item("kind", &entry.kind)?;
    dict.set_item("aliases", PyList::new(py, &entry.aliases)?)?;
    if let Some(w) = entry.weight {
        dict.set_item("weight", w)?;
    }
    if let Some(cs) = entry.case_sensitive {
        dict.set_item("case_sensitive", cs)?;
    }
    for (k, v) in &entry.metadata {
        dict.set_item(k, from_json(py, v)?)?;
    }
    Ok(dict)
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
/// `offset` is the index of the first text in the caller's input (for
/// messages, when a stream is processed in batches).
pub fn documents<'py>(
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

/// The UTF-8 texts of a batch read by `documents`: a missing document is
/// an empty text; one that cannot be encoded raises, naming its index
/// (under `errors="skip"`, it is an item that says why).
pub fn batch_texts<'a>(
    docs: &'a [Doc<'_>],
    on_error: OnError,
    offset: usize,
) -> PyResult<Vec<Item<'a>>> {
    docs.iter()
        .enumerate()
        .map(|(k, d)| (offset + k, d))
        .map(|(i, d)| match d {
            Doc::Text(s) => match (utf8(s, &|| format!("document {i}")), on_error) {
                (Ok(text), _) => Ok(Ok(text)),
                (Err(err), OnError::Raise) => Err(err),
                (Err(err), OnError::Skip) => Ok(Err(err.value(s.py()).to_string())),
            },
            Doc::Missing => Ok(Ok("")),
            Doc::Bad(message) => Ok(Err(message.clone())),
        })
        .collect()
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
pub fn utf8<'a>(s: &'a Bound<'_, PyString>, what: &dyn Fn() -> String) -> PyResult<&'a str> {
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

/// The documents of a batch call, as given: Python objects (read by
/// `documents`), or an Arrow string array read in place.
pub struct Batch<'py> {
    docs: Vec<Doc<'py>>,
    arrow: Option<Bound<'py, PyArrowStrings>>,
}

impl<'py> Batch<'py> {
    /// Reads `texts`: an `_ArrowStrings`, or any iterable of str/None/NaN.
    pub fn read(texts: &Bound<'py, PyAny>, on_error: OnError, offset: usize) -> PyResult<Self> {
        if let Ok(arrow) = texts.cast::<PyArrowStrings>() {
            return Ok(Batch {
                docs: Vec::new(),
                arrow: Some(arrow.clone()),
            });
        }
        Ok(Batch {
            docs: documents(texts, on_error, offset)?,
            arrow: None,
        })
    }

    /// The UTF-8 texts (see `batch_texts` and `PyArrowStrings::items`).
    pub fn items(
        &self,
        py: Python<'_>,
        on_error: OnError,
        offset: usize,
    ) -> PyResult<Vec<Item<'_>>> {
        match &self.arrow {
            Some(arrow) => arrow.get().items(py, on_error, offset),
            None => batch_texts(&self.docs, on_error, offset),
        }
    }
}
