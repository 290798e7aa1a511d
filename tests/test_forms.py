"""The form a text is read in: told from the text or forced with ``form``, and
reported by ``Document.form`` (see DESIGN.md §10.12)."""

from __future__ import annotations

import pickle

import pytest

import quotewise
from quotewise import QuoteExtractor

MARKED = "“We won’t give up,” Putin said. Russia’s army stays."
UNMARKED = "Putin spoke on Tuesday.  We won t give up,  he said. Russia s army stays."
STRIPPED = "we won t give up , putin said .\nrussia s army stays ."


@pytest.mark.parametrize(
    ("text", "casing", "form"),
    [(MARKED, "cased", "marked"), (UNMARKED, "cased", "unmarked"), (STRIPPED, "uncased", "unmarked")],
)
def test_the_form_is_told_from_the_text(text: str, casing: str, form: str) -> None:
    doc = quotewise.analyze(text)
    assert (doc.casing, doc.form) == (casing, form)
    assert doc.to_dict()["form"] == form
    assert f"form={form!r}" in repr(doc)
    assert pickle.loads(pickle.dumps(doc)) == doc


def test_the_marks_are_recovered_in_unmarked_text() -> None:
    (q,) = quotewise.quotes(UNMARKED)
    assert (q.text, q.kind, q.marked, q.rule) == ("We won t give up", "direct", True, "quote-cue")
    assert UNMARKED[q.start : q.end] == q.text


def test_a_forced_form_applies_to_every_text() -> None:
    marked, unmarked = QuoteExtractor(form="marked"), QuoteExtractor(form="unmarked")
    assert marked.analyze(UNMARKED).form == "marked"
    # Read as written, the two spaces are no marks: the quote is reported speech.
    assert [(q.kind, q.marked) for q in marked.quotes(UNMARKED)] == [("indirect", False)]
    assert unmarked.analyze(MARKED).form == "unmarked"
    assert [d.form for d in unmarked.analyze_many([MARKED, UNMARKED, STRIPPED])] == ["unmarked"] * 3


def test_the_form_option_is_kept_and_checked() -> None:
    ex = QuoteExtractor(form="unmarked")
    assert ex.options["form"] == "unmarked"
    assert QuoteExtractor().options["form"] == "auto"
    assert repr(ex) == "QuoteExtractor(form='unmarked')"
    again = pickle.loads(pickle.dumps(ex))
    assert again == ex and again.options["form"] == "unmarked"
    with pytest.raises(quotewise.ArgumentError, match="form must be 'auto', 'marked' or 'unmarked'"):
        QuoteExtractor(form="stripped")  # type: ignore[arg-type]
