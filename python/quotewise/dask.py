"""Quote and mention tables of a Dask DataFrame of articles.

>>> import dask.dataframe as dd                                  # doctest: +SKIP
>>> import quotewise.dask
>>> articles = dd.read_parquet("articles/")                      # doctest: +SKIP
>>> table = quotewise.dask.quotes_frame(articles, text="body", id="article_id", gazetteer=gaz)  # doctest: +SKIP
>>> table.compute()                                              # doctest: +SKIP

Each partition is turned into its pandas table by :func:`quotewise.quotes_frame`
on a worker (the core builds it as Arrow; a partition whose text column is
Arrow-backed, Dask's default for strings, is read in place), so the result has
the same columns and dtypes as the single-process one (the ``meta`` is that
table, empty). The gazetteer goes into the task
graph once, as one shared node, and reaches each worker once — not with
every task. Needs ``pip install "quotewise[dask]"``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _compat, frames
from ._rows import Table
from .errors import ArgumentError
from .gazetteer import Casing, Errors, Gazetteer
from .quotes import QuoteExtractor

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["mentions_frame", "quotes_frame"]


def quotes_frame(
    ddf: Any,
    text: str = "text",
    id: str | None = None,
    gazetteer: Gazetteer | None = None,
    *,
    extractor: QuoteExtractor | None = None,
    n_threads: int | None = 1,
    casing: Casing = "auto",
    errors: Errors = "raise",
) -> Any:
    """The quote table (:func:`quotewise.quotes_frame`) of a Dask DataFrame,
    as a Dask DataFrame with one partition per input partition. ``doc_id``
    comes from column ``id``, else from the index. ``n_threads`` is per task
    (default 1: the cluster already runs one task per core)."""
    return _map(ddf, text, id, "quotes", errors, gazetteer, extractor, n_threads, casing)


def mentions_frame(
    ddf: Any,
    text: str = "text",
    id: str | None = None,
    gazetteer: Gazetteer | None = None,
    *,
    n_threads: int | None = 1,
    casing: Casing = "auto",
    errors: Errors = "raise",
) -> Any:
    """The mention table (:func:`quotewise.mentions_frame`) of a Dask
    DataFrame (``gazetteer`` defaults to the built-in dictionary)."""
    gaz = gazetteer if gazetteer is not None else Gazetteer.default()
    return _map(ddf, text, id, "mentions", errors, gaz, None, n_threads, casing)


def _map(
    ddf: Any,
    text: str,
    id: str | None,
    what: Table,
    errors: Errors,
    gazetteer: Gazetteer | None,
    extractor: QuoteExtractor | None,
    n_threads: int | None,
    casing: Casing,
) -> Any:
    dd = _compat.require("dask.dataframe", "quotewise.dask", "quotewise[dask]")
    delayed = _compat.require("dask", "quotewise.dask", "quotewise[dask]").delayed
    if not isinstance(ddf, dd.DataFrame):
        raise ArgumentError(f"expected a dask DataFrame, not {type(ddf).__name__}")
    for name in (text, id):
        if name is not None and name not in ddf.columns:
            raise ArgumentError(
                f"the Dask DataFrame has no column {name!r}; its columns are: {list(ddf.columns)}"
            )
    if errors not in ("raise", "skip"):
        raise ArgumentError(f"errors must be 'raise' or 'skip', not {errors!r}")
    doc_id_dtype = ddf[id].dtype if id is not None else ddf.index.dtype
    meta = frames.empty_frame(what, errors, doc_id_dtype)
    options = {"n_threads": n_threads, "casing": casing, "errors": errors}
    # Wrapped in `delayed`, the gazetteer and extractor are one node of the
    # graph each, shared by every task, instead of a copy per task.
    shared = delayed(gazetteer, pure=True, traverse=False) if gazetteer is not None else None
    columns_needed = [text] if id is None else list(dict.fromkeys([text, id]))
    return ddf[columns_needed].map_partitions(
        _partition, what, text, id, shared, extractor, options, meta=meta, enforce_metadata=False
    )


def _partition(
    part: pd.DataFrame,
    what: str,
    text: str,
    id: str | None,
    gazetteer: Gazetteer | None,
    extractor: QuoteExtractor | None,
    options: dict[str, Any],
) -> pd.DataFrame:
    """One partition's table (runs on a worker)."""
    if what == "quotes":
        table = frames.quotes_frame(
            part, text, id, gazetteer, extractor=extractor, progress=False, output="pandas", **options
        )
    else:
        table = frames.mentions_frame(part, text, id, gazetteer, progress=False, output="pandas", **options)
    result: pd.DataFrame = table
    return result
