"""quotewise: who said what, about whom, in news text.

Find the people, organisations and places of a dictionary (a
:class:`Gazetteer`) in news articles, fast, with offsets into your text.

>>> import quotewise
>>> gaz = quotewise.Gazetteer.default()
>>> [(m.text, m.entity_id) for m in gaz.find("U.S. officials met NATO envoys in Brussels.")]
[('U.S.', 'country:US'), ('NATO', 'org:nato'), ('Brussels', 'city:2800866')]
"""

from __future__ import annotations

from ._quotewise import ArrowTable, Mention, Quote, Span, __version__
from .document import Document
from .errors import (
    ArgumentError,
    DictionaryFileError,
    DictionaryNotFoundError,
    DocumentTypeError,
    GazetteerError,
    InternalError,
    InvalidTextError,
    QuotewiseError,
    SkippedDocumentsWarning,
)
from .frames import (
    mentions_batches,
    mentions_frame,
    plot_speakers,
    quotes_batches,
    quotes_frame,
    speaker_edges,
    speakers,
)
from .gazetteer import Gazetteer
from .quotes import QuoteExtractor, analyze, analyze_many, quotes
from .sample import sample_article

__all__ = [
    "ArgumentError",
    "ArrowTable",
    "DictionaryFileError",
    "DictionaryNotFoundError",
    "Document",
    "DocumentTypeError",
    "Gazetteer",
    "GazetteerError",
    "InternalError",
    "InvalidTextError",
    "Mention",
    "Quote",
    "QuoteExtractor",
    "QuotewiseError",
    "SkippedDocumentsWarning",
    "Span",
    "__version__",
    "analyze",
    "analyze_many",
    "mentions_batches",
    "mentions_frame",
    "plot_speakers",
    "quotes",
    "quotes_batches",
    "quotes_frame",
    "sample_article",
    "speaker_edges",
    "speakers",
]
