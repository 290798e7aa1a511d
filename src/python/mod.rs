//! The PyO3 binding: thin wrappers that convert arguments, release the GIL
//! around core work, and convert results. No matching logic lives here.

mod arrow;
mod batch;
mod convert;
pub mod errors;
mod gazetteer;
mod gc;
mod mention;
mod quotes;

use pyo3::prelude::*;

/// Adds the binding's classes and functions to the `_quotewise` module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    crate::parallel::install_fork_hook();
    batch::install_panic_hook();
    m.add_class::<arrow::PyArrowStrings>()?;
    m.add_class::<gazetteer::PyGazetteer>()?;
    m.add_class::<mention::PyMention>()?;
    m.add_class::<quotes::PyQuote>()?;
    m.add_class::<quotes::PySpan>()?;
    m.add_class::<quotes::PyQuoteExtractor>()?;
    m.add_function(wrap_pyfunction!(batch::_batch_probe, m)?)?;
    m.add_function(wrap_pyfunction!(batch::_guard_probe, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
