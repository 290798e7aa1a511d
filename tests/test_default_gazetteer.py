"""The built-in dictionary."""

from __future__ import annotations

import pytest

import quotewise

GAZ = quotewise.Gazetteer.default()


def found(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.entity_id) for m in GAZ.find(text)]


def test_size_and_kinds() -> None:
    kinds = GAZ.kinds()
    assert len(GAZ) > 1500
    assert kinds["GPE"] > 1000 and kinds["NORP"] > 200 and kinds["ORG"] > 200


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        (
            "U.S. and US officials met in the USA and America.",
            [("U.S.", "country:US"), ("US", "country:US"), ("USA", "country:US"), ("America", "country:US")],
        ),
        (
            "Britain, the UK and the U.K. left; Great Britain voted.",
            [
                ("Britain", "country:GB"),
                ("UK", "country:GB"),
                ("U.K.", "country:GB"),
                ("Great Britain", "country:GB"),
            ],
        ),
        (
            "A Russian diplomat and two Russians, Syrians and an Israeli.",
            [("Russian", "norp:RU"), ("Russians", "norp:RU"), ("Syrians", "norp:SY"), ("Israeli", "norp:IL")],
        ),
        (
            "The Kremlin and the White House spoke to NATO, the EU and the IMF.",
            [
                ("Kremlin", "org:kremlin"),
                ("White House", "org:white-house"),
                ("NATO", "org:nato"),
                ("EU", "org:eu"),
                ("IMF", "org:imf"),
            ],
        ),
        ("The WHO said who knows; the UN agreed.", [("WHO", "org:who"), ("UN", "org:united-nations")]),
        (
            "Talks in Geneva, Moscow and Kyiv (Kiev).",
            [
                ("Geneva", "city:2660646"),
                ("Moscow", "city:524901"),
                ("Kyiv", "city:703448"),
                ("Kiev", "city:703448"),
            ],
        ),
    ],
)
def test_news_names(text: str, expect: list[tuple[str, str]]) -> None:
    assert found(text) == expect


def test_stripped_text() -> None:
    text = "leaders of russia , iran and turkey met in sochi ; the u.s. and the u.n. were absent ."
    assert found(text) == [
        ("russia", "country:RU"),
        ("iran", "country:IR"),
        ("turkey", "country:TR"),
        ("sochi", "city:491422"),
        ("u.s.", "country:US"),
        ("u.n.", "org:united-nations"),
    ]


def test_every_entry_is_findable_by_its_name() -> None:
    # Each canonical name, written as the dictionary writes it in a cased sentence,
    # must produce a mention (of that entry, or of one sharing the name).
    missing = []
    for entry in GAZ:
        text = f"Officials said {entry['name']} was mentioned."
        if not any(m.text == entry["name"] for m in GAZ.find(text)):
            missing.append(entry["name"])
    assert missing == []


def test_credits_geonames() -> None:
    from importlib import resources

    notice = resources.files("quotewise").joinpath("data/NOTICE.md").read_text(encoding="utf-8")
    assert "GeoNames" in notice and "CC-BY 4.0" in notice.replace("CC BY", "CC-BY")
