"""Arrow in and out: which inputs are read through the Arrow PyCapsule
interface, and how the core's tables (:class:`quotewise.ArrowTable`) become
pandas or polars frames.

Any object with ``__arrow_c_stream__`` or ``__arrow_c_array__`` is Arrow
input: pyarrow arrays, chunked arrays, tables and record batches, polars
Series and DataFrames, DuckDB results, nanoarrow arrays. A pandas column is
read that way when its dtype is Arrow-backed (pandas' default ``str`` dtype
with pyarrow, ``string[pyarrow]``, ``ArrowDtype``); other pandas columns are
read as Python objects, so that a column of mixed objects still fails only
its bad rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any, Literal

from . import _compat
from ._quotewise import ArrowTable, _ArrowChunk, _ArrowTexts
from .errors import ArgumentError

if TYPE_CHECKING:
    import pandas as pd

Output = Literal["pandas", "polars", "arrow"]
OUTPUTS = ("pandas", "polars", "arrow")

#: Documents per core call where the caller wants all results at once
#: (``find_many``): an Arrow input's own batches are kept whole.
WHOLE = 1 << 30


def _exports_arrow(obj: Any) -> bool:
    return hasattr(obj, "__arrow_c_stream__") or hasattr(obj, "__arrow_c_array__")


def pandas_arrow(series: Any) -> Any:
    """The Arrow exporter of a pandas Series whose dtype is Arrow-backed,
    else None."""
    pd = _compat.loaded("pandas")
    dtype = getattr(series, "dtype", None)
    if pd is None or dtype is None:
        return None
    arrow_backed = isinstance(dtype, getattr(pd, "ArrowDtype", ())) or (
        isinstance(dtype, pd.StringDtype) and str(getattr(dtype, "storage", "")).startswith("pyarrow")
    )
    if not arrow_backed:
        return None
    if hasattr(series, "__arrow_c_stream__"):
        return series
    return series.array.__arrow_array__()  # older pandas: a pyarrow ChunkedArray


def is_pandas(obj: Any) -> bool:
    return _compat.is_dataframe(obj) or _compat.is_series(obj)


def is_polars(obj: Any) -> bool:
    return type(obj).__module__.split(".")[0] == "polars"


def arrow_texts(data: Any, text: str | None = None, id: str | None = None) -> _ArrowTexts | None:
    """``data`` as an Arrow text source if it is Arrow input, else None."""
    if is_pandas(data):
        exporter = pandas_arrow(data) if _compat.is_series(data) else None
        return _ArrowTexts(exporter) if exporter is not None else None
    if _exports_arrow(data):
        return _ArrowTexts(data, text, id)
    return None


def batches(texts: Any, size: int) -> Iterator[Any]:
    """``texts`` in batches of at most ``size``: ``_ArrowChunk``s read in
    place from an Arrow source, else lists."""
    if isinstance(texts, _ArrowTexts):
        while (chunk := texts.next(size)) is not None:
            yield chunk
        return
    iterator = iter(texts)
    while batch := list(islice(iterator, size)):
        yield batch


def strings(batch: Any) -> list[Any]:
    """The documents of a batch as Python objects (str or None)."""
    return batch.texts() if isinstance(batch, _ArrowChunk) else batch


# -- output ------------------------------------------------------------------


def check_output(output: str | None) -> None:
    if output is not None and output not in OUTPUTS:
        raise ArgumentError(f"output must be 'pandas', 'polars' or 'arrow', not {output!r}")


def to_pyarrow(table: Any) -> Any:
    """A pyarrow Table of an Arrow exporter."""
    pa = _compat.require("pyarrow", "this output", "pyarrow")
    return pa.table(table)


def plain_text(table: Any) -> Any:
    """A pyarrow table with its dictionary-encoded columns decoded to text
    (for pandas and Spark, whose schemas say string)."""
    pa = _compat.require("pyarrow", "this output", "pyarrow")
    for i, field in enumerate(table.schema):
        if pa.types.is_dictionary(field.type):
            table = table.set_column(i, field.name, table.column(i).cast(field.type.value_type))
    return table


def to_pandas(table: Any) -> pd.DataFrame:
    """The pandas DataFrame of a quote or mention table: text as ``string``
    (pyarrow-backed, no copy), integers ``Int64``, booleans ``boolean``,
    ``confidence`` ``Float64``, ``about`` an Arrow list (each value a Python
    list); ``doc_id`` as pyarrow converts the ids (int64 for positions)."""
    pd = _compat.require("pandas", "pandas output", "pandas")
    pa = _compat.require("pyarrow", "pandas output (pandas tables are converted from Arrow)", "pyarrow")
    t = plain_text(to_pyarrow(table))

    def dtype(kind: Any) -> Any:
        if pa.types.is_string(kind) or pa.types.is_large_string(kind):
            return pd.StringDtype("pyarrow")
        if pa.types.is_int64(kind):
            return pd.Int64Dtype()
        if pa.types.is_boolean(kind):
            return pd.BooleanDtype()
        if pa.types.is_float64(kind):
            return pd.Float64Dtype()
        if pa.types.is_list(kind):
            return pd.ArrowDtype(kind)
        return None

    # One thread: the columns convert in a millisecond or two, less than it takes
    # to wake a pool (whose threads would also meet the core's still spinning).
    # doc_id is converted as pyarrow converts it, not by ``dtype``: it replaces
    # its first conversion in place (inserting a column costs twice as much).
    body = t.to_pandas(types_mapper=dtype, use_threads=False)
    body.isetitem(0, t.column("doc_id").to_pandas())
    return body  # type: ignore[no-any-return]


def to_polars(table: Any) -> Any:
    """The polars DataFrame of a table (dictionary-encoded text becomes
    ``Categorical``)."""
    pl = _compat.require("polars", "polars output", "polars")
    return pl.DataFrame(table)


def convert(table: ArrowTable, output: Output) -> Any:
    """``table`` in the form ``output`` names."""
    if output == "arrow":
        return table
    if output == "polars":
        return to_polars(table)
    return to_pandas(table)
