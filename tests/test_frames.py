"""Quote and mention tables (quotewise.quotes_frame / mentions_frame) and the
speaker summaries, on real articles, from every input the issue names."""

from __future__ import annotations

import warnings

import pytest

import quotewise
from quotewise import frames

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


def test_every_input_form_gives_the_same_table(gaz: quotewise.Gazetteer) -> None:
    pa = pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    reference = quotewise.quotes_frame(ARTICLES, gazetteer=gaz)
    chunked = pa.chunked_array([ARTICLES[:2], ARTICLES[2:]], type=pa.large_string())
    forms = {
        "series": pd.Series(ARTICLES),
        "tuple": tuple(ARTICLES),
        "generator": (t for t in ARTICLES),
        "arrow array": pa.array(ARTICLES),
        "arrow chunked": chunked,
        "arrow table": pa.table({"text": ARTICLES}),
        "polars series": pl.Series(ARTICLES),
        "polars frame": pl.DataFrame({"text": ARTICLES}),
    }
    for name, data in forms.items():
        table = quotewise.quotes_frame(data, gazetteer=gaz)
        pd.testing.assert_frame_equal(table, reference, obj=name)


def test_ids_from_arrow_and_polars_columns(gaz: quotewise.Gazetteer) -> None:
    pa = pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    ids = [10, 20, 30, 40, 50]
    for data in (pa.table({"k": ids, "text": ARTICLES}), pl.DataFrame({"k": ids, "text": ARTICLES})):
        table = quotewise.quotes_frame(data, id="k", gazetteer=gaz)
        assert set(table["doc_id"]) == {10, 20, 40}
        assert table["doc_id"].dtype == "int64"


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
    meta = frames.empty_frame(quotewise._rows.QUOTE_COLUMNS, quotewise._rows.QUOTE_DTYPES, "string")
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
    from quotewise._quotewise import _ArrowStrings

    # Invalid UTF-8 in document 1, built without pyarrow's validation.
    data = pa.py_buffer(b'"Yes," Putin said.\xff\xfe"No," Assad said.')
    offsets = pa.py_buffer(pa.array([0, 18, 20, 37], type=pa.int32()).buffers()[1])
    array = pa.Array.from_buffers(pa.string(), 3, [None, offsets, data])
    with pytest.raises(quotewise.InvalidTextError, match="document 1: the Arrow string is not UTF-8"):
        quotewise.quotes_frame(array)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", quotewise.SkippedDocumentsWarning)
        table = quotewise.quotes_frame(array, errors="skip")
    assert list(table["quote"].fillna("-")) == ["Yes", "-", "No"]
    assert table["error"].notna().tolist() == [False, True, False]
    # Offsets past the data, or too few of them: errors, never a crash.
    bad = memoryview(pa.array([0, 5, 999], type=pa.int32()).buffers()[1]).cast("B")
    strings = _ArrowStrings(memoryview(b"hello").cast("B"), bad, None, 0, 2, False)
    gaz = quotewise.Gazetteer.default()
    with pytest.raises(
        quotewise.InvalidTextError, match="document 1: the Arrow array's offsets are out of bounds"
    ):
        gaz._core._find_batch(strings)
    assert gaz._core._find_batch(strings, errors="skip")[0] == []
    with pytest.raises(quotewise.ArgumentError, match="offsets buffer"):
        _ArrowStrings(memoryview(b"hello").cast("B"), bad, None, 1, 5, False)


def test_core_mention_rows_follow_the_python_schema(gaz: quotewise.Gazetteer) -> None:
    # The core builds mention rows itself (PyMention::row); they must keep the
    # column order of _rows.mention_values, which the command line uses.
    text = "Putin met Assad. NATO and Syria, Turkey."
    rows = gaz._core._find_batch([text], rows=True)[0]
    assert rows == [quotewise._rows.mention_values(m) for m in gaz.find(text)]
    assert len(rows) >= 4
