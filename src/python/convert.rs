//! Conversions between Python objects and core values: dictionary entries
//! and JSON-able metadata.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

use super::errors::{self, type_name};
use super::input::is_missing;
use crate::gazetteer::entry::split_aliases;
use crate::gazetteer::Entry;

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
