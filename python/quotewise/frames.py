"""Tables of quotes and mentions, and the speaker picture.

:func:`quotes_frame` and :func:`mentions_frame` take a column of articles — a
pandas DataFrame or Series, a list, or any Arrow data (a pyarrow array or
table, a polars Series or DataFrame, a DuckDB result: anything with
``__arrow_c_stream__`` or ``__arrow_c_array__``, read in place) — and return
long-format tables, one row per quote or per mention. The core builds them
as Arrow record batches on its worker threads (the schema is
:mod:`quotewise._rows`); ``output`` says what the caller gets: a pandas
DataFrame, a polars DataFrame, or a :class:`quotewise.ArrowTable` that any
Arrow consumer reads without pandas or pyarrow. :func:`quotes_batches` and
:func:`mentions_batches` stream the same tables a batch of documents at a
time. :func:`speakers`, :func:`speaker_edges` and :func:`plot_speakers`
summarise a quote table: who is quoted, how often, and whom they talk about.

pandas, pyarrow, polars and matplotlib are optional: this module imports them
only when called.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from . import _arrow, _compat, _progress
from ._arrow import Output
from ._quotewise import ArrowTable, _ArrowTexts
from ._rows import Table
from .errors import ArgumentError
from .gazetteer import Casing, Errors, Gazetteer
from .quotes import BATCH_SIZE, QuoteExtractor, _default

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "mentions_batches",
    "mentions_frame",
    "plot_speakers",
    "quotes_batches",
    "quotes_frame",
    "speaker_edges",
    "speakers",
]

#: Build one batch's table: ``(texts, offset) -> ArrowTable``.
_Build = Callable[[Any, int], ArrowTable]


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
    output: Output | None = None,
) -> Any:
    """One row per quote of each article: ``doc_id``, the quote and its span,
    ``kind``, ``marked``, the speaker's words and span at the attribution, the
    resolved ``speaker_name`` and ``speaker_id``, ``cue``, ``addressee``,
    ``confidence``, ``rule`` and ``about`` (the dictionary ids mentioned in the
    quote).

    ``data``: a pandas DataFrame (its column ``text``; ``doc_id`` from column
    ``id``, else the index) or Series (``doc_id`` from its index); a table
    given as Arrow data (a pyarrow Table or RecordBatch, a polars DataFrame:
    its column ``text``, ``doc_id`` from column ``id`` in the id column's own
    type, else the row number); a column given as Arrow data (pyarrow array,
    polars Series) or any sequence of texts (``doc_id``: the position).
    Missing text (None, NaN) gives no rows. With a ``gazetteer``, speakers
    are linked to its entries; ``extractor`` sets the quote options (default
    :class:`QuoteExtractor()`).

    ``output``: ``"pandas"`` (a DataFrame with nullable dtypes), ``"polars"``
    (``kind`` and ``rule`` Categorical) or ``"arrow"`` (an
    :class:`ArrowTable`: ``kind`` and ``rule`` dictionary-encoded; needs no
    pandas or pyarrow; for a pandas input whose ids are its own, a pyarrow
    Table with those ids); by default polars for polars input, else pandas.

    ``errors="raise"`` stops at the first document that cannot be processed,
    naming its index; ``errors="skip"`` goes on and adds a column ``error``:
    each skipped document gets one row with its ``doc_id`` and the reason.

    >>> import pandas as pd
    >>> articles = pd.DataFrame({"text": ['"We will win," Putin said.', None]}, index=["a", "b"])
    >>> quotes_frame(articles)[["doc_id", "quote", "speaker_name"]]
      doc_id        quote speaker_name
    0      a  We will win        Putin
    """
    source = _Source(data, text, id, output, "quotes_frame")
    return source.result(
        _run(
            source,
            batch_size,
            progress,
            _quote_builder(gazetteer, extractor, n_threads, casing, errors, source.layout),
        )
    )


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
    output: Output | None = None,
) -> Any:
    """One row per mention of a dictionary entry in each article: ``doc_id``,
    the words and their span, ``entity_id``, ``name``, ``kind``, ``alias`` and
    ``ambiguous``. ``gazetteer`` defaults to the built-in dictionary
    (:meth:`Gazetteer.default`). Inputs, missing text, ``errors`` and
    ``output`` as in :func:`quotes_frame`.

    >>> mentions_frame(["NATO met in Brussels."])[["doc_id", "text", "entity_id"]]
       doc_id      text     entity_id
    0       0      NATO      org:nato
    1       0  Brussels  city:2800866
    """
    source = _Source(data, text, id, output, "mentions_frame")
    return source.result(
        _run(
            source,
            batch_size,
            progress,
            _mention_builder(gazetteer, n_threads, casing, errors, source.layout),
        )
    )


def quotes_batches(
    data: Any,
    text: str = "text",
    id: str | None = None,
    gazetteer: Gazetteer | None = None,
    *,
    extractor: QuoteExtractor | None = None,
    n_threads: int | None = None,
    batch_size: int = BATCH_SIZE,
    casing: Casing = "auto",
    errors: Errors = "raise",
    output: Output = "arrow",
) -> Iterator[Any]:
    """:func:`quotes_frame`, streamed: the quote table of each batch of
    ``batch_size`` documents, as soon as it is built, for corpora larger than
    memory (``data`` may be a generator of texts or an Arrow stream, such as
    a ``pyarrow.RecordBatchReader``). Each is an :class:`ArrowTable` by
    default (``output="pandas"`` or ``"polars"`` for frames); ``doc_id``
    counts across batches.

    >>> [len(t) for t in quotes_batches(['"Yes," Putin said.', "No.", '"No," Assad said.'], batch_size=2)]
    [1, 1]
    """
    source = _Source(data, text, id, output, "quotes_batches")
    yield from _stream(
        source, batch_size, _quote_builder(gazetteer, extractor, n_threads, casing, errors, source.layout)
    )


def mentions_batches(
    data: Any,
    text: str = "text",
    id: str | None = None,
    gazetteer: Gazetteer | None = None,
    *,
    n_threads: int | None = None,
    batch_size: int = BATCH_SIZE,
    casing: Casing = "auto",
    errors: Errors = "raise",
    output: Output = "arrow",
) -> Iterator[Any]:
    """:func:`mentions_frame`, streamed a batch of documents at a time (see
    :func:`quotes_batches`)."""
    source = _Source(data, text, id, output, "mentions_batches")
    yield from _stream(
        source, batch_size, _mention_builder(gazetteer, n_threads, casing, errors, source.layout)
    )


def empty_table(table: Table, errors: Errors = "raise") -> ArrowTable:
    """The empty quote or mention table (the schema of every table with
    ``doc_id`` as positions)."""
    if table == "quotes":
        return _default()._core._quote_table([], errors=errors)
    return Gazetteer([])._core._mention_table([], errors=errors)


def empty_frame(table: Table, errors: Errors = "raise", doc_id_dtype: Any = "int64") -> pd.DataFrame:
    """The empty pandas table of ``table`` (the ``meta`` of the Dask functions):
    the columns and dtypes of every pandas table, ``doc_id`` of ``doc_id_dtype``."""
    frame = _arrow.to_pandas(empty_table(table, errors))
    frame["doc_id"] = frame["doc_id"].astype(doc_id_dtype)
    return frame


#: A leading article of a speaker's name, lowercased (``the Kremlin``, ``an aide``).
_ARTICLE = r"^(?:the|an|a)\s+"


def speakers(quotes: pd.DataFrame) -> pd.DataFrame:
    """Who is quoted: one row per resolved speaker of a :func:`quotes_frame`
    table (``speaker_name``, ``speaker_id``), with the number of ``quotes``
    and of ``documents`` they are quoted in, most quoted first. Quotes
    without a resolved speaker are left out. A speaker without a dictionary
    id is counted by name, names that differ only in case or a leading
    article as one (``A congressional aide`` and ``a congressional aide``;
    the first one met is shown)."""
    pandas = _compat.require("pandas", "speakers()", "pandas")
    _check_columns(quotes, ("doc_id", "speaker_name", "speaker_id"), "speakers()")
    q = quotes[quotes["speaker_name"].notna()]
    folded = q["speaker_name"].astype("string").str.lower().str.replace(_ARTICLE, "", regex=True)
    key = q["speaker_id"].astype("string").fillna("name:" + folded)
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


# -- building ---------------------------------------------------------------


def _quote_builder(
    gazetteer: Gazetteer | None,
    extractor: QuoteExtractor | None,
    n_threads: int | None,
    casing: Casing,
    errors: Errors,
    layout: Output,
) -> _Build:
    core = (extractor if extractor is not None else _default())._core
    gaz = gazetteer._core if gazetteer is not None else None

    def build(batch: Any, offset: int) -> ArrowTable:
        return core._quote_table(
            batch, gaz, n_threads=n_threads, casing=casing, errors=errors, offset=offset, layout=layout
        )

    return build


def _mention_builder(
    gazetteer: Gazetteer | None, n_threads: int | None, casing: Casing, errors: Errors, layout: Output
) -> _Build:
    gaz = (gazetteer if gazetteer is not None else Gazetteer.default())._core

    def build(batch: Any, offset: int) -> ArrowTable:
        return gaz._mention_table(
            batch, n_threads=n_threads, casing=casing, errors=errors, offset=offset, layout=layout
        )

    return build


def _check_batch_size(batch_size: object) -> None:
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise ArgumentError(f"batch_size must be a positive int, not {batch_size!r}")


def _tables(source: _Source, batch_size: int, progress: bool | None, build: _Build) -> Iterator[ArrowTable]:
    """The table of each batch of the source's texts (``build(batch,
    offset)``, with ``offset`` the index of the batch's first text), with a
    progress bar whose total is the input's length, when it has one."""
    _check_batch_size(batch_size)
    bar = _progress.bar(progress, source.length, batch_size, "documents")
    offset = 0
    try:
        for batch in _arrow.batches(source.texts, batch_size):
            yield build(batch, offset)
            offset += len(batch)
            if bar is not None:
                bar.update(len(batch))
    finally:
        if bar is not None:
            bar.close()
    if offset == 0:  # no document: the empty table, with its schema
        yield build(source.texts.empty() if isinstance(source.texts, _ArrowTexts) else [], 0)


def _run(source: _Source, batch_size: int, progress: bool | None, build: _Build) -> list[ArrowTable]:
    return list(_tables(source, batch_size, progress, build))


def _stream(source: _Source, batch_size: int, build: _Build) -> Iterator[Any]:
    """Each batch's table, in the output's form, as it is built."""
    for table in _tables(source, batch_size, False, build):
        yield source.result([table])


# -- inputs ---------------------------------------------------------------


class _Source:
    """The texts of a table call (an Arrow source read in place, a pandas
    Series, or any iterable), their ids when pandas holds them (Arrow ids
    are read by the core), the input's length if known, and the output."""

    def __init__(self, data: Any, text: object, id: str | None, output: Output | None, caller: str) -> None:
        if not isinstance(text, str):
            if isinstance(text, Gazetteer):
                raise ArgumentError(
                    f"{caller}(data, text, id, gazetteer): the second argument is the name of the "
                    "text column, not a dictionary; pass the dictionary as gazetteer=..."
                )
            raise ArgumentError(
                f"text must be the name of the text column (a str), not {type(text).__name__}"
            )
        _arrow.check_output(output)
        self.pandas_ids: Any = None
        self.length = _progress.length(data)
        self.output: Output = output or ("polars" if _arrow.is_polars(data) else "pandas")
        self.texts = self._read(data, text, id)

    def _read(self, data: Any, text: str, id: str | None) -> Any:
        if isinstance(data, (str, bytes)):
            raise ArgumentError(
                "data must be a table or a sequence of texts, not a single str (wrap it in a list)"
            )
        if _compat.is_dataframe(data):
            _check_columns(data, (text,) + ((id,) if id is not None else ()), "the data")
            self._pandas_ids(data[id] if id is not None else data.index)
            column = data[text]
            return _arrow.arrow_texts(column) or column
        if _compat.is_series(data):
            _no_id(id, "a pandas Series (its index gives the ids)")
            self._pandas_ids(data.index)
            return _arrow.arrow_texts(data) or data
        if isinstance(data, dict):
            raise ArgumentError(
                "data must be a table or a sequence of texts, not a dict (use pandas.DataFrame(data))"
            )
        arrow = _arrow.arrow_texts(data, text, id)
        if arrow is not None:
            return arrow
        _no_id(id, "a sequence of texts (ids are positions)")
        if isinstance(data, Sequence):
            return data
        try:
            iter(data)
        except TypeError:
            raise ArgumentError(
                "data must be a DataFrame, Series, list, or Arrow data (a pyarrow or polars "
                f"table or column), not {type(data).__name__}"
            ) from None
        return data

    @property
    def layout(self) -> Output:
        """How the core lays the tables out (``tables::Layout``): for the
        consumer that reads them, so that it takes them without converting
        the text on the calling thread. A pandas input with its own ids is
        made a pandas frame first, whatever the output."""
        return "pandas" if self.pandas_ids is not None else self.output

    def _pandas_ids(self, ids: Any) -> None:
        pd = _compat.require("pandas", "pandas input", "pandas")
        default = isinstance(ids, pd.RangeIndex) and ids.start == 0 and ids.step == 1
        self.pandas_ids = None if default else ids

    def result(self, tables: list[ArrowTable]) -> Any:
        """The tables of the batches as one table, in the output's form, with
        pandas ids in place of the positions."""
        table = tables[0] if len(tables) == 1 else ArrowTable.concat(tables)
        if self.pandas_ids is None:
            return _arrow.convert(table, self.output)
        pd = _compat.require("pandas", "pandas input", "pandas")
        frame = _arrow.to_pandas(table)
        source = self.pandas_ids if isinstance(self.pandas_ids, pd.Series) else pd.Series(self.pandas_ids)
        frame["doc_id"] = source.take(frame["doc_id"].to_numpy()).reset_index(drop=True)
        if self.output == "pandas":
            return frame
        pa = _compat.require("pyarrow", "Arrow output of a pandas table", "pyarrow")
        arrow = pa.Table.from_pandas(frame, preserve_index=False)
        return _arrow.to_polars(arrow) if self.output == "polars" else arrow


def _no_id(id: str | None, what: str) -> None:
    if id is not None:
        raise ArgumentError(f"id={id!r} names a column, but the data is {what}")


def _check_columns(data: Any, wanted: Iterable[str], what: str) -> None:
    """Raises naming the first of ``wanted`` that is not a column of ``data``
    (a pandas DataFrame), and the columns it has."""
    columns = [str(c) for c in data.columns]
    for name in wanted:
        if name not in columns:
            shown = ", ".join(repr(c) for c in columns[:20]) + (", …" if len(columns) > 20 else "")
            raise ArgumentError(f"{what} has no column {name!r}; its columns are: {shown}")
