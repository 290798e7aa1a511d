"""Quote extraction and speaker attribution: who said what, about whom."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Literal

from . import _arrow, _progress
from ._quotewise import Quote, _QuoteExtractor
from .document import Document
from .errors import ArgumentError
from .gazetteer import Casing, Errors, Gazetteer

__all__ = ["Form", "QuoteExtractor", "analyze", "analyze_many", "quotes"]

#: The ``form`` option of :class:`QuoteExtractor`.
Form = Literal["auto", "marked", "unmarked"]

#: Documents handed to the core per call by ``analyze_many``: large enough
#: for both threads to stay busy, small enough to stream.
BATCH_SIZE = 2048


class QuoteExtractor:
    """Finds quotes — direct, indirect and mixed — and attributes each to its
    speaker, linked to the speaker's gazetteer entry where there is one.

    Options:

    - ``thought_verbs``: also attribute thoughts and beliefs (``believes``,
      ``thinks``, ``hopes``); off by default, as "who said what" is about speech.
    - ``extra_cues``: more reporting verbs, each a list of its forms, lemma
      first (``[["opine", "opines", "opined", "opining"]]``).
    - ``removed_cues``: reporting verbs (lemmas or single forms) not to use.
    - ``unmarked_speech``: in text without quotation marks (stripped or
      unmarked), give first-person sentences next to an attributed quote to
      its speaker.
    - ``form``: ``"auto"`` (the default) tells from each text whether it kept
      its quotation marks and apostrophes; ``"marked"`` reads every text as
      written; ``"unmarked"`` reads every text as having lost them (``Mexico
      s``, ``don t``, ``made her  very upset``), recovering the marks from the
      traces they left. Lowercase unmarked text is the stripped form.

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
        form: Form = "auto",
    ) -> None:
        self._core = _QuoteExtractor(
            thought_verbs=thought_verbs,
            extra_cues=[list(forms) for forms in extra_cues] if extra_cues is not None else None,
            removed_cues=list(removed_cues) if removed_cues is not None else None,
            unmarked_speech=unmarked_speech,
            form=form,
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
        errors: Errors = "raise",
    ) -> list[list[Quote]]:
        """The quotes of each text, in input order, extracted in parallel with
        the GIL released. ``texts`` may be a list, tuple, pandas Series or any
        iterable; None and NaN give an empty list. A document that fails
        raises, naming its index; with ``errors="skip"`` it gets an empty list
        and one :class:`SkippedDocumentsWarning` names every skipped one.
        Arrow data (a pyarrow array, a polars Series, …) is read in place."""
        core = gazetteer._core if gazetteer is not None else None
        arrow = _arrow.arrow_texts(texts)
        if arrow is None:
            return self._core.quotes_many(texts, core, n_threads=n_threads, casing=casing, errors=errors)
        found: list[list[Quote]] = []
        for chunk in _arrow.batches(arrow, _arrow.WHOLE):
            found += self._core.quotes_many(
                chunk, core, n_threads=n_threads, casing=casing, errors=errors, offset=len(found)
            )
        return found

    def analyze(self, text: str, gazetteer: Gazetteer | None = None, *, casing: Casing = "auto") -> Document:
        """The :class:`Document` of ``text``: its mentions (with a
        ``gazetteer``), quotes and sentences, matching the dictionary once."""
        core = gazetteer._core if gazetteer is not None else None
        return Document._from_core(text, self._core.analyze(text, core, casing=casing))

    def analyze_many(
        self,
        texts: Iterable[str | None],
        gazetteer: Gazetteer | None = None,
        *,
        n_threads: int | None = None,
        batch_size: int = BATCH_SIZE,
        progress: bool | None = None,
        casing: Casing = "auto",
        errors: Errors = "raise",
    ) -> Iterator[Document]:
        """The :class:`Document` of each text, streamed in input order.

        ``texts`` may be any iterable (a list, a pandas Series, a generator)
        or Arrow data (read in place); it is read ``batch_size`` documents at a time, and each batch is
        analysed in parallel on ``n_threads`` threads (default: all cores)
        with the GIL released. None or NaN gives an empty document.
        ``progress=True`` shows a tqdm bar (``pip install tqdm``); the default,
        None, shows one in a Jupyter notebook when there are more than
        ``batch_size`` texts. Ctrl-C stops it with ``KeyboardInterrupt``.

        A document that is not a str (nor None/NaN), or whose text cannot be
        encoded, raises naming its index (``errors="raise"``). With
        ``errors="skip"`` it becomes an empty document whose ``error`` says
        why, the others are unaffected, and a :class:`SkippedDocumentsWarning`
        per batch counts the skipped ones.
        """
        if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
            raise ArgumentError(f"batch_size must be a positive int, not {batch_size!r}")
        core = gazetteer._core if gazetteer is not None else None
        bar = _progress.bar(progress, _progress.length(texts), batch_size, "documents")
        source = _arrow.arrow_texts(texts) or texts
        offset = 0  # index of the batch's first document in the input
        try:
            for given in _arrow.batches(source, batch_size):
                batch = _arrow.strings(given)
                results = self._core.analyze_many(
                    given, core, n_threads=n_threads, casing=casing, errors=errors, offset=offset
                )
                # The whole batch is wrapped with the cyclic collector paused,
                # as the core builds its objects (see src/python/gc.rs):
                # Documents hold no cycles, and no user code runs meanwhile.
                with _gc_paused():
                    docs = [
                        Document._from_core(text if isinstance(text, str) else "", result)
                        if not isinstance(result, str)
                        else Document._failed(text, result)
                        for text, result in zip(batch, results, strict=True)
                    ]
                offset += len(batch)
                del results
                yield from docs
                if bar is not None:
                    bar.update(len(batch))
        finally:
            if bar is not None:
                bar.close()

    def __repr__(self) -> str:
        changed = {
            k: v
            for k, v in self.options.items()
            if v not in (False, [], None, "auto") and k != "unmarked_speech"
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


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Disables the cyclic collector for the block, then restores the
    caller's setting."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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


def analyze(
    text: str, gazetteer: Gazetteer | None = None, *, casing: Casing = "auto", **options: Any
) -> Document:
    """The :class:`Document` of ``text``: mentions, quotes and sentences (see
    :class:`QuoteExtractor` for ``options``).

    >>> doc = analyze('"We will win," Putin said.')
    >>> doc
    Document(chars=26, sentences=1, mentions=0, quotes=1, casing='cased', form='marked')
    >>> [(q.text, q.speaker_name) for q in doc.quotes]
    [('We will win', 'Putin')]
    """
    extractor = QuoteExtractor(**options) if options else _default()
    return extractor.analyze(text, gazetteer, casing=casing)


def analyze_many(
    texts: Iterable[str | None],
    gazetteer: Gazetteer | None = None,
    *,
    n_threads: int | None = None,
    batch_size: int = BATCH_SIZE,
    progress: bool | None = None,
    casing: Casing = "auto",
    errors: Errors = "raise",
    **options: Any,
) -> Iterator[Document]:
    """:meth:`QuoteExtractor.analyze_many` with a default extractor (or one
    made from ``options``)."""
    extractor = QuoteExtractor(**options) if options else _default()
    return extractor.analyze_many(
        texts,
        gazetteer,
        n_threads=n_threads,
        batch_size=batch_size,
        progress=progress,
        casing=casing,
        errors=errors,
    )
