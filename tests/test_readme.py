"""The README's Quick start runs as written and prints what it says it prints."""

from __future__ import annotations

import contextlib
import io
import re

import pandas as pd

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
