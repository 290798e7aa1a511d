"""The command line's main job on built-in defaults."""

from __future__ import annotations

import subprocess
import sys

import quotewise
from quotewise.cli import main


def test_demo_prints_the_mentions_table(capsys: object) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("start"))
    assert lines[header].split() == ["start", "end", "text", "kind", "entity_id", "name"]
    text = quotewise.sample_article()
    body = lines[header + 2 :]
    rows = [line.split() for line in body[: body.index("")]]
    assert len(rows) >= 20
    for row in rows:
        start, end = int(row[0]), int(row[1])
        assert text[start:end].startswith(row[2])
    assert any(row[4] == "country:US" for row in rows)


def test_module_entry_point() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "quotewise", "demo"], capture_output=True, text=True, check=True
    )
    assert "mentions of" in done.stdout


def test_demo_prints_who_said_what(capsys: object) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("speaker"))
    assert lines[header].split() == ["speaker", "speaker_id", "kind", "cue", "rule", "quote"]
    body = lines[header + 2 :]
    rows = body[: body.index("")]
    # The demo's table is the library's answer on the sample article.
    found = quotewise.quotes(quotewise.sample_article(), quotewise.Gazetteer.default())
    assert len(rows) == len(found) >= 8
    for row, q in zip(rows, found, strict=True):
        assert row.startswith(q.speaker_name or " ")
        assert q.kind in row.split()
    kinds = {q.kind for q in found}
    assert kinds == {"direct", "indirect", "mixed"}
    assert any(q.speaker_id == "org:imf" for q in found)
    assert body[len(rows) + 1].startswith(f"{len(found)} quotes by ")
