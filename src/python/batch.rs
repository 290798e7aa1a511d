//! Batches: matching in parallel while Python objects are built.
//!
//! The core work on a batch runs without the GIL on rayon threads; turning
//! its results into Python objects needs the GIL and is serial. Done one
//! after the other, the serial part caps the speed-up of a second core (it
//! was 1.5x). So a batch is cut into chunks of a few megabytes: while the
//! calling thread, holding the GIL, converts chunk k, a background thread
//! computes chunk k+1. Between chunks the calling thread also checks for
//! Ctrl-C, so a long batch stops promptly with `KeyboardInterrupt`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::prelude::*;

use super::errors;
use crate::parallel::{
    chunk_ends, in_forked_child, map_in_order_grouped, min_items_per_task, Threads,
};

/// A chunk being computed on a background thread.
type Pending<'scope, R> = std::thread::ScopedJoinHandle<'scope, std::thread::Result<Vec<R>>>;

/// Applies `compute` to every text (on up to `threads` threads) and hands
/// the results, in input order and one chunk at a time, to `consume`, which
/// runs on the calling thread with the GIL held. `what` describes the work
/// for the error raised if `compute` panics.
pub fn run<R, C, F>(
    py: Python<'_>,
    threads: Threads,
    texts: &[&str],
    what: &str,
    compute: C,
    mut consume: F,
) -> PyResult<()>
where
    R: Send,
    C: Fn(&str) -> R + Sync + Send,
    F: FnMut(&str, R) -> PyResult<()>,
{
    let ends = chunk_ends(texts.iter().map(|t| t.len()));
    let compute_chunk = |chunk: &[&str]| -> std::thread::Result<Vec<R>> {
        let per_task = min_items_per_task(chunk.len(), chunk.iter().map(|t| t.len()).sum());
        catch_unwind(AssertUnwindSafe(|| {
            map_in_order_grouped(threads, chunk, per_task, |t| compute(t))
        }))
    };
    let bug = |payload: Box<dyn std::any::Any + Send>| {
        errors::internal(py, errors::bug_message(what, payload.as_ref()))
    };
    let mut deliver = |chunk: &[&str], results: Vec<R>| -> PyResult<()> {
        for (text, r) in chunk.iter().zip(results) {
            consume(text, r)?;
        }
        py.check_signals()
    };

    let serial = threads == Threads::Exactly(1) || in_forked_child() || ends.len() < 2;
    if serial {
        let mut start = 0;
        for &end in &ends {
            let chunk = &texts[start..end];
            let results = py.detach(|| compute_chunk(chunk)).map_err(bug)?;
            deliver(chunk, results)?;
            start = end;
        }
        return Ok(());
    }

    std::thread::scope(|scope| -> PyResult<()> {
        let mut start = 0;
        let mut pending: Option<(&[&str], Pending<'_, R>)> = None;
        for &end in &ends {
            let chunk = &texts[start..end];
            start = end;
            let next = std::thread::Builder::new()
                .name("quotewise-batch".into())
                .spawn_scoped(scope, move || compute_chunk(chunk));
            let next = match next {
                Ok(handle) => handle,
                // No thread could be started: do this chunk here.
                Err(_) => {
                    if let Some((done_chunk, handle)) = pending.take() {
                        let results = py.detach(|| handle.join()).map_err(bug)?.map_err(bug)?;
                        deliver(done_chunk, results)?;
                    }
                    let results = py.detach(|| compute_chunk(chunk)).map_err(bug)?;
                    deliver(chunk, results)?;
                    continue;
                }
            };
            if let Some((done_chunk, handle)) = pending.replace((chunk, next)) {
                let results = py.detach(|| handle.join()).map_err(bug)?.map_err(bug)?;
                deliver(done_chunk, results)?;
            }
        }
        if let Some((done_chunk, handle)) = pending {
            let results = py.detach(|| handle.join()).map_err(bug)?.map_err(bug)?;
            deliver(done_chunk, results)?;
        }
        Ok(())
    })
}
