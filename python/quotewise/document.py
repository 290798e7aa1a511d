"""One analysed article: its mentions, its quotes and its sentences.

A :class:`Document` is what :func:`quotewise.analyze` returns: everything
quotewise found in one text, from a single pass (the dictionary is matched
once for both the mentions and the quotes). It is immutable and picklable,
converts to plain dicts (``to_dict``) and to spaCy's manual displaCy format
(``to_displacy``), and shows itself in a notebook as the article with its
entities highlighted and each quote marked with its speaker.
"""

from __future__ import annotations

import html
from array import array
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, NoReturn

from ._quotewise import Mention, Quote, Span

if TYPE_CHECKING:
    from ._quotewise import _Analysis

__all__ = ["Document"]

#: The notebook view shows at most this many characters of the article.
HTML_MAX_CHARS = 20_000

# Colours of the notebook view, by mention kind (others get the last one).
_KIND_COLOURS = {"PERSON": "#fde68a", "ORG": "#bfdbfe", "GPE": "#bbf7d0", "NORP": "#ddd6fe", "LOC": "#a7f3d0"}
_OTHER_COLOUR = "#e5e7eb"


class Document:
    """The mentions, quotes and sentences of one text (immutable).

    - ``text``: the article, as given.
    - ``mentions``: the dictionary's entries found in it (:class:`Mention`).
    - ``quotes``: who said what (:class:`Quote`), in order.
    - ``sentences``: the sentence spans (:class:`Span`).
    - ``casing``: ``"cased"`` or ``"uncased"`` (lowercase, stripped corpora),
      as detected or as given.
    - ``form``: ``"marked"``, or ``"unmarked"`` when the text lost its quotation
      marks and apostrophes (``Mexico s``, ``don t``): with ``casing="uncased"``
      the stripped form of preprocessed corpora, with ``"cased"`` the unmarked
      form. As detected, or as the extractor's ``form`` option gives it.
    - ``error``: None; under ``analyze_many(..., errors="skip")``, for a
      document that could not be processed, why (it then has no results).

    Offsets are Python string indices: ``doc.text[q.start:q.end] == q.text``.
    """

    __slots__ = ("_bounds", "_sentences", "casing", "error", "form", "mentions", "quotes", "text")

    text: str
    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    casing: str
    form: str
    error: str | None
    _bounds: bytes  # sentence (start, end) pairs, native u64s
    _sentences: tuple[Span, ...] | None

    def __init__(
        self,
        text: str,
        mentions: Sequence[Mention] = (),
        quotes: Sequence[Quote] = (),
        sentences: Sequence[tuple[int, int]] = (),
        casing: str = "cased",
        error: str | None = None,
        form: str = "marked",
    ) -> None:
        put = object.__setattr__
        put(self, "text", text)
        put(self, "mentions", tuple(mentions))
        put(self, "quotes", tuple(quotes))
        put(self, "_bounds", array("Q", [int(i) for pair in sentences for i in pair]).tobytes())
        put(self, "_sentences", None)
        put(self, "casing", casing)
        put(self, "form", form)
        put(self, "error", error)

    @classmethod
    def _from_core(cls, text: str, result: _Analysis) -> Document:
        # The core's tuples are used as they are (this runs once per document
        # of a batch, so it skips the conversions of __init__).
        doc = object.__new__(cls)
        put = object.__setattr__
        put(doc, "text", text)
        put(doc, "mentions", result[0])
        put(doc, "quotes", result[1])
        put(doc, "_bounds", result[2])
        put(doc, "_sentences", None)
        put(doc, "casing", result[3])
        put(doc, "form", result[4])
        put(doc, "error", None)
        return doc

    @classmethod
    def _failed(cls, text: object, error: str) -> Document:
        """The empty document of a text skipped under ``errors="skip"``."""
        return cls(text if isinstance(text, str) else "", error=error)

    @property
    def sentences(self) -> tuple[Span, ...]:
        """The sentences, as spans of the text (built on first use)."""
        spans = self._sentences
        if spans is None:
            spans = tuple(Span(self.text[s:e], s, e) for s, e in self._pairs())
            object.__setattr__(self, "_sentences", spans)
        return spans

    def speakers(self) -> list[str]:
        """The resolved speakers, in order of their first quote."""
        return list(dict.fromkeys(q.speaker_name for q in self.quotes if q.speaker_name))

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-serialisable): text, casing, sentences, mentions and quotes."""
        return {
            "text": self.text,
            "casing": self.casing,
            "form": self.form,
            "error": self.error,
            "sentences": [{"start": s, "end": e} for s, e in self._pairs()],
            "mentions": [m.to_dict() for m in self.mentions],
            "quotes": [q.to_dict() for q in self.quotes],
        }

    def to_displacy(self, style: Literal["ent", "span"] = "ent") -> dict[str, Any]:
        """spaCy's manual displaCy format, so that
        ``displacy.render(doc.to_displacy(), style="ent", manual=True)`` works
        without quotewise depending on spaCy.

        ``style="ent"``: the mentions, labelled by kind. ``style="span"``: the
        mentions and, overlapping them, each quote labelled ``QUOTE: speaker``,
        over whitespace tokens (render with ``style="span"``).
        """
        if style == "ent":
            ents = [{"start": m.start, "end": m.end, "label": m.kind or "ENTITY"} for m in self.mentions]
            return {"text": self.text, "ents": ents, "title": None}
        if style != "span":
            raise ValueError(f"style must be 'ent' or 'span', not {style!r}")
        tokens, starts, ends = _whitespace_tokens(self.text)
        spans = []
        items: list[tuple[int, int, str]] = [(m.start, m.end, m.kind or "ENTITY") for m in self.mentions]
        items += [(q.start, q.end, f"QUOTE: {q.speaker_name or '?'}") for q in self.quotes]
        for start, end, label in sorted(items):
            first, last = _token_range(starts, ends, start, end)
            if first <= last:
                spans.append({"start_token": first, "end_token": last + 1, "label": label})
        return {"text": self.text, "tokens": tokens, "spans": spans}

    def _repr_html_(self) -> str:
        return render_html(self)

    def __repr__(self) -> str:
        if self.error is not None:
            return f"Document(chars={len(self.text)}, error={self.error!r})"
        return (
            f"Document(chars={len(self.text)}, sentences={len(self._bounds) // 16}, "
            f"mentions={len(self.mentions)}, quotes={len(self.quotes)}, casing={self.casing!r}, form={self.form!r})"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def _key(self) -> tuple[Any, ...]:
        return (self.text, self.mentions, self.quotes, self._bounds, self.casing, self.error, self.form)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (
            Document,
            (self.text, self.mentions, self.quotes, self._pairs(), self.casing, self.error, self.form),
        )

    def _pairs(self) -> list[tuple[int, int]]:
        flat = memoryview(self._bounds).cast("Q")
        return list(zip(flat[::2], flat[1::2], strict=True))

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"Document is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"Document is immutable: cannot delete {name!r}")


def _whitespace_tokens(text: str) -> tuple[list[str], list[int], list[int]]:
    tokens: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, word in enumerate(text.split()):
        start = text.index(word, ends[i - 1] if i else 0)
        tokens.append(word)
        starts.append(start)
        ends.append(start + len(word))
    return tokens, starts, ends


def _token_range(starts: list[int], ends: list[int], start: int, end: int) -> tuple[int, int]:
    """The first and last whitespace token overlapping ``[start, end)``."""
    from bisect import bisect_left, bisect_right

    return bisect_right(ends, start), bisect_left(starts, end) - 1


def render_html(doc: Document, max_chars: int = HTML_MAX_CHARS) -> str:
    """The notebook view: the article (at most ``max_chars`` characters) with
    mentions highlighted by kind and each quote underlined and labelled with
    its speaker, then a table of the quotes. Everything from the text is
    HTML-escaped."""
    shown = doc.text[:max_chars]
    # Quotes that do not overlap an earlier one; mentions that lie wholly
    # inside or wholly outside every shown quote (so the tags nest).
    quotes: list[Quote] = []
    for q in doc.quotes:
        if q.end <= len(shown) and (not quotes or q.start >= quotes[-1].end):
            quotes.append(q)
    mentions = [
        m
        for m in doc.mentions
        if m.end <= len(shown)
        and all(
            m.end <= q.start or m.start >= q.end or (q.start <= m.start and m.end <= q.end) for q in quotes
        )
    ]
    # (position, order, tag): at one position, inner closes, outer closes,
    # outer opens, inner opens; a quote is outer to the mentions inside it.
    events: list[tuple[int, int, str]] = []
    for q in quotes:
        who = html.escape(q.speaker_name or "unknown speaker")
        events.append((q.start, 2, f'<span class="qw-quote" title="{who} ({html.escape(q.kind)})">'))
        events.append((q.end, 1, f'</span><sup class="qw-who">{who}</sup>'))
    for m in mentions:
        colour = _KIND_COLOURS.get(m.kind or "", _OTHER_COLOUR)
        title = html.escape(f"{m.name or m.text} · {m.kind or ''} · {m.entity_id or ''}", quote=True)
        events.append((m.start, 3, f'<mark style="background:{colour}" title="{title}">'))
        events.append((m.end, 0, "</mark>"))
    events.sort(key=lambda e: (e[0], e[1]))
    parts: list[str] = []
    at = 0
    for pos, _, tag in events:
        parts.append(html.escape(shown[at:pos]))
        parts.append(tag)
        at = pos
    parts.append(html.escape(shown[at:]))
    if len(doc.text) > len(shown):
        parts.append(
            f'<span class="qw-more">… {len(doc.text) - len(shown):,} more characters not shown</span>'
        )
    rows = "".join(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
            html.escape(q.speaker_name or ""),
            html.escape(q.kind),
            html.escape(q.cue.text if q.cue else ""),
            html.escape(q.text if len(q.text) <= 200 else q.text[:199] + "…"),
        )
        for q in doc.quotes[:100]
    )
    more = f"<p>… and {len(doc.quotes) - 100} more quotes</p>" if len(doc.quotes) > 100 else ""
    # The legend: what each colour means (the kinds shown), and the quote mark.
    kinds = sorted({m.kind or "" for m in mentions})
    legend = " ".join(
        f'<mark style="background:{_KIND_COLOURS.get(k, _OTHER_COLOUR)}">{html.escape(k or "no kind")}</mark>'
        for k in kinds
    )
    legend = (
        '<p class="qw-legend">'
        + (f"mentions by kind: {legend}; " if legend else "")
        + '<span class="qw-quote">a quote</span><sup class="qw-who">its speaker</sup></p>'
    )
    return (
        '<div class="quotewise-document">'
        "<style>.quotewise-document .qw-quote{border-bottom:2px solid #f97316}"
        ".quotewise-document .qw-who{color:#c2410c;font-size:70%;margin-left:2px}"
        ".quotewise-document mark{padding:0 2px;border-radius:3px}"
        ".quotewise-document .qw-more{color:#6b7280}"
        ".quotewise-document .qw-legend{font-size:85%;color:#374151}</style>"
        f"<p><b>{len(doc.quotes)} quotes, {len(doc.mentions)} mentions</b> "
        f"({len(doc.text):,} characters, {html.escape(doc.casing)}, {html.escape(doc.form)})</p>"
        f"{legend}"
        f'<div style="white-space:pre-wrap;line-height:1.7">{"".join(parts)}</div>'
        "<table><thead><tr><th>speaker</th><th>kind</th><th>cue</th><th>quote</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>{more}</div>"
    )
