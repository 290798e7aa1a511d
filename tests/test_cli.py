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
