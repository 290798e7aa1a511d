"""A process forked after quotewise ran its thread pool can still run
quotewise (rayon's threads do not survive fork(); see src/parallel.rs)."""

from __future__ import annotations

import multiprocessing
import sys

import pytest

import quotewise

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork() is POSIX")

TEXTS = [quotewise.sample_article()] * 40


def work(n_threads: int) -> tuple[int, int]:
    gaz = quotewise.Gazetteer.default()
    quotes = quotewise.QuoteExtractor().quotes_many(TEXTS, gaz, n_threads=n_threads)
    mentions = gaz.find_many(TEXTS, n_threads=n_threads)
    return sum(map(len, quotes)), sum(map(len, mentions))


def test_forked_children_run_batches_after_parallel_work_in_the_parent() -> None:
    expected = work(2)  # the parent's pool now has running threads
    assert expected[0] > 0 and expected[1] > 0
    context = multiprocessing.get_context("fork")
    with context.Pool(2) as pool:
        # A deadlock would hang here; the timeout turns it into a failure.
        results = pool.map_async(work, [2, 1, None, 2]).get(timeout=120)  # type: ignore[list-item]
    assert results == [expected] * 4


def test_grandchild_forked_from_a_forked_child() -> None:
    expected = work(2)
    context = multiprocessing.get_context("fork")
    queue = context.SimpleQueue()
    child = context.Process(target=_child_that_forks, args=(queue,))
    child.start()
    child.join(timeout=120)
    assert child.exitcode == 0
    assert queue.get() == ("child", expected)
    assert queue.get() == ("grandchild", expected)


def _child_that_forks(queue: multiprocessing.SimpleQueue) -> None:  # type: ignore[type-arg]
    queue.put(("child", work(2)))
    grandchild = multiprocessing.get_context("fork").Process(
        target=lambda: queue.put(("grandchild", work(2)))
    )
    grandchild.start()
    grandchild.join(timeout=100)
