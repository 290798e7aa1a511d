//! The one batch driver of the binding, for the gazetteer and the quote
//! extractor alike: lists of Python objects (`to_list`) or Arrow tables
//! (`to_table`).
//!
//! The core work on a batch runs without the GIL on rayon threads; turning
//! its results into Python objects needs the GIL and is serial. Done one
//! after the other, the serial part caps the speed-up of a second core (it
//! was 1.5x). So a batch is cut into chunks of a few megabytes: while the
//! calling thread, holding the GIL, converts chunk k, a background thread
//! computes chunk k+1. A table needs no Python object per row: its record
//! batches are built on the thread that computed the chunk. Between chunks
//! the calling thread also checks for Ctrl-C, so a long batch stops promptly
//! with `KeyboardInterrupt`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use super::args::{BatchArgs, Item, OnError};
use super::arrow_out::PyArrowTable;
use super::errors::{self, quietly};
use super::gc::GcPause;
use super::input::Batch;
use super::tables::{self, Rows};
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

/// A chunk being computed on a background thread.
type Pending<'scope, S> = std::thread::ScopedJoinHandle<'scope, std::thread::Result<S>>;

/// The result of one document.
pub type Outcome<R> = Result<R, Failure>;

/// Applies `compute` to every usable text (on up to `threads` threads),
/// one chunk of documents at a time. Each chunk's outcomes, in input order,
/// go to `assemble` on the thread that computed them (off the GIL: the
/// tables are built there), and its product to `consume` on the calling
/// thread, with the GIL held and the index of the chunk's first document.
/// While the calling thread consumes chunk k, a background thread computes
/// chunk k+1. A panic on one document is caught there and becomes that
/// document's `Failure::Panic`: the others go on. `what` describes the
/// work for error messages.
pub fn run<R, S, C, A, F>(
    py: Python<'_>,
    threads: Threads,
    items: &[Item<'_>],
    what: &str,
    (compute, assemble): (C, A),
    mut consume: F,
) -> PyResult<()>
where
    R: Send,
    S: Send,
    C: Fn(&str) -> R + Sync + Send,
    A: Fn(usize, &[Item<'_>], Vec<Outcome<R>>) -> S + Sync + Send,
    F: FnMut(usize, &[Item<'_>], S) -> PyResult<()>,
{
    let ends = chunk_ends(items.iter().map(|t| t.as_ref().map_or(0, |s| s.len())));
    let one = |item: &Item<'_>| -> Outcome<R> {
        match item {
            Ok(text) => quietly(|| catch_unwind(AssertUnwindSafe(|| compute(text))))
                .map_err(|payload| Failure::Panic(errors::panic_text(payload.as_ref()))),
            Err(message) => Err(Failure::Input(message.clone())),
        }
    };
    let compute_chunk = |first: usize, chunk: &[Item<'_>]| -> std::thread::Result<S> {
        let bytes = chunk
            .iter()
            .map(|t| t.as_ref().map_or(0, |s| s.len()))
            .sum();
        let per_task = min_items_per_task(chunk.len(), bytes);
        // Each document's panic is caught in `one`; this catches the rest
        // (a thread pool failing, a bug assembling the chunk), which fails
        // the whole chunk.
        quietly(|| {
            catch_unwind(AssertUnwindSafe(|| {
                let outcomes = map_in_order_grouped(threads, chunk, per_task, one);
                assemble(first, chunk, outcomes)
            }))
        })
    };
    let bug = |payload: Box<dyn std::any::Any + Send>| {
        errors::internal(py, errors::bug_message(what, payload.as_ref()))
    };
    let mut deliver = |first: usize, chunk: &[Item<'_>], product: S| -> PyResult<()> {
        consume(first, chunk, product)?;
        py.check_signals()
    };

    let serial = threads == Threads::Exactly(1) || in_forked_child() || ends.len() < 2;
    if serial {
        let mut start = 0;
        for &end in &ends {
            let chunk = &items[start..end];
            let product = py.detach(|| compute_chunk(start, chunk)).map_err(bug)?;
            deliver(start, chunk, product)?;
            start = end;
        }
        return Ok(());
    }

    std::thread::scope(|scope| -> PyResult<()> {
        let mut start = 0;
        let mut pending: Option<(usize, &[Item<'_>], Pending<'_, S>)> = None;
        for &end in &ends {
            let first = start;
            let chunk = &items[start..end];
            start = end;
            let next = std::thread::Builder::new()
                .name("quotewise-batch".into())
                .spawn_scoped(scope, move || compute_chunk(first, chunk));
            let next = match next {
                Ok(handle) => handle,
                // No thread could be started: do this chunk here.
                Err(_) => {
                    if let Some((done_first, done_chunk, handle)) = pending.take() {
                        let product = py.detach(|| handle.join()).map_err(bug)?.map_err(bug)?;
                        deliver(done_first, done_chunk, product)?;
                    }
                    let product = py.detach(|| compute_chunk(first, chunk)).map_err(bug)?;
                    deliver(first, chunk, product)?;
                    continue;
                }
            };
            if let Some((done_first, done_chunk, handle)) = pending.replace((first, chunk, next)) {
                let product = py.detach(|| handle.join()).map_err(bug)?.map_err(bug)?;
                deliver(done_first, done_chunk, product)?;
            }
        }
        if let Some((done_first, done_chunk, handle)) = pending {
            let product = py.detach(|| handle.join()).map_err(bug)?.map_err(bug)?;
            deliver(done_first, done_chunk, product)?;
        }
        Ok(())
    })
}

/// The one batch driver of the list-returning calls (`find_many`,
/// `quotes_many`, `analyze_many`): reads `texts`, runs `compute` on each
/// document in parallel, and converts each result with `convert` into the
/// returned list, in input order. A document that fails raises, or under
/// `errors="skip"` gets `on_skip(message)` and is named by one
/// `SkippedDocumentsWarning` at the end.
pub fn to_list<'py, R, C>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    args: &BatchArgs,
    what: &str,
    compute: C,
    mut convert: impl FnMut(&str, R) -> PyResult<Bound<'py, PyAny>>,
    on_skip: OnSkip<'py>,
) -> PyResult<Bound<'py, PyList>>
where
    R: Send,
    C: Fn(&str) -> R + Sync + Send,
{
    let batch = Batch::read(texts, args.on_error, args.offset)?;
    let items = batch.items(py, args)?;
    let out = PyList::empty(py);
    let mut failures = Failures::new(args.on_error, what, args.offset);
    {
        // The results hold no reference cycles: see `gc.rs`.
        let _pause = GcPause::new(py);
        run(
            py,
            args.threads,
            &items,
            what,
            (compute, |_, _: &[Item<'_>], outcomes| outcomes),
            |first, chunk, outcomes: Vec<Outcome<R>>| {
                for (k, (item, outcome)) in chunk.iter().zip(outcomes).enumerate() {
                    match outcome {
                        Ok(result) => {
                            out.append(convert(item.as_ref().map_or("", |s| s), result)?)?
                        }
                        Err(failure) => {
                            let message = failures.record(py, first + k, &failure)?;
                            out.append(on_skip(py, message)?)?;
                        }
                    }
                }
                Ok(())
            },
        )?;
    }
    failures.finish(py, items.len())?;
    Ok(out)
}

/// The one batch driver of the tables (`quotes_frame`, `mentions_frame`,
/// the command line): reads `texts`, and on the worker threads computes
/// each document's `rows` and builds one record batch per chunk of
/// documents (see `tables.rs`), laid out for `layout`. `doc_id` comes from the Arrow input's id
/// column, else the document's index in the whole input. Failures as in
/// `to_list`; a skipped document is one row with its `error`.
pub fn to_table<T, C>(
    py: Python<'_>,
    texts: &Bound<'_, PyAny>,
    args: &BatchArgs,
    what: &str,
    (columns, layout): (tables::Columns, tables::Layout),
    (rows, context): (C, &T::Context),
) -> PyResult<PyArrowTable>
where
    T: Rows,
    T::Context: Sync,
    C: Fn(&str) -> Vec<T::Row> + Sync + Send,
{
    let batch = Batch::read(texts, args.on_error, args.offset)?;
    let items = batch.items(py, args)?;
    let ids = batch.arrow_ids();
    let id_field = ids
        .as_ref()
        .map(|i| arrow_schema::Field::new("doc_id", i.data_type().clone(), true));
    let skip = args.on_error == OnError::Skip;
    let schema = tables::schema(columns, id_field.as_ref(), skip, layout);
    let offset = args.offset;
    // A chunk's rows are copied into record batches on as many threads as
    // the rows were computed on: one batch per part of the chunk.
    let threads = match args.threads {
        _ if in_forked_child() => 1,
        Threads::Exactly(n) => n,
        Threads::All => rayon::current_num_threads(),
    };
    let assemble = |first: usize, chunk: &[Item<'_>], outcomes: Vec<Outcome<Vec<T::Row>>>| {
        let mut failed = Vec::new();
        let results: Vec<Result<Vec<T::Row>, String>> = outcomes
            .into_iter()
            .enumerate()
            .map(|(k, outcome)| {
                outcome.map_err(|failure| {
                    let message = failure.message(what, offset + first + k);
                    failed.push((first + k, failure));
                    message
                })
            })
            .collect();
        let parts = threads.min(chunk.len() / 64).max(1);
        let bounds: Vec<(usize, usize)> = (0..parts)
            .map(|p| (p * chunk.len() / parts, (p + 1) * chunk.len() / parts))
            .collect();
        let batches = map_in_order_grouped(args.threads, &bounds, 1, |&(start, end)| {
            let docs = (start..end).map(|k| {
                let text = chunk[k].as_ref().map_or("", |s| s);
                let result = results[k].as_deref().map_err(String::as_str);
                (first + k, text, result)
            });
            tables::record_batch::<T>((&schema, layout), context, (offset, ids.as_ref()), docs)
        });
        (batches, failed)
    };
    let mut failures = Failures::new(args.on_error, what, offset);
    let mut batches = Vec::new();
    run(
        py,
        args.threads,
        &items,
        what,
        (rows, assemble),
        |_, _, (built, failed)| {
            for (index, failure) in &failed {
                failures.record(py, *index, failure)?;
            }
            for batch in built {
                let batch = batch.map_err(|e| {
                    errors::internal(py, format!("quotewise bug: cannot build a table: {e}"))
                })?;
                if batch.num_rows() > 0 {
                    batches.push(batch);
                }
            }
            Ok(())
        },
    )?;
    failures.finish(py, items.len())?;
    Ok(PyArrowTable::new(schema, batches))
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
) -> PyResult<Bound<'py, PyList>> {
    let args = BatchArgs::parse(py, n_threads, None, errors, 0)?;
    to_list(
        py,
        texts,
        &args,
        "probing a batch of documents",
        |t| {
            assert!(
                !t.contains(panic_on),
                "probe panic on a text of {} bytes",
                t.len()
            );
            t.len()
        },
        |_, n| Ok(n.into_pyobject(py)?.into_any()),
        |py, _| Ok(py.None().into_bound(py)),
    )
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
