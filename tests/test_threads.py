"""Many Python threads sharing one gazetteer and one extractor get the results
of serial calls (the core releases the GIL, so the calls really overlap)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import quotewise
from quotewise import Gazetteer, QuoteExtractor

ARTICLES = [
    quotewise.sample_article(),
    'NATO said on Monday that "the alliance will not back down," and the EU agreed.',
    "Putin told reporters in Moscow the talks would go on. “We are ready,” he said.",
    "we don t want to look backwards .\nwe are ready to have a dialogue , said assad .",
    "Ünïcödé 🎉: « Nous gagnerons », a déclaré le président à Paris. Germany said it agreed.",
]


def test_threads_share_a_gazetteer_and_an_extractor() -> None:
    gaz = Gazetteer.default()
    ex = QuoteExtractor()
    texts = [ARTICLES[i % len(ARTICLES)] * (1 + i % 3) for i in range(60)]
    serial_docs = [ex.analyze(t, gaz) for t in texts]
    serial_found = [gaz.find(t) for t in texts]
    serial_quotes = ex.quotes_many(texts, gaz, n_threads=1)
    start = threading.Barrier(8)

    def work(k: int) -> bool:
        start.wait()  # all threads call into the core at once
        ok = True
        for i in range(k, len(texts), 8):
            ok &= ex.analyze(texts[i], gaz) == serial_docs[i]
            ok &= gaz.find(texts[i]) == serial_found[i]
        ok &= list(ex.analyze_many(texts, gaz, n_threads=2, batch_size=7)) == serial_docs
        ok &= ex.quotes_many(texts, gaz, n_threads=2) == serial_quotes
        ok &= gaz.find_many(texts, n_threads=2) == serial_found
        return ok

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(work, range(8)))


def test_a_gazetteer_compiled_by_racing_threads_is_compiled_once_and_right() -> None:
    entries = [{"id": f"p{i}", "name": f"Person Number{i}", "kind": "PERSON"} for i in range(2000)]
    gaz = Gazetteer(entries)  # not compiled yet: the first searches race to compile it
    text = " ".join(f"Number{i} said it." for i in range(0, 2000, 7))
    expected = Gazetteer(entries).find(text)
    start = threading.Barrier(6)

    def work(_: int) -> list[quotewise.Mention]:
        start.wait()
        return gaz.find(text)

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(work, range(6)))
    assert all(r == expected for r in results)
    assert len(expected) == len(range(0, 2000, 7))
