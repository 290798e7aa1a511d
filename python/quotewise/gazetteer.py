"""The dictionary of people, organisations and places to find in text."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, Union

from . import _arrow, _compat
from ._quotewise import Mention, _Gazetteer

__all__ = ["Casing", "Gazetteer"]

Casing = Literal["auto", "cased", "uncased"]
Errors = Literal["raise", "skip"]
PathLike = Union[str, "os.PathLike[str]"]

_FIELDS = ("id", "name", "kind", "aliases", "weight", "case_sensitive")


def _as_dict(entry: Any, index: int) -> Any:
    """An entry as a plain dict. Unknown types are passed on, so the core
    raises its error naming the entry."""
    if type(entry) is dict:
        return entry
    if isinstance(entry, Mapping):
        return dict(entry)
    if hasattr(entry, "_asdict"):  # namedtuple
        return dict(entry._asdict())
    if dataclasses.is_dataclass(entry) and not isinstance(entry, type):
        return dataclasses.asdict(entry)
    return entry


def _records(entries: Any, columns: Mapping[str, Any] | None = None) -> list[Any]:
    """Entries of any accepted shape as a list of dicts."""
    if _compat.is_dataframe(entries):
        return _dataframe_records(entries, **(columns or {}))
    if isinstance(entries, (str, bytes)) or not isinstance(entries, Iterable):
        raise TypeError(
            "entries must be an iterable of dicts (or records, or a pandas DataFrame), "
            f"not {type(entries).__name__}"
        )
    return [_as_dict(e, i) for i, e in enumerate(entries)]


def _dataframe_records(
    df: Any,
    *,
    id: str = "id",
    name: str = "name",
    kind: str = "kind",
    aliases: str | None = "aliases",
    weight: str | None = "weight",
    case_sensitive: str | None = "case_sensitive",
    metadata: Iterable[str] | None = None,
    default_kind: str | None = None,
    alias_separator: str = "|",
) -> list[dict[str, Any]]:
    """Rows of a DataFrame as entry dicts, with column names mapped."""
    columns = [str(c) for c in df.columns]
    for field, column in (("id", id), ("name", name)):
        if column not in columns:
            raise KeyError(
                f"the DataFrame has no {field} column {column!r} (columns: {', '.join(columns)}); "
                f"pass {field}=<column name>"
            )
    if kind not in columns and default_kind is None:
        raise KeyError(
            f"the DataFrame has no kind column {kind!r} (columns: {', '.join(columns)}); "
            "pass kind=<column name> or default_kind='PERSON' (or another kind)"
        )
    mapping = {
        "id": id,
        "name": name,
        "kind": kind,
        "aliases": aliases,
        "weight": weight,
        "case_sensitive": case_sensitive,
    }
    used = {c for c in mapping.values() if c is not None and c in columns}
    meta = [c for c in columns if c not in used] if metadata is None else list(metadata)
    missing = [c for c in meta if c not in columns]
    if missing:
        raise KeyError(f"metadata columns not in the DataFrame: {', '.join(missing)}")
    records: list[dict[str, Any]] = []
    for row in df.to_dict("records"):
        entry: dict[str, Any] = {}
        for field, source in mapping.items():
            if source is not None and source in row:
                entry[field] = row[source]
        if "kind" not in entry:
            entry["kind"] = default_kind
        al = entry.get("aliases")
        if isinstance(al, str) and alias_separator != "|":
            entry["aliases"] = al.split(alias_separator)
        for column in meta:
            value = row[column]
            if hasattr(value, "item") and not isinstance(value, (str, bytes)):
                value = value.item() if getattr(value, "ndim", 0) == 0 else value.tolist()
            entry[column] = value
        records.append(entry)
    return records


@lru_cache(maxsize=1)
def _default_json() -> str:
    return resources.files("quotewise").joinpath("data/default_gazetteer.json").read_text(encoding="utf-8")


class Gazetteer:
    """A dictionary of people, organisations and places to find in text.

    Each entry is a dict with ``id``, ``name`` (canonical name) and ``kind``
    (``PERSON``, ``ORG``, ``GPE``, ``NORP``, ... free text), and optionally
    ``aliases`` (list of str, or one ``|``-joined str), ``weight`` (number:
    preferred when an alias is shared), ``case_sensitive`` (bool; by default
    an all-capitals alias that is an English word, such as ``US`` or ``WHO``,
    is case-sensitive) and any other JSON-able keys, kept as metadata.

    >>> gaz = Gazetteer([{"id": "Q7747", "name": "Vladimir Putin", "kind": "PERSON"}])
    >>> [m.text for m in gaz.find("Vladimir Putin met Assad. Putin's aides were silent.")]
    ['Vladimir Putin', 'Putin']

    Matching is whole-word, case- and accent-insensitive, treats a hyphen as
    a space, and finds people by the short forms news uses (surname, name
    without particle). See ``DESIGN.md`` for every rule.
    """

    __slots__ = ("_core",)

    def __init__(self, entries: Any = None, *, person_variants: bool = True) -> None:
        records = None if entries is None else _records(entries)
        self._core = _Gazetteer(records, person_variants=person_variants)

    @classmethod
    def _wrap(cls, core: _Gazetteer) -> Gazetteer:
        g = cls.__new__(cls)
        g._core = core
        return g

    # -- building -------------------------------------------------------

    @classmethod
    def default(cls) -> Gazetteer:
        """The built-in dictionary: countries (with U.S., UK, Britain, ...),
        their demonyms (Russian, Russians), capitals and major cities, states
        and provinces, and the international organisations and institutions
        news quotes (UN, NATO, EU, WHO, IMF, the Kremlin, the White House, ...).
        Contains data from GeoNames (CC-BY 4.0); see ``quotewise/data/NOTICE.md``.
        """
        return cls._wrap(_Gazetteer.from_json(_default_json(), "<built-in dictionary>"))

    @classmethod
    def from_records(cls, records: Iterable[Any], *, person_variants: bool = True) -> Gazetteer:
        """From dicts, namedtuples or dataclass instances."""
        return cls(records, person_variants=person_variants)

    @classmethod
    def from_dataframe(
        cls,
        df: Any,
        *,
        id: str = "id",
        name: str = "name",
        kind: str = "kind",
        aliases: str | None = "aliases",
        weight: str | None = "weight",
        case_sensitive: str | None = "case_sensitive",
        metadata: Iterable[str] | None = None,
        default_kind: str | None = None,
        alias_separator: str = "|",
        person_variants: bool = True,
    ) -> Gazetteer:
        """From a pandas DataFrame, one entry per row.

        Column names are given by the keyword arguments. The aliases column may
        hold lists or ``alias_separator``-joined strings. ``metadata`` lists the
        columns kept as metadata (default: every column not used for a field).
        Missing values (None/NaN) count as absent.
        """
        records = _dataframe_records(
            df,
            id=id,
            name=name,
            kind=kind,
            aliases=aliases,
            weight=weight,
            case_sensitive=case_sensitive,
            metadata=metadata,
            default_kind=default_kind,
            alias_separator=alias_separator,
        )
        return cls(records, person_variants=person_variants)

    @classmethod
    def from_file(
        cls,
        path: PathLike,
        format: Literal["csv", "tsv", "jsonl", "json"] | None = None,
        *,
        id: str = "id",
        name: str = "name",
        kind: str = "kind",
        aliases: str = "aliases",
        weight: str = "weight",
        case_sensitive: str = "case_sensitive",
        default_kind: str | None = None,
        alias_separator: str = "|",
        person_variants: bool | None = None,
    ) -> Gazetteer:
        """From a CSV, TSV, JSONL (one entry object per line) or saved JSON
        file; the format comes from the extension unless given.

        CSV/TSV files have a header row; the keyword arguments name the
        columns, every other column becomes metadata (as str). Errors name the
        file, the line and the reason.
        """
        core = _Gazetteer.read_file(
            os.fspath(path),
            format,
            id=id,
            name=name,
            kind=kind,
            aliases=aliases,
            weight=weight,
            case_sensitive=case_sensitive,
            default_kind=default_kind,
            alias_separator=alias_separator,
            person_variants=person_variants,
        )
        return cls._wrap(core)

    @classmethod
    def load(cls, path: PathLike) -> Gazetteer:
        """Reads a gazetteer written by :meth:`save`."""
        return cls.from_file(path, "json")

    def save(self, path: PathLike) -> None:
        """Writes the gazetteer (entries and options) as JSON, one entry per
        line; :meth:`load` reads it back. The format is documented in DESIGN.md."""
        with open(path, "w", encoding="utf-8") as f:
            f.write(self._core.to_json())

    def to_json(self) -> str:
        """The gazetteer in the saved JSON format."""
        return self._core.to_json()

    @classmethod
    def from_json(cls, text: str) -> Gazetteer:
        """A gazetteer from the saved JSON format."""
        return cls._wrap(_Gazetteer.from_json(text))

    def add(self, entries: Any) -> None:
        """Adds entries (dicts, records or a DataFrame). All are added or, if
        one is invalid or repeats an id, none is."""
        self._core.add(_records(entries))

    def compile(self) -> Gazetteer:
        """Builds the search automaton now (it is otherwise built on the
        first search after a change). Returns the gazetteer."""
        self._core.compile()
        return self

    # -- searching ------------------------------------------------------

    def find(self, text: str, *, casing: Casing = "auto") -> list[Mention]:
        """Every mention of an entry in ``text``, in order, non-overlapping.

        ``casing='auto'`` tells from the text whether it is ordinarily cased or
        all lower/upper case (as preprocessed corpora are), which changes how
        names that are also English words are treated; force it with
        ``'cased'`` or ``'uncased'``.
        """
        return self._core.find(text, casing=casing)

    def find_many(
        self,
        texts: Iterable[str | None],
        *,
        n_threads: int | None = None,
        casing: Casing = "auto",
        errors: Errors = "raise",
    ) -> list[list[Mention]]:
        """Mentions in each text, in input order, matched in parallel with the
        GIL released. ``texts`` may be a list, tuple, pandas Series or any
        iterable; None and NaN (missing text) give an empty list. ``n_threads``
        defaults to all cores.

        A document that is not a str, or whose text cannot be encoded, raises
        (``DocumentTypeError``, ``InvalidTextError``) naming its index; with
        ``errors="skip"`` it gets an empty list instead and one
        :class:`SkippedDocumentsWarning` at the end names every skipped one.
        Arrow data (a pyarrow array, a polars Series, …) is read in place."""
        arrow = _arrow.arrow_texts(texts)
        if arrow is None:
            return self._core.find_many(texts, n_threads=n_threads, casing=casing, errors=errors)
        found: list[list[Mention]] = []
        for chunk in _arrow.batches(arrow, _arrow.WHOLE):
            found += self._core.find_many(
                chunk, n_threads=n_threads, casing=casing, errors=errors, offset=len(found)
            )
        return found

    # -- inspecting -----------------------------------------------------

    def __len__(self) -> int:
        return len(self._core)

    def __contains__(self, id: object) -> bool:
        return isinstance(id, str) and id in self._core

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self._core.entries())

    def get(self, id: str) -> dict[str, Any] | None:
        """The entry with ``id`` as a dict, or None."""
        return self._core.get(id)

    def __getitem__(self, id: str) -> dict[str, Any]:
        entry = self._core.get(id)
        if entry is None:
            raise KeyError(id)
        return entry

    def entries(self) -> list[dict[str, Any]]:
        """All entries as dicts, in the order they were added."""
        return self._core.entries()

    def kinds(self) -> dict[str, int]:
        """Number of entries of each kind."""
        return self._core.kinds()

    @property
    def person_variants(self) -> bool:
        """Whether people's short forms (surnames, ...) are generated."""
        return self._core.person_variants

    def stats(self) -> dict[str, int]:
        """Size of the compiled search: entries, distinct search keys
        (names, aliases and generated forms) and automaton bytes."""
        return self._core.stats()

    def __repr__(self) -> str:
        kinds = ", ".join(f"{k}: {n}" for k, n in sorted(self.kinds().items(), key=lambda kv: -kv[1]))
        return f"Gazetteer({len(self)} entries" + (f"; {kinds})" if kinds else ")")

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        # Rebuilt from its entries: the automaton is not serialised.
        return (Gazetteer.from_json, (self.to_json(),))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Gazetteer):
            return NotImplemented
        return self.to_json() == other.to_json()

    __hash__ = None  # type: ignore[assignment]
