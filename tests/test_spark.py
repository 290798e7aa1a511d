"""quotewise.spark in Spark local mode, part of the default run (marker
``spark``; ``-m 'not spark'`` leaves it out). It needs pyspark (in the ``dev``
extra) and Java 17+, and starts a JVM. Outside CI a missing Java skips these
tests with the reason; in CI (``CI`` set) it fails them, so the Spark path is
never silently left unchecked."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

import quotewise

pytestmark = pytest.mark.spark

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")
pytest.importorskip("pyspark", reason="pyspark is not installed (pip install pyspark)")
if shutil.which("java") is None:
    if os.environ.get("CI"):
        raise RuntimeError("the Spark tests need Java 17+ on PATH, and CI has no `java`")
    pytest.skip("Spark needs Java, and no `java` is on PATH", allow_module_level=True)

import quotewise.spark as qs  # noqa: E402

TEXTS = [
    quotewise.sample_article(),
    '"We will not back down," Putin said. Assad told reporters that NATO was weak.',
    None,
    "Merkel said Germany would help Syria. “It is our duty,” she said.",
]
GAZ = quotewise.Gazetteer(
    [
        {"id": "Q7747", "name": "Vladimir Putin", "kind": "PERSON"},
        {"id": "Q44329", "name": "Bashar al-Assad", "kind": "PERSON", "aliases": ["Assad"]},
        {"id": "Q567", "name": "Angela Merkel", "kind": "PERSON"},
        {"id": "Q7184", "name": "NATO", "kind": "ORG"},
    ]
)


@pytest.fixture(scope="module")
def spark():  # type: ignore[no-untyped-def]
    from pyspark.sql import SparkSession

    # Spark starts its Python workers with `python3` from PATH unless told
    # otherwise: without an activated venv that is another interpreter, one
    # without quotewise. The running interpreter is the one under test.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("quotewise-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def articles() -> pd.DataFrame:
    n = 60
    return pd.DataFrame(
        {"article_id": [f"n{i:03d}" for i in range(n)], "body": [TEXTS[i % 4] for i in range(n)]}
    )


def _plain(frame: pd.DataFrame) -> list[tuple[object, ...]]:
    """Rows as tuples, missing values as None (Spark gives None, pandas NA)."""
    return [tuple(None if pd.isna(v) else v for v in row) for row in frame.itertuples(index=False)]


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["doc_id", "start"]).reset_index(drop=True)


def test_quotes_in_spark_equal_the_pandas_table(spark, articles: pd.DataFrame) -> None:  # type: ignore[no-untyped-def]
    sdf = spark.createDataFrame(articles).repartition(3)
    result = qs.quotes_frame(sdf, text="body", id="article_id", gazetteer=GAZ).toPandas()
    local = quotewise.quotes_frame(articles, text="body", id="article_id", gazetteer=GAZ)
    got, want = _sorted(result), _sorted(local)
    columns = ["doc_id", "quote", "start", "end", "kind", "speaker_name", "speaker_id", "cue", "rule"]
    assert _plain(got[columns]) == _plain(want[columns])
    assert [list(a) for a in got["about"]] == [list(a) for a in want["about"]]
    assert len(got) > 50


def test_mentions_without_id_and_skip(spark, articles: pd.DataFrame) -> None:  # type: ignore[no-untyped-def]
    sdf = spark.createDataFrame(articles[["body"]])
    mentions = qs.mentions_frame(sdf, text="body", gazetteer=GAZ, errors="skip").toPandas()
    local = quotewise.mentions_frame(articles["body"], gazetteer=GAZ)
    assert len(mentions) == len(local) > 30
    assert mentions["error"].isna().all()
    assert sorted(mentions["entity_id"]) == sorted(local["entity_id"])
    # Row ids stand in for the missing id column: one per document with mentions.
    assert mentions["doc_id"].nunique() == local["doc_id"].nunique()


def test_missing_column(spark) -> None:  # type: ignore[no-untyped-def]
    sdf = spark.createDataFrame(pd.DataFrame({"body": ["x"]}))
    with pytest.raises(quotewise.ArgumentError, match="no column 'text'"):
        qs.quotes_frame(sdf)


def test_readme_spark_example(spark, capsys) -> None:  # type: ignore[no-untyped-def]
    from .test_readme import WALK, section_blocks, walk_namespace

    namespace = walk_namespace()
    namespace["spark_df"] = spark.createDataFrame(namespace["articles"])  # type: ignore[attr-defined]
    capsys.readouterr()
    exec(compile(section_blocks(WALK)[2], "README.md", "exec"), namespace)
    shown = capsys.readouterr().out
    assert "|Vladimir Putin|    2|" in shown and "|   Olaf Scholz|    1|" in shown
