"""The schema of every table quotewise writes (pandas, polars and Arrow
tables, Dask, Spark, the command line's JSONL/CSV/Parquet), read from the
core, where it is defined once (``src/python/tables.rs``).

Each table is ``doc_id`` (the caller's ids, else the document's position)
and the columns the core reports as ``(name, type, nullable)``. Under
``errors="skip"`` every column may be missing and ``error`` comes last.
"""

from __future__ import annotations

from typing import Literal

from ._quotewise import table_columns

__all__ = [
    "MENTION_COLUMNS",
    "MENTION_DTYPES",
    "PANDAS_DTYPES",
    "QUOTE_COLUMNS",
    "QUOTE_DTYPES",
    "Table",
    "columns",
]

Table = Literal["quotes", "mentions"]


def columns(table: Table, errors: str = "raise") -> list[tuple[str, str, bool]]:
    """The columns of ``table`` after ``doc_id``: ``(name, type, nullable)``,
    with types ``string``, ``int64``, ``bool``, ``float64``, ``dictionary``
    (text from a small set, dictionary-encoded) and ``list<string>``."""
    return table_columns(table, errors)


#: Columns of a quote table, in order (``doc_id`` first).
QUOTE_COLUMNS: tuple[str, ...] = ("doc_id", *(name for name, _, _ in columns("quotes")))

#: Columns of a mention table, in order (``doc_id`` first).
MENTION_COLUMNS: tuple[str, ...] = ("doc_id", *(name for name, _, _ in columns("mentions")))

#: The pandas dtype of each column type: nullable, so that a table with a
#: skipped document's row, or an empty table, has the same dtypes as any
#: other. Dictionary-encoded text is plain text in pandas (``string``), and
#: ``about`` keeps its Arrow list type (each value a Python list).
PANDAS_DTYPES: dict[str, str] = {
    "string": "string",
    "int64": "Int64",
    "bool": "boolean",
    "float64": "Float64",
    "dictionary": "string",
    "list<string>": "list<item: string>[pyarrow]",
}

#: pandas dtypes of the quote table's columns after ``doc_id`` (whose dtype
#: is the input's ids').
QUOTE_DTYPES: dict[str, str] = {name: PANDAS_DTYPES[kind] for name, kind, _ in columns("quotes")}

#: pandas dtypes of the mention table's columns after ``doc_id``.
MENTION_DTYPES: dict[str, str] = {name: PANDAS_DTYPES[kind] for name, kind, _ in columns("mentions")}
