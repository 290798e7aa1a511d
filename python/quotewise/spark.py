"""Quote and mention tables of a Spark DataFrame of articles.

>>> import quotewise.spark
>>> table = quotewise.spark.quotes_frame(articles, text="body", id="article_id", gazetteer=gaz)  # doctest: +SKIP
>>> table.groupBy("speaker_name").count().orderBy("count", ascending=False).show()           # doctest: +SKIP

Each partition goes through :func:`quotewise.quotes_frame` on an executor, as
Arrow record batches both ways (``mapInArrow``; ``mapInPandas`` on a Spark
without it): the text column is read in place, and the core's table goes back
to Spark without pandas. The columns are those of every quotewise table,
typed for Spark (see :func:`quote_schema`; ``kind`` and ``rule`` as strings).
The gazetteer is sent to each executor once, as a broadcast variable (or, on
Spark Connect, which has none, with the function). Needs ``pyspark`` and
``pip install "quotewise[spark]"`` on the driver and the executors; Spark's
Python workers must be an interpreter with quotewise (``PYSPARK_PYTHON``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from . import _arrow, _compat, frames
from ._arrow import Output
from ._rows import Table, columns
from .errors import ArgumentError
from .gazetteer import Casing, Errors, Gazetteer
from .quotes import QuoteExtractor

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["mention_schema", "mentions_frame", "quote_schema", "quotes_frame"]

#: The column that holds the row ids when ``id`` is not given.
ROW_ID = "_quotewise_row"


def quotes_frame(
    sdf: Any,
    text: str = "text",
    id: str | None = None,
    gazetteer: Gazetteer | None = None,
    *,
    extractor: QuoteExtractor | None = None,
    n_threads: int | None = 1,
    casing: Casing = "auto",
    errors: Errors = "raise",
) -> Any:
    """The quote table (:func:`quotewise.quotes_frame`) of a Spark DataFrame,
    as a Spark DataFrame. ``doc_id`` comes from column ``id``; without one,
    from ``monotonically_increasing_id()`` (unique, not consecutive).
    ``n_threads`` is per task (default 1: Spark already runs one task per
    core). ``errors="skip"`` adds a column ``error`` (see
    :func:`quotewise.quotes_frame`)."""
    return _map(sdf, text, id, gazetteer, extractor, "quotes", n_threads, casing, errors)


def mentions_frame(
    sdf: Any,
    text: str = "text",
    id: str | None = None,
    gazetteer: Gazetteer | None = None,
    *,
    n_threads: int | None = 1,
    casing: Casing = "auto",
    errors: Errors = "raise",
) -> Any:
    """The mention table (:func:`quotewise.mentions_frame`) of a Spark
    DataFrame (``gazetteer`` defaults to the built-in dictionary)."""
    gaz = gazetteer if gazetteer is not None else Gazetteer.default()
    return _map(sdf, text, id, gaz, None, "mentions", n_threads, casing, errors)


def quote_schema(doc_id_type: Any = None, errors: Errors = "raise") -> Any:
    """The Spark schema of a quote table (``doc_id`` of ``doc_id_type``,
    default long)."""
    return _schema("quotes", doc_id_type, errors)


def mention_schema(doc_id_type: Any = None, errors: Errors = "raise") -> Any:
    """The Spark schema of a mention table."""
    return _schema("mentions", doc_id_type, errors)


def _schema(table: Table, doc_id_type: Any, errors: Errors) -> Any:
    """The core's schema (:mod:`quotewise._rows`) in Spark's types."""
    t = _compat.require("pyspark.sql.types", "quotewise.spark", "pyspark")
    spark_types = {
        "string": t.StringType(),
        "dictionary": t.StringType(),
        "int64": t.LongType(),
        "bool": t.BooleanType(),
        "float64": t.DoubleType(),
        "list<string>": t.ArrayType(t.StringType()),  # `about`: a list of entity ids
    }
    fields = [t.StructField("doc_id", doc_id_type if doc_id_type is not None else t.LongType())]
    fields += [
        t.StructField(name, spark_types[kind], nullable) for name, kind, nullable in columns(table, errors)
    ]
    return t.StructType(fields)


def _map(
    sdf: Any,
    text: str,
    id: str | None,
    gazetteer: Gazetteer | None,
    extractor: QuoteExtractor | None,
    what: str,
    n_threads: int | None,
    casing: Casing,
    errors: Errors,
) -> Any:
    sql = _compat.require("pyspark.sql", "quotewise.spark", "pyspark")
    functions = _compat.require("pyspark.sql.functions", "quotewise.spark", "pyspark")
    if not hasattr(sdf, "mapInPandas") or not hasattr(sdf, "schema"):
        raise ArgumentError(f"expected a Spark DataFrame, not {type(sdf).__name__}")
    names = list(sdf.columns)
    for name in (text, id):
        if name is not None and name not in names:
            raise ArgumentError(f"the Spark DataFrame has no column {name!r}; its columns are: {names}")
    if errors not in ("raise", "skip"):
        raise ArgumentError(f"errors must be 'raise' or 'skip', not {errors!r}")
    if id is None:
        sdf = sdf.withColumn(ROW_ID, functions.monotonically_increasing_id())
        id = ROW_ID
    doc_id_type = sdf.schema[id].dataType
    schema = _schema("quotes" if what == "quotes" else "mentions", doc_id_type, errors)
    selected = sdf.select(*dict.fromkeys([text, id]))
    load = _shipped(sql, sdf, gazetteer)
    options: dict[str, Any] = {"n_threads": n_threads, "casing": casing, "errors": errors, "progress": False}
    text_column, id_column = text, id

    def table(batch: Any, output: Output) -> Any:
        if what == "quotes":
            return frames.quotes_frame(
                batch, text_column, id_column, load(), extractor=extractor, output=output, **options
            )
        return frames.mentions_frame(batch, text_column, id_column, load(), output=output, **options)

    def run_arrow(batches: Iterator[Any]) -> Iterator[Any]:
        for batch in batches:
            if batch.num_rows == 0:  # nothing to read; its table's doc_id would be positions
                continue
            # Spark's string columns are plain text: kind and rule decoded.
            yield from _arrow.plain_text(_arrow.to_pyarrow(table(batch, "arrow"))).to_batches()

    def run_pandas(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            yield table(batch, "pandas")

    if hasattr(selected, "mapInArrow"):
        return selected.mapInArrow(run_arrow, schema)
    return selected.mapInPandas(run_pandas, schema)


def _shipped(sql: Any, sdf: Any, gazetteer: Gazetteer | None) -> Callable[[], Gazetteer | None]:
    """A function that gives the gazetteer on an executor: from a broadcast
    variable (sent to each executor once), or, where the session has no
    SparkContext (Spark Connect), from the function's own closure."""
    if gazetteer is None:
        return lambda: None
    session = getattr(sdf, "sparkSession", None) or sql.SparkSession.getActiveSession()
    try:
        broadcast = session.sparkContext.broadcast(gazetteer)
    except Exception:  # Spark Connect: no SparkContext, no broadcast
        return lambda: gazetteer
    return lambda: broadcast.value
