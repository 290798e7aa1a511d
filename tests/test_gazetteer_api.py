"""Building, inspecting, saving and pickling gazetteers, and the Mention object."""

from __future__ import annotations

import copy
import dataclasses
import json
import pickle
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pytest

import quotewise
from quotewise import Gazetteer, Mention

PUTIN = {"id": "Q7747", "name": "Vladimir Putin", "kind": "PERSON", "party": "United Russia", "born": 1952}
ASSAD = {"id": "Q44329", "name": "Bashar al-Assad", "kind": "PERSON", "aliases": ["Bashar Assad"]}
TEXT = "Vladimir Putin hosted Bashar Assad in Sochi; Putin's aides said little."


def spans(gaz: Gazetteer, text: str = TEXT) -> list[tuple[str, str | None]]:
    return [(m.text, m.entity_id) for m in gaz.find(text)]


# -- building ------------------------------------------------------------------------------


def test_from_dicts_keeps_metadata() -> None:
    gaz = Gazetteer([PUTIN, ASSAD])
    assert spans(gaz) == [("Vladimir Putin", "Q7747"), ("Bashar Assad", "Q44329"), ("Putin", "Q7747")]
    m = gaz.find(TEXT)[0]
    assert m.metadata == {"party": "United Russia", "born": 1952}
    assert gaz["Q7747"]["party"] == "United Russia"


def test_from_records_namedtuples_and_dataclasses() -> None:
    class Row(NamedTuple):
        id: str
        name: str
        kind: str

    @dataclasses.dataclass
    class Person:
        id: str
        name: str
        kind: str = "PERSON"
        aliases: tuple[str, ...] = ()

    gaz = Gazetteer.from_records(
        [
            Row("Q7747", "Vladimir Putin", "PERSON"),
            Person("Q44329", "Bashar al-Assad", aliases=("Bashar Assad",)),
        ]
    )
    assert spans(gaz) == [("Vladimir Putin", "Q7747"), ("Bashar Assad", "Q44329"), ("Putin", "Q7747")]


def test_from_dataframe_with_list_and_joined_aliases() -> None:
    df = pd.DataFrame(
        {
            "qid": ["Q7747", "Q44329", "Q159"],
            "label": ["Vladimir Putin", "Bashar al-Assad", "Russia"],
            "type": ["PERSON", "PERSON", "GPE"],
            "alt": [None, ["Bashar Assad"], "Russian Federation|RF"],
            "population": [float("nan"), float("nan"), 144_000_000.0],
        }
    )
    gaz = Gazetteer.from_dataframe(df, id="qid", name="label", kind="type", aliases="alt")
    text = "Putin said the Russian Federation and Bashar Assad agreed."
    assert spans(gaz, text) == [
        ("Putin", "Q7747"),
        ("Russian Federation", "Q159"),
        ("Bashar Assad", "Q44329"),
    ]
    assert gaz["Q159"]["population"] == 144_000_000.0
    assert gaz["Q159"]["aliases"] == ["Russian Federation", "RF"]
    # NaN metadata is kept as None (JSON null), and a DataFrame passed straight in works too.
    assert gaz["Q7747"]["population"] is None
    assert len(Gazetteer(df.rename(columns={"qid": "id", "label": "name", "type": "kind"}))) == 3


def test_from_dataframe_names_a_missing_column() -> None:
    df = pd.DataFrame({"id": ["a"], "title": ["Kremlin"]})
    with pytest.raises(KeyError, match=r"no name column 'name'.*columns: id, title"):
        Gazetteer.from_dataframe(df)
    assert len(Gazetteer.from_dataframe(df, name="title", default_kind="ORG")) == 1


def test_add_incrementally_and_atomically() -> None:
    gaz = Gazetteer([PUTIN])
    assert spans(gaz, "Assad met Putin.") == [("Putin", "Q7747")]
    gaz.add([ASSAD])
    assert spans(gaz, "Assad met Putin.") == [("Assad", "Q44329"), ("Putin", "Q7747")]
    with pytest.raises(quotewise.GazetteerError, match=r"entry 1: id \"Q7747\" is already in the gazetteer"):
        gaz.add([{"id": "Q1", "name": "Kremlin", "kind": "ORG"}, PUTIN])
    assert "Q1" not in gaz and len(gaz) == 2


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"id": "a", "kind": "ORG"}, r"entry 0: `name` is missing"),
        ({"id": "a", "name": "  ", "kind": "ORG"}, r"entry 0: entry \"a\": `name` is empty"),
        ({"name": "X", "kind": "ORG"}, r"entry 0: `id` is missing"),
        ({"id": 1.5, "name": "X", "kind": "ORG"}, r"`id` must be a str or int, not float"),
        ({"id": "a", "name": "X", "kind": "ORG", "aliases": [1]}, r"`aliases` must hold str, not int"),
        ({"id": "a", "name": "X", "kind": "ORG", "weight": "heavy"}, r"`weight` must be a number"),
        (
            {"id": "a", "name": "X", "kind": "ORG", "since": object()},
            r"metadata \"since\": a object is not JSON-able",
        ),
        ({"id": "a", "name": "x" * 1001, "kind": "ORG"}, r"1001 bytes long; the limit is 1000"),
    ],
)
def test_bad_entries_are_named(entry: dict[str, object], message: str) -> None:
    with pytest.raises(quotewise.GazetteerError, match=message) as info:
        Gazetteer([entry])
    assert isinstance(info.value, ValueError) and isinstance(info.value, quotewise.QuotewiseError)


def test_duplicate_ids_in_one_batch() -> None:
    with pytest.raises(quotewise.GazetteerError, match=r"entry 1: id \"Q7747\" repeats the id of entry 0"):
        Gazetteer([PUTIN, PUTIN])


def test_integer_ids_become_strings() -> None:
    gaz = Gazetteer([{"id": 7, "name": "Kremlin", "kind": "ORG"}])
    assert gaz.find("The Kremlin said")[0].entity_id == "7"


def test_case_sensitivity_options() -> None:
    who = {"id": "who", "name": "World Health Organization", "kind": "ORG", "aliases": ["WHO"]}
    text = "The WHO said who knows."
    assert spans(Gazetteer([who]), text) == [("WHO", "who")]
    assert spans(Gazetteer([{**who, "case_sensitive": False}]), text) == [("WHO", "who"), ("who", "who")]
    nato = {"id": "nato", "name": "NATO", "kind": "ORG", "case_sensitive": True}
    assert spans(Gazetteer([nato]), "NATO and Nato") == [("NATO", "nato")]


def test_person_variants_can_be_turned_off() -> None:
    gaz = Gazetteer([PUTIN], person_variants=False)
    assert not gaz.person_variants
    assert spans(gaz) == [("Vladimir Putin", "Q7747")]


def test_casing_override() -> None:
    gaz = Gazetteer([{"id": "may", "name": "Theresa May", "kind": "PERSON"}])
    text = "theresa may spoke. May said no."
    assert [m.text for m in gaz.find(text)] == ["theresa may", "May"]
    assert [m.text for m in gaz.find(text, casing="uncased")] == ["theresa may", "May"]
    # Read as lowercase text, a surname that is a word needs the full name
    # first, unless it is the subject of a report (`may said`)...
    assert [m.text for m in gaz.find("May said no.", casing="uncased")] == ["May"]
    assert [m.text for m in gaz.find("The deal May fail.", casing="uncased")] == []
    with pytest.raises(quotewise.ArgumentError, match="casing must be"):
        gaz.find(text, casing="lower")  # type: ignore[arg-type]


# -- files ---------------------------------------------------------------------------------


def test_csv_tsv_and_jsonl_files(tmp_path: Path) -> None:
    csv = tmp_path / "people.csv"
    csv.write_text(
        "id,name,kind,aliases,party\nQ7747,Vladimir Putin,PERSON,,United Russia\n"
        'Q44329,"Bashar al-Assad",PERSON,Bashar Assad|Dr. Assad,Baath\n',
        encoding="utf-8",
    )
    tsv = tmp_path / "people.tsv"
    tsv.write_text("qid\tlabel\nQ7747\tVladimir Putin\nQ44329\tBashar al-Assad\n", encoding="utf-8")
    jsonl = tmp_path / "people.jsonl"
    jsonl.write_text(json.dumps(PUTIN) + "\n\n" + json.dumps(ASSAD) + "\n", encoding="utf-8")
    from_csv = Gazetteer.from_file(csv)
    assert from_csv["Q7747"]["party"] == "United Russia"
    assert spans(from_csv) == spans(Gazetteer([PUTIN, ASSAD]))
    from_tsv = Gazetteer.from_file(tsv, id="qid", name="label", default_kind="PERSON")
    assert [m.entity_id for m in from_tsv.find(TEXT)] == ["Q7747", "Q44329", "Q7747"]
    assert spans(Gazetteer.from_file(jsonl)) == spans(Gazetteer([PUTIN, ASSAD]))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "bad.csv",
            "id,name,kind\n1,Putin,PERSON\n2,,PERSON\n",
            r"bad.csv, line 3: entry \"2\": `name` is empty",
        ),
        (
            "bad.csv",
            "id,name,kind\n1,A,ORG\n1,B,ORG\n",
            r"bad.csv, line 3: id \"1\" repeats the id on line 2",
        ),
        ("bad.csv", "ident,name,kind\n1,A,ORG\n", r"bad.csv, line 1: no id column \"id\""),
        (
            "bad.csv",
            "id,name,kind\n1,A,ORG\n2,B\n",
            r"bad.csv, line 3: the row has 2 fields but the header has 3",
        ),
        (
            "bad.jsonl",
            '{"id": "a", "name": "A", "kind": "ORG"}\n{"id": "b", "name": "B"\n',
            r"bad.jsonl, line 2",
        ),
        ("bad.jsonl", '{"id": "a", "name": "A"}\n', r"bad.jsonl, line 1: missing field `kind`"),
    ],
)
def test_bad_files_name_file_line_and_reason(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(quotewise.DictionaryFileError, match=message):
        Gazetteer.from_file(path)


def test_wrong_encoding_and_missing_file(tmp_path: Path) -> None:
    latin1 = tmp_path / "cities.csv"
    latin1.write_bytes("id,name,kind\n1,Geneva,GPE\n2,Zürich,GPE\n".encode("latin-1"))
    with pytest.raises(quotewise.DictionaryFileError, match=r"cities.csv, line 3: not UTF-8 text"):
        Gazetteer.from_file(latin1)
    with pytest.raises(FileNotFoundError, match=r"missing\.csv"):
        Gazetteer.from_file(tmp_path / "missing.csv")
    with pytest.raises(quotewise.ArgumentError, match="cannot tell the format"):
        Gazetteer.from_file(tmp_path / "people.xlsx")


def test_save_and_load(tmp_path: Path) -> None:
    gaz = Gazetteer([PUTIN, ASSAD], person_variants=False)
    path = tmp_path / "g.json"
    gaz.save(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith('{"format": "quotewise-gazetteer", "version": 1')
    assert len(lines) == 4  # header, one line per entry, closing line
    back = Gazetteer.load(path)
    assert back == gaz and not back.person_variants
    assert spans(back) == spans(gaz)


def test_saved_file_versions_and_corruption(tmp_path: Path) -> None:
    text = Gazetteer([PUTIN]).to_json()
    cases = {
        "newer.json": (text.replace('"version": 1', '"version": 9'), "newer quotewise"),
        "truncated.json": (text[: len(text) // 2], "truncated"),
        "other.json": ('{"entries": []}', "not a saved quotewise gazetteer"),
    }
    for name, (content, message) in cases.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        with pytest.raises(quotewise.DictionaryFileError, match=message):
            Gazetteer.load(path)


def test_pickle_rebuilds_from_entries() -> None:
    gaz = Gazetteer([PUTIN, ASSAD])
    gaz.find(TEXT)  # compiled
    back = pickle.loads(pickle.dumps(gaz))
    assert back == gaz
    assert back.find(TEXT) == gaz.find(TEXT)
    assert copy.deepcopy(gaz) == gaz


def test_repr_and_inspection() -> None:
    gaz = Gazetteer([PUTIN, ASSAD, {"id": "kremlin", "name": "Kremlin", "kind": "ORG"}])
    assert repr(gaz) == "Gazetteer(3 entries; PERSON: 2, ORG: 1)"
    assert gaz.kinds() == {"ORG": 1, "PERSON": 2}
    assert "kremlin" in gaz and "nope" not in gaz and 5 not in gaz
    assert [e["id"] for e in gaz] == ["Q7747", "Q44329", "kremlin"]
    assert gaz.get("nope") is None
    with pytest.raises(KeyError):
        gaz["nope"]
    stats = gaz.stats()
    assert stats["entries"] == 3 and stats["keys"] > 3 and stats["automaton_bytes"] > 0


# -- the Mention object -----------------------------------------------------------------


def test_mention_is_a_frozen_value() -> None:
    m = Gazetteer([PUTIN]).find("Putin said.")[0]
    assert repr(m) == (
        "Mention(text='Putin', start=0, end=5, entity_id='Q7747', name='Vladimir Putin', "
        "kind='PERSON', alias='Putin')"
    )
    with pytest.raises(AttributeError):
        m.start = 3  # type: ignore[misc]
    assert m == Gazetteer([PUTIN]).find("Putin said.")[0]
    assert len({m, Gazetteer([PUTIN]).find("Putin said.")[0]}) == 1
    assert m.to_dict() == {
        "text": "Putin",
        "start": 0,
        "end": 5,
        "entity_id": "Q7747",
        "name": "Vladimir Putin",
        "kind": "PERSON",
        "alias": "Putin",
        "ambiguous": False,
        "candidates": ("Q7747",),
        "metadata": {"party": "United Russia", "born": 1952},
    }
    back = pickle.loads(pickle.dumps(m))
    assert back == m and back.metadata == m.metadata and back.name == m.name


def test_ambiguous_mention() -> None:
    gaz = Gazetteer(
        [
            {"id": "b", "name": "Bashar al-Assad", "kind": "PERSON"},
            {"id": "h", "name": "Hafez al-Assad", "kind": "PERSON"},
        ]
    )
    m = gaz.find("Assad spoke.")[0]
    assert m.ambiguous and m.entity_id is None and m.name is None
    assert m.candidates == ("b", "h") and m.kind == "PERSON"
    assert "ambiguous=True, candidates=('b', 'h')" in repr(m)
    assert pickle.loads(pickle.dumps(m)) == m


def test_mention_constructor() -> None:
    m = Mention(
        "Putin", 3, 8, entity_id="Q7747", name="Vladimir Putin", kind="PERSON", metadata={"a": [1, 2]}
    )
    assert (m.text, m.start, m.end, m.alias, m.metadata) == ("Putin", 3, 8, "Putin", {"a": [1, 2]})


# -- bad documents -------------------------------------------------------------------------


def test_find_rejects_what_is_not_text() -> None:
    gaz = Gazetteer([PUTIN])
    with pytest.raises(quotewise.DocumentTypeError, match="expected a str, got bytes"):
        gaz.find(b"Putin")  # type: ignore[arg-type]
    with pytest.raises(quotewise.InvalidTextError, match=r"lone surrogate at index 6"):
        gaz.find("Putin \ud800 said")


def test_long_aliases_and_odd_rows_in_files(tmp_path: Path) -> None:
    # A 10,000-character alias is refused with file, line and reason (names
    # are capped at 1,000 bytes); one just under the cap works.
    path = tmp_path / "odd.csv"
    huge = "Very " * 2000 + "Long Name"
    path.write_text(f'id,name,kind,aliases\nok,Fine Name,ORG,\nlong,Long,ORG,"{huge}"\n', encoding="utf-8")
    with pytest.raises(
        quotewise.DictionaryFileError, match=r"odd.csv, line 3: .*10009 bytes long; the limit is 1000"
    ):
        Gazetteer.from_file(path)
    long_name = "Very " * 195 + "Long Name"  # 984 characters
    path.write_text(f'id,name,kind,aliases\nlong,"{long_name}",ORG,LN\n', encoding="utf-8")
    gaz = Gazetteer.from_file(path)
    text = f"Before. {long_name} said so; LN agreed."
    assert [(m.text, m.entity_id) for m in gaz.find(text)] == [(long_name, "long"), ("LN", "long")]
    dup = tmp_path / "dup.csv"
    dup.write_text("id,name,kind\ndup,Dup One,ORG\ndup,Dup Two,ORG\n", encoding="utf-8")
    with pytest.raises(quotewise.DictionaryFileError, match=r"dup.csv, line 3: .*dup"):
        Gazetteer.from_file(dup)
    empty = tmp_path / "empty_name.csv"
    empty.write_text("id,name,kind\n1,,ORG\n", encoding="utf-8")
    with pytest.raises(quotewise.DictionaryFileError, match=r"empty_name.csv, line 2: .*name"):
        Gazetteer.from_file(empty)
    misnamed = tmp_path / "misnamed.csv"
    misnamed.write_text("ident,label,type\n1,A,ORG\n", encoding="utf-8")
    with pytest.raises(quotewise.DictionaryFileError, match=r"misnamed.csv.*id"):
        Gazetteer.from_file(misnamed)
