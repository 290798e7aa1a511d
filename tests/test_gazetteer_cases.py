"""The table-driven matching cases of tests/cases/gazetteer.toml (also run by cargo test)."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

import quotewise

from .conftest import CASES

FILE = tomllib.loads((CASES / "gazetteer.toml").read_text(encoding="utf-8"))
GAZETTEERS = {name: quotewise.Gazetteer(d["entries"]) for name, d in FILE["dictionaries"].items()}


def describe(m: quotewise.Mention) -> list[str]:
    if m.ambiguous:
        return [m.text, "?" + "|".join(m.candidates)]
    assert m.entity_id is not None
    return [m.text, m.entity_id]


@pytest.mark.parametrize("case", FILE["cases"], ids=[c["rule"] for c in FILE["cases"]])
def test_case(case: dict[str, Any]) -> None:
    text = case["text"]
    mentions = GAZETTEERS[case["dictionary"]].find(text)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    assert [describe(m) for m in mentions] == case["expect"]


def test_find_many_agrees_with_find() -> None:
    gaz = GAZETTEERS["news"]
    texts = [c["text"] for c in FILE["cases"] if c["dictionary"] == "news"]
    assert gaz.find_many(texts) == [gaz.find(t) for t in texts]
    assert gaz.find_many(texts, n_threads=1) == gaz.find_many(texts, n_threads=2)
