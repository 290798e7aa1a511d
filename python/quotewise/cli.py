"""The ``quotewise`` command line: ``demo``, ``quotes FILE`` and ``mentions FILE``.

``quotes`` and ``mentions`` read documents from JSONL, CSV/TSV or Parquet
(a file or stdin), a batch at a time; the core builds each batch's table of
quotes or mentions (Arrow record batches, the schema of :mod:`quotewise._rows`)
on its worker threads, and the table is written as JSONL, CSV/TSV or Parquet,
its integer columns as integers. Everything is streamed both ways; Parquet
input goes to the core as Arrow, without a Python string per document.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import io
import json
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO, Protocol, TextIO

from . import _table
from ._quotewise import ArrowTable, _ArrowTexts
from .errors import QuotewiseError, SkippedDocumentsWarning
from .gazetteer import Gazetteer
from .quotes import BATCH_SIZE, _default, quotes
from .sample import sample_article

#: Input and output formats, by file extension.
_EXTENSIONS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
}
_FORMATS = ("jsonl", "csv", "tsv", "parquet")

Record = tuple[Any, Any, int]  # (doc_id, text, line of the file where the document starts)
#: One batch of documents: texts (a list, or an Arrow record batch read in
#: place), their ids (None: the ids are in the Arrow batch, or are the row
#: numbers) and the line of the file where each starts (None for Parquet,
#: whose documents are named by row).
Batch = tuple[Any, "list[Any] | None", "list[int] | None"]


class CliError(Exception):
    """Bad input or options: reported as one line on stderr, exit code 2."""


def _say(message: str) -> None:
    """Prints ``quotewise: message`` on stderr, on one line."""
    print("quotewise: " + " ".join(str(message).splitlines()), file=sys.stderr)


# -- demo -----------------------------------------------------------------------------------


def _demo(args: argparse.Namespace) -> int:
    text = sample_article()
    gazetteer = Gazetteer.default()
    mentions = gazetteer.find(text)
    print(
        f"quotewise demo: the built-in dictionary ({len(gazetteer)} entries) "
        f"over the bundled sample article ({len(text)} characters)\n"
    )
    # Who said what first: the answer a reader wants; then what was found.
    found = quotes(text, gazetteer)
    # (`confidence`: the probability that the quote and its speaker are both
    # right, the column to filter on.)
    quote_rows = [
        (
            q.speaker_name,
            q.speaker_id,
            q.kind,
            q.cue.text if q.cue else None,
            q.rule,
            f"{q.confidence:.2f}",
            q.text,
        )
        for q in found
    ]
    header = ["speaker", "speaker_id", "kind", "cue", "rule", "confidence", "quote"]
    print(_table.render(header, quote_rows, max_width=60))
    speakers = {q.speaker_name for q in found if q.speaker_name}
    print(f"\n{len(found)} quotes by {len(speakers)} speakers.\n")
    rows = [(m.start, m.end, m.text, m.kind, m.entity_id, m.name) for m in mentions]
    print(_table.render(["start", "end", "text", "kind", "entity_id", "name"], rows))
    print(f"\n{len(mentions)} mentions of {len({m.entity_id for m in mentions})} entities.")
    return 0


# -- formats --------------------------------------------------------------------------------


def _format_of(path: str, given: str | None, default: str | None, option: str) -> str:
    """The format named by ``given``, else by the extension of ``path``, else
    (for stdin/stdout) ``default``; a ``.tsv`` file read or written as
    ``csv`` is ``tsv``. Any other extension is an error naming the known ones."""
    ext = os.path.splitext(path)[1].lower() if path != "-" else ""
    by_name = _EXTENSIONS.get(ext)
    if given is not None:
        return "tsv" if given == "csv" and by_name == "tsv" else given
    if by_name is not None:
        return by_name
    if path == "-" and default is not None:
        return default
    known = ", ".join(_EXTENSIONS)
    said = f"the extension {ext!r} is not a format quotewise knows" if ext else "the name has no extension"
    raise CliError(f"{path}: {said}; name it {known}, or pass {option}")


def _pyarrow() -> tuple[Any, Any]:
    """``pyarrow`` and ``pyarrow.parquet``, or a CliError saying how to install them."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise CliError("Parquet needs pyarrow: pip install pyarrow") from None
    return pyarrow, pyarrow.parquet


def _missing_column(name: str, what: str, column: str, found: Iterable[str], option: str) -> CliError:
    found = list(found)
    columns = ", ".join(found[:20]) + (f", ... ({len(found)} in all)" if len(found) > 20 else "") or "none"
    return CliError(f"{name}: no {what} column {column!r} (columns found: {columns}); pass {option}")


# -- readers: each yields (doc_id, text) per document; doc_id is the row number without an id column


def _lines(stream: BinaryIO, name: str, encoding: str) -> Iterator[str]:
    """The lines of a text file in ``encoding`` (a byte order mark dropped);
    bytes that are not text in it are a CliError with the line and the
    byte offset in the file."""
    utf8 = codecs.lookup(encoding).name == "utf-8"
    decoder = codecs.getincrementaldecoder("utf-8-sig" if utf8 else encoding)()
    shown = "UTF-8" if utf8 else encoding
    offset = 0
    for number, raw in enumerate(stream, 1):
        try:
            yield decoder.decode(raw)
        except UnicodeDecodeError as e:
            at = offset + e.start
            raise CliError(
                f"{name}, line {number}: not {shown} text: byte {at} of the file (0x{raw[e.start]:02x}) "
                "cannot be decoded; pass --encoding (e.g. --encoding latin-1) if the file is in another encoding"
            ) from None
        offset += len(raw)


def _jsonl_records(
    stream: BinaryIO, name: str, text_column: str, id_column: str | None, encoding: str
) -> Iterator[Record]:
    """Documents of a JSONL file, one object per line (blank lines skipped)."""
    n = 0
    for line_number, line in enumerate(_lines(stream, name, encoding), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise CliError(f"{name}, line {line_number}: bad JSON: {e.msg} (column {e.colno})") from None
        if not isinstance(obj, dict):
            raise CliError(f"{name}, line {line_number}: expected a JSON object, got {type(obj).__name__}")
        if n == 0:
            if text_column not in obj:
                raise _missing_column(name, "text", text_column, obj, "--text-column")
            if id_column is not None and id_column not in obj:
                raise _missing_column(name, "id", id_column, obj, "--id-column")
        yield (obj.get(id_column) if id_column is not None else n), obj.get(text_column), line_number
        n += 1


def _csv_records(
    stream: BinaryIO, name: str, text_column: str, id_column: str | None, delimiter: str, encoding: str
) -> Iterator[Record]:
    """Documents of a CSV/TSV file with a header row (blank lines skipped)."""
    csv.field_size_limit(2**31 - 1)  # articles are longer than the default 128 KiB limit
    reader = csv.reader(_lines(stream, name, encoding), delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None:
            return
        if text_column not in header:
            raise _missing_column(name, "text", text_column, header, "--text-column")
        if id_column is not None and id_column not in header:
            raise _missing_column(name, "id", id_column, header, "--id-column")
        text_at = header.index(text_column)
        id_at = header.index(id_column) if id_column is not None else None
        n = 0
        line = reader.line_num + 1  # where the next row starts
        for row in reader:
            if not row:
                line = reader.line_num + 1
                continue
            text = row[text_at] if text_at < len(row) else None
            doc_id: Any = n if id_at is None else (row[id_at] if id_at < len(row) else None)
            yield doc_id, text, line
            line = reader.line_num + 1
            n += 1
    except csv.Error as e:
        raise CliError(f"{name}, line {reader.line_num}: {e}") from None


def _record_batches(records: Iterator[Record], size: int, row_numbers: bool) -> Iterator[Batch]:
    """Records in batches: texts, ids (None where the ids are row numbers) and lines."""
    while chunk := list(islice(records, size)):
        ids, texts, lines = zip(*chunk, strict=True)
        yield list(texts), (None if row_numbers else list(ids)), list(lines)


def _parquet_batches(
    source: BinaryIO, name: str, text_column: str, id_column: str | None, size: int
) -> tuple[Iterator[Batch], int]:
    """Batches of a Parquet file, read as Arrow record batches (handed to the
    core in place, the id column with them), and its number of rows."""
    pa, pq = _pyarrow()
    if not source.seekable():  # stdin: Parquet's footer is at the end
        source = io.BytesIO(source.read())
    try:
        parquet = pq.ParquetFile(source)
    except (pa.ArrowException, OSError) as e:
        raise CliError(f"{name}: not a Parquet file ({e})") from None
    found = parquet.schema_arrow.names
    if text_column not in found:
        raise _missing_column(name, "text", text_column, found, "--text-column")
    if id_column is not None and id_column not in found:
        raise _missing_column(name, "id", id_column, found, "--id-column")
    columns = [text_column] if id_column is None or id_column == text_column else [text_column, id_column]

    def batches() -> Iterator[Batch]:
        n = 0
        try:
            for batch in parquet.iter_batches(batch_size=size, columns=columns):
                chunk = _ArrowTexts(batch, text_column, id_column).next(batch.num_rows)
                if chunk is not None:
                    yield chunk, None, None
                n += batch.num_rows
        except (pa.ArrowException, OSError) as e:
            raise CliError(f"{name}: cannot read row {n} on: {e}") from None

    return batches(), parquet.metadata.num_rows


def _open(path: str, mode: str, stack: ExitStack) -> Any:
    """``path`` opened (text: UTF-8) until ``stack`` closes; an OSError becomes a CliError."""
    try:
        encoding = None if "b" in mode else "utf-8"
        return stack.enter_context(
            open(path, mode, encoding=encoding, newline=None if encoding is None else "")
        )
    except OSError as e:
        raise CliError(f"{path}: {e.strerror or e}") from None


class _Input:
    """The documents of ``args.file`` (``-``: stdin), in its format, a batch at
    a time, and how far the reading got (for the progress bar)."""

    def __init__(self, args: argparse.Namespace, stack: ExitStack) -> None:
        fmt = _format_of(args.file, args.input_format, "jsonl", "--input-format")
        self.name = "<stdin>" if args.file == "-" else args.file
        self.binary: BinaryIO = sys.stdin.buffer if args.file == "-" else _open(args.file, "rb", stack)
        self.text_column: str = args.text_column
        self.id_column: str | None = args.id_column
        #: The size of the input, and its unit: rows of a Parquet file, bytes of a
        #: file, none for a stream.
        self.total: int | None = None
        self.unit = "document"
        self.by_bytes = False
        if fmt == "parquet":
            self.batches, self.total = _parquet_batches(
                self.binary, self.name, self.text_column, self.id_column, BATCH_SIZE
            )
            return
        if args.file != "-":
            self.total, self.unit, self.by_bytes = os.fstat(self.binary.fileno()).st_size, "B", True
        if fmt == "jsonl":
            records = _jsonl_records(self.binary, self.name, self.text_column, self.id_column, args.encoding)
        else:
            delimiter = "\t" if fmt == "tsv" else ","
            records = _csv_records(
                self.binary, self.name, self.text_column, self.id_column, delimiter, args.encoding
            )
        self.batches = _record_batches(records, BATCH_SIZE, self.id_column is None)

    def progress(self, documents: int) -> int:
        """How far the reading got: bytes of a file, else documents."""
        return self.binary.tell() if self.by_bytes else documents


# -- writers: each takes a batch's table (its rows, without skipped documents) -------------------


class _Writer(Protocol):
    def write(self, table: ArrowTable, ids: list[Any] | None, offset: int) -> None: ...

    def close(self) -> None: ...


def _columns_of(table: ArrowTable, ids: list[Any] | None, offset: int) -> dict[str, list[Any]]:
    """The table's columns as Python values, without skipped documents' rows
    (and their ``error`` column), ``doc_id`` from ``ids`` where given."""
    columns: dict[str, list[Any]] = table.to_pydict()
    errors = columns.pop("error", None)
    if errors is not None and any(e is not None for e in errors):
        keep = [i for i, e in enumerate(errors) if e is None]
        columns = {name: [values[i] for i in keep] for name, values in columns.items()}
    if ids is not None:
        columns["doc_id"] = [ids[p - offset] for p in columns["doc_id"]]
    return columns


class _JsonlWriter:
    """One JSON object per line; ``about`` is a JSON list."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, table: ArrowTable, ids: list[Any] | None, offset: int) -> None:
        columns = _columns_of(table, ids, offset)
        names = list(columns)
        for row in zip(*columns.values(), strict=True):
            self._out.write(
                json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False, default=str) + "\n"
            )

    def close(self) -> None:
        self._out.flush()


class _CsvWriter:
    """A header row, then one row per record; ``about`` is JSON text, None is empty."""

    def __init__(self, out: TextIO, columns: Sequence[str], delimiter: str) -> None:
        self._out = out
        self._csv = csv.writer(out, delimiter=delimiter, lineterminator="\n")
        self._csv.writerow(columns)

    def write(self, table: ArrowTable, ids: list[Any] | None, offset: int) -> None:
        columns = _columns_of(table, ids, offset)
        for row in zip(*columns.values(), strict=True):
            self._csv.writerow([json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for v in row])

    def close(self) -> None:
        self._out.flush()


class _ParquetWriter:
    """Each batch's table written as it comes, with the core's types: int64
    offsets, nullable int64 speaker offsets, bool, double, a list of strings
    (``kind`` and ``rule`` as plain strings)."""

    def __init__(self, sink: BinaryIO, name: str) -> None:
        self._pa, self._pq = _pyarrow()
        self._sink = sink
        self._name = name
        self._writer: Any = None
        self._doc_id_type: Any = None

    def write(self, table: ArrowTable, ids: list[Any] | None, offset: int) -> None:
        from . import _arrow

        pa = self._pa
        arrow = _arrow.plain_text(pa.table(table))
        if "error" in arrow.column_names:
            arrow = arrow.filter(arrow.column("error").is_null()).drop_columns(["error"])
        try:
            if ids is not None:
                positions = arrow.column("doc_id").to_pylist()
                doc_ids = pa.array([ids[p - offset] for p in positions], type=self._doc_id_type)
                if self._doc_id_type is None and not pa.types.is_null(doc_ids.type):
                    self._doc_id_type = doc_ids.type
                arrow = arrow.set_column(0, "doc_id", doc_ids.cast(self._doc_id_type or pa.string()))
            if self._writer is None:
                self._writer = self._pq.ParquetWriter(self._sink, arrow.schema)
            self._writer.write_table(arrow.cast(self._writer.schema))
        except pa.ArrowException as e:
            raise CliError(f"{self._name}: cannot write Parquet: {e}") from None

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()


def _stdout_text() -> TextIO:
    """stdout, switched to UTF-8 if it is not."""
    out = sys.stdout
    if isinstance(out, io.TextIOWrapper) and out.encoding.lower().replace("-", "") != "utf8":
        out.reconfigure(encoding="utf-8")
    return out


def _open_writer(args: argparse.Namespace, columns: Sequence[str], stack: ExitStack) -> _Writer:
    """The writer of ``args.output`` (``-``: stdout), in its format."""
    path = args.output
    fmt = _format_of(path, args.output_format, "jsonl", "--output-format")
    if "-" not in (path, args.file) and os.path.exists(path) and os.path.samefile(path, args.file):
        raise CliError(f"{path}: the output would overwrite the input")
    name = "<stdout>" if path == "-" else path
    if fmt == "parquet":
        if path == "-" and sys.stdout.isatty():
            raise CliError("will not write Parquet to a terminal; pass -o FILE")
        _pyarrow()
        sink: BinaryIO = sys.stdout.buffer if path == "-" else _open(path, "wb", stack)
        return _ParquetWriter(sink, name)
    out: TextIO = _stdout_text() if path == "-" else _open(path, "w", stack)
    if fmt == "jsonl":
        return _JsonlWriter(out)
    return _CsvWriter(out, columns, "\t" if fmt == "tsv" else ",")


# -- quotes and mentions ---------------------------------------------------------------------


def _load_gazetteer(args: argparse.Namespace, mentions: bool) -> Gazetteer | None:
    """The dictionary of ``--gazetteer`` (a file, or ``builtin``); without one,
    as in the library: none for quotes, the built-in one for mentions."""
    if args.no_gazetteer:
        return None
    if args.gazetteer == "builtin" or (args.gazetteer is None and mentions):
        return Gazetteer.default()
    if args.gazetteer is not None:
        return Gazetteer.from_file(args.gazetteer)  # .json: a gazetteer saved by Gazetteer.save
    return None


def _show_progress(asked: bool | None) -> bool:
    """Whether to show a bar: as asked, else when stderr is a terminal; only with tqdm."""
    wanted = sys.stderr.isatty() if asked is None else asked
    if not wanted:
        return False
    try:
        import tqdm  # noqa: F401
    except ImportError:
        if asked:
            _say("--progress needs tqdm (pip install tqdm); going on without a bar")
        return False
    return True


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _builder(args: argparse.Namespace, mentions: bool) -> Callable[[Any, int], ArrowTable]:
    """The core's table call for a batch: ``(texts, offset) -> ArrowTable``,
    always with ``errors="skip"`` (under ``--errors raise`` the first
    skipped document is raised here, naming the file)."""
    gazetteer = _load_gazetteer(args, mentions)
    gaz = gazetteer._core if gazetteer is not None else None
    threads = args.threads
    if mentions:
        assert gaz is not None

        def build(texts: Any, offset: int) -> ArrowTable:
            return gaz._mention_table(texts, n_threads=threads, errors="skip", offset=offset)

    else:
        core = _default()._core

        def build(texts: Any, offset: int) -> ArrowTable:
            return core._quote_table(texts, gaz, n_threads=threads, errors="skip", offset=offset)

    return build


def _extract(args: argparse.Namespace) -> int:
    """``quotes`` / ``mentions``: one output row per quote or mention of each document."""
    mentions = args.command == "mentions"
    if mentions and args.no_gazetteer:
        raise CliError("mentions needs a dictionary; drop --no-gazetteer")
    build = _builder(args, mentions)
    progress = _show_progress(args.progress)
    columns = [name for name in build([], 0).column_names if name != "error"]
    with ExitStack() as stack:
        source = _Input(args, stack)
        first = next(source.batches, None)  # read the header / first rows before creating the output
        writer = _open_writer(args, columns, stack)
        bar = _progress_bar(source) if progress else None
        n_docs = n_rows = n_skipped = 0
        first_error = None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SkippedDocumentsWarning)  # reported below, in one line
            batches = iter(source.batches) if first is None else _chain(first, source.batches)
            for texts, ids, lines in batches:
                table = build(texts, n_docs)
                skipped = table.error_messages()
                if skipped and first_error is None:
                    first_error = _where(table, n_docs, lines, source.name)
                if skipped and args.errors == "raise":
                    raise CliError(f"{first_error} (pass --errors skip to skip such documents)")
                n_skipped += len(skipped)
                writer.write(table, ids, n_docs)
                n_rows += len(table) - len(skipped)
                n_docs += len(texts)
                if bar is not None:
                    bar.update(source.progress(n_docs) - bar.n)
        if bar is not None:
            bar.close()
        writer.close()
    if n_skipped:
        _say(f"skipped {n_skipped} of {_plural(n_docs, 'document')} ({first_error})")
    if not args.quiet:
        _say(f"{_plural(n_rows, 'mention' if mentions else 'quote')} from {_plural(n_docs, 'document')}")
    return 0


def _where(table: ArrowTable, offset: int, lines: list[int] | None, name: str) -> str:
    """The first skipped document of a batch's table, named by file, line
    (where the format has lines) and document index: `file, line 7:
    document 5: ...`."""
    rows = table.to_pydict()
    for doc_id, error in zip(rows["doc_id"], rows["error"], strict=True):
        if error is not None:
            at = f", line {lines[doc_id - offset]}" if lines is not None else ""
            return f"{name}{at}: {error}"
    return name  # (not reached: the caller saw an error row)


def _chain(first: Batch, rest: Iterator[Batch]) -> Iterator[Batch]:
    yield first
    yield from rest


def _progress_bar(source: _Input) -> Any:
    """A tqdm bar on stderr: bytes of the file read, rows of a Parquet file,
    documents of a stream (no total)."""
    from tqdm.auto import tqdm

    return tqdm(total=source.total, unit=source.unit, unit_scale=source.by_bytes, file=sys.stderr)


# -- parser and entry point ------------------------------------------------------------------


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value!r}")
    return n


def _add_extract_command(sub: Any, name: str, help: str) -> None:
    p = sub.add_parser(name, help=help, description=help)
    p.add_argument(
        "file",
        nargs="?",
        default="-",
        metavar="FILE",
        help="JSONL (.jsonl, .ndjson, .json), CSV (.csv, .tsv) or Parquet (.parquet) file; - or none: stdin",
    )
    p.add_argument(
        "--input-format",
        choices=_FORMATS,
        help="format of FILE (default: from its extension, which must be one of "
        f"{', '.join(_EXTENSIONS)}; stdin: jsonl)",
    )
    p.add_argument(
        "--text-column", default="text", metavar="NAME", help="column of the article text (default: text)"
    )
    p.add_argument(
        "--id-column",
        metavar="NAME",
        help="column of the document id written as doc_id (default: the row number, from 0)",
    )
    p.add_argument(
        "--encoding",
        default="utf-8",
        metavar="NAME",
        help="text encoding of a JSONL or CSV input (default: utf-8; any ASCII-compatible "
        "encoding Python knows, e.g. latin-1, cp1252)",
    )
    dictionary = p.add_mutually_exclusive_group()
    default = "the built-in dictionary" if name == "mentions" else "none (as quotewise.quotes_frame)"
    dictionary.add_argument(
        "--gazetteer",
        metavar="FILE",
        help="dictionary file (.csv, .tsv, .jsonl, or .json saved by Gazetteer.save), or "
        f"'builtin' for the built-in dictionary; default: {default}",
    )
    dictionary.add_argument("--no-gazetteer", action="store_true", help="use no dictionary")
    p.add_argument("--threads", type=_positive_int, metavar="N", help="threads (default: all cores)")
    p.add_argument("-o", "--output", default="-", metavar="FILE", help="output file (default: stdout)")
    p.add_argument(
        "--output-format",
        choices=_FORMATS,
        help="format of the output (default: from its extension, one of "
        f"{', '.join(_EXTENSIONS)}; stdout: jsonl)",
    )
    p.add_argument(
        "--errors",
        choices=("raise", "skip"),
        default="raise",
        help="a document that cannot be analysed (e.g. its text is not a string): "
        "stop with an error (raise, the default) or skip it and say so at the end (skip)",
    )
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="a progress bar on stderr (needs tqdm; default: when stderr is a terminal)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line at the end")
    p.set_defaults(run=_extract)


#: The commands; a first argument that is none of them but names a file runs ``quotes``.
_COMMANDS = ("demo", "quotes", "mentions")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quotewise",
        description="Who said what, about whom, in news text.",
        epilog="`quotewise FILE ...` is short for `quotewise quotes FILE ...`.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = sub.add_parser("demo", help="run on the bundled sample article with the built-in dictionary")
    demo.set_defaults(run=_demo)
    _add_extract_command(sub, "quotes", "write the quotes of each document: who said what, about whom")
    _add_extract_command(sub, "mentions", "write the dictionary entries mentioned in each document")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and of ``python -m quotewise``."""
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    # `quotewise news.csv`: a file where the command goes is the input of
    # `quotes`, the command most runs want.
    if argv and argv[0] not in _COMMANDS and not argv[0].startswith("-"):
        if Path(argv[0]).is_file():
            argv.insert(0, "quotes")
        elif os.sep in argv[0] or "." in argv[0]:
            _say(f"{argv[0]!r} is neither a command ({', '.join(_COMMANDS)}) nor a file")
            return 2
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        code: int = args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`quotewise demo | head`): stop quietly, as
        # other command-line tools do, without a traceback at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (CliError, QuotewiseError) as e:
        _say(str(e))
        return 2
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
