"""Exceptions raised by quotewise.

Every exception derives from :class:`QuotewiseError` and also from the builtin
a Python programmer would expect, so ``except ValueError`` or
``except FileNotFoundError`` works as well as ``except QuotewiseError``.
"""

from __future__ import annotations

__all__ = [
    "ArgumentError",
    "DictionaryFileError",
    "DictionaryNotFoundError",
    "DocumentTypeError",
    "GazetteerError",
    "InternalError",
    "InvalidTextError",
    "QuotewiseError",
    "SkippedDocumentsWarning",
]


class QuotewiseError(Exception):
    """Root of all quotewise errors."""


class GazetteerError(QuotewiseError, ValueError):
    """A dictionary entry is invalid: missing or empty field, duplicate id, bad type."""


class DictionaryFileError(QuotewiseError, ValueError):
    """A dictionary file cannot be read; the message names the file, the line and the reason."""


class DictionaryNotFoundError(QuotewiseError, FileNotFoundError):
    """A dictionary file does not exist."""


class DocumentTypeError(QuotewiseError, TypeError):
    """A document is not a str (nor None/NaN for a missing text); the message names its index."""


class InvalidTextError(QuotewiseError, ValueError):
    """A document's text cannot be processed, e.g. it holds a lone surrogate."""


class ArgumentError(QuotewiseError, ValueError):
    """An argument has a value quotewise cannot use."""


class InternalError(QuotewiseError, RuntimeError):
    """A bug in quotewise. The message says what it was doing; please report it with the input."""


class SkippedDocumentsWarning(UserWarning):
    """Under ``errors="skip"``, a batch call skipped documents it could not
    process; the message counts them and names the first few with the reason.
    (``analyze_many`` also marks each one: its ``Document.error``.)"""
