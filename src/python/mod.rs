//! The PyO3 binding: thin wrappers that convert arguments, release the GIL
//! around core work, and convert results. No matching logic lives here.
//!
//! Modules, leaves first (each uses only those above it; a test checks
//! that no module imports, directly or through others, one that imports it
//! back):
//!
//! - `errors`: the exception classes, the one mapping of core errors, panics;
//! - `gc`: pausing Python's cyclic collector while results are built;
//! - `args`: the arguments every batch call shares, and shared types;
//! - `arrow_in`: Arrow text columns read in place (the PyCapsule interface);
//! - `input`: the documents of a call, Python objects or Arrow;
//! - `convert`: dictionary entries and metadata to and from Python;
//! - `tables`: the quote and mention tables' schema and Arrow builders;
//! - `arrow_out`: `ArrowTable`, a table handed out as an Arrow stream;
//! - `batch`: the one batch driver, for lists and for tables;
//! - `mention`, `gazetteer`, `quotes`: the classes.

mod args;
mod arrow_in;
mod arrow_out;
mod batch;
mod convert;
pub mod errors;
mod gazetteer;
mod gc;
mod input;
mod mention;
mod quotes;
mod tables;

use pyo3::prelude::*;

/// Adds the binding's classes and functions to the `_quotewise` module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    crate::parallel::install_fork_hook();
    errors::install_panic_hook();
    m.add_class::<arrow_in::PyArrowTexts>()?;
    m.add_class::<arrow_in::PyArrowChunk>()?;
    m.add_class::<arrow_out::PyArrowTable>()?;
    m.add_class::<gazetteer::PyGazetteer>()?;
    m.add_class::<mention::PyMention>()?;
    m.add_class::<quotes::PyQuote>()?;
    m.add_class::<quotes::PySpan>()?;
    m.add_class::<quotes::PyQuoteExtractor>()?;
    m.add_function(wrap_pyfunction!(batch::_batch_probe, m)?)?;
    m.add_function(wrap_pyfunction!(batch::_guard_probe, m)?)?;
    m.add_function(wrap_pyfunction!(table_columns, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

/// The columns of a table (`"quotes"` or `"mentions"`) after `doc_id`, as
/// `(name, type, nullable)`, with `error` last under `errors="skip"`: the
/// schema `quotewise._rows` reads (types: string, int64, bool, float64,
/// dictionary, list<string>).
#[pyfunction]
#[pyo3(signature = (table, errors="raise"))]
fn table_columns(
    py: Python<'_>,
    table: &str,
    errors: &str,
) -> PyResult<Vec<(&'static str, &'static str, bool)>> {
    let columns = match table {
        "quotes" => tables::QUOTE_COLUMNS,
        "mentions" => tables::MENTION_COLUMNS,
        other => {
            return Err(errors::argument(
                py,
                format!("table must be 'quotes' or 'mentions', not {other:?}"),
            ))
        }
    };
    let skip = args::parse_errors(py, errors)? == args::OnError::Skip;
    let mut out: Vec<_> = columns
        .iter()
        .map(|&(name, column, nullable)| (name, column.name(), nullable || skip))
        .collect();
    if skip {
        out.push(("error", tables::Column::Text.name(), true));
    }
    Ok(out)
}

/// The extension module allocates with mimalloc: quote extraction makes many
/// small, short-lived vectors, maps and strings per document, and the system
/// allocator costs about a tenth more wall time on them (README, *Speed*).
/// Python's own objects keep Python's allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
