"""The command line's main job on built-in defaults."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import quotewise
from quotewise import cli
from quotewise._rows import MENTION_COLUMNS, QUOTE_COLUMNS
from quotewise.cli import main

from .rows import mention_row, quote_row


def quote_record(doc_id: object, q: quotewise.Quote) -> dict[str, Any]:
    """The row the command line should write for ``q``."""
    return {"doc_id": doc_id, **quote_row(q)}


def mention_record(doc_id: object, m: quotewise.Mention) -> dict[str, Any]:
    """The row the command line should write for ``m``."""
    return {"doc_id": doc_id, **mention_row(m)}


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
    assert lines[header].split() == ["speaker", "speaker_id", "kind", "cue", "rule", "confidence", "quote"]
    body = lines[header + 2 :]
    rows = body[: body.index("")]
    # The demo's table is the library's answer on the sample article.
    found = quotewise.quotes(quotewise.sample_article(), quotewise.Gazetteer.default())
    assert len(rows) == len(found) >= 8
    for row, q in zip(rows, found, strict=True):
        assert row.startswith(q.speaker_name or " ")
        assert q.kind in row.split()
        assert f"{q.confidence:.2f}" in row.split()
    kinds = {q.kind for q in found}
    assert kinds == {"direct", "indirect", "mixed"}
    assert any(q.speaker_id == "org:imf" for q in found)
    assert body[len(rows) + 1].startswith(f"{len(found)} quotes by ")


# -- quotes and mentions: files in, rows out -------------------------------------------------

PUTIN = '"We will not back down," Putin said in Moscow on Tuesday.'
ASSAD = "Assad told reporters that the talks would go on in Geneva."
# Commas, double quotes and a newline inside the text: CSV must quote them both ways.
IMF = (
    'The IMF said growth would slow, with a line, and "quotes"\nover two lines. '
    '"It is a hard year for Russia," Lagarde told reporters in Washington.'
)
ARTICLES = {"a1": PUTIN, "a2": ASSAD, "a3": IMF}
DICTIONARY = (
    "id,name,kind,aliases\nQ7747,Vladimir Putin,PERSON,\nQ44329,Bashar al-Assad,PERSON,Bashar Assad\n"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, list[str]]:
    """Exit code, stdout and stderr lines of ``quotewise argv``, run in-process."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def articles_jsonl(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "news.jsonl", [{"id": k, "text": v} for k, v in ARTICLES.items()])


def expected_quotes(gazetteer: quotewise.Gazetteer | None = None) -> list[dict[str, Any]]:
    """The library's quote records of ARTICLES, keyed by their ids (with no
    dictionary by default, as the command line and ``quotes_frame``)."""
    return [
        quote_record(doc_id, q)
        for doc_id, text in ARTICLES.items()
        for q in quotewise.analyze(text, gazetteer).quotes
    ]


def one_error_line(err: list[str]) -> str:
    assert len(err) == 1, err
    assert err[0].startswith("quotewise: ")
    return err[0]


def test_quotes_jsonl_in_jsonl_out(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    news = str(articles_jsonl(tmp_path))
    code, out, err = run(capsys, "quotes", news, "--id-column", "id", "--gazetteer", "builtin")
    assert code == 0
    rows = jsonl(out)
    assert rows == expected_quotes(quotewise.Gazetteer.default())
    assert [list(r) for r in rows] == [list(QUOTE_COLUMNS)] * len(rows)
    putin, assad = rows[0], rows[1]
    assert (putin["doc_id"], putin["quote"], putin["speaker_name"], putin["kind"]) == (
        "a1",
        "We will not back down",
        "Putin",
        "direct",
    )
    assert (assad["doc_id"], assad["quote"], assad["speaker_name"]) == (
        "a2",
        "the talks would go on in Geneva",
        "Assad",
    )
    assert assad["about"] == ["city:2660646"]
    for r in rows:
        assert ARTICLES[r["doc_id"]][r["start"] : r["end"]] == r["quote"]
    assert {r["speaker_id"] for r in rows if r["doc_id"] == "a3"} == {"org:imf", None}
    assert err == [f"quotewise: {len(rows)} quotes from 3 documents"]
    # Without --gazetteer, no dictionary: the library's default (quotes_frame).
    code, out, _ = run(capsys, "quotes", news, "--id-column", "id")
    assert code == 0 and jsonl(out) == expected_quotes(None)
    assert all(r["speaker_id"] is None and r["about"] == [] for r in jsonl(out))


def test_row_number_is_the_doc_id_without_an_id_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "quotes", str(articles_jsonl(tmp_path)))
    assert code == 0
    index = {key: i for i, key in enumerate(ARTICLES)}
    assert jsonl(out) == [{**r, "doc_id": index[r["doc_id"]]} for r in expected_quotes()]


def test_csv_in_csv_out(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "news.csv"
    with source.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "headline", "body"])
        writer.writerows([k, f"headline {k}", v] for k, v in ARTICLES.items())
    output = tmp_path / "quotes.csv"
    argv = ["quotes", str(source), "--text-column", "body", "--id-column", "id", "-o", str(output)]
    code, out, err = run(capsys, *argv)
    assert code == 0 and out == ""
    with output.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == list(QUOTE_COLUMNS)
        rows = list(reader)
    expected = expected_quotes()
    assert len(rows) == len(expected) == 4
    for row, want in zip(rows, expected, strict=True):
        assert json.loads(row["about"]) == want["about"] == []
        assert row["doc_id"] == want["doc_id"] and row["quote"] == want["quote"]
        assert row["speaker_name"] == want["speaker_name"]
        assert row["speaker_id"] == (want["speaker_id"] or "")
        assert (int(row["start"]), int(row["end"])) == (want["start"], want["end"])
        assert ARTICLES[row["doc_id"]][int(row["start"]) : int(row["end"])] == row["quote"]
    assert "\n" in rows[2]["quote"]  # the IMF's quote spans the line break
    assert err == ["quotewise: 4 quotes from 3 documents"]


def test_tsv_in_tsv_out_and_a_long_article(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    long_article = "Markets were calm. " * 10_000 + PUTIN  # longer than csv's default field limit
    source = tmp_path / "news.tsv"
    source.write_text(f"text\n{ASSAD}\n{long_article}\n", encoding="utf-8")
    output = tmp_path / "quotes.tsv"
    assert run(capsys, "quotes", str(source), "-o", str(output))[0] == 0
    lines = output.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == list(QUOTE_COLUMNS)
    rows = [dict(zip(QUOTE_COLUMNS, line.split("\t"), strict=True)) for line in lines[1:]]
    assert [(r["doc_id"], r["quote"], r["speaker_name"]) for r in rows] == [
        ("0", "the talks would go on in Geneva", "Assad"),
        ("1", "We will not back down", "Putin"),
    ]
    assert long_article[int(rows[1]["start"]) : int(rows[1]["end"])] == "We will not back down"
    # --input-format csv keeps the tab of a .tsv file.
    code, out, _ = run(capsys, "quotes", str(source), "--input-format", "csv")
    assert code == 0 and [r["speaker_name"] for r in jsonl(out)] == ["Assad", "Putin"]


def test_parquet_round_trip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    source = tmp_path / "news.parquet"
    frame = pd.DataFrame({"story": [101, 102, 103], "text": list(ARTICLES.values())})
    frame.to_parquet(source)
    output = tmp_path / "quotes.parquet"
    code, _, err = run(capsys, "quotes", str(source), "--id-column", "story", "-o", str(output))
    assert code == 0
    back = pd.read_parquet(output)
    assert list(back.columns) == list(QUOTE_COLUMNS)
    ids = dict(zip(ARTICLES, [101, 102, 103], strict=True))
    expected = [{**r, "doc_id": ids[r["doc_id"]]} for r in expected_quotes()]
    records = back.to_dict("records")
    assert len(records) == len(expected)
    for got, want in zip(records, expected, strict=True):
        assert list(got["about"]) == want["about"]
        for column in ("doc_id", "quote", "start", "end", "speaker_name", "kind", "marked"):
            assert got[column] == want[column]
    schema = pytest.importorskip("pyarrow.parquet").read_schema(output)
    types = {name: str(schema.field(name).type) for name in schema.names}
    assert str(schema.field("about").type.value_type) == "string"
    assert types == {
        **dict.fromkeys(QUOTE_COLUMNS, "string"),
        **dict.fromkeys(["doc_id", "start", "end", "speaker_start", "speaker_end"], "int64"),
        "marked": "bool",
        "confidence": "double",
        "about": str(schema.field("about").type),  # list<element: string> (or <item: ...>)
    }
    assert err == ["quotewise: 4 quotes from 3 documents"]
    # The output reads back in as input: the quotes have no quotes of their own.
    code, out, err = run(capsys, "mentions", str(output), "--text-column", "quote", "--id-column", "doc_id")
    assert code == 0
    assert [(r["doc_id"], r["text"], r["entity_id"]) for r in jsonl(out)] == [
        (102, "Geneva", "city:2660646"),
        (103, "Russia", "country:RU"),
    ]


def test_parquet_without_pyarrow_says_how_to_install_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    output = tmp_path / "quotes.parquet"
    code, _, err = run(capsys, "quotes", str(articles_jsonl(tmp_path)), "-o", str(output))
    assert code == 2
    assert "pip install pyarrow" in one_error_line(err)
    source = tmp_path / "news.parquet"
    source.write_bytes(b"PAR1")
    code, _, err = run(capsys, "quotes", str(source))
    assert code == 2 and "pip install pyarrow" in one_error_line(err)


def test_stdin_through_python_dash_m() -> None:
    data = "".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in ARTICLES.items())
    done = subprocess.run(
        [sys.executable, "-m", "quotewise", "quotes", "-", "--id-column", "id", "--no-progress"],
        input=data,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert done.returncode == 0, done.stderr
    assert jsonl(done.stdout) == expected_quotes()
    assert done.stderr == "quotewise: 4 quotes from 3 documents\n"


def test_stdin_csv_in_process(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    data = f'text\n"{PUTIN.replace(chr(34), chr(34) * 2)}"\n{ASSAD}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8"))))
    argv = ["quotes", "--input-format", "csv", "--output-format", "csv", "--gazetteer", "builtin"]
    code, out, err = run(capsys, *argv)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["doc_id"], r["quote"], r["speaker_name"], r["about"]) for r in rows] == [
        ("0", "We will not back down", "Putin", "[]"),
        ("1", "the talks would go on in Geneva", "Assad", '["city:2660646"]'),
    ]
    assert err == ["quotewise: 2 quotes from 2 documents"]


def test_gazetteer_file_links_speakers(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text(DICTIONARY, encoding="utf-8")
    news = str(articles_jsonl(tmp_path))
    code, out, _ = run(capsys, "quotes", news, "--id-column", "id", "--gazetteer", str(people))
    assert code == 0
    rows = jsonl(out)
    assert rows == expected_quotes(quotewise.Gazetteer.from_file(people))
    assert [(r["speaker_name"], r["speaker_id"]) for r in rows[:2]] == [
        ("Vladimir Putin", "Q7747"),
        ("Bashar al-Assad", "Q44329"),
    ]
    assert rows[3]["about"] == []  # Russia is not in this dictionary
    # A saved gazetteer (Gazetteer.save writes JSON) loads the same.
    saved = tmp_path / "people.json"
    quotewise.Gazetteer.from_file(people).save(saved)
    code, out, _ = run(capsys, "quotes", news, "--id-column", "id", "--gazetteer", str(saved))
    assert code == 0 and jsonl(out) == rows


def test_no_gazetteer(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    news = str(articles_jsonl(tmp_path))
    code, out, _ = run(capsys, "quotes", news, "--no-gazetteer")
    assert code == 0
    rows = jsonl(out)
    assert [r["speaker_name"] for r in rows] == ["Putin", "Assad", "IMF", "Lagarde"]
    assert all(r["speaker_id"] is None and r["about"] == [] for r in rows)
    code, out, err = run(capsys, "mentions", news, "--no-gazetteer")
    assert code == 2 and out == ""
    assert "--no-gazetteer" in one_error_line(err)


def test_bad_gazetteer_file_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "people.csv"
    bad.write_text("id,name,kind\nQ7747,Vladimir Putin,PERSON\nQ7747,Putin,PERSON\n", encoding="utf-8")
    news = str(articles_jsonl(tmp_path))
    code, out, err = run(capsys, "quotes", news, "--gazetteer", str(bad))
    assert code == 2 and out == ""
    assert one_error_line(err) == f'quotewise: {bad}, line 3: id "Q7747" repeats the id on line 2'
    code, _, err = run(capsys, "quotes", news, "--gazetteer", str(tmp_path / "nobody.csv"))
    assert code == 2 and "nobody.csv" in one_error_line(err)


def test_api_and_command_line_share_the_dictionary_default(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pd = pytest.importorskip("pandas")
    news = str(articles_jsonl(tmp_path))
    frame = pd.DataFrame({"text": list(ARTICLES.values())})
    for command, function in (("quotes", quotewise.quotes_frame), ("mentions", quotewise.mentions_frame)):
        code, out, _ = run(capsys, command, news, "-q")
        assert code == 0
        table = function(frame).astype(object).where(lambda t: t.notna(), None)
        rows = [{k: (list(v) if k == "about" else v) for k, v in r.items()} for r in table.to_dict("records")]
        assert jsonl(out) == rows and len(rows) >= 4


def test_a_file_where_the_command_goes_runs_quotes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    news = str(articles_jsonl(tmp_path))
    code, out, err = run(capsys, news, "--id-column", "id")
    assert code == 0
    assert jsonl(out) == expected_quotes()
    assert run(capsys, "quotes", news, "--id-column", "id")[1] == out
    # A missing file is not taken for one: the error names the commands.
    code, _, err = run(capsys, str(tmp_path / "missing.csv"))
    assert code == 2
    assert err == [
        f"quotewise: {str(tmp_path / 'missing.csv')!r} is neither a command (demo, quotes, mentions) nor a file"
    ]


def test_mentions(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text(DICTIONARY, encoding="utf-8")
    news = str(articles_jsonl(tmp_path))
    output = tmp_path / "mentions.csv"
    code, _, err = run(capsys, "mentions", news, "--id-column", "id", "-o", str(output))
    assert code == 0
    with output.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == list(MENTION_COLUMNS)
    assert [(r["doc_id"], r["text"], r["entity_id"], r["kind"]) for r in rows] == [
        ("a1", "Moscow", "city:524901", "GPE"),
        ("a2", "Geneva", "city:2660646", "GPE"),
        ("a3", "IMF", "org:imf", "ORG"),
        ("a3", "Russia", "country:RU", "GPE"),
        ("a3", "Washington", "city:4140963", "GPE"),
    ]
    for r in rows:
        assert ARTICLES[r["doc_id"]][int(r["start"]) : int(r["end"])] == r["text"]
    assert err == ["quotewise: 5 mentions from 3 documents"]
    code, out, _ = run(capsys, "mentions", news, "--gazetteer", str(people), "-q")
    assert code == 0
    assert [mention_record(0, m) for m in quotewise.Gazetteer.from_file(people).find(PUTIN)] == [
        r for r in jsonl(out) if r["doc_id"] == 0
    ]
    assert [(r["doc_id"], r["entity_id"]) for r in jsonl(out)] == [(0, "Q7747"), (1, "Q44329")]


def test_missing_null_and_empty_text_give_no_rows(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [
        {"text": PUTIN},
        {"text": None},
        {"text": ""},
        {"title": "no text at all"},
        {"text": ASSAD},
    ]
    code, out, err = run(capsys, "quotes", str(write_jsonl(tmp_path / "news.ndjson", rows)))
    assert code == 0
    assert [(r["doc_id"], r["speaker_name"]) for r in jsonl(out)] == [(0, "Putin"), (4, "Assad")]
    assert err == ["quotewise: 2 quotes from 5 documents"]


def test_errors_skip_reports_skipped_documents(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, recwarn: pytest.WarningsRecorder
) -> None:
    rows: list[dict[str, object]] = [{"text": PUTIN}, {"text": 5}, {"text": ASSAD}, {"text": ["a list"]}]
    news = str(write_jsonl(tmp_path / "news.jsonl", rows))
    code, out, err = run(capsys, "quotes", news, "--errors", "skip")
    assert code == 0
    assert [(r["doc_id"], r["quote"]) for r in jsonl(out)] == [
        (0, "We will not back down"),
        (2, "the talks would go on in Geneva"),
    ]
    assert err == [
        f"quotewise: skipped 2 of 4 documents ({news}, line 2: document 1: expected str (or None/NaN for a "
        "missing text), got int)",
        "quotewise: 2 quotes from 4 documents",
    ]
    assert not [w for w in recwarn if issubclass(w.category, quotewise.SkippedDocumentsWarning)]
    # --quiet drops the summary, not the news of skipped documents.
    code, _, err = run(capsys, "quotes", news, "--errors", "skip", "--quiet")
    assert code == 0 and len(err) == 1 and err[0].startswith("quotewise: skipped 2 of 4 documents")


def test_errors_raise_names_the_document(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [{"text": PUTIN}, {"text": ASSAD}, {"text": 5}]
    code, _, err = run(capsys, "quotes", str(write_jsonl(tmp_path / "news.jsonl", rows)))
    assert code == 2
    line = one_error_line(err)
    assert line.startswith("quotewise: ") and "news.jsonl, line 3: document 2: expected str" in line
    assert "got int" in line and "--errors skip" in line


def test_a_bad_document_is_named_by_its_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # Blank lines and a CSV field spanning lines: the line where the document
    # starts, not its index, is what an editor shows.
    jsonl_file = tmp_path / "news.jsonl"
    jsonl_file.write_text(
        json.dumps({"text": PUTIN}) + "\n\n\n" + json.dumps({"text": {"a": 1}}) + "\n", encoding="utf-8"
    )
    code, _, err = run(capsys, "quotes", str(jsonl_file))
    assert code == 2
    assert "news.jsonl, line 4: document 1: expected str" in one_error_line(err)
    code, _, err = run(capsys, "quotes", str(jsonl_file), "--errors", "skip", "-q")
    assert code == 0 and "news.jsonl, line 4: document 1:" in err[0]


def test_a_file_whose_only_document_is_bad(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # Every document failed: the table of errors has rows but no `kind` or
    # `rule` value at all (it panicked reading them).
    jsonl_file = tmp_path / "news.jsonl"
    jsonl_file.write_text(json.dumps({"text": 5}) + "\n", encoding="utf-8")
    for command in ("quotes", "mentions"):
        code, _, err = run(capsys, command, str(jsonl_file))
        assert code == 2
        assert "news.jsonl, line 1: document 0: expected str" in one_error_line(err)
    output = tmp_path / "quotes.csv"
    code, _, err = run(capsys, "quotes", str(jsonl_file), "--errors", "skip", "-o", str(output))
    assert code == 0
    assert err[0].startswith(f"quotewise: skipped 1 of 1 document ({jsonl_file}, line 1: document 0:")
    with output.open(encoding="utf-8", newline="") as f:
        assert list(csv.DictReader(f)) == []


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_missing_text_column_lists_the_columns(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"news.{fmt}"
    if fmt == "csv":
        path.write_text(f'id,body\n1,"{ASSAD}"\n', encoding="utf-8")
    else:
        write_jsonl(path, [{"id": 1, "body": ASSAD}])
    output = tmp_path / "out.jsonl"
    code, out, err = run(capsys, "quotes", str(path), "-o", str(output))
    assert code == 2 and out == ""
    assert one_error_line(err) == (
        f"quotewise: {path}: no text column 'text' (columns found: id, body); pass --text-column"
    )
    assert not output.exists()  # the input is checked before the output is created
    code, _, err = run(capsys, "quotes", str(path), "--text-column", "body", "--id-column", "story")
    assert code == 2
    assert one_error_line(err) == (
        f"quotewise: {path}: no id column 'story' (columns found: id, body); pass --id-column"
    )


def test_missing_and_unreadable_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "quotes", str(tmp_path / "nowhere.jsonl"))
    assert code == 2 and out == ""
    assert one_error_line(err) == f"quotewise: {tmp_path / 'nowhere.jsonl'}: No such file or directory"
    folder = tmp_path / "folder.jsonl"
    folder.mkdir()
    code, _, err = run(capsys, "quotes", str(folder))
    assert code == 2 and one_error_line(err) == f"quotewise: {folder}: Is a directory"
    code, _, err = run(capsys, "quotes", str(tmp_path / "news.txt"))
    assert code == 2 and "--input-format" in one_error_line(err)


def test_bad_json_names_file_and_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(
        json.dumps({"text": PUTIN})
        + "\n\n"
        + '{"text": "unterminated\n'
        + json.dumps({"text": ASSAD})
        + "\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "quotes", str(path))
    assert code == 2
    assert one_error_line(err).startswith(f"quotewise: {path}, line 3: bad JSON: ")
    path.write_text(json.dumps({"text": PUTIN}) + "\n" + json.dumps([ASSAD]) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "quotes", str(path))
    assert code == 2
    assert one_error_line(err) == f"quotewise: {path}, line 2: expected a JSON object, got list"
    first = json.dumps({"text": PUTIN}).encode() + b"\n"
    path.write_bytes(first + b'{"text": "Z\xfcrich"}\n')
    code, _, err = run(capsys, "quotes", str(path))
    at = len(first) + len(b'{"text": "Z')
    assert code == 2 and one_error_line(err) == (
        f"quotewise: {path}, line 2: not UTF-8 text: byte {at} of the file (0xfc) cannot be decoded; "
        "pass --encoding (e.g. --encoding latin-1) if the file is in another encoding"
    )


def test_encoding_of_csv_and_jsonl_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    zurich = '"Z\u00fcrich is calm," Putin said.'
    for name, data, line_number in (
        ("news.csv", 'id,text\nz1,"' + zurich.replace('"', '""') + '"\n', 2),
        ("news.jsonl", json.dumps({"id": "z1", "text": zurich}, ensure_ascii=False) + "\n", 1),
    ):
        path = tmp_path / name
        path.write_bytes(data.encode("latin-1"))
        code, _, err = run(capsys, "quotes", str(path), "--id-column", "id")
        assert code == 2
        line = one_error_line(err)
        assert line.startswith(f"quotewise: {path}, line {line_number}: not UTF-8 text: byte ")
        assert "(0xfc)" in line
        assert data.encode("latin-1")[int(line.split("byte ")[1].split()[0])] == 0xFC
        code, out, _ = run(capsys, "quotes", str(path), "--id-column", "id", "--encoding", "latin-1")
        assert code == 0
        assert [(r["doc_id"], r["quote"], r["speaker_name"]) for r in jsonl(out)] == [
            ("z1", "Z\u00fcrich is calm", "Putin")
        ]


def test_output_format_from_option_or_extension(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    news = str(articles_jsonl(tmp_path))
    for odd in (tmp_path / "quotes.xlsx", tmp_path / "quotes"):
        code, out, err = run(capsys, "quotes", news, "-o", str(odd))
        assert code == 2 and out == "" and not odd.exists()
        line = one_error_line(err)
        assert line.startswith(f"quotewise: {odd}: ") and "--output-format" in line
        assert ".jsonl, .ndjson, .json, .csv, .tsv, .tab, .parquet, .pq" in line
    assert "'.xlsx' is not a format" in one_error_line(run(capsys, "quotes", news, "-o", "x.xlsx")[2])
    odd = tmp_path / "quotes.out"
    assert run(capsys, "quotes", news, "-o", str(odd), "--output-format", "jsonl")[0] == 0
    assert jsonl(odd.read_text(encoding="utf-8")) == [
        {**r, "doc_id": i} for i, r in zip([0, 1, 2, 2], expected_quotes(), strict=True)
    ]
    forced = tmp_path / "quotes.jsonl"
    assert run(capsys, "quotes", news, "-o", str(forced), "--output-format", "csv")[0] == 0
    assert forced.read_text(encoding="utf-8").splitlines()[0] == ",".join(QUOTE_COLUMNS)


def test_threads_and_progress(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pytest.importorskip("tqdm")
    news = str(articles_jsonl(tmp_path))
    code, out, err = run(capsys, "quotes", news, "--id-column", "id", "--threads", "2", "--progress")
    assert code == 0 and jsonl(out) == expected_quotes()
    # tqdm's bar has a total: the file's bytes, all read at the end.
    size = Path(news).stat().st_size
    assert "100%" in err[-2] and f"| {size}/{size} [" in err[-2] and "B/s]" in err[-2]
    assert err[-1] == "quotewise: 4 quotes from 3 documents"
    # A Parquet file's bar counts its rows.
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    source = tmp_path / "news.parquet"
    pd.DataFrame({"text": list(ARTICLES.values())}).to_parquet(source)
    code, _, err = run(capsys, "quotes", str(source), "--progress")
    assert code == 0 and "100%" in err[-2] and "| 3/3 [" in err[-2] and "document/s]" in err[-2]
    with pytest.raises(SystemExit) as exit:
        main(["quotes", news, "--threads", "0"])
    assert exit.value.code == 2


def test_interrupt_exits_130(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_builder", lambda args, mentions: interrupted)
    code, _, err = run(capsys, "quotes", str(articles_jsonl(tmp_path)))
    assert code == 130 and err == ["quotewise: interrupted"]


def test_a_message_stays_on_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "news.jsonl", [{"head\nline": PUTIN}])
    code, _, err = run(capsys, "quotes", str(path))
    assert code == 2
    assert one_error_line(err).endswith("(columns found: head line); pass --text-column")


def test_output_never_overwrites_the_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    news = articles_jsonl(tmp_path)
    before = news.read_text(encoding="utf-8")
    code, _, err = run(capsys, "quotes", str(news), "-o", str(news))
    assert code == 2 and one_error_line(err) == f"quotewise: {news}: the output would overwrite the input"
    assert news.read_text(encoding="utf-8") == before
