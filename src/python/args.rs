//! The arguments every batch call shares, parsed in one place, and the
//! types the input, the batch driver and the tables pass between them.
//!
//! A leaf of the binding: it uses only `errors`, so any module may use it
//! without making an import circle.

use pyo3::prelude::*;

use super::errors;
use crate::parallel::Threads;
use crate::text::Casing;

/// One document of a batch: its UTF-8 text (empty for a missing one), or
/// why it cannot be used (kept only under `errors="skip"`).
pub type Item<'a> = Result<&'a str, String>;

/// What a batch call does with a document that fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnError {
    /// Raise at once, naming the document.
    Raise,
    /// Give it an empty result, go on, and report it.
    Skip,
}

/// The `errors` argument of the batch calls.
pub fn parse_errors(py: Python<'_>, errors: &str) -> PyResult<OnError> {
    match errors {
        "raise" => Ok(OnError::Raise),
        "skip" => Ok(OnError::Skip),
        other => Err(errors::argument(
            py,
            format!("errors must be 'raise' or 'skip', not {other:?}"),
        )),
    }
}

/// The `casing` argument: None or "auto" lets each document tell.
pub fn parse_casing(py: Python<'_>, casing: Option<&str>) -> PyResult<Option<Casing>> {
    match casing {
        None | Some("auto") => Ok(None),
        Some("cased") => Ok(Some(Casing::Cased)),
        Some("uncased") => Ok(Some(Casing::Uncased)),
        Some(other) => Err(errors::argument(
            py,
            format!("casing must be 'auto', 'cased' or 'uncased', not {other:?}"),
        )),
    }
}

/// The `n_threads` argument: None for all cores.
pub fn parse_threads(py: Python<'_>, n_threads: Option<usize>) -> PyResult<Threads> {
    Threads::from_option(n_threads).map_err(|e| errors::core_error(py, e))
}

/// The options of one batch call.
#[derive(Clone, Copy, Debug)]
pub struct BatchArgs {
    pub threads: Threads,
    pub casing: Option<Casing>,
    pub on_error: OnError,
    /// The index of the batch's first document in the caller's input (the
    /// caller streams its input in batches; messages name the document by
    /// its index in the whole input).
    pub offset: usize,
}

impl BatchArgs {
    pub fn parse(
        py: Python<'_>,
        n_threads: Option<usize>,
        casing: Option<&str>,
        errors: &str,
        offset: usize,
    ) -> PyResult<Self> {
        Ok(BatchArgs {
            threads: parse_threads(py, n_threads)?,
            casing: parse_casing(py, casing)?,
            on_error: parse_errors(py, errors)?,
            offset,
        })
    }
}
