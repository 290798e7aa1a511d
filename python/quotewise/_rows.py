"""Flat records of quotes and mentions: one schema for every table quotewise
writes (pandas frames, Dask, Spark, the command line's JSONL/CSV/Parquet).

Each record is a plain dict of str/int/float/bool/None (and, for ``about``,
a list of str), so it serialises to any of those formats unchanged.
"""

from __future__ import annotations

from typing import Any

from ._quotewise import Mention, Quote

__all__ = ["MENTION_COLUMNS", "QUOTE_COLUMNS", "mention_record", "quote_record"]

#: Columns of a quote table, in order (``doc_id`` first).
QUOTE_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "quote",
    "start",
    "end",
    "kind",
    "marked",
    "speaker",
    "speaker_start",
    "speaker_end",
    "speaker_name",
    "speaker_id",
    "cue",
    "addressee",
    "addressee_id",
    "confidence",
    "rule",
    "about",
)

#: Columns of a mention table, in order (``doc_id`` first).
MENTION_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "text",
    "start",
    "end",
    "entity_id",
    "name",
    "kind",
    "alias",
    "ambiguous",
)


def quote_record(doc_id: Any, q: Quote) -> dict[str, Any]:
    """One row of a quote table: the quote, its speaker (the words at the
    attribution and the resolved name and dictionary id), its cue, and
    ``about``: the dictionary ids of the mentions inside the quote, in order,
    without repeats."""
    speaker = q.speaker
    return {
        "doc_id": doc_id,
        "quote": q.text,
        "start": q.start,
        "end": q.end,
        "kind": q.kind,
        "marked": q.marked,
        "speaker": speaker.text if speaker else None,
        "speaker_start": speaker.start if speaker else None,
        "speaker_end": speaker.end if speaker else None,
        "speaker_name": q.speaker_name,
        "speaker_id": q.speaker_id,
        "cue": q.cue.text if q.cue else None,
        "addressee": q.addressee.text if q.addressee else None,
        "addressee_id": q.addressee_id,
        "confidence": round(q.confidence, 4),
        "rule": q.rule,
        "about": list(dict.fromkeys(m.entity_id for m in q.mentions if m.entity_id)),
    }


def mention_record(doc_id: Any, m: Mention) -> dict[str, Any]:
    """One row of a mention table."""
    return {
        "doc_id": doc_id,
        "text": m.text,
        "start": m.start,
        "end": m.end,
        "entity_id": m.entity_id,
        "name": m.name,
        "kind": m.kind,
        "alias": m.alias,
        "ambiguous": m.ambiguous,
    }
