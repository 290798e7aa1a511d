"""The table-driven quote cases of tests/cases/quotes.toml (also run by cargo test).

Both runners check the same fields in the same way: by default the quotes found
must be exactly the expected ones, in order; each field given is compared, an
empty string standing for None.
"""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

import quotewise

from .conftest import CASES

FILE = tomllib.loads((CASES / "quotes.toml").read_text(encoding="utf-8"))
GAZETTEERS = {name: quotewise.Gazetteer(d["entries"]) for name, d in FILE["dictionaries"].items()}
CASE_KEYS = {
    "name",
    "text",
    "dictionary",
    "entries",
    "casing",
    "thought_verbs",
    "extra_cues",
    "removed_cues",
    "unmarked_speech",
    "form",
    "expect",
    "partial",
    "absent",
    "known",
}
OPTIONS = ("thought_verbs", "extra_cues", "removed_cues", "unmarked_speech", "form")
SPAN_FIELDS = ("speaker", "cue", "addressee")
STRING_FIELDS = ("speaker_name", "speaker_id", "kind", "addressee_id", "rule")
EXPECT_KEYS = {"text", "marked", *SPAN_FIELDS, *STRING_FIELDS}


def found_fields(q: quotewise.Quote) -> dict[str, Any]:
    """The checkable fields of a quote, with "" for None."""
    fields: dict[str, Any] = {"text": q.text, "marked": q.marked}
    for f in SPAN_FIELDS:
        span = getattr(q, f)
        fields[f] = span.text if span is not None else ""
    for f in STRING_FIELDS:
        fields[f] = getattr(q, f) or ""
    return fields


def describe(f: dict[str, Any]) -> str:
    return (
        f"{{text: {f['text']!r}, speaker: {f['speaker']!r}, speaker_name: {f['speaker_name']!r}, "
        f"speaker_id: {f['speaker_id']!r}, kind: {f['kind']}, marked: {f['marked']}, cue: {f['cue']!r}, "
        f"addressee: {f['addressee']!r}, rule: {f['rule']}}}"
    )


def compare(expected: dict[str, Any], found: dict[str, Any]) -> list[str]:
    return [
        f"{key}: expected {want!r}, found {found[key]!r}"
        for key, want in expected.items()
        if key != "text" and want != found[key]
    ]


def gazetteer_for(case: dict[str, Any]) -> quotewise.Gazetteer | None:
    assert not ("dictionary" in case and "entries" in case), "both dictionary and entries"
    if "dictionary" in case:
        return GAZETTEERS[case["dictionary"]]
    if "entries" in case:
        return quotewise.Gazetteer(case["entries"])
    return None


def problems_of(case: dict[str, Any], found: list[dict[str, Any]]) -> list[str]:
    expected = case["expect"]
    texts = [f["text"] for f in found]
    partial = case.get("partial", False)
    problems: list[str] = []
    if not partial and texts != [e["text"] for e in expected]:
        problems.append(f"quote texts: expected {[e['text'] for e in expected]!r}, found {texts!r}")
    # Each expected quote against the found quote with its text (in order, each
    # found quote used once), so that fields are checked even when the list differs.
    used = [False] * len(found)
    for e in expected:
        hit = next((i for i, f in enumerate(found) if not used[i] and f["text"] == e["text"]), None)
        if hit is None:
            if partial:
                problems.append(f"quote {e['text']!r}: not found")
            continue
        used[hit] = True
        problems += [f"quote {e['text']!r}: {p}" for p in compare(e, found[hit])]
    problems += [f"quote {t!r}: must not be a quote" for t in case.get("absent", []) if t in texts]
    return problems


def test_case_file_is_well_formed() -> None:
    names = [c["name"] for c in FILE["cases"]]
    assert len(names) == len(set(names)), "case names repeat"
    assert len(names) >= 80, "the case file should not shrink unnoticed"
    for case in FILE["cases"]:
        assert set(case) <= CASE_KEYS, f"{case['name']}: unknown keys {set(case) - CASE_KEYS}"
        for e in case["expect"]:
            assert set(e) <= EXPECT_KEYS, f"{case['name']}: unknown keys {set(e) - EXPECT_KEYS}"


@pytest.mark.parametrize("case", FILE["cases"], ids=[c["name"] for c in FILE["cases"]])
def test_case(case: dict[str, Any]) -> None:
    text = case["text"]
    options = {k: case[k] for k in OPTIONS if k in case}
    quotes = quotewise.quotes(text, gazetteer_for(case), casing=case.get("casing", "auto"), **options)
    for q in quotes:
        assert text[q.start : q.end] == q.text, f"{case['name']}: offsets of {q!r}"
    found = [found_fields(q) for q in quotes]
    problems = problems_of(case, found)
    if case.get("known"):
        # A known miss, kept in the file with its reason: it must still
        # fail, so that the list of known misses stays true.
        if not problems:
            pytest.fail(f"{case['name']}: the known miss passes now; remove `known`", pytrace=False)
        pytest.xfail(case["known"])
    if problems:
        lines = [
            f"case: {case['name']}",
            f"  text:     {text!r}",
            f"  expected: {case['expect']!r}",
            "  found:",
            *(f"    {describe(f)}" for f in found),
            *(["    (no quote)"] if not found else []),
            *(f"  - {p}" for p in problems),
        ]
        pytest.fail("\n".join(lines), pytrace=False)
