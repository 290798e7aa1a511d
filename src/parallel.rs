//! Where batch work runs: rayon pools sized on request, and a safe fallback
//! after `fork()`.
//!
//! A process forked after rayon started its threads has a pool whose
//! threads do not exist in the child; handing it work blocks forever. As in
//! huggingface tokenizers, a `pthread_atfork` child hook records the fork,
//! and from then on batch work in the child runs on the calling thread.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Once};

use rayon::prelude::*;
use rayon::{ThreadPool, ThreadPoolBuilder};

use crate::error::{Error, Result};

static FORKED: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();

extern "C" fn after_fork_in_child() {
    FORKED.store(true, Ordering::SeqCst);
}

/// Installs the fork hook (idempotent). Called before any pool is used.
pub fn install_fork_hook() {
    HOOK.call_once(|| {
        // Safety: `pthread_atfork` only stores the function pointers; the
        // child handler touches nothing but an atomic, which is
        // async-signal-safe as required after fork.
        unsafe {
            libc::pthread_atfork(None, None, Some(after_fork_in_child));
        }
    });
}

/// Whether this process is a fork child of a process that loaded quotewise.
pub fn in_forked_child() -> bool {
    FORKED.load(Ordering::SeqCst)
}

fn pools() -> &'static Mutex<HashMap<usize, Arc<ThreadPool>>> {
    static POOLS: std::sync::OnceLock<Mutex<HashMap<usize, Arc<ThreadPool>>>> =
        std::sync::OnceLock::new();
    POOLS.get_or_init(|| Mutex::new(HashMap::new()))
}

/// How many threads batch work may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Threads {
    /// rayon's global pool (one thread per core, or `RAYON_NUM_THREADS`).
    All,
    /// Exactly this many (1 means the calling thread only).
    Exactly(usize),
}

impl Threads {
    /// From an optional count; `Some(0)` is an error.
    pub fn from_option(n: Option<usize>) -> Result<Threads> {
        match n {
            None => Ok(Threads::All),
            Some(0) => Err(Error::argument(
                "n_threads must be at least 1 (or None for all cores)",
            )),
            Some(n) => Ok(Threads::Exactly(n)),
        }
    }
}

/// `f` applied to every item, results in input order, on up to `threads`
/// threads. With one thread, or in a fork child, everything runs on the
/// calling thread and rayon is not touched.
pub fn map_in_order<T, R, F>(threads: Threads, items: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    map_in_order_grouped(threads, items, 1, f)
}

/// Like [`map_in_order`], but rayon never splits the work into tasks of
/// fewer than `min_items` items: for cheap items (short documents) the cost
/// of a task is then spread over enough work. See [`min_items_per_task`].
pub fn map_in_order_grouped<T, R, F>(
    threads: Threads,
    items: &[T],
    min_items: usize,
    f: F,
) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    install_fork_hook();
    if in_forked_child() || threads == Threads::Exactly(1) || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let work = || {
        items
            .par_iter()
            .with_min_len(min_items.max(1))
            .map(&f)
            .collect()
    };
    match threads {
        Threads::All => work(),
        Threads::Exactly(n) => match pool(n) {
            Some(pool) => pool.install(work),
            None => items.iter().map(&f).collect(),
        },
    }
}

/// About this many bytes of text per parallel task.
///
/// Measured on the news corpus (20 MB, two threads): tasks of one ~1 KB
/// document each ran at 369 MB/s, tasks of at least 16 documents at
/// 430 MB/s (one thread: 240 MB/s).
pub const TASK_BYTES: usize = 32 * 1024;

/// The fewest documents per parallel task so that a task holds about
/// [`TASK_BYTES`] of text, for documents of `total_bytes` in all.
pub fn min_items_per_task(count: usize, total_bytes: usize) -> usize {
    if count == 0 {
        return 1;
    }
    let average = (total_bytes / count).max(1);
    (TASK_BYTES / average).clamp(1, 1024)
}

/// About this many bytes of text per chunk of a batch.
///
/// Each chunk costs a hand-off between threads and a tail where one thread
/// waits for the other. Measured with two threads on 20 MB of news (names
/// that never match): 1 MB chunks scaled 1.45x over one thread, 4 MB 1.67x,
/// 16 MB 1.64x. At a few hundred MB/s a 4 MB chunk still takes well under a
/// tenth of a second, which bounds how long Ctrl-C waits.
pub const CHUNK_BYTES: usize = 4 << 20;
/// At most this many documents per chunk (for many tiny documents).
pub const CHUNK_DOCS: usize = 8192;

/// Cuts a batch of documents of the given byte lengths into consecutive
/// chunks of about [`CHUNK_BYTES`] (and at most [`CHUNK_DOCS`] documents);
/// returns the exclusive end index of each chunk.
pub fn chunk_ends(lengths: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut ends = Vec::new();
    let (mut bytes, mut docs, mut n) = (0usize, 0usize, 0usize);
    for len in lengths {
        n += 1;
        bytes += len;
        docs += 1;
        if bytes >= CHUNK_BYTES || docs >= CHUNK_DOCS {
            ends.push(n);
            bytes = 0;
            docs = 0;
        }
    }
    if n > 0 && ends.last() != Some(&n) {
        ends.push(n);
    }
    ends
}

/// The pool of `n` threads, built once and kept; `None` if the system
/// refuses to start threads.
fn pool(n: usize) -> Option<Arc<ThreadPool>> {
    let mut pools = pools().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = pools.get(&n) {
        return Some(p.clone());
    }
    let pool = ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(|i| format!("quotewise-{i}"))
        .build()
        .ok()?;
    let pool = Arc::new(pool);
    pools.insert(n, pool.clone());
    Some(pool)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_with_any_thread_count() {
        let want: Vec<u64> = (0..1000u64).map(|x| x * x).collect();
        for threads in [
            Threads::All,
            Threads::Exactly(1),
            Threads::Exactly(2),
            Threads::Exactly(3),
        ] {
            let items: Vec<u64> = (0..1000).collect();
            let got = map_in_order(threads, &items, |x| x * x);
            assert_eq!(got, want, "{threads:?}");
        }
        assert!(Threads::from_option(Some(0)).is_err());
    }

    #[test]
    fn tasks_hold_about_task_bytes() {
        assert_eq!(min_items_per_task(0, 0), 1);
        assert_eq!(min_items_per_task(1000, 1000 * 1024), 32);
        assert_eq!(min_items_per_task(10, 10 * 10_000_000), 1);
        assert_eq!(min_items_per_task(100_000, 100_000), 1024);
        let items: Vec<u64> = (0..5000).collect();
        let got = map_in_order_grouped(Threads::Exactly(2), &items, 64, |x| x + 1);
        assert_eq!(got, (1..5001).collect::<Vec<u64>>());
    }

    #[test]
    fn chunks_cover_every_document_once() {
        let lens = [
            CHUNK_BYTES / 3,
            0,
            CHUNK_BYTES / 3,
            0,
            CHUNK_BYTES / 3,
            5,
            CHUNK_BYTES,
            1,
        ];
        let ends = chunk_ends(lens.iter().copied());
        // three thirds fall one byte short (integer division); the 5-byte text completes the chunk
        assert_eq!(ends, [6, 7, 8]);
        assert!(chunk_ends(std::iter::empty()).is_empty());
        let many = std::iter::repeat_n(1, CHUNK_DOCS * 2 + 1);
        assert_eq!(
            chunk_ends(many),
            [CHUNK_DOCS, CHUNK_DOCS * 2, CHUNK_DOCS * 2 + 1]
        );
    }
}
