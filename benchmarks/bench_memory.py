"""Peak memory (RSS) of quotewise's big jobs, each in a fresh process.

    python benchmarks/bench_memory.py            # about a minute
    python benchmarks/bench_memory.py --entries 200000 --mb 10
    python benchmarks/bench_memory.py --tables-only --base-python /work/venv_base/bin/python

Rows, each measured in its own child process with ``resource.getrusage``
(peak resident set size, as the kernel counts it):

- ``import quotewise``: Python with quotewise imported, the baseline of every row;
- ``gazetteer N entries``: build a dictionary of N synthetic people and
  organisations (one or two aliases each) from Python dicts and compile it;
  the row under it is the same child stopping once the dicts exist, so the
  difference is what quotewise itself takes;
- ``analyze M MB article``: ``quotewise.analyze`` of one article of M MB made of
  news paragraphs with quotes, with the built-in dictionary, results kept;
- ``find M MB article``: the built-in dictionary's mentions of the same article;
- ``quotes_frame Q quotes``: a pandas table of ``--quotes`` quotes (1,000,000 by
  default) from as many short news documents as that takes (a list of str), with
  the built-in dictionary; with ``--base-python``, the same in a child of another
  build (e.g. the wheel of an earlier commit), for the ratio of the two peaks.

``extra`` is the row's peak minus the baseline; ``x input`` relates it to the
size of the input (the text, or the dictionary's names).
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time

PARA = (
    'Russian President Vladimir Putin said on Tuesday that "the talks will go on," '
    "and Syrian President Bashar al-Assad told reporters in Damascus the army would "
    "hold its ground. “We are ready,” he said. NATO and the EU declined to comment.\n\n"
)


def peak_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic_entries(n: int) -> list[dict[str, object]]:
    given = ["Anna", "Boris", "Chen", "Dana", "Emeka", "Farah", "Goran", "Hana", "Ivo", "Jun"]
    out: list[dict[str, object]] = []
    for i in range(n):
        if i % 5 == 4:
            name = f"Northfield Holdings {i}"
            out.append(
                {"id": f"org{i}", "name": name, "kind": "ORG", "aliases": [f"NH{i}", f"Northfield {i}"]}
            )
        else:
            name = f"{given[i % len(given)]} Surname{i}"
            out.append({"id": f"p{i}", "name": name, "kind": "PERSON", "aliases": [f"Surname{i}"]})
    return out


def child(job: dict[str, object]) -> None:
    import quotewise

    start = time.perf_counter()
    info: dict[str, object] = {}
    if job["kind"] == "gazetteer":
        entries = synthetic_entries(int(job["n"]))  # type: ignore[call-overload]
        info["input_mb"] = (
            sum(
                len(str(e["name"])) + sum(len(a) for a in e["aliases"])  # type: ignore[attr-defined]
                for e in entries
            )
            / 1e6
        )
        if job.get("input_only"):
            info["found"] = len(entries)
            info["seconds"] = time.perf_counter() - start
            info["peak_mb"] = peak_mb()
            print(json.dumps(info))
            return
        gaz = quotewise.Gazetteer(entries)
        del entries
        gaz.compile()
        info["found"] = len(gaz.find("Surname7 met Northfield Holdings 9 and NH14."))
    elif job["kind"] == "table":
        import pandas  # noqa: F401  (imported before the baseline is taken)

        per_doc = len(quotewise.quotes(PARA))
        docs = [PARA] * -(-int(job["quotes"]) // per_doc)  # type: ignore[call-overload]
        info["input_mb"] = len(PARA.encode()) * len(docs) / 1e6
        info["baseline_mb"] = peak_mb()
        gaz = quotewise.Gazetteer.default().compile()
        table = quotewise.quotes_frame(docs, gazetteer=gaz)
        info["found"] = len(table)
    elif job["kind"] in ("analyze", "find"):
        size = int(float(job["mb"]) * 1e6)  # type: ignore[arg-type]
        text = PARA * (size // len(PARA))
        info["input_mb"] = len(text.encode()) / 1e6
        gaz = quotewise.Gazetteer.default().compile()
        if job["kind"] == "analyze":
            doc = quotewise.analyze(text, gaz)
            info["found"] = len(doc.quotes)
        else:
            info["found"] = len(gaz.find(text))
    info["seconds"] = time.perf_counter() - start
    info["peak_mb"] = peak_mb()
    print(json.dumps(info))


def run(job: dict[str, object], python: str = sys.executable) -> dict[str, float]:
    done = subprocess.run(
        [python, __file__, "--child", json.dumps(job)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"child {job} failed ({done.returncode}): {done.stderr[-1500:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--mb", type=float, default=50.0)
    parser.add_argument("--quotes", type=int, default=1_000_000, help="rows of the quote table (1,000,000)")
    parser.add_argument("--base-python", help="the Python of another build for the table row")
    parser.add_argument("--tables-only", action="store_true", help="only the quote table row(s)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(json.loads(args.child))
        return
    if args.tables_only:
        print(f"command: python benchmarks/bench_memory.py {' '.join(sys.argv[1:])}".rstrip())
        table_rows(args)
        return

    import quotewise

    print(f"command: python benchmarks/bench_memory.py {' '.join(sys.argv[1:])}".rstrip())
    print(f"quotewise {quotewise.__version__}, Python {platform.python_version()}, {platform.machine()}")
    baseline_done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import quotewise, resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    baseline = float(baseline_done.stdout.strip())
    rows = [("import quotewise", {"peak_mb": baseline, "input_mb": 0.0, "seconds": 0.0, "found": 0})]
    # The entries as Python dicts, before quotewise sees them: the part of
    # the next row's peak that is the caller's own input.
    rows.append(
        (
            "  their Python dicts only",
            run({"kind": "gazetteer", "n": args.entries, "input_only": True}),
        )
    )
    rows.append((f"gazetteer {args.entries:,} entries", run({"kind": "gazetteer", "n": args.entries})))
    rows[1], rows[2] = rows[2], rows[1]
    rows.append((f"analyze {args.mb:g} MB article", run({"kind": "analyze", "mb": args.mb})))
    rows.append((f"find {args.mb:g} MB article", run({"kind": "find", "mb": args.mb})))
    rows.append((f"quotes_frame {args.quotes:,} quotes", run({"kind": "table", "quotes": args.quotes})))
    print()
    print(
        f"{'job':32} {'input MB':>9} {'peak MB':>9} {'extra MB':>9} {'x input':>8} {'seconds':>8} {'found':>9}"
    )
    print("-" * 90)
    for name, r in rows:
        extra = r["peak_mb"] - baseline
        ratio = f"{extra / r['input_mb']:.1f}" if r["input_mb"] else ""
        print(
            f"{name:32} {r['input_mb']:9.1f} {r['peak_mb']:9.0f} {extra:9.0f} {ratio:>8} "
            f"{r['seconds']:8.1f} {int(r['found']):9,}"
        )


def table_rows(args: argparse.Namespace) -> None:
    """Peak memory of a pandas quote table of ``args.quotes`` quotes, in this
    build and (with ``--base-python``) another, each in a fresh process."""
    builds = {"this": sys.executable}
    if args.base_python:
        builds["base"] = args.base_python
    results = {name: run({"kind": "table", "quotes": args.quotes}, python) for name, python in builds.items()}
    print(
        f"\n{'build':8} {'quotes':>10} {'input MB':>9} {'peak MB':>9} {'extra MB':>9} {'seconds':>8}  python"
    )
    for name, r in results.items():
        extra = r["peak_mb"] - r["baseline_mb"]
        print(
            f"{name:8} {int(r['found']):>10,} {r['input_mb']:9.1f} {r['peak_mb']:9.0f} {extra:9.0f} "
            f"{r['seconds']:8.1f}  {builds[name]}"
        )
    if "base" in results:
        ratio = results["this"]["peak_mb"] / results["base"]["peak_mb"]
        extra = (results["this"]["peak_mb"] - results["this"]["baseline_mb"]) / (
            results["base"]["peak_mb"] - results["base"]["baseline_mb"]
        )
        print(f"peak: this / base = {ratio:.2f}; extra over the import of quotewise and pandas: {extra:.2f}")


if __name__ == "__main__":
    main()
