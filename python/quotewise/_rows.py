"""Flat records of quotes and mentions: one schema for every table quotewise
writes (pandas frames, Dask, Spark, the command line's JSONL/CSV/Parquet).

Each record is a plain dict of str/int/float/bool/None (and, for ``about``,
a list of str), so it serialises to any of those formats unchanged.
"""

from __future__ import annotations

from typing import Any

from ._quotewise import Mention, Quote

__all__ = [
    "MENTION_COLUMNS",
    "MENTION_DTYPES",
    "QUOTE_COLUMNS",
    "QUOTE_DTYPES",
    "mention_record",
    "mention_values",
    "quote_record",
    "quote_values",
]

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


#: pandas dtypes of the columns after ``doc_id`` (whose dtype is the input's
#: ids'): nullable, so a table with a skipped document's row, or an empty
#: table, has the same dtypes as any other.
QUOTE_DTYPES: dict[str, str] = {
    "quote": "string",
    "start": "Int64",
    "end": "Int64",
    "kind": "string",
    "marked": "boolean",
    "speaker": "string",
    "speaker_start": "Int64",
    "speaker_end": "Int64",
    "speaker_name": "string",
    "speaker_id": "string",
    "cue": "string",
    "addressee": "string",
    "addressee_id": "string",
    "confidence": "Float64",
    "rule": "string",
    "about": "object",
}

MENTION_DTYPES: dict[str, str] = {
    "text": "string",
    "start": "Int64",
    "end": "Int64",
    "entity_id": "string",
    "name": "string",
    "kind": "string",
    "alias": "string",
    "ambiguous": "boolean",
}


def quote_values(q: Quote) -> tuple[Any, ...]:
    """The values of a quote's row after ``doc_id``, in column order: the
    quote, its speaker (the words at the attribution and the resolved name
    and dictionary id), its cue, and ``about``: the dictionary ids of the
    mentions inside the quote, in order, without repeats."""
    speaker = q.speaker
    return (
        q.text,
        q.start,
        q.end,
        q.kind,
        q.marked,
        speaker.text if speaker else None,
        speaker.start if speaker else None,
        speaker.end if speaker else None,
        q.speaker_name,
        q.speaker_id,
        q.cue.text if q.cue else None,
        q.addressee.text if q.addressee else None,
        q.addressee_id,
        round(q.confidence, 4),
        q.rule,
        list(dict.fromkeys(m.entity_id for m in q.mentions if m.entity_id)),
    )


def mention_values(m: Mention) -> tuple[Any, ...]:
    """The values of a mention's row after ``doc_id``, in column order."""
    return (m.text, m.start, m.end, m.entity_id, m.name, m.kind, m.alias, m.ambiguous)


def quote_record(doc_id: Any, q: Quote) -> dict[str, Any]:
    """One row of a quote table, as a dict (see :func:`quote_values`)."""
    return dict(zip(QUOTE_COLUMNS, (doc_id, *quote_values(q)), strict=True))


def mention_record(doc_id: Any, m: Mention) -> dict[str, Any]:
    """One row of a mention table, as a dict."""
    return dict(zip(MENTION_COLUMNS, (doc_id, *mention_values(m)), strict=True))
