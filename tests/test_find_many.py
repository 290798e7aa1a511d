"""Batches: input shapes, missing texts, bad documents, threads."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pandas as pd
import pytest

import quotewise

GAZ = quotewise.Gazetteer(
    [
        {"id": "putin", "name": "Vladimir Putin", "kind": "PERSON"},
        {"id": "kremlin", "name": "Kremlin", "kind": "ORG"},
        {"id": "moscow", "name": "Moscow", "kind": "GPE"},
    ]
)
TEXTS = [
    "Vladimir Putin spoke in Moscow.",
    "The Kremlin declined to comment.",
    "",
    "Nobody here.",
    "Putin’s spokesman, speaking in Moscow, said the Kremlin had no comment.",
]


def ids(batch: list[list[quotewise.Mention]]) -> list[list[str | None]]:
    return [[m.entity_id for m in doc] for doc in batch]


def test_results_in_input_order_for_every_input_shape() -> None:
    want = [GAZ.find(t) for t in TEXTS]

    def gen() -> Iterator[str]:
        yield from TEXTS

    for texts in (TEXTS, tuple(TEXTS), pd.Series(TEXTS), gen(), pd.Series(TEXTS, index=[9, 7, 5, 3, 1])):
        assert GAZ.find_many(texts) == want  # type: ignore[arg-type]


def test_missing_texts_give_empty_results() -> None:
    want = [["putin"], [], [], [], ["moscow"]]
    objects = pd.Series(["Putin spoke.", None, float("nan"), pd.NA, "Moscow"])
    assert ids(GAZ.find_many(objects)) == want
    strings = pd.Series(["Putin spoke.", None, None, None, "Moscow"], dtype="string")
    assert ids(GAZ.find_many(strings)) == want
    assert ids(GAZ.find_many(["Putin", None, float("nan")])) == [["putin"], [], []]


@pytest.mark.parametrize("bad", [b"Putin", 3, ["Putin"], object()])
def test_a_bad_document_names_its_index(bad: object) -> None:
    with pytest.raises(quotewise.DocumentTypeError, match=r"document 2: expected str") as info:
        GAZ.find_many(["Putin", "Kremlin", bad])  # type: ignore[list-item]
    assert isinstance(info.value, TypeError)


def test_a_single_string_is_refused() -> None:
    with pytest.raises(TypeError, match="got one str"):
        GAZ.find_many("Vladimir Putin")


def test_surrogates_name_the_document() -> None:
    with pytest.raises(quotewise.InvalidTextError, match=r"document 1 cannot be encoded as UTF-8"):
        GAZ.find_many(["Putin", "bad \udcff text"])


def test_thread_counts_agree() -> None:
    texts = TEXTS * 50
    base = GAZ.find_many(texts, n_threads=1)
    assert GAZ.find_many(texts, n_threads=2) == base
    assert GAZ.find_many(texts, n_threads=3) == base
    assert GAZ.find_many(texts) == base
    with pytest.raises(quotewise.ArgumentError, match="n_threads must be at least 1"):
        GAZ.find_many(texts, n_threads=0)


def test_many_python_threads_share_one_gazetteer() -> None:
    texts = TEXTS * 20
    want = GAZ.find_many(texts, n_threads=1)
    results: list[object] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(5):
                results.append(GAZ.find_many(texts, n_threads=2))
                results.append([GAZ.find(t) for t in texts])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 80 and all(r == want for r in results)


def test_arrow_input_for_every_batch_call() -> None:
    pa = pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    texts = [*TEXTS, None, '"We will wait," Putin said in Moscow.']
    mentions = [GAZ.find(t) if t else [] for t in texts]
    extractor = quotewise.QuoteExtractor()
    quotes = [extractor.quotes(t, GAZ) if t else [] for t in texts]
    docs = [quotewise.analyze(t or "", GAZ) for t in texts]
    for data in (
        pa.array(texts),
        pa.chunked_array([texts[:3], texts[3:]], type=pa.large_string()),
        pl.Series(texts),
        pd.Series(texts, dtype="string[pyarrow]"),
        pa.table({"text": texts}),
    ):
        assert GAZ.find_many(data) == mentions
        assert extractor.quotes_many(data, GAZ) == quotes
        assert list(quotewise.analyze_many(data, GAZ, batch_size=3)) == docs
    # A bad Arrow string names its index in the whole input, in each call.
    buffers = [None, pa.array([0, 5, 7], type=pa.int32()).buffers()[1], pa.py_buffer(b"Putin\xff\xfe")]
    bad = pa.Array.from_buffers(pa.string(), 2, buffers)
    for call in (GAZ.find_many, extractor.quotes_many, lambda d: list(quotewise.analyze_many(d))):
        with pytest.raises(quotewise.InvalidTextError, match="document 1: the Arrow string is not UTF-8"):
            call(bad)
