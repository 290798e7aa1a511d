"""The news corpus for benchmarks, read from ../shared/data/news at run time.

Reuters-21578 (title and body of each story) and the ISOT subset (title and
text, true and fake news), as in ../shared/data/news/SOURCE.md: 23 MB of
unique text, repeated to the size a benchmark asks for. The data is licensed
for research use only; it is read here, never copied into the project.
"""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

__all__ = ["SHARED", "news_documents", "repeat_to_size"]

SHARED = Path(os.environ.get("QUOTEWISE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
NEWS = SHARED / "data" / "news"


def news_documents() -> list[str]:
    """Every non-empty Reuters-21578 and ISOT document, as 'title\\nbody'."""
    if not NEWS.is_dir():
        sys.exit(f"the news corpus is not at {NEWS}; set QUOTEWISE_SHARED to the folder holding data/news")
    csv.field_size_limit(1 << 30)
    docs: list[str] = []
    with open(NEWS / "reuters21578" / "reuters21578_articles.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["body"].strip():
                docs.append(f"{row['title']}\n{row['body']}")
    for name in ("True.csv", "Fake.csv"):
        with open(NEWS / "isot_subset" / name, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                docs.append(f"{row['title']}\n{row['text']}")
    return docs


def repeat_to_size(docs: list[str], megabytes: float) -> list[str]:
    """The documents repeated (in order) until their UTF-8 size reaches ``megabytes``."""
    target = int(megabytes * 1_000_000)
    out: list[str] = []
    size = 0
    while size < target:
        for d in docs:
            out.append(d)
            size += len(d.encode("utf-8"))
            if size >= target:
                break
    return out
