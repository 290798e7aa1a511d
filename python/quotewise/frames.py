"""Tables of quotes and mentions (pandas), and the speaker picture.

:func:`quotes_frame` and :func:`mentions_frame` take a column of articles — a
pandas DataFrame or Series, a list, a pyarrow array or a polars Series — and
return long-format pandas DataFrames, one row per quote or per mention, with
the schema of :mod:`quotewise._rows` and the same nullable dtypes whatever
the input (an empty result has the same columns and dtypes as a full one).
:func:`speakers`, :func:`speaker_edges` and :func:`plot_speakers` summarise a
quote table: who is quoted, how often, and whom they talk about.

pandas (and pyarrow, polars, matplotlib for the inputs and the plot that need
them) are optional: this module imports them only when called.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice, repeat
from typing import TYPE_CHECKING, Any, cast

from . import _compat, _progress
from ._quotewise import _ArrowStrings
from ._rows import MENTION_COLUMNS, MENTION_DTYPES, QUOTE_COLUMNS, QUOTE_DTYPES, quote_values
from .errors import ArgumentError
from .gazetteer import Casing, Errors, Gazetteer
from .quotes import BATCH_SIZE, QuoteExtractor, _default

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["mentions_frame", "plot_speakers", "quotes_frame", "speaker_edges", "speakers"]


def quotes_frame(
    data: Any,
    text: str = "text",
    id: str | None = None,
    gazetteer: Gazetteer | None = None,
    *,
    extractor: QuoteExtractor | None = None,
    n_threads: int | None = None,
    batch_size: int = BATCH_SIZE,
    progress: bool | None = None,
    casing: Casing = "auto",
    errors: Errors = "raise",
) -> pd.DataFrame:
    """One row per quote of each article: ``doc_id``, the quote and its span,
    ``kind``, ``marked``, the speaker's words and span at the attribution, the
    resolved ``speaker_name`` and ``speaker_id``, ``cue``, ``addressee``,
    ``confidence``, ``rule`` and ``about`` (the dictionary ids mentioned in the
    quote).

    ``data``: a DataFrame (its column ``text``; ``doc_id`` from column ``id``,
    else the index), a Series (``doc_id`` from its index), or a list, pyarrow
    array or polars Series of texts (``doc_id`` from column ``id`` of a
    pyarrow table or polars DataFrame, else the position). Missing text
    (None, NaN) gives no rows. With a ``gazetteer``, speakers are linked to its
    entries; ``extractor`` sets the quote options (default
    :class:`QuoteExtractor()`).

    ``errors="raise"`` stops at the first document that cannot be processed,
    naming its index; ``errors="skip"`` goes on and adds a column ``error``:
    each skipped document gets one row with its ``doc_id`` and the reason.

    >>> import pandas as pd
    >>> articles = pd.DataFrame({"text": ['"We will win," Putin said.', None]}, index=["a", "b"])
    >>> quotes_frame(articles)[["doc_id", "quote", "speaker_name"]]
      doc_id        quote speaker_name
    0      a  We will win        Putin
    """
    texts, ids = _texts_and_ids(data, text, id)
    core = (extractor if extractor is not None else _default())._core
    gaz = gazetteer._core if gazetteer is not None else None

    def analyse(batch: Any, offset: int, out: _Rows) -> None:
        results = core.analyze_many(
            batch, gaz, n_threads=n_threads, casing=casing, errors=errors, offset=offset
        )
        for k, result in enumerate(results):
            if isinstance(result, str):
                out.failed(offset + k, result)
            elif result[1]:
                out.add(offset + k, list(map(quote_values, result[1])))

    rows = _run(texts, batch_size, progress, analyse)
    return _frame(rows, ids, QUOTE_COLUMNS, QUOTE_DTYPES, errors)


def mentions_frame(
    data: Any,
    text: str = "text",
    id: str | None = None,
    gazetteer: Gazetteer | None = None,
    *,
    n_threads: int | None = None,
    batch_size: int = BATCH_SIZE,
    progress: bool | None = None,
    casing: Casing = "auto",
    errors: Errors = "raise",
) -> pd.DataFrame:
    """One row per mention of a dictionary entry in each article: ``doc_id``,
    the words and their span, ``entity_id``, ``name``, ``kind``, ``alias`` and
    ``ambiguous``. ``gazetteer`` defaults to the built-in dictionary
    (:meth:`Gazetteer.default`). Inputs, missing text and ``errors`` as in
    :func:`quotes_frame`.

    >>> mentions_frame(["NATO met in Brussels."])[["doc_id", "text", "entity_id"]]
       doc_id      text     entity_id
    0       0      NATO      org:nato
    1       0  Brussels  city:2800866
    """
    texts, ids = _texts_and_ids(data, text, id)
    gaz = (gazetteer if gazetteer is not None else Gazetteer.default())._core

    def match(batch: Any, offset: int, out: _Rows) -> None:
        results = gaz._find_batch(
            batch, n_threads=n_threads, casing=casing, errors=errors, offset=offset, rows=True
        )
        for k, found in enumerate(results):
            if isinstance(found, str):
                out.failed(offset + k, found)
            elif found:
                # Rows made by the core (see `mention_values` for their order).
                out.add(offset + k, cast("list[tuple[Any, ...]]", found))

    rows = _run(texts, batch_size, progress, match)
    return _frame(rows, ids, MENTION_COLUMNS, MENTION_DTYPES, errors)


def empty_frame(columns: Sequence[str], dtypes: dict[str, str], doc_id_dtype: Any = "int64") -> pd.DataFrame:
    """The empty table of ``columns`` with their dtypes (the ``meta`` of the
    Dask functions)."""
    pandas = _compat.require("pandas", "quotewise tables", "pandas")
    frame: pd.DataFrame = pandas.DataFrame({c: pandas.Series([], dtype=dtypes[c]) for c in columns[1:]})
    frame.insert(0, "doc_id", pandas.Series([], dtype=doc_id_dtype))
    return frame


def speakers(quotes: pd.DataFrame) -> pd.DataFrame:
    """Who is quoted: one row per resolved speaker of a :func:`quotes_frame`
    table (``speaker_name``, ``speaker_id``), with the number of ``quotes``
    and of ``documents`` they are quoted in, most quoted first. Quotes
    without a resolved speaker are left out."""
    pandas = _compat.require("pandas", "speakers()", "pandas")
    _check_columns(quotes, ("doc_id", "speaker_name", "speaker_id"), "speakers()")
    q = quotes[quotes["speaker_name"].notna()]
    key = q["speaker_id"].astype("string").fillna("name:" + q["speaker_name"].astype("string"))
    grouped = q.assign(_key=key).groupby("_key", sort=False)
    table = pandas.DataFrame(
        {
            "speaker_name": grouped["speaker_name"].first(),
            "speaker_id": grouped["speaker_id"].first(),
            "quotes": grouped.size(),
            "documents": grouped["doc_id"].nunique(),
        }
    )
    table = table.sort_values(["quotes", "documents", "speaker_name"], ascending=[False, False, True])
    result: pd.DataFrame = table.reset_index(drop=True).astype({"quotes": "int64", "documents": "int64"})
    return result


def speaker_edges(quotes: pd.DataFrame, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """Whom speakers talk about: one row per (speaker, entity mentioned in
    their quotes) of a :func:`quotes_frame` table, with the number of
    ``quotes`` and ``documents``, most frequent first — an edge list for a
    network. A speaker's mentions of themselves are left out. With the
    ``gazetteer`` the table was made with, ``about_name`` gives each entity's
    name."""
    pandas = _compat.require("pandas", "speaker_edges()", "pandas")
    _check_columns(quotes, ("doc_id", "speaker_name", "speaker_id", "about"), "speaker_edges()")
    q = quotes[quotes["speaker_name"].notna()][["doc_id", "speaker_name", "speaker_id", "about"]]
    q = q.explode("about")
    q = q[q["about"].notna()]
    q = q[q["about"].astype("string") != q["speaker_id"].astype("string").fillna("")]
    columns = ["speaker_name", "speaker_id", "about", "quotes", "documents"]
    if q.empty:
        edges: pd.DataFrame = pandas.DataFrame({c: pandas.Series([], dtype="string") for c in columns[:3]})
        edges["quotes"] = pandas.Series([], dtype="int64")
        edges["documents"] = pandas.Series([], dtype="int64")
    else:
        q = q.assign(
            speaker_id=q["speaker_id"].astype("string").fillna(""), about=q["about"].astype("string")
        )
        grouped = q.groupby(["speaker_name", "speaker_id", "about"], sort=False)
        edges = pandas.DataFrame({"quotes": grouped.size(), "documents": grouped["doc_id"].nunique()})
        edges = edges.reset_index().astype({"quotes": "int64", "documents": "int64"})
        edges["speaker_id"] = edges["speaker_id"].replace("", pandas.NA).astype("string")
        edges = edges.sort_values(
            ["quotes", "documents", "speaker_name", "about"], ascending=[False] * 2 + [True] * 2
        )
        edges = edges.reset_index(drop=True)[columns]
    if gazetteer is not None:
        names = {}
        for entity in edges["about"].unique():
            entry = gazetteer.get(str(entity))
            names[entity] = entry["name"] if entry else None
        edges.insert(3, "about_name", edges["about"].map(names).astype("string"))
    return edges


def plot_speakers(quotes: pd.DataFrame, top: int = 15, ax: Any = None) -> Any:
    """A horizontal bar chart of the ``top`` most quoted speakers of a
    :func:`quotes_frame` table (needs matplotlib); returns the Axes."""
    plt = _compat.require("matplotlib.pyplot", "plot_speakers()", "matplotlib")
    table = speakers(quotes).head(top)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.35 * max(len(table), 1) + 1.2))
    labels = list(table["speaker_name"])[::-1]
    ax.barh(labels, list(table["quotes"])[::-1], color="#4c78a8")
    for y, (n, d) in enumerate(zip(list(table["quotes"])[::-1], list(table["documents"])[::-1], strict=True)):
        ax.text(n, y, f" {n} in {d} doc{'s' if d != 1 else ''}", va="center", fontsize=8)
    ticker = _compat.require("matplotlib.ticker", "plot_speakers()", "matplotlib")
    ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    ax.set_xlabel("quotes")
    ax.set_title(f"Most quoted speakers (top {len(table)})")
    ax.margins(x=0.25)
    return ax


class _Rows:
    """A table's rows as they are found: the document position of each row,
    its values, and the rows that stand for skipped documents."""

    def __init__(self) -> None:
        self.positions: list[int] = []
        self.values: list[tuple[Any, ...]] = []
        self.failures: dict[int, str] = {}

    def add(self, position: int, rows: list[tuple[Any, ...]]) -> None:
        self.positions.extend(repeat(position, len(rows)))
        self.values.extend(rows)

    def failed(self, position: int, message: str) -> None:
        self.failures[len(self.values)] = message
        self.positions.append(position)
        self.values.append(())


def _run(
    texts: Iterable[Any],
    batch_size: int,
    progress: bool | None,
    process: Callable[[Any, int, _Rows], None],
) -> _Rows:
    """The rows of every batch of ``texts`` (``process(batch, offset, rows)``,
    with ``offset`` the index of the batch's first text), with a progress bar."""
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise ArgumentError(f"batch_size must be a positive int, not {batch_size!r}")
    bar = _progress.bar(progress, texts, batch_size, "documents")
    rows = _Rows()
    offset = 0
    try:
        for batch in _batches(texts, batch_size):
            process(batch, offset, rows)
            offset += len(batch)
            if bar is not None:
                bar.update(len(batch))
    finally:
        if bar is not None:
            bar.close()
    return rows


def _batches(texts: Iterable[Any], size: int) -> Iterator[Any]:
    """``texts`` in batches of ``size``: lists, or Arrow slices read in place."""
    if isinstance(texts, _ArrowTexts):
        yield from texts.batches(size)
        return
    iterator = iter(texts)
    while batch := list(islice(iterator, size)):
        yield batch


# -- inputs ---------------------------------------------------------------


class _ArrowTexts:
    """A text column in Arrow memory, handed to the core a slice at a time
    as its buffers (no Python str is made for a document)."""

    def __init__(self, array: Any) -> None:
        pa = _compat.require("pyarrow", "pyarrow input", "pyarrow")
        self._chunks = array.chunks if isinstance(array, pa.ChunkedArray) else [array]
        self._length = len(array)

    def __len__(self) -> int:
        return self._length

    def batches(self, size: int) -> Iterator[_ArrowStrings]:
        for chunk in self._chunks:
            large = chunk.type.equals(_large_string())
            for start in range(0, len(chunk), size):
                part = chunk.slice(start, size)
                validity, offsets, data = part.buffers()
                yield _ArrowStrings(
                    _bytes(data),
                    _bytes(offsets),
                    _bytes(validity) if validity is not None else None,
                    part.offset,
                    len(part),
                    large,
                )


def _bytes(buffer: Any) -> memoryview:
    return memoryview(buffer).cast("B") if buffer is not None else memoryview(b"")


def _large_string() -> Any:
    return _compat.require("pyarrow", "pyarrow input", "pyarrow").large_string()


def _texts_and_ids(data: Any, text: str, id: str | None) -> tuple[Any, Any]:
    """The texts to analyse and their ids: a pandas Series or Index, a list,
    or None for the positions."""
    if isinstance(data, (str, bytes)):
        raise ArgumentError(
            "data must be a table or a sequence of texts, not a single str (wrap it in a list)"
        )
    if _compat.is_dataframe(data):
        _check_columns(data, (text,) + ((id,) if id is not None else ()), "the data")
        return data[text], data[id] if id is not None else data.index
    if _compat.is_series(data):
        _no_id(id, "a pandas Series (its index gives the ids)")
        return data, data.index
    module = type(data).__module__.split(".")[0]
    if module == "pyarrow":
        return _arrow_texts(data, text, id)
    if module == "polars":
        return _polars_texts(data, text, id)
    if isinstance(data, dict):
        raise ArgumentError(
            "data must be a table or a sequence of texts, not a dict (use pandas.DataFrame(data))"
        )
    _no_id(id, "a sequence of texts (ids are positions)")
    if isinstance(data, Sequence):
        return data, None
    try:
        return list(data), None
    except TypeError:
        raise ArgumentError(
            f"data must be a DataFrame, Series, list, pyarrow array or polars Series, not {type(data).__name__}"
        ) from None


def _arrow_texts(data: Any, text: str, id: str | None) -> tuple[_ArrowTexts, Any]:
    pa = _compat.require("pyarrow", "pyarrow input", "pyarrow")
    ids = None
    if isinstance(data, (pa.Table, pa.RecordBatch)):
        _check_columns(data, (text,) + ((id,) if id is not None else ()), "the table")
        ids = data.column(id).to_pandas() if id is not None else None
        data = data.column(text)
    else:
        _no_id(id, "a pyarrow array (ids are positions)")
    if not isinstance(data, (pa.Array, pa.ChunkedArray)):
        raise ArgumentError(f"a pyarrow {type(data).__name__} is not a text column")
    if pa.types.is_null(data.type):  # all missing
        data = data.cast(pa.string())
    if not (pa.types.is_string(data.type) or pa.types.is_large_string(data.type)):
        is_view = getattr(pa.types, "is_string_view", lambda _: False)
        if not is_view(data.type):
            raise ArgumentError(f"the text column must hold strings, not pyarrow {data.type}")
        data = data.cast(pa.large_string())  # in Arrow memory, not through Python
    return _ArrowTexts(data), ids


def _polars_texts(data: Any, text: str, id: str | None) -> tuple[_ArrowTexts, Any]:
    pl = _compat.require("polars", "polars input", "polars")
    ids = None
    if isinstance(data, pl.DataFrame):
        _check_columns(data, (text,) + ((id,) if id is not None else ()), "the DataFrame")
        ids = data[id].to_pandas() if id is not None else None
        data = data[text]
    elif isinstance(data, pl.Series):
        _no_id(id, "a polars Series (ids are positions)")
    else:
        raise ArgumentError(
            f"a polars {type(data).__name__} is not supported: collect it to a DataFrame first"
        )
    if data.dtype not in (pl.Utf8, pl.Null):
        raise ArgumentError(f"the text column must hold strings, not polars {data.dtype}")
    # Arrow memory shared with (or converted by) polars, not Python strings.
    return _arrow_texts(data.to_arrow(), "text", None)[0], ids


def _no_id(id: str | None, what: str) -> None:
    if id is not None:
        raise ArgumentError(f"id={id!r} names a column, but the data is {what}")


def _check_columns(data: Any, wanted: Iterable[str], what: str) -> None:
    """Raises naming the first of ``wanted`` that is not a column of ``data``
    (pandas or polars DataFrame, pyarrow Table), and the columns it has."""
    names = data.column_names if hasattr(data, "column_names") else data.columns
    columns = [str(c) for c in names]
    for name in wanted:
        if name not in columns:
            shown = ", ".join(repr(c) for c in columns[:20]) + (", …" if len(columns) > 20 else "")
            raise ArgumentError(f"{what} has no column {name!r}; its columns are: {shown}")


# -- output ---------------------------------------------------------------


def _frame(
    rows: _Rows,
    ids: Any,
    columns: Sequence[str],
    dtypes: dict[str, str],
    errors: Errors,
) -> pd.DataFrame:
    """The table of ``rows``, with ``doc_id`` looked up in ``ids``; a skipped
    document's row has only its ``doc_id`` and ``error``."""
    pandas = _compat.require("pandas", "quotewise tables", "pandas")
    width = len(columns) - 1
    values = rows.values
    if rows.failures:
        blank = (None,) * width
        values = [blank if k in rows.failures else v for k, v in enumerate(values)]
    cols = list(zip(*values, strict=True)) if values else [()] * width
    data = {
        name: pandas.Series(list(col), dtype=dtypes[name])
        for name, col in zip(columns[1:], cols, strict=True)
    }
    frame: pd.DataFrame = pandas.DataFrame(data)
    frame.insert(0, "doc_id", _doc_ids(pandas, ids, rows.positions))
    if errors == "skip":
        error: list[str | None] = [None] * len(values)
        for k, message in rows.failures.items():
            error[k] = message
        frame["error"] = pandas.Series(error, dtype="string")
    return frame


def _doc_ids(pandas: Any, ids: Any, positions: list[int]) -> Any:
    """The ids of the documents at ``positions``, in the ids' own dtype."""
    if ids is None:
        return pandas.Series(positions, dtype="int64")
    source = ids if isinstance(ids, pandas.Series) else pandas.Series(ids)
    return source.take(positions).reset_index(drop=True)
