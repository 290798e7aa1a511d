"""Batch calls under bad input: errors="raise" names the document, errors="skip"
keeps every other result and reports each skipped one; a Rust panic never
crosses into Python as a PanicException."""

from __future__ import annotations

import math
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quotewise
from quotewise import (
    DocumentTypeError,
    Gazetteer,
    InternalError,
    InvalidTextError,
    QuoteExtractor,
    SkippedDocumentsWarning,
)
from quotewise._quotewise import _batch_probe

GOOD = [
    'NATO said on Monday that "the alliance will not back down."',
    "Putin told reporters the EU would pay for it.",
    "we don t want to look backwards , said assad .",
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def skipped(call):  # type: ignore[no-untyped-def]
    """The result of ``call()`` and the SkippedDocumentsWarnings it issued."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    return result, [str(w.message) for w in caught if issubclass(w.category, SkippedDocumentsWarning)]


@pytest.mark.parametrize("method", ["find_many", "quotes_many", "analyze_many"])
def test_raise_names_the_bad_document(method: str, gaz: Gazetteer) -> None:
    texts: list[object] = [GOOD[0], GOOD[1], 42, GOOD[2]]
    call = {
        "find_many": lambda t: gaz.find_many(t),
        "quotes_many": lambda t: QuoteExtractor().quotes_many(t, gaz),
        "analyze_many": lambda t: list(quotewise.analyze_many(t, gaz)),
    }[method]
    with pytest.raises(DocumentTypeError, match=r"document 2: expected str .* got int"):
        call(texts)
    with pytest.raises(InvalidTextError, match=r"document 1 cannot be encoded as UTF-8.*index 4"):
        call([GOOD[0], "bad \ud800 text"])


def test_find_many_skip_keeps_every_other_result(gaz: Gazetteer) -> None:
    texts: list[object] = [GOOD[0], 3.5, "lone \udc80 surrogate", None, GOOD[1], b"bytes"]
    result, messages = skipped(lambda: gaz.find_many(texts, errors="skip"))
    assert len(result) == len(texts)
    assert result[0] == gaz.find(GOOD[0]) and result[4] == gaz.find(GOOD[1])
    assert result[1] == result[2] == result[3] == result[5] == []
    assert len(messages) == 1
    assert messages[0].startswith("skipped 3 of 6 documents (errors='skip'): document 1: expected str")
    assert "document 2 cannot be encoded" in messages[0] and "document 5" in messages[0]
    assert "document 3" not in messages[0]  # a missing text is no failure


def test_quotes_many_skip(gaz: Gazetteer) -> None:
    texts: list[object] = [GOOD[0], object(), GOOD[2]]
    ex = QuoteExtractor()
    result, messages = skipped(lambda: ex.quotes_many(texts, gaz, errors="skip"))
    assert result == [ex.quotes(GOOD[0], gaz), [], ex.quotes(GOOD[2], gaz)]
    assert len(messages) == 1 and "document 1: expected str" in messages[0]


def test_analyze_many_skip_marks_the_document_and_counts_across_batches(gaz: Gazetteer) -> None:
    texts: list[object] = [GOOD[0], GOOD[1], GOOD[2], 7, GOOD[0], "x \ud800"]
    docs, messages = skipped(lambda: list(quotewise.analyze_many(texts, gaz, errors="skip", batch_size=2)))
    assert [d.error is None for d in docs] == [True, True, True, False, True, False]
    assert docs[3].error is not None and docs[3].error.startswith("document 3: expected str")
    assert docs[5].error is not None and docs[5].error.startswith("document 5 cannot be encoded")
    assert docs[3].quotes == () and docs[3].mentions == () and docs[3].text == ""
    assert docs[4] == quotewise.analyze(GOOD[0], gaz)
    assert "error=" in repr(docs[3])
    assert docs[3].to_dict()["error"] == docs[3].error
    assert len(messages) == 2  # one per batch that skipped something


def test_bad_errors_argument(gaz: Gazetteer) -> None:
    with pytest.raises(quotewise.ArgumentError, match="errors must be 'raise' or 'skip'"):
        gaz.find_many(GOOD, errors="ignore")  # type: ignore[arg-type]


@pytest.mark.parametrize("threads", [1, 2])
def test_a_panic_on_one_document_is_an_internal_error_naming_it(threads: int) -> None:
    texts = ["a", "bb", "c PANIC c", "dddd"]
    assert _batch_probe(texts[:2], "PANIC", n_threads=threads) == [1, 2]
    with pytest.raises(InternalError, match=r"quotewise bug: .* at document 2: probe panic") as info:
        _batch_probe(texts, "PANIC", n_threads=threads)
    assert isinstance(info.value, Exception)  # not a BaseException-only PanicException


@pytest.mark.parametrize("threads", [1, 2])
def test_a_panic_under_skip_loses_nothing_else(threads: int) -> None:
    texts = [("x" * (i % 50)) + ("PANIC" if i % 997 == 0 else "") for i in range(20_000)]
    result, messages = skipped(lambda: _batch_probe(texts, "PANIC", n_threads=threads, errors="skip"))
    expected = [None if "PANIC" in t else len(t) for t in texts]
    assert result == expected
    assert len(messages) == 1
    assert messages[0].startswith(f"skipped {sum(r is None for r in expected)} of 20000 documents")
    assert "and 16 more" in messages[0]


def test_raise_on_a_panic_stops_at_the_first_bad_document_in_order() -> None:
    texts = ["ok"] * 5000 + ["PANIC 1"] + ["ok"] * 5000 + ["PANIC 2"]
    with pytest.raises(InternalError, match="at document 5000:"):
        _batch_probe(texts, "PANIC", n_threads=2)


# A document: good text, missing, a wrong type or an unencodable string.
documents = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=200),
    st.sampled_from(GOOD),
    st.none(),
    st.just(math.nan),
    st.integers(),
    st.text(max_size=20).map(lambda t: t + "\ud800"),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(documents, max_size=12), st.integers(min_value=1, max_value=5))
def test_skip_batch_equals_per_document(texts: list[object], batch_size: int) -> None:
    gaz = _gaz()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SkippedDocumentsWarning)
        mentions = gaz.find_many(texts, errors="skip", n_threads=2)
        docs = list(quotewise.analyze_many(texts, gaz, errors="skip", batch_size=batch_size, n_threads=2))
    assert len(mentions) == len(docs) == len(texts)
    for i, (text, found, doc) in enumerate(zip(texts, mentions, docs, strict=True)):
        usable = isinstance(text, str) and "\ud800" not in text
        if usable:
            assert isinstance(text, str)
            assert found == gaz.find(text)
            assert doc == quotewise.analyze(text, gaz)
            for item in [*doc.quotes, *doc.mentions, *doc.sentences]:
                assert text[item.start : item.end] == item.text
        else:
            assert found == [] and doc.quotes == () and doc.mentions == ()
            missing = text is None or (isinstance(text, float) and math.isnan(text))
            assert (doc.error is None) == missing, (i, text, doc.error)
            if not missing:
                assert doc.error is not None and f"document {i}" in doc.error


_GAZ: list[Gazetteer] = []


def _gaz() -> Gazetteer:
    if not _GAZ:
        _GAZ.append(Gazetteer.default())
    return _GAZ[0]


def test_a_panic_in_a_single_call_is_an_internal_error_without_a_backtrace() -> None:
    import subprocess
    import sys

    code = (
        "import quotewise\n"
        "from quotewise._quotewise import _guard_probe\n"
        "assert _guard_probe('fine', 'PANIC') == 4\n"
        "try:\n"
        "    _guard_probe('a PANIC here', 'PANIC')\n"
        "except quotewise.InternalError as e:\n"
        "    print(e)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "quotewise bug: internal failure while probing a text of 12 bytes: probe panic" in done.stdout
    assert "panicked" not in done.stderr and done.stderr == ""
