//! quotewise: who said what, about whom, in news text.
//!
//! The core of quotewise, with no Python in it. It finds the entries of a
//! dictionary ([`Gazetteer`]) in text with whole-word, case- and
//! accent-insensitive matching whose offsets point into the original text.
//!
//! ```
//! use quotewise::{Entry, Gazetteer};
//!
//! let mut gaz = Gazetteer::new(Default::default());
//! gaz.add(vec![Entry::new("putin", "Vladimir Putin", "PERSON")]).unwrap();
//! let text = "Russian President Vladimir Putin met Assad. Putin's aides said little.";
//! let found: Vec<&str> = gaz.find(text).unwrap().iter().map(|m| &text[m.start..m.end]).collect();
//! assert_eq!(found, ["Vladimir Putin", "Putin"]);
//! ```
//!
//! The pipeline is described in `DESIGN.md` at the top of the repository.

pub mod error;
pub mod gazetteer;
pub mod parallel;
pub mod quotes;
pub mod text;

#[cfg(feature = "python")]
mod python;

/// The compiled Python module, `quotewise._quotewise`.
#[cfg(feature = "python")]
#[pyo3::pymodule]
fn _quotewise(m: &pyo3::Bound<'_, pyo3::types::PyModule>) -> pyo3::PyResult<()> {
    python::register(m)
}

pub use error::{Error, ErrorKind, Result};
pub use gazetteer::{Entry, Gazetteer, GazetteerOptions, Match, Mention};
