"""quotewise.dask on a real distributed.LocalCluster with two worker
processes: the tables equal the single-process ones."""

from __future__ import annotations

import pickle

import pytest

import quotewise

pd = pytest.importorskip("pandas")
dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
qd = pytest.importorskip("quotewise.dask")

TEXTS = [
    quotewise.sample_article(),
    '"We will not back down," Putin said. Assad told reporters that NATO was weak.',
    None,
    "Merkel said Germany would help Syria. “It is our duty,” she said.",
]


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def articles() -> pd.DataFrame:
    n = 120
    return pd.DataFrame(
        {"article_id": [f"n{i:04d}" for i in range(n)], "body": [TEXTS[i % 4] for i in range(n)]}
    )


GAZ = quotewise.Gazetteer(
    [
        {"id": "Q7747", "name": "Vladimir Putin", "kind": "PERSON"},
        {"id": "Q44329", "name": "Bashar al-Assad", "kind": "PERSON", "aliases": ["Assad"]},
        {"id": "Q567", "name": "Angela Merkel", "kind": "PERSON"},
        {"id": "Q7184", "name": "NATO", "kind": "ORG"},
    ]
)


def test_quotes_on_two_worker_processes_equal_one_process(client, articles: pd.DataFrame) -> None:  # type: ignore[no-untyped-def]
    ddf = dd.from_pandas(articles, npartitions=6)
    lazy = qd.quotes_frame(ddf, text="body", id="article_id", gazetteer=GAZ)
    # The meta is the real table's schema, so Dask knows the columns before running.
    local = quotewise.quotes_frame(ddf.compute(), text="body", id="article_id", gazetteer=GAZ)
    assert list(lazy.columns) == list(local.columns)
    assert lazy.dtypes.equals(local.dtypes)
    result = lazy.compute()
    workers = client.run(lambda: __import__("os").getpid())
    assert len(set(workers.values())) == 2
    pd.testing.assert_frame_equal(result.reset_index(drop=True), local)
    assert len(result) > 100 and result["speaker_id"].eq("Q7747").sum() >= 30


def test_mentions_and_skip_on_the_cluster(client, articles: pd.DataFrame) -> None:  # type: ignore[no-untyped-def]
    bad = articles.copy()
    bad["body"] = bad["body"].astype(object)
    bad.loc[5, "body"] = "lone \ud800 surrogate"
    bad.loc[9, "body"] = 404
    # Kept as Python objects: Dask would otherwise convert the column to
    # Arrow strings, which cannot hold the bad rows this test is about.
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_pandas(bad, npartitions=3)
    mentions = qd.mentions_frame(ddf, text="body", id="article_id", gazetteer=GAZ, errors="skip").compute()
    local = quotewise.mentions_frame(
        ddf.compute(), text="body", id="article_id", gazetteer=GAZ, errors="skip"
    )
    pd.testing.assert_frame_equal(mentions.reset_index(drop=True), local)
    failed = mentions[mentions["error"].notna()]
    assert list(failed["doc_id"]) == ["n0005", "n0009"]
    assert "document 5" in failed["error"].iloc[0]
    assert len(mentions) > 100


def test_cluster_objects_pickle() -> None:
    doc = quotewise.analyze(TEXTS[1], GAZ)
    for obj in (GAZ, quotewise.QuoteExtractor(thought_verbs=True), doc, doc.quotes[0], doc.mentions[0]):
        assert pickle.loads(pickle.dumps(obj)) == obj


def test_not_a_dask_frame_or_missing_column() -> None:
    with pytest.raises(quotewise.ArgumentError, match="dask DataFrame"):
        qd.quotes_frame(pd.DataFrame({"text": ["x"]}))
    ddf = dd.from_pandas(pd.DataFrame({"body": ["x"]}), npartitions=1)
    with pytest.raises(quotewise.ArgumentError, match="no column 'text'"):
        qd.quotes_frame(ddf)
