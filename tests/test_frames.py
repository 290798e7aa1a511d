"""Quote and mention tables (quotewise.quotes_frame / mentions_frame) and the
speaker summaries, on real articles, from every input the issue names."""

from __future__ import annotations

import warnings

import pytest

import quotewise
from quotewise import frames

from .rows import quote_row

pd = pytest.importorskip("pandas")

ARTICLES = [
    quotewise.sample_article(),
    '"We will not back down," Putin said. Assad told reporters that NATO was weak.',
    None,
    "Merkel said Germany would help Syria and Turkey. “It is our duty,” she said.",
    "No one is quoted here; Brussels is quiet.",
]


@pytest.fixture(scope="module")
def gaz() -> quotewise.Gazetteer:
    return quotewise.Gazetteer(
        [
            {"id": "Q7747", "name": "Vladimir Putin", "kind": "PERSON"},
            {"id": "Q44329", "name": "Bashar al-Assad", "kind": "PERSON", "aliases": ["Assad"]},
            {"id": "Q567", "name": "Angela Merkel", "kind": "PERSON"},
            {"id": "Q7184", "name": "NATO", "kind": "ORG"},
            {"id": "Q183", "name": "Germany", "kind": "GPE"},
            {"id": "Q858", "name": "Syria", "kind": "GPE"},
            {"id": "Q43", "name": "Turkey", "kind": "GPE"},
        ]
    )


def expected_quote_rows(texts: list[str | None], gaz: quotewise.Gazetteer) -> list[tuple[object, ...]]:
    """The table built by hand from per-document quotewise.quotes calls."""
    rows = []
    for i, text in enumerate(texts):
        if text is None:
            continue
        for q in quotewise.quotes(text, gaz):
            rows.append((i, q.text, q.start, q.end, q.speaker_name, q.speaker_id, q.rule))
    return rows


def table_rows(table: pd.DataFrame) -> list[tuple[object, ...]]:
    cols = ["doc_id", "quote", "start", "end", "speaker_name", "speaker_id", "rule"]
    return [tuple(None if v is pd.NA else v for v in row) for row in table[cols].itertuples(index=False)]


def test_dataframe_rows_are_the_per_document_quotes(gaz: quotewise.Gazetteer) -> None:
    df = pd.DataFrame({"article": [f"a{i}" for i in range(len(ARTICLES))], "body": ARTICLES})
    table = quotewise.quotes_frame(df, text="body", id="article", gazetteer=gaz)
    expected = [(f"a{r[0]}", *r[1:]) for r in expected_quote_rows(ARTICLES, gaz)]
    assert table_rows(table) == expected
    assert len(table) > 10
    # Offsets index the caller's strings, and speakers link to the dictionary.
    texts = dict(zip(df["article"], df["body"], strict=True))
    for row in table.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.quote
    assert "Q7747" in set(table["speaker_id"].dropna())
    merkel = table[table["doc_id"] == "a3"]
    assert list(merkel["speaker_id"]) == ["Q567", "Q567"]
    assert sorted(merkel["about"].iloc[0]) == ["Q183", "Q43", "Q858"]


class BareStream:
    """An Arrow exporter with nothing but ``__arrow_c_stream__`` (what DuckDB
    results and other producers offer)."""

    def __init__(self, data: object) -> None:
        self._data = data

    def __arrow_c_stream__(self, requested_schema: object = None) -> object:
        return self._data.__arrow_c_stream__(requested_schema)  # type: ignore[attr-defined]


class BareArray:
    """An Arrow exporter with nothing but ``__arrow_c_array__``."""

    def __init__(self, data: object) -> None:
        self._data = data

    def __arrow_c_array__(self, requested_schema: object = None) -> object:
        return self._data.__arrow_c_array__(requested_schema)  # type: ignore[attr-defined]


def plain_rows(table: object) -> list[dict[str, object]]:
    """The rows of a pandas, polars or Arrow table as plain Python values."""
    pa = pytest.importorskip("pyarrow")
    if isinstance(table, pd.DataFrame):
        rows = table.astype(object).where(table.notna(), None).to_dict("records")
    elif hasattr(table, "to_dicts"):  # polars
        rows = table.to_dicts()  # type: ignore[attr-defined]
    else:
        rows = pa.table(table).to_pylist()
    return [{k: list(v) if k == "about" else v for k, v in r.items()} for r in rows]


def test_every_input_form_gives_the_same_rows_in_every_output(gaz: quotewise.Gazetteer) -> None:
    pa = pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    expected = [
        {"doc_id": i, **{k: v for k, v in r.items() if k != "doc_id"}}
        for i, text in enumerate(ARTICLES)
        if text is not None
        for r in [quote_row(q) for q in quotewise.quotes(text, gaz)]
        for r in [{"doc_id": i, **r}]
    ]
    assert len(expected) > 10
    chunked = pa.chunked_array([ARTICLES[:2], ARTICLES[2:]], type=pa.large_string())
    table = pa.table({"text": ARTICLES})
    forms = {
        "list": ARTICLES,
        "tuple": tuple(ARTICLES),
        "generator": lambda: (t for t in ARTICLES),
        "pandas series (object)": pd.Series(ARTICLES, dtype=object),
        "pandas series (Arrow str)": pd.Series(ARTICLES, dtype="string[pyarrow]"),
        "pandas frame": pd.DataFrame({"text": ARTICLES}),
        "arrow array": pa.array(ARTICLES),
        "arrow chunked large_string": chunked,
        "arrow table": table,
        "arrow record batch reader": lambda: pa.RecordBatchReader.from_batches(
            table.schema, table.to_batches(max_chunksize=2)
        ),
        "polars series": pl.Series(ARTICLES),
        "polars frame": pl.DataFrame({"text": ARTICLES}),
        "bare __arrow_c_stream__ table": BareStream(table),
        "bare __arrow_c_stream__ column": BareStream(chunked),
        "bare __arrow_c_array__": BareArray(pa.array(ARTICLES)),
    }
    for name, data in forms.items():
        for output in ("pandas", "polars", "arrow"):
            given = data() if callable(data) else data
            result = quotewise.quotes_frame(given, gazetteer=gaz, output=output, batch_size=3)
            assert plain_rows(result) == expected, (name, output)
    # The default output follows the input: polars in, polars out; else pandas.
    assert isinstance(quotewise.quotes_frame(pl.Series(ARTICLES)), pl.DataFrame)
    assert isinstance(quotewise.quotes_frame(table), pd.DataFrame)
    assert isinstance(quotewise.quotes_frame(ARTICLES, output="arrow"), quotewise.ArrowTable)


def test_arrow_output_needs_no_pyarrow_or_pandas() -> None:
    code = (
        "import sys\n"
        "sys.modules['pyarrow'] = None; sys.modules['pandas'] = None\n"
        "import quotewise\n"
        "t = quotewise.quotes_frame(['\"Yes,\" Putin said.', None], output='arrow')\n"
        "m = quotewise.mentions_frame(['NATO met in Brussels.'], output='arrow')\n"
        "print(len(t), t.column_names[:3], len(m), m.to_pydict()['entity_id'])\n"
        "print(type(t.__arrow_c_stream__()).__name__)\n"
    )
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [
        "1 ['doc_id', 'quote', 'start'] 2 ['org:nato', 'city:2800866']",
        "PyCapsule",
    ]


def test_batches_stream_the_same_table(gaz: quotewise.Gazetteer) -> None:
    pa = pytest.importorskip("pyarrow")
    whole = pa.table(quotewise.quotes_frame(ARTICLES, gazetteer=gaz, output="arrow"))
    parts = list(quotewise.quotes_batches(iter(ARTICLES), gazetteer=gaz, batch_size=2))
    assert len(parts) == 3 and all(isinstance(p, quotewise.ArrowTable) for p in parts)
    assert pa.concat_tables([pa.table(p) for p in parts]).to_pylist() == whole.to_pylist()
    frames = list(quotewise.mentions_batches(ARTICLES, gazetteer=gaz, batch_size=2, output="pandas"))
    joined = pd.concat(frames, ignore_index=True)
    pd.testing.assert_frame_equal(joined, quotewise.mentions_frame(ARTICLES, gazetteer=gaz))


def test_arrow_schema_types(gaz: quotewise.Gazetteer) -> None:
    pa = pytest.importorskip("pyarrow")
    quotes = pa.table(quotewise.quotes_frame(ARTICLES, gazetteer=gaz, output="arrow")).schema
    assert quotes.field("start").type == pa.int64() and not quotes.field("start").nullable
    assert quotes.field("speaker_start").type == pa.int64() and quotes.field("speaker_start").nullable
    assert pa.types.is_dictionary(quotes.field("kind").type) and pa.types.is_dictionary(
        quotes.field("rule").type
    )
    assert quotes.field("about").type == pa.list_(pa.string())
    skip = pa.table(quotewise.quotes_frame([7], errors="skip", output="arrow"))
    assert skip.schema.field("start").nullable and skip.column_names[-1] == "error"
    assert skip.to_pylist()[0]["error"].startswith("document 0: expected str")


def test_each_layout_holds_the_same_table(gaz: quotewise.Gazetteer) -> None:
    """The core lays a table's text out for its reader (large_string for pandas,
    string_view for polars); the columns and values are the Arrow table's."""
    pa = pytest.importorskip("pyarrow")
    texts = [*ARTICLES, 7]
    tables = {
        layout: (
            pa.table(gaz._core._mention_table(texts, errors="skip", layout=layout)),
            pa.table(
                quotewise.QuoteExtractor()._core._quote_table(texts, gaz._core, errors="skip", layout=layout)
            ),
        )
        for layout in ("arrow", "pandas", "polars")
    }
    assert tables["pandas"][1].schema.field("quote").type == pa.large_string()
    assert tables["pandas"][1].schema.field("rule").type == pa.large_string()
    assert tables["polars"][0].schema.field("name").type == pa.string_view()
    assert pa.types.is_dictionary(tables["polars"][1].schema.field("kind").type)
    for layout, (mentions, quotes) in tables.items():
        for table, arrow in ((mentions, tables["arrow"][0]), (quotes, tables["arrow"][1])):
            assert table.column_names == arrow.column_names, layout
            assert [field.nullable for field in table.schema] == [field.nullable for field in arrow.schema]
            assert table.num_rows == arrow.num_rows > 0
            assert table.to_pylist() == arrow.to_pylist(), layout
    with pytest.raises(quotewise.errors.ArgumentError, match="layout must be"):
        gaz._core._mention_table(texts, layout="numpy")


def test_an_empty_arrow_table_keeps_its_ids_type() -> None:
    pa = pytest.importorskip("pyarrow")
    empty = pa.table({"k": pa.array([], pa.string()), "text": pa.array([], pa.string())})
    for function in (quotewise.quotes_frame, quotewise.mentions_frame):
        table = pa.table(function(empty, id="k", output="arrow"))  # type: ignore[operator]
        assert table.num_rows == 0 and table.schema.field("doc_id").type == pa.string()


def test_missing_text_gives_no_rows_and_empty_tables_keep_their_dtypes() -> None:
    full = quotewise.quotes_frame(['"Yes," Putin said.'])
    empty = quotewise.quotes_frame([None, float("nan"), "Nothing said."])
    assert len(full) == 1 and len(empty) == 0
    assert list(empty.columns) == list(full.columns)
    assert empty.dtypes.equals(full.dtypes)
    m_full = quotewise.mentions_frame(["NATO"])
    m_empty = quotewise.mentions_frame([None, "nothing"])
    assert len(m_full) == 1 and len(m_empty) == 0
    assert m_empty.dtypes.equals(m_full.dtypes)


def test_mentions_frame_matches_find(gaz: quotewise.Gazetteer) -> None:
    table = quotewise.mentions_frame(pd.Series(ARTICLES, index=list("vwxyz")), gazetteer=gaz)
    expected = [
        (doc_id, m.text, m.start, m.end, m.entity_id)
        for doc_id, text in zip("vwxyz", ARTICLES, strict=True)
        if text is not None
        for m in gaz.find(text)
    ]
    got = list(table[["doc_id", "text", "start", "end", "entity_id"]].itertuples(index=False, name=None))
    assert got == expected
    assert len(got) > 5


def test_default_dictionary_for_mentions() -> None:
    table = quotewise.mentions_frame(["U.S. officials met NATO envoys in Brussels."])
    assert list(table["entity_id"]) == ["country:US", "org:nato", "city:2800866"]


@pytest.mark.parametrize("function", [quotewise.quotes_frame, quotewise.mentions_frame])
def test_skip_reports_each_bad_document_and_keeps_the_rest(
    function: object, gaz: quotewise.Gazetteer
) -> None:
    good = ['"We will not back down," Putin said in Syria.', "Merkel said NATO would help Germany."]
    data = [good[0], 7, "bad \ud800 text", None, good[1]]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = function(data, gazetteer=gaz, errors="skip", batch_size=2)  # type: ignore[operator]
    assert any(issubclass(w.category, quotewise.SkippedDocumentsWarning) for w in caught)
    errors = table[table["error"].notna()]
    assert list(errors["doc_id"]) == [1, 2]
    assert "document 1" in errors["error"].iloc[0] and "int" in errors["error"].iloc[0]
    assert "document 2" in errors["error"].iloc[1]
    clean = function([good[0], None, None, None, good[1]], gazetteer=gaz)  # type: ignore[operator]
    kept = table[table["error"].isna()].drop(columns="error").reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, clean)
    assert len(clean) >= 2


@pytest.mark.parametrize("function", [quotewise.quotes_frame, quotewise.mentions_frame])
def test_raise_names_the_index_in_the_whole_input(function: object) -> None:
    data = ["Putin said it was fine."] * 5 + [b"bytes"] + ["ok"]
    with pytest.raises(quotewise.DocumentTypeError, match="document 5"):
        function(data, batch_size=2)  # type: ignore[operator]


def test_bad_arguments_name_what_is_wrong() -> None:
    df = pd.DataFrame({"body": ["x"], "key": [1]})
    with pytest.raises(quotewise.ArgumentError, match=r"no column 'text'.*'body', 'key'"):
        quotewise.quotes_frame(df)
    with pytest.raises(quotewise.ArgumentError, match="no column 'id'"):
        quotewise.quotes_frame(df, text="body", id="id")
    with pytest.raises(quotewise.ArgumentError, match="single str"):
        quotewise.quotes_frame("Putin said so.")
    with pytest.raises(quotewise.ArgumentError, match="Series"):
        quotewise.quotes_frame(pd.Series(["x"]), id="key")


def test_speaker_summary_and_edges(gaz: quotewise.Gazetteer) -> None:
    corpus = [
        '"We will win," Putin said. He said Syria would be rebuilt.',
        "Putin said NATO was a threat. Merkel said Germany and NATO would stand firm.",
        "Assad said Syria would not yield. He told reporters that Turkey was to blame.",
    ]
    table = quotewise.quotes_frame(corpus, gazetteer=gaz)
    summary = quotewise.speakers(table)
    assert list(summary.columns) == ["speaker_name", "speaker_id", "quotes", "documents"]
    top = summary.iloc[0]
    assert (top["speaker_name"], top["speaker_id"], top["quotes"], top["documents"]) == (
        "Vladimir Putin",
        "Q7747",
        3,
        2,
    )
    counts = dict(zip(summary["speaker_id"], summary["quotes"], strict=True))
    assert counts == {"Q7747": 3, "Q44329": 2, "Q567": 1}
    edges = quotewise.speaker_edges(table, gaz)
    pairs = {(r.speaker_id, r.about): (r.about_name, r.quotes) for r in edges.itertuples()}
    assert pairs[("Q7747", "Q858")] == ("Syria", 1)
    assert pairs[("Q7747", "Q7184")] == ("NATO", 1)
    assert pairs[("Q44329", "Q858")] == ("Syria", 1)
    assert pairs[("Q44329", "Q43")] == ("Turkey", 1)
    assert pairs[("Q567", "Q183")] == ("Germany", 1)
    # Nobody is counted as talking about themselves.
    assert not any(edges["speaker_id"] == edges["about"])


def test_summaries_of_an_empty_table() -> None:
    table = quotewise.quotes_frame(["Nothing is quoted."])
    assert len(quotewise.speakers(table)) == 0
    edges = quotewise.speaker_edges(table)
    assert len(edges) == 0 and list(edges.columns) == [
        "speaker_name",
        "speaker_id",
        "about",
        "quotes",
        "documents",
    ]


def test_plot_speakers_draws_one_bar_per_speaker(gaz: quotewise.Gazetteer) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    table = quotewise.quotes_frame(ARTICLES, gazetteer=gaz)
    ax = quotewise.plot_speakers(table, top=3)
    summary = quotewise.speakers(table).head(3)
    assert [t.get_text() for t in ax.get_yticklabels()] == list(summary["speaker_name"])[::-1]
    assert [p.get_width() for p in ax.patches] == list(summary["quotes"])[::-1]


def test_frames_module_works_on_stripped_seeds(seed_texts: list[str]) -> None:
    table = quotewise.quotes_frame(seed_texts)
    assert (~table["marked"]).sum() > 0
    for row in table.itertuples():
        assert seed_texts[row.doc_id][row.start : row.end] == row.quote


def test_empty_frame_is_the_meta() -> None:
    meta = frames.empty_frame("quotes", "raise", "string")
    table = quotewise.quotes_frame(pd.Series(['"Yes," Putin said.'], index=pd.Index(["x"], dtype="string")))
    assert meta.dtypes.equals(table.dtypes)


NON_ASCII = [
    "«Nous ne céderons pas», a déclaré Macron. “Ça suffit 🙂,” Putin said.",
    None,
    "İstanbul’s mayor said the city would stay calm. “Straße frei,” Merkel said.",
    "",
]


def test_arrow_buffers_read_in_place_give_python_offsets(gaz: quotewise.Gazetteer) -> None:
    pa = pytest.importorskip("pyarrow")
    reference = quotewise.quotes_frame(NON_ASCII, gazetteer=gaz)
    assert len(reference) >= 3
    whole = pa.array(["padding, not read", *NON_ASCII], type=pa.large_string())
    for data in (whole.slice(1), pa.array(NON_ASCII), pa.chunked_array([NON_ASCII[:2], NON_ASCII[2:]])):
        for batch_size in (1, 2, 2048):
            table = quotewise.quotes_frame(data, gazetteer=gaz, batch_size=batch_size)
            pd.testing.assert_frame_equal(table, reference)
    for row in reference.itertuples():
        assert NON_ASCII[row.doc_id][row.start : row.end] == row.quote
    mentions = quotewise.mentions_frame(whole.slice(1), gazetteer=gaz, batch_size=3)
    pd.testing.assert_frame_equal(mentions, quotewise.mentions_frame(NON_ASCII, gazetteer=gaz))


def test_arrow_string_views_and_all_null_columns() -> None:
    pa = pytest.importorskip("pyarrow")
    if not hasattr(pa, "string_view"):
        pytest.skip("this pyarrow has no string_view type")
    views = pa.array(['"Yes," Putin said.', None], type=pa.string_view())
    assert list(quotewise.quotes_frame(views)["quote"]) == ["Yes"]
    assert len(quotewise.quotes_frame(pa.array([None, None]))) == 0


def test_malformed_arrow_arrays_fail_their_documents_not_the_process() -> None:
    pa = pytest.importorskip("pyarrow")

    def strings(offsets: list[int], data: bytes, kind: object = None) -> object:
        # Built without pyarrow's validation, handed over as a bare C array.
        width = pa.int64() if kind == pa.large_string() else pa.int32()
        buffers = [None, pa.array(offsets, type=width).buffers()[1], pa.py_buffer(data)]
        return BareArray(pa.Array.from_buffers(kind or pa.string(), len(offsets) - 1, buffers))

    text = b'"Yes," Putin said.\xff\xfe"No," Assad said.'
    bad_utf8 = strings([0, 18, 20, 37], text)
    with pytest.raises(quotewise.InvalidTextError, match="document 1: the Arrow string is not UTF-8"):
        quotewise.quotes_frame(bad_utf8)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", quotewise.SkippedDocumentsWarning)
        table = quotewise.quotes_frame(bad_utf8, errors="skip")
    assert list(table["quote"].fillna("-")) == ["Yes", "-", "No"]
    assert table["error"].notna().tolist() == [False, True, False]
    # Offsets that go backwards, or negative ones: the documents they touch
    # fail, never the process or the other documents.
    text = b'"Yes," Putin said."No," Assad said.'
    for offsets, failed in (([0, 18, 10, 35], [1]), ([0, 18, -4, 35], [1, 2]), ([0, 40, 18, 35], [0, 1])):
        for kind in (pa.string(), pa.large_string()):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", quotewise.SkippedDocumentsWarning)
                table = quotewise.mentions_frame(strings(offsets, text, kind), errors="skip", output="arrow")
            rows = pa.table(table).to_pylist()
            assert sorted(r["doc_id"] for r in rows if r["error"]) == failed
            assert all("out of bounds" in r["error"] for r in rows if r["error"])
            with pytest.raises(
                quotewise.InvalidTextError, match=f"document {failed[0]}: the Arrow array's offsets"
            ):
                quotewise.mentions_frame(strings(offsets, text, kind))
    # A string view pointing into a buffer that is not there.
    if hasattr(pa, "string_view"):
        good = pa.array(["Putin met Assad in Damascus today.", None], type=pa.string_view())
        views = bytearray(good.buffers()[1].to_pybytes())
        views[8:12] = (7).to_bytes(4, "little")  # buffer index 7 of 1
        broken = pa.Array.from_buffers(
            pa.string_view(), 2, [good.buffers()[0], pa.py_buffer(bytes(views)), good.buffers()[2]]
        )
        with pytest.raises(quotewise.InvalidTextError, match="document 0: the Arrow array's offsets"):
            quotewise.mentions_frame(BareArray(broken))


def test_progress_bar_has_the_inputs_length_as_its_total(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tqdm")
    pa = pytest.importorskip("pyarrow")
    texts = ['"Yes," Putin said.'] * 5
    for data in (texts, pd.DataFrame({"text": texts}), pa.table({"text": texts})):
        quotewise.quotes_frame(data, progress=True, batch_size=2)
        bar = capsys.readouterr().err.strip().splitlines()[-1].split("\r")[-1]
        assert "5/5 [" in bar and "100%" in bar, bar
    quotewise.mentions_frame((t for t in texts), progress=True, batch_size=2)  # no length: a count
    bar = capsys.readouterr().err.strip().split("\r")[-1]
    assert bar.startswith("5document ["), bar


def test_a_dictionary_in_the_place_of_the_text_column_is_named(gaz: quotewise.Gazetteer) -> None:
    df = pd.DataFrame({"text": ['"Yes," Putin said.']})
    with pytest.raises(quotewise.ArgumentError, match="second argument is the name of the text column"):
        quotewise.quotes_frame(df, gaz)  # type: ignore[arg-type]
    with pytest.raises(quotewise.ArgumentError, match="gazetteer="):
        quotewise.mentions_frame(df, gaz)  # type: ignore[arg-type]
    with pytest.raises(quotewise.ArgumentError, match="output must be"):
        quotewise.quotes_frame(df, output="excel")  # type: ignore[arg-type]


def test_speakers_counts_names_that_differ_in_case_or_article_as_one() -> None:
    corpus = [
        "A congressional aide said the vote would be close.",
        "a congressional aide said the bill was dead.",
        "The congressional aide said nothing more. The Kremlin said it would wait.",
        "Another aide said no.",
    ]
    table = quotewise.quotes_frame(corpus)
    names = set(table["speaker_name"].dropna())
    assert {"A congressional aide", "a congressional aide"} <= names  # the table keeps them as written
    summary = quotewise.speakers(table)
    aide = summary[summary["speaker_name"].str.lower().str.endswith("congressional aide")]
    assert len(aide) == 1
    assert (aide["speaker_name"].iloc[0], aide["quotes"].iloc[0], aide["documents"].iloc[0]) == (
        "A congressional aide",
        3,
        3,
    )
    assert summary["quotes"].sum() == table["speaker_name"].notna().sum()
