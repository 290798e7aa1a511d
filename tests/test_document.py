"""analyze() and Document: one pass for mentions, quotes and sentences."""

from __future__ import annotations

import html
import json
import pickle
import re

import pytest

import quotewise
from quotewise import Document, Gazetteer, QuoteExtractor, analyze, analyze_many, sample_article


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def test_analyze_agrees_with_find_and_quotes(gaz: Gazetteer) -> None:
    text = sample_article()
    doc = analyze(text, gaz)
    assert list(doc.mentions) == gaz.find(text)
    assert list(doc.quotes) == quotewise.quotes(text, gaz)
    assert doc.text is text
    assert doc.casing == "cased"
    for q in doc.quotes:
        assert text[q.start : q.end] == q.text
        for m in q.mentions:
            assert m in doc.mentions
            assert q.start <= m.start and m.end <= q.end


def test_sentences_cover_the_text_in_order(gaz: Gazetteer) -> None:
    text = "Putin spoke first. “We will not back down,” he said.\n\nThe talks ended at noon."
    doc = analyze(text, gaz)
    assert [s.text for s in doc.sentences] == [
        "Putin spoke first.",
        "“We will not back down,” he said.",
        "The talks ended at noon.",
    ]
    for s in doc.sentences:
        assert text[s.start : s.end] == s.text


def test_offsets_are_python_indices_in_non_ascii_text(gaz: Gazetteer) -> None:
    text = "Ünïcödé 🎉 intro. « Nous gagnerons », a déclaré Emmanuel Macron à Paris. Putin said the talks failed."
    doc = analyze(text, gaz)
    assert doc.quotes, doc
    for item in [*doc.quotes, *doc.mentions, *doc.sentences]:
        assert text[item.start : item.end] == item.text


def test_stripped_text_is_uncased_and_finds_unmarked_speech() -> None:
    text = "we are ready to talk , assad said .\nwe have always been ready and we will not give up ."
    doc = analyze(text)
    assert doc.casing == "uncased"
    assert [(q.speaker_name, q.marked, q.rule) for q in doc.quotes] == [
        ("assad", False, "cue-after"),
        ("assad", False, "unmarked-speech"),
    ]


def test_document_is_immutable_picklable_and_hashable(gaz: Gazetteer) -> None:
    doc = analyze(sample_article(), gaz)
    with pytest.raises(AttributeError, match="immutable"):
        doc.text = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="immutable"):
        del doc.quotes
    copy = pickle.loads(pickle.dumps(doc))
    assert copy == doc and hash(copy) == hash(doc)
    assert copy.sentences == doc.sentences
    assert doc != analyze(sample_article())  # no dictionary: no mentions
    assert re.fullmatch(
        r"Document\(chars=\d+, sentences=\d+, mentions=\d+, quotes=\d+, casing='cased', form='marked'\)",
        repr(doc),
    )


def test_to_dict_is_json_and_round_trips_the_offsets(gaz: Gazetteer) -> None:
    doc = analyze(sample_article(), gaz)
    data = json.loads(json.dumps(doc.to_dict()))
    assert data["casing"] == "cased"
    assert len(data["quotes"]) == len(doc.quotes) and len(data["mentions"]) == len(doc.mentions)
    for q in data["quotes"]:
        assert doc.text[q["start"] : q["end"]] == q["text"]
    assert [(s["start"], s["end"]) for s in data["sentences"]] == [(s.start, s.end) for s in doc.sentences]


def test_to_displacy_ent_and_span_formats(gaz: Gazetteer) -> None:
    doc = analyze(sample_article(), gaz)
    ents = doc.to_displacy()
    assert ents["text"] == doc.text
    assert [(e["start"], e["end"], e["label"]) for e in ents["ents"]] == [
        (m.start, m.end, m.kind) for m in doc.mentions
    ]
    spans = doc.to_displacy(style="span")
    labels = [s["label"] for s in spans["spans"]]
    assert sum(label.startswith("QUOTE: ") for label in labels) == len(doc.quotes)
    for s in spans["spans"]:
        assert 0 <= s["start_token"] < s["end_token"] <= len(spans["tokens"])
    with pytest.raises(ValueError, match="style"):
        doc.to_displacy(style="dep")  # type: ignore[arg-type]


def test_html_view_escapes_the_text_and_labels_speakers(gaz: Gazetteer) -> None:
    text = 'Putin said "<script>alert(1)</script> & more" in Moscow. <b>bold</b>'
    page = analyze(text, gaz)._repr_html_()
    assert "<script>" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert '<sup class="qw-who">Putin</sup>' in page
    assert "<mark" in page and ">Moscow</mark>" in page  # the mention, highlighted
    # Removing the markup gives back the text (plus the labels and the table).
    visible = html.unescape(re.sub(r"<[^>]+>", "", page.split("<table>")[0]))
    assert text in visible.replace("Putin.", ".", 1) or text.replace('" in', '"Putin in') in visible


def test_html_view_has_a_legend_of_its_colours(gaz: Gazetteer) -> None:
    from quotewise.document import _KIND_COLOURS

    text = '"We will win," the IMF said in Moscow.'
    page = analyze(text, gaz)._repr_html_()
    legend = page.split('<p class="qw-legend">')[1].split("</p>")[0]
    kinds = {m.kind for m in analyze(text, gaz).mentions}
    assert kinds == {"ORG", "GPE"}
    assert legend.count("<mark") == 2
    for kind in kinds:  # each kind shown, in the colour its mentions have in the text
        assert f'<mark style="background:{_KIND_COLOURS[kind]}">{kind}</mark>' in legend
    assert '<span class="qw-quote">a quote</span><sup class="qw-who">its speaker</sup>' in legend
    assert f'<mark style="background:{_KIND_COLOURS["GPE"]}" title="' in page.split("qw-legend")[2]


def test_html_view_is_size_capped() -> None:
    text = "Putin said the talks would go on. " * 5000
    page = analyze(text)._repr_html_()
    assert len(page) < 200_000
    assert "more characters not shown" in page
    assert "more quotes" in page


def test_analyze_many_streams_in_order_with_missing_texts(gaz: Gazetteer) -> None:
    texts = [sample_article(), None, float("nan"), "Putin said the talks failed.", ""]
    docs = analyze_many(texts, gaz, batch_size=2)
    assert not isinstance(docs, list)  # a generator: results stream
    docs = list(docs)
    assert [d.text for d in docs] == [sample_article(), "", "", "Putin said the talks failed.", ""]
    assert docs[0] == analyze(sample_article(), gaz)
    assert docs[3] == analyze("Putin said the talks failed.", gaz)
    assert docs[1].quotes == () and docs[1].mentions == ()


def test_analyze_many_reads_any_iterable_lazily() -> None:
    consumed = []

    def texts():  # type: ignore[no-untyped-def]
        for i in range(10):
            consumed.append(i)
            yield f"Putin said plan {i} works."

    stream = QuoteExtractor().analyze_many(texts(), batch_size=3)
    first = next(stream)
    assert first.quotes[0].text == "plan 0 works"
    assert consumed == [0, 1, 2]  # one batch read, not the whole input
    assert len(list(stream)) == 9


@pytest.mark.parametrize("bad", [0, -1, 1.5, True])
def test_analyze_many_rejects_a_bad_batch_size(bad: object) -> None:
    with pytest.raises(quotewise.ArgumentError, match="batch_size"):
        next(analyze_many(["x"], batch_size=bad))  # type: ignore[arg-type]


def test_analyze_many_names_the_bad_document() -> None:
    with pytest.raises(quotewise.DocumentTypeError, match="document 1"):
        list(analyze_many(["fine", 42]))
    with pytest.raises(quotewise.InvalidTextError, match="document 0"):
        list(analyze_many(["bad \ud800 text"]))


def test_progress_true_without_tqdm_warns_and_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_tqdm(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("tqdm"):
            raise ImportError("no tqdm here")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_tqdm)
    with pytest.warns(UserWarning, match="tqdm"):
        docs = list(analyze_many(["Putin said it works."], progress=True))
    assert len(docs) == 1


def test_progress_bar_counts_documents(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tqdm")
    docs = list(analyze_many(["Putin said it works."] * 5, progress=True, batch_size=2))
    assert len(docs) == 5
    assert "5/5" in capsys.readouterr().err


def test_document_constructor_checks_nothing_but_keeps_what_it_is_given() -> None:
    quote = quotewise.Quote("hi", 1, 3, "direct", True)
    doc = Document('"hi"', quotes=[quote], sentences=[(0, 4)])
    assert doc.quotes == (quote,) and doc.sentences[0].text == '"hi"' and doc.mentions == ()
