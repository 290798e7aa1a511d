//! Errors mapped in one place.
//!
//! The exception classes are defined in Python (`quotewise/errors.py`) so
//! that each can subclass both `quotewise.QuotewiseError` and the matching
//! builtin (`ValueError`, `TypeError`, `FileNotFoundError`). This module is
//! the only place that turns a core error, a bad argument or a Rust panic
//! into one of them. It is a leaf of the binding: it uses no other module
//! of `src/python/`.

use std::any::Any;
use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

use crate::error::{Error, ErrorKind};

/// The Python exception classes, looked up once.
macro_rules! exception_class {
    ($fn_name:ident, $class:literal) => {
        fn $fn_name(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
            static CELL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
            CELL.import(py, "quotewise.errors", $class)
        }
    };
}

exception_class!(gazetteer_error, "GazetteerError");
exception_class!(dictionary_file_error, "DictionaryFileError");
exception_class!(file_not_found_error, "DictionaryNotFoundError");
exception_class!(document_type_error, "DocumentTypeError");
exception_class!(invalid_text_error, "InvalidTextError");
exception_class!(argument_error, "ArgumentError");
exception_class!(internal_error, "InternalError");
exception_class!(skipped_documents_warning, "SkippedDocumentsWarning");

/// Builds an exception of `class` with `message`, falling back to a builtin
/// if the Python module cannot be imported (a broken install).
fn make(class: PyResult<&Bound<'_, PyType>>, message: String) -> PyErr {
    match class {
        Ok(cls) => PyErr::from_type(cls.clone(), message),
        Err(import_error) => import_error,
    }
}

/// The name of `obj`'s type, for messages.
pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "?".to_string(), |n| n.to_string())
}

/// The Python exception for a core error: the class follows the error's
/// kind alone, never its message.
pub fn core_error(py: Python<'_>, err: Error) -> PyErr {
    let class = match err.kind() {
        ErrorKind::InvalidEntry => gazetteer_error(py),
        ErrorKind::InvalidFile | ErrorKind::Io => dictionary_file_error(py),
        ErrorKind::NotFound => file_not_found_error(py),
        ErrorKind::InvalidArgument => argument_error(py),
        ErrorKind::Internal => internal_error(py),
    };
    make(class, err.message().to_string())
}

/// A document of the wrong type (`TypeError` subclass).
pub fn document_type(py: Python<'_>, message: String) -> PyErr {
    make(document_type_error(py), message)
}

/// A document whose text cannot be used (`ValueError` subclass).
pub fn invalid_text(py: Python<'_>, message: String) -> PyErr {
    make(invalid_text_error(py), message)
}

/// A bad argument (`ValueError` subclass).
pub fn argument(py: Python<'_>, message: String) -> PyErr {
    make(argument_error(py), message)
}

/// A bug in quotewise (`RuntimeError` subclass).
pub fn internal(py: Python<'_>, message: String) -> PyErr {
    make(internal_error(py), message)
}

/// A bad dictionary entry given from Python (`ValueError` subclass).
pub fn entry(py: Python<'_>, message: String) -> PyErr {
    make(gazetteer_error(py), message)
}

/// Issues `quotewise.SkippedDocumentsWarning` with `message` (an error if
/// warnings are turned into errors).
pub fn skipped_warning(py: Python<'_>, message: &str) -> PyResult<()> {
    let category = skipped_documents_warning(py)?;
    let message = std::ffi::CString::new(message.replace('\0', " "))
        .unwrap_or_else(|_| c"documents were skipped".to_owned());
    PyErr::warn(py, category, &message, 1)
}

/// The text of a panic's payload.
pub fn panic_text(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// The message of the error raised for a Rust panic.
pub fn bug_message(what: &str, payload: &(dyn Any + Send)) -> String {
    format!(
        "quotewise bug: internal failure while {what}: {}. Please report it at \
         the quotewise issue tracker with the input that triggered it.",
        panic_text(payload)
    )
}

/// Runs `f`, turning a Rust panic into `quotewise.InternalError` so that no
/// `PanicException` (a `BaseException` that `except Exception` misses and
/// that kills a Dask task) reaches Python.
pub fn guard<T>(
    py: Python<'_>,
    what: impl FnOnce() -> String,
    f: impl FnOnce() -> PyResult<T>,
) -> PyResult<T> {
    // `f` runs on this thread (the GIL released inside it or not), so its
    // panic is marked as caught: the exception says it all.
    match quietly(|| catch_unwind(AssertUnwindSafe(f))) {
        Ok(result) => result,
        Err(payload) => Err(make(
            internal_error(py),
            bug_message(&what(), payload.as_ref()),
        )),
    }
}

thread_local! {
    /// Whether a panic on this thread is caught and reported as an error.
    static CAUGHT: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with this thread's panics marked as caught: the panic hook
/// installed by `install_panic_hook` stays silent for them (the panic is
/// reported once, as the document's error or the call's `InternalError`,
/// not as a backtrace on stderr per document of a million-row job).
pub fn quietly<T>(f: impl FnOnce() -> T) -> T {
    let was = CAUGHT.with(|c| c.replace(true));
    let out = f();
    CAUGHT.with(|c| c.set(was));
    out
}

/// Installs, once, a panic hook that is silent for the panics caught under
/// `quietly` and defers to the previous hook for every other.
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !CAUGHT.with(Cell::get) {
                previous(info);
            }
        }));
    });
}
