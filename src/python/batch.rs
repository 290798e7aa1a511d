//! Batches: matching in parallel while Python objects are built.
//!
//! The core work on a batch runs without the GIL on rayon threads; turning
//! its results into Python objects needs the GIL and is serial. Done one
//! after the other, the serial part caps the speed-up of a second core (it
//! was 1.5x). So a batch is cut into chunks of a few megabytes: while the
//! calling thread, holding the GIL, converts chunk k, a background thread
//! computes chunk k+1. Between chunks the calling thread also checks for
//! Ctrl-C, so a long batch stops promptly with `KeyboardInterrupt`.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use super::errors;
use crate::parallel::{
    chunk_ends, in_forked_child, map_in_order_grouped, min_items_per_task, Threads,
};

/// Why one document of a batch has no result.
#[derive(Clone, Debug)]
pub enum Failure {
    /// Its input was unusable (wrong type, unencodable text): the message
    /// names the document.
    Input(String),
    /// The core panicked on it (a bug): the panic's text.
    Panic(String),
}

impl Failure {
    /// The message for document `index`; `what` says what was being done.
    pub fn message(&self, what: &str, index: usize) -> String {
        match self {
            Failure::Input(message) => message.clone(),
            Failure::Panic(text) => format!(
                "quotewise bug: internal failure while {what}, at document {index}: {text}. \
                 Please report it at the quotewise issue tracker with that document."
            ),
        }
    }
}

/// One document of a batch: its text, or why it cannot be used.
pub type Item<'a> = Result<&'a str, String>;

/// A chunk being computed on a background thread.
type Pending<'scope, R> =
    std::thread::ScopedJoinHandle<'scope, std::thread::Result<Vec<Outcome<R>>>>;

/// The result of one document.
pub type Outcome<R> = Result<R, Failure>;

thread_local! {
    /// Whether a panic on this thread is caught and reported by `run`.
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

/// Installs, once, a panic hook that is silent for the panics `run`
/// catches and defers to the previous hook for every other.
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

/// Applies `compute` to every usable text (on up to `threads` threads) and
/// hands each outcome, in input order and one chunk at a time, to `consume`
/// with the document's index; `consume` runs on the calling thread with the
/// GIL held. A panic on one document is caught there and becomes that
/// document's `Failure::Panic`: the others go on. `what` describes the work
/// for error messages.
pub fn run<R, C, F>(
    py: Python<'_>,
    threads: Threads,
    items: &[Item<'_>],
    what: &str,
    compute: C,
    mut consume: F,
) -> PyResult<()>
where
    R: Send,
    C: Fn(&str) -> R + Sync + Send,
    F: FnMut(usize, &str, Outcome<R>) -> PyResult<()>,
{
    let ends = chunk_ends(items.iter().map(|t| t.as_ref().map_or(0, |s| s.len())));
    let one = |item: &Item<'_>| -> Outcome<R> {
        match item {
            Ok(text) => quietly(|| catch_unwind(AssertUnwindSafe(|| compute(text))))
                .map_err(|payload| Failure::Panic(errors::panic_text(payload.as_ref()))),
            Err(message) => Err(Failure::Input(message.clone())),
        }
    };
    let compute_chunk = |chunk: &[Item<'_>]| -> std::thread::Result<Vec<Outcome<R>>> {
        let bytes = chunk
            .iter()
            .map(|t| t.as_ref().map_or(0, |s| s.len()))
            .sum();
        let per_task = min_items_per_task(chunk.len(), bytes);
        // Each document's panic is caught in `one`; this catches the rest
        // (a thread pool failing), which fails the whole chunk.
        catch_unwind(AssertUnwindSafe(|| {
            map_in_order_grouped(threads, chunk, per_task, one)
        }))
    };
    let bug = |payload: Box<dyn std::any::Any + Send>| {
        errors::internal(py, errors::bug_message(what, payload.as_ref()))
    };
    let mut deliver =
        |first: usize, chunk: &[Item<'_>], results: Vec<Outcome<R>>| -> PyResult<()> {
            for (k, (item, r)) in chunk.iter().zip(results).enumerate() {
                consume(first + k, item.as_ref().map_or("", |s| s), r)?;
            }
            py.check_signals()
        };

    let serial = threads == Threads::Exactly(1) || in_forked_child() || ends.len() < 2;
    if serial {
        let mut start = 0;
        for &end in &ends {
            let chunk = &items[start..end];
            let results = py.detach(|| compute_chunk(chunk)).map_err(bug)?;
            deliver(start, chunk, results)?;
            start = end;
        }
        return Ok(());
    }

    std::thread::scope(|scope| -> PyResult<()> {
        let mut start = 0;
        let mut pending: Option<(usize, &[Item<'_>], Pending<'_, R>)> = None;
        for &end in &ends {
            let first = start;
            let chunk = &items[start..end];
            start = end;
            let next = std::thread::Builder::new()
                .name("quotewise-batch".into())
                .spawn_scoped(scope, move || compute_chunk(chunk));
            let next = match next {
                Ok(handle) => handle,
                // No thread could be started: do this chunk here.
                Err(_) => {
                    if let Some((done_first, done_chunk, handle)) = pending.take() {
                        let results = py.detach(|| handle.join()).map_err(bug)?.map_err(bug)?;
                        deliver(done_first, done_chunk, results)?;
                    }
                    let results = py.detach(|| compute_chunk(chunk)).map_err(bug)?;
                    deliver(first, chunk, results)?;
                    continue;
                }
            };
            if let Some((done_first, done_chunk, handle)) = pending.replace((first, chunk, next)) {
                let results = py.detach(|| handle.join()).map_err(bug)?.map_err(bug)?;
                deliver(done_first, done_chunk, results)?;
            }
        }
        if let Some((done_first, done_chunk, handle)) = pending {
            let results = py.detach(|| handle.join()).map_err(bug)?.map_err(bug)?;
            deliver(done_first, done_chunk, results)?;
        }
        Ok(())
    })
}

/// What a batch call does with a document that fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnError {
    /// Raise at once, naming the document.
    Raise,
    /// Give it an empty result, go on, and report it.
    Skip,
}

/// What stands in a batch's result for a document skipped under
/// `errors="skip"`, given its message.
pub type OnSkip<'py> = fn(Python<'py>, String) -> PyResult<Bound<'py, PyAny>>;

/// A skipped document's place in `quotes_many` and `find_many`: an empty list.
pub fn empty_list(py: Python<'_>, _message: String) -> PyResult<Bound<'_, PyAny>> {
    Ok(PyList::empty(py).into_any())
}

/// A skipped document's place in `analyze_many` and `_find_batch`: the message, from which
/// `quotewise.Document` builds a document with its `error` set.
pub fn message_str(py: Python<'_>, message: String) -> PyResult<Bound<'_, PyAny>> {
    Ok(PyString::new(py, &message).into_any())
}

/// Parses the `errors` argument of the batch calls.
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

/// Collects the failures of a batch run: raises on the first one under
/// `errors="raise"`, and under `errors="skip"` keeps them for one warning at
/// the end (`quotewise.SkippedDocumentsWarning`).
pub struct Failures<'w> {
    on_error: OnError,
    what: &'w str,
    offset: usize,
    seen: Vec<String>,
}

impl<'w> Failures<'w> {
    /// `offset`: the index in the caller's input of the batch's first text.
    pub fn new(on_error: OnError, what: &'w str, offset: usize) -> Self {
        Failures {
            on_error,
            what,
            offset,
            seen: Vec::new(),
        }
    }

    /// Records the failure of the batch's document `index`: an error under
    /// `raise` (an input error keeps its class; a panic is an
    /// `InternalError`).
    pub fn record(&mut self, py: Python<'_>, index: usize, failure: &Failure) -> PyResult<String> {
        let message = failure.message(self.what, self.offset + index);
        if self.on_error == OnError::Raise {
            return Err(match failure {
                Failure::Input(_) => errors::invalid_text(py, message),
                Failure::Panic(_) => errors::internal(py, message),
            });
        }
        self.seen.push(message.clone());
        Ok(message)
    }

    /// Under `skip`, warns once about every document skipped (up to five
    /// messages, and the count).
    pub fn finish(self, py: Python<'_>, total: usize) -> PyResult<()> {
        if self.seen.is_empty() {
            return Ok(());
        }
        let shown: Vec<&str> = self.seen.iter().take(5).map(String::as_str).collect();
        let more = if self.seen.len() > 5 {
            format!("; and {} more", self.seen.len() - 5)
        } else {
            String::new()
        };
        errors::skipped_warning(
            py,
            &format!(
                "skipped {} of {total} documents (errors='skip'): {}{more}",
                self.seen.len(),
                shown.join("; ")
            ),
        )
    }
}

/// A test hook (private, `quotewise._quotewise._batch_probe`): runs the
/// batch machinery over `texts` with a computation that panics on any text
/// containing `panic_on`, and returns each text's length in bytes (None for
/// a skipped one). It lets the tests check, on the real code path, that a
/// panic on one document becomes a `quotewise.InternalError` naming it, or
/// under `errors="skip"` a skipped document while the others go on.
#[pyfunction]
#[pyo3(signature = (texts, panic_on, *, n_threads=None, errors="raise"))]
pub fn _batch_probe<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    panic_on: &str,
    n_threads: Option<usize>,
    errors: &str,
) -> PyResult<Vec<Option<usize>>> {
    let threads = super::gazetteer::parse_threads(py, n_threads)?;
    let on_error = parse_errors(py, errors)?;
    let docs = super::convert::documents(texts, on_error, 0)?;
    let items = super::convert::batch_texts(&docs, on_error, 0)?;
    let what = "probing a batch of documents";
    let mut failures = Failures::new(on_error, what, 0);
    let mut out = Vec::with_capacity(items.len());
    run(
        py,
        threads,
        &items,
        what,
        |t| {
            assert!(
                !t.contains(panic_on),
                "probe panic on a text of {} bytes",
                t.len()
            );
            t.len()
        },
        |i, _, outcome| {
            match outcome {
                Ok(n) => out.push(Some(n)),
                Err(failure) => {
                    failures.record(py, i, &failure)?;
                    out.push(None);
                }
            }
            Ok(())
        },
    )?;
    failures.finish(py, items.len())?;
    Ok(out)
}

/// Test hook: the single-text boundary (`errors::guard`) around a function
/// that panics when `text` contains `panic_on`.
#[pyfunction]
pub fn _guard_probe(py: Python<'_>, text: &str, panic_on: &str) -> PyResult<usize> {
    errors::guard(
        py,
        || format!("probing a text of {} bytes", text.len()),
        || {
            assert!(!text.contains(panic_on), "probe panic");
            Ok(text.len())
        },
    )
}
