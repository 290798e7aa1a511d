"""Quote extraction and speaker attribution: who said what, about whom."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from ._quotewise import Quote, _QuoteExtractor
from .gazetteer import Casing, Gazetteer

__all__ = ["QuoteExtractor", "quotes"]


class QuoteExtractor:
    """Finds quotes — direct, indirect and mixed — and attributes each to its
    speaker, linked to the speaker's gazetteer entry where there is one.

    Options:

    - ``thought_verbs``: also attribute thoughts and beliefs (``believes``,
      ``thinks``, ``hopes``); off by default, as "who said what" is about speech.
    - ``extra_cues``: more reporting verbs, each a list of its forms, lemma
      first (``[["opine", "opines", "opined", "opining"]]``).
    - ``removed_cues``: reporting verbs (lemmas or single forms) not to use.
    - ``unmarked_speech``: in stripped text (lowercased, no quotation marks),
      give first-person sentences next to an attributed quote to its speaker.

    The extractor is immutable, thread-safe and picklable.

    >>> ex = QuoteExtractor()
    >>> [q.speaker_name for q in ex.quotes('"We will win," Putin said.')]
    ['Putin']
    """

    __slots__ = ("_core",)

    def __init__(
        self,
        *,
        thought_verbs: bool = False,
        extra_cues: Iterable[Sequence[str]] | None = None,
        removed_cues: Iterable[str] | None = None,
        unmarked_speech: bool = True,
    ) -> None:
        self._core = _QuoteExtractor(
            thought_verbs=thought_verbs,
            extra_cues=[list(forms) for forms in extra_cues] if extra_cues is not None else None,
            removed_cues=list(removed_cues) if removed_cues is not None else None,
            unmarked_speech=unmarked_speech,
        )

    @property
    def options(self) -> dict[str, Any]:
        """The options, as keyword arguments of the constructor."""
        return self._core.options()

    def quotes(
        self, text: str, gazetteer: Gazetteer | None = None, *, casing: Casing = "auto"
    ) -> list[Quote]:
        """The quotes of ``text``, in order.

        With a ``gazetteer``, speakers found in it get its ``speaker_id`` and
        canonical ``speaker_name``, and each quote lists the ``mentions`` of its
        entries inside the quote (who it is about).
        """
        core = gazetteer._core if gazetteer is not None else None
        return self._core.quotes(text, core, casing=casing)

    def quotes_many(
        self,
        texts: Iterable[str | None],
        gazetteer: Gazetteer | None = None,
        *,
        n_threads: int | None = None,
        casing: Casing = "auto",
    ) -> list[list[Quote]]:
        """The quotes of each text, in input order, extracted in parallel with
        the GIL released. ``texts`` may be a list, tuple, pandas Series or any
        iterable; None and NaN give an empty list."""
        core = gazetteer._core if gazetteer is not None else None
        return self._core.quotes_many(texts, core, n_threads=n_threads, casing=casing)

    def __repr__(self) -> str:
        changed = {
            k: v for k, v in self.options.items() if v not in (False, [], None) and k != "unmarked_speech"
        }
        if not self.options["unmarked_speech"]:
            changed["unmarked_speech"] = False
        return "QuoteExtractor(" + ", ".join(f"{k}={v!r}" for k, v in changed.items()) + ")"

    def __reduce__(self) -> tuple[Any, tuple[()], dict[str, Any]]:
        return (QuoteExtractor, (), {"options": self.options})

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._core = _QuoteExtractor(**state["options"])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, QuoteExtractor):
            return NotImplemented
        return self.options == other.options

    __hash__ = None  # type: ignore[assignment]


@lru_cache(maxsize=1)
def _default() -> QuoteExtractor:
    return QuoteExtractor()


def quotes(
    text: str, gazetteer: Gazetteer | None = None, *, casing: Casing = "auto", **options: Any
) -> list[Quote]:
    """The quotes of ``text`` (see :class:`QuoteExtractor` for ``options``).

    >>> [(q.text, q.speaker_name, q.kind) for q in quotes("Putin said the talks would go on.")]
    [('the talks would go on', 'Putin', 'indirect')]
    """
    extractor = QuoteExtractor(**options) if options else _default()
    return extractor.quotes(text, gazetteer, casing=casing)
