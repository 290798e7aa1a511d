"""The README's Quick start runs as written and prints what it says it prints."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pandas as pd
import pytest

from .conftest import ROOT


def quick_start() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "the Quick start has a python block"
    return match.group(1)


def test_quick_start_runs_and_prints_what_it_shows() -> None:
    code = quick_start()
    expected = [line[2:] for line in code.splitlines() if re.match(r"# \d+ \d+ ", line)]
    assert expected, "the Quick start shows its output"
    df = pd.DataFrame({"text": ["Putin met Assad.", None, "The Kremlin said nothing."]})
    out = io.StringIO()
    namespace: dict[str, object] = {"df": df}
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), namespace)
    assert out.getvalue().splitlines() == expected
    assert [len(m) for m in df["mentions"]] == [2, 0, 1]


def section_blocks(title: str) -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"## {title}", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_quotes_section_runs_and_prints_what_it_shows() -> None:
    example, options = section_blocks("Quotes: who said what")
    # Output comments follow the print that makes them; the comments on
    # code lines are explanations.
    expected = [
        line[2:]
        for line in example.splitlines()
        if line.startswith("# ") and ("|" in line or "quote-cue" in line)
    ]
    assert expected, "the quotes example shows its output"
    out = io.StringIO()
    namespace: dict[str, object] = {}
    with contextlib.redirect_stdout(out):
        exec(compile(example, "README.md", "exec"), namespace)
    assert out.getvalue().splitlines() == expected
    namespace["df"] = pd.DataFrame({"text": ["“We won,” Putin said.", None]})
    exec(compile(options, "README.md", "exec"), namespace)
    got = namespace["df"]["quotes"].tolist()  # type: ignore[index]
    assert [len(qs) for qs in got] == [1, 0]


WALK = "From install to a quote table"


def walk_namespace() -> dict[str, object]:
    """Runs the walk's first block, checking that it prints what it shows."""
    block = section_blocks(WALK)[0]
    expected = [line[2:] for line in block.splitlines() if line.startswith("# ") and "  " in line]
    assert len(expected) == 4, "the walk shows its quote table"
    out = io.StringIO()
    namespace: dict[str, object] = {}
    with contextlib.redirect_stdout(out):
        exec(compile(block, "README.md", "exec"), namespace)
    assert out.getvalue().splitlines() == expected
    return namespace


def test_walk_builds_the_quote_table_it_shows() -> None:
    namespace = walk_namespace()
    doc = namespace["doc"]
    assert "quotewise-document" in doc._repr_html_()  # type: ignore[attr-defined]
    assert len(doc.quotes) == 2  # type: ignore[attr-defined]


def test_walk_on_a_dask_cluster_gives_the_same_table() -> None:
    pytest.importorskip("distributed")
    namespace = walk_namespace()
    local = namespace["table"]
    block = section_blocks(WALK)[1]
    assert 'if __name__ == "__main__":' in block
    namespace["__name__"] = "__main__"
    try:
        exec(compile(block, "README.md", "exec"), namespace)
        assert len(namespace["client"].scheduler_info()["workers"]) == 2  # type: ignore[attr-defined]
    finally:
        client = namespace.get("client")
        if client is not None:
            client.cluster.close()  # type: ignore[attr-defined]
            client.close()  # type: ignore[attr-defined]
    # "The same rows and columns"; the dtypes too, but for the text id column's,
    # which Dask converts (as the README says).
    computed = namespace["computed"]
    differ = [c for c in local.columns if computed[c].dtype != local[c].dtype]  # type: ignore[attr-defined,index]
    assert differ == ["doc_id"] and computed["doc_id"].dtype == "string"  # type: ignore[index]
    pd.testing.assert_frame_equal(computed, local.astype({"doc_id": "string"}))  # type: ignore[arg-type,attr-defined]
    assert len(local) == 3  # type: ignore[arg-type]


def test_walk_command_lines_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json
    import shlex

    from quotewise.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"## {WALK}", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```bash\n(.*?)```", section, re.S)[0].splitlines()
    assert len(commands) == 3
    work = tmp_path
    texts = ['"We will not back down," Putin said.', "Scholz said Germany would stand by Ukraine."]
    (work / "articles.jsonl").write_text(
        "".join(json.dumps({"id": f"a{i}", "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8"
    )
    (work / "people.csv").write_text(
        "id,name,kind\nQ7747,Vladimir Putin,PERSON\nQ61053,Olaf Scholz,PERSON\n", encoding="utf-8"
    )
    pd.DataFrame({"body": texts}).to_parquet(work / "articles.parquet")
    pd.DataFrame({"text": texts}).to_csv(work / "news.csv", index=False)
    monkeypatch.chdir(work)
    for command in commands:
        argv = shlex.split(command, comments=True)
        assert argv[0] == "quotewise"
        assert main(argv[1:]) == 0
    quotes = pd.read_csv("quotes.csv")
    mentions = pd.read_parquet("mentions.parquet")
    assert list(quotes["speaker_id"]) == ["Q7747", "Q61053"]
    assert list(quotes["doc_id"]) == ["a0", "a1"]
    assert set(mentions["entity_id"]) >= {"country:DE", "country:UA"}
    # (No dictionary given: the speakers are named, with no id.)
    news_quotes = pd.read_csv("news_quotes.csv")
    assert list(news_quotes["speaker_name"]) == ["Putin", "Scholz"]
    assert list(news_quotes["doc_id"]) == [0, 1]
