"""Properties of the matcher on random text and random dictionaries.

1. On any Unicode text, every mention's offsets are Python string indices of
   its text, and mentions are sorted and do not overlap.
2. On text over an alphabet that exercises every folding rule (accents,
   Unicode case, ß, İ, ligatures, combining marks, odd spaces and hyphens,
   apostrophes, invisible characters, emoji, CJK), the matcher returns exactly
   the whole-word, leftmost-longest matches a slow pure-Python oracle finds.
"""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quotewise

# -- property 1: offsets on arbitrary text ---------------------------------------------------

any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)


@st.composite
def text_and_names(draw: st.DrawFn, alphabet: st.SearchStrategy[str]) -> tuple[str, list[str]]:
    text = draw(st.text(alphabet, max_size=200))
    names = []
    for _ in range(draw(st.integers(0, 8))):
        if text and draw(st.booleans()):
            i = draw(st.integers(0, len(text) - 1))
            j = draw(st.integers(i + 1, min(len(text), i + 25)))
            names.append(text[i:j])
        else:
            names.append(draw(st.text(alphabet, min_size=1, max_size=12)))
    return text, names


def gazetteer(names: list[str]) -> quotewise.Gazetteer | None:
    entries = [{"id": str(i), "name": n, "kind": "ORG", "case_sensitive": False} for i, n in enumerate(names)]
    try:
        return quotewise.Gazetteer(entries)
    except quotewise.GazetteerError:
        # Names that are blank or too long are refused with a clear error: fine.
        return None


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(text_and_names(st.characters(exclude_categories=("Cs",))))
def test_offsets_are_python_indices(case: tuple[str, list[str]]) -> None:
    text, names = case
    gaz = gazetteer(names)
    if gaz is None:
        return
    mentions = gaz.find(text)
    last_end = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.start >= last_end
        last_end = m.end
    assert gaz.find_many([text, text]) == [mentions, mentions]


@settings(max_examples=100)
@given(any_text)
def test_default_dictionary_offsets_on_any_text(text: str) -> None:
    for m in DEFAULT.find(text):
        assert text[m.start : m.end] == m.text


DEFAULT = quotewise.Gazetteer.default()

# -- property 2: exact agreement with an oracle ---------------------------------------------

ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "     ..,,;:!?'\"()-`\n\t"
    "éèêëáàâäãåçñöøßÉÖØÅæÆœłŁđıİğĞşŞ"
    "αβγΣσςΩдДжЖя中国"
    "\u0301\u0306"  # combining marks
    "\u00a0\u2009\u3000\u2010\u2011\u00ad\u200b"  # odd spaces, hyphens, invisible
    "’‘ʼ“”«»–—…ﬁＡ²٣😀🇹🇷"
)

SPACE_LIKE = set(" \t\n\r\x0b\x0c-\x85\xa0\u1680\u2010\u2011\u2028\u2029\u202f\u205f\u3000") | {
    chr(c) for c in range(0x2000, 0x200B)
}
INVISIBLE = set("\xad\u200b\u200c\u200d\u2060\ufeff")
APOSTROPHES = set("'\u2019\u2018\u02bc\u2032\u00b4`")
SPECIAL = {
    "ß": "ss",
    "ẞ": "ss",
    "ø": "o",
    "Ø": "o",
    "ł": "l",
    "Ł": "l",
    "đ": "d",
    "Đ": "d",
    "ð": "d",
    "Ð": "d",
    "ħ": "h",
    "Ħ": "h",
    "ı": "i",
    "æ": "ae",
    "Æ": "ae",
    "œ": "oe",
    "Œ": "oe",
    "þ": "th",
    "Þ": "th",
    "ς": "σ",
}


def fold_char(c: str) -> str:
    """The oracle's folding of one character (the rules of DESIGN.md, written plainly)."""
    if c in SPACE_LIKE:
        return " "
    if c in INVISIBLE:
        return ""
    if c in APOSTROPHES:
        return "'"
    if c in SPECIAL:
        return SPECIAL[c]
    if c.isascii():
        return c.lower()
    if 0x2012 <= ord(c) <= 0x2017 or 0x201A <= ord(c) <= 0x2027:
        return c
    out = []
    for d in unicodedata.normalize("NFKD", c):
        if unicodedata.category(d).startswith("M"):
            continue
        for low in d.lower():
            out.append({"ß": "ss", "ς": "σ"}.get(low, low))
    return "".join(out)


def fold_with_origin(text: str) -> tuple[str, list[int]]:
    """Folded text, and for each folded character the index of the original
    character it came from; runs of spaces collapse to one."""
    chars: list[str] = []
    origin: list[int] = []
    for i, c in enumerate(text):
        for f in fold_char(c):
            if f == " " and chars and chars[-1] == " ":
                continue
            chars.append(f)
            origin.append(i)
    return "".join(chars), origin


def is_word(c: str) -> bool:
    return c.isalnum()


def keys_of(name: str) -> list[tuple[str, bool]]:
    """Search keys of a name, each with whether it is a dotted abbreviation: the
    folded name with single spaces and, if it has an apostrophe, the same with
    the apostrophe written as a space (the stripped style)."""
    folded = " ".join(fold_with_origin(" ".join(name.split()))[0].split(" ")).strip(" ")
    folded = " ".join(w for w in folded.split(" ") if w)
    stem = folded[:-1] if folded.endswith(".") else folded
    n = len(stem)
    dotted = (
        n >= 3
        and stem[n - 2] == "."
        and stem[n - 1].isascii()
        and stem[n - 1].isalpha()
        and stem[n - 3].isascii()
        and stem[n - 3].isalpha()
        and (n == 3 or not stem[n - 4].isalnum())
    )
    key = stem if dotted else folded
    keys = [(key, dotted)]
    if "'" in key:
        keys.append((" ".join(w for w in key.replace("'", " ").split(" ") if w), dotted))
    return keys


def oracle(text: str, names: list[str]) -> list[tuple[int, int]]:
    keys: dict[str, bool] = {}
    for name in names:
        for key, dotted in keys_of(name):
            if any(is_word(c) for c in key):
                keys[key] = keys.get(key, False) or dotted
    folded, origin = fold_with_origin(text)
    found: list[tuple[int, int]] = []
    # Keys have single spaces; a run of spaces in the text reads as one.
    p = 0
    while p < len(folded):
        best = None
        for key in keys:
            if not folded.startswith(key, p):
                continue
            starts_word = is_word(key[0])
            if starts_word and p > 0 and is_word(folded[p - 1]):
                continue
            e = p + len(key)
            if is_word(key[-1]) and e < len(folded) and is_word(folded[e]):
                continue
            if best is None or e > best[1]:
                best = (key, e)
        if best is None:
            p += 1
            continue
        key, e = best
        if keys[key] and e < len(folded) and folded[e] == ".":
            e += 1
        start = origin[p]
        end = origin[e - 1] + 1
        found.append((start, end))
        p = e
    return found


# A small alphabet of the characters that sit at word edges, so that names
# and texts starting or ending with them come up often.
EDGES = "ab '’-.\u00a0Ab"


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(text_and_names(st.sampled_from(ALPHABET)), text_and_names(st.sampled_from(EDGES))))
def test_no_whole_word_match_is_missed(case: tuple[str, list[str]]) -> None:
    text, names = case
    gaz = gazetteer(names)
    if gaz is None:
        return
    got = [(m.start, m.end) for m in gaz.find(text, casing="uncased")]
    assert got == oracle(text, names)


def test_oracle_sanity() -> None:
    # The oracle itself on hand-checked inputs.
    assert oracle("Erdoğan’s İSTANBUL", ["erdogan", "istanbul"]) == [(0, 7), (10, 18)]
    assert oracle("the U.S. and u.s", ["U.S."]) == [(4, 8), (13, 16)]
    assert oracle("Bank of Americas", ["Bank", "Bank of America"]) == [(0, 4)]


# -- property 3: table rows are the objects' rows, with the same Python offsets -------------

NEWS_WORDS = st.sampled_from(
    [
        "Putin",
        "said",
        "Moscow",
        "“",
        "”",
        '"',
        "«",
        "»",
        "NATO",
        "the",
        "talks",
        "é",
        "🇹🇷",
        "中国",
        ".",
        ",",
        "\n",
    ]
)
news_like = st.lists(st.one_of(NEWS_WORDS, st.text(max_size=4)), max_size=40).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.none(), news_like, any_text), max_size=6))
def test_table_rows_have_the_objects_offsets(texts: list[str | None]) -> None:
    from .rows import mention_row, quote_row

    quotes = quotewise.quotes_frame(texts, gazetteer=DEFAULT, output="arrow", batch_size=4).to_pydict()
    mentions = quotewise.mentions_frame(texts, gazetteer=DEFAULT, output="arrow", batch_size=4).to_pydict()
    want_quotes = [
        {"doc_id": i, **quote_row(q)} for i, t in enumerate(texts) if t for q in quotewise.quotes(t, DEFAULT)
    ]
    want_mentions = [
        {"doc_id": i, **mention_row(m)} for i, t in enumerate(texts) if t for m in DEFAULT.find(t)
    ]
    for table, want, column in ((quotes, want_quotes, "quote"), (mentions, want_mentions, "text")):
        rows = [dict(zip(table, values, strict=True)) for values in zip(*table.values(), strict=True)]
        assert rows == want
        for row in rows:
            assert texts[row["doc_id"]][row["start"] : row["end"]] == row[column]  # type: ignore[index]
