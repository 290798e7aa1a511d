"""The ``quotewise`` command line: ``demo``, ``quotes FILE`` and ``mentions FILE``.

``quotes`` and ``mentions`` read documents from JSONL, CSV/TSV or Parquet
(a file or stdin), analyse them in parallel with :func:`quotewise.analyze_many`
and write one row per quote or mention, in the schema of :mod:`quotewise._rows`,
as JSONL, CSV/TSV or Parquet. JSONL and CSV are streamed both ways.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import warnings
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from itertools import chain
from typing import Any, BinaryIO, Protocol, TextIO

from . import _table
from ._rows import MENTION_COLUMNS, MENTION_DTYPES, QUOTE_COLUMNS, QUOTE_DTYPES, mention_record, quote_record
from .document import Document
from .errors import DocumentTypeError, InvalidTextError, QuotewiseError, SkippedDocumentsWarning
from .gazetteer import Gazetteer
from .quotes import analyze_many, quotes
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
#: Rows handed to Parquet per row group.
_PARQUET_CHUNK = 50_000

Record = tuple[Any, Any]  # (doc_id, text)


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
    quote_rows = [
        (q.speaker_name, q.speaker_id, q.kind, q.cue.text if q.cue else None, q.rule, q.text) for q in found
    ]
    print(_table.render(["speaker", "speaker_id", "kind", "cue", "rule", "quote"], quote_rows, max_width=60))
    speakers = {q.speaker_name for q in found if q.speaker_name}
    print(f"\n{len(found)} quotes by {len(speakers)} speakers.\n")
    rows = [(m.start, m.end, m.text, m.kind, m.entity_id, m.name) for m in mentions]
    print(_table.render(["start", "end", "text", "kind", "entity_id", "name"], rows))
    print(f"\n{len(mentions)} mentions of {len({m.entity_id for m in mentions})} entities.")
    return 0


# -- formats --------------------------------------------------------------------------------


def _format_of(path: str, given: str | None, default: str | None) -> str:
    """The format named by ``given``, else by the extension of ``path``, else
    ``default``; a ``.tsv`` file read or written as ``csv`` is ``tsv``."""
    ext = os.path.splitext(path)[1].lower() if path != "-" else ""
    by_name = _EXTENSIONS.get(ext)
    if given is not None:
        return "tsv" if given == "csv" and by_name == "tsv" else given
    if by_name is not None:
        return by_name
    if default is None:
        raise CliError(
            f"{path}: cannot tell the format from the file name; "
            "name it .jsonl, .csv, .tsv or .parquet, or pass --input-format"
        )
    return default


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


def _jsonl_records(stream: BinaryIO, name: str, text_column: str, id_column: str | None) -> Iterator[Record]:
    """Documents of a JSONL file, one object per line (blank lines skipped)."""
    n = 0
    for line_number, raw in enumerate(stream, 1):
        try:
            line = raw.decode("utf-8-sig" if line_number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise CliError(f"{name}, line {line_number}: not UTF-8 text") from None
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
        yield (obj.get(id_column) if id_column is not None else n), obj.get(text_column)
        n += 1


def _csv_records(
    stream: TextIO, name: str, text_column: str, id_column: str | None, delimiter: str
) -> Iterator[Record]:
    """Documents of a CSV/TSV file with a header row (blank lines skipped)."""
    csv.field_size_limit(2**31 - 1)  # articles are longer than the default 128 KiB limit
    reader = csv.reader(stream, delimiter=delimiter)
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
        for row in reader:
            if not row:
                continue
            text = row[text_at] if text_at < len(row) else None
            doc_id: Any = n if id_at is None else (row[id_at] if id_at < len(row) else None)
            yield doc_id, text
            n += 1
    except csv.Error as e:
        raise CliError(f"{name}, line {reader.line_num}: {e}") from None
    except UnicodeDecodeError:
        where = f" (after line {reader.line_num})" if reader.line_num else ""
        raise CliError(f"{name}: not UTF-8 text{where}") from None


def _parquet_records(
    source: BinaryIO, name: str, text_column: str, id_column: str | None
) -> Iterator[Record]:
    """Documents of a Parquet file, read a row group's batch at a time."""
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
    n = 0
    try:
        for batch in parquet.iter_batches(batch_size=8192, columns=columns):
            texts = batch.column(text_column).to_pylist()
            ids = batch.column(id_column).to_pylist() if id_column is not None else range(n, n + len(texts))
            yield from zip(ids, texts, strict=True)
            n += len(texts)
    except (pa.ArrowException, OSError) as e:
        raise CliError(f"{name}: cannot read row {n} on: {e}") from None


def _open(path: str, mode: str, stack: ExitStack) -> Any:
    """``path`` opened (text: UTF-8) until ``stack`` closes; an OSError becomes a CliError."""
    try:
        encoding = None if "b" in mode else "utf-8"
        return stack.enter_context(
            open(path, mode, encoding=encoding, newline=None if encoding is None else "")
        )
    except OSError as e:
        raise CliError(f"{path}: {e.strerror or e}") from None


def _open_records(args: argparse.Namespace, stack: ExitStack) -> Iterator[Record]:
    """The documents of ``args.file`` (``-``: stdin), in its format."""
    fmt = _format_of(args.file, args.input_format, "jsonl" if args.file == "-" else None)
    name = "<stdin>" if args.file == "-" else args.file
    binary: BinaryIO = sys.stdin.buffer if args.file == "-" else _open(args.file, "rb", stack)
    if fmt == "parquet":
        return _parquet_records(binary, name, args.text_column, args.id_column)
    if fmt == "jsonl":
        return _jsonl_records(binary, name, args.text_column, args.id_column)
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    stack.callback(text.detach)  # leave the binary stream to its owner
    delimiter = "\t" if fmt == "tsv" else ","
    return _csv_records(text, name, args.text_column, args.id_column, delimiter)


# -- writers ---------------------------------------------------------------------------------


class _Writer(Protocol):
    def write(self, row: dict[str, Any]) -> None: ...

    def close(self) -> None: ...


class _JsonlWriter:
    """One JSON object per line; ``about`` is a JSON list."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, row: dict[str, Any]) -> None:
        self._out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")

    def close(self) -> None:
        self._out.flush()


class _CsvWriter:
    """A header row, then one row per record; ``about`` is JSON text, None is empty."""

    def __init__(self, out: TextIO, columns: Sequence[str], delimiter: str) -> None:
        self._out = out
        self._columns = columns
        self._csv = csv.writer(out, delimiter=delimiter, lineterminator="\n")
        self._csv.writerow(columns)

    def write(self, row: dict[str, Any]) -> None:
        values = (row[c] for c in self._columns)
        self._csv.writerow([json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for v in values])

    def close(self) -> None:
        self._out.flush()


class _ParquetWriter:
    """Rows buffered and written a row group at a time, with typed columns."""

    def __init__(self, sink: BinaryIO, name: str, columns: Sequence[str], row_numbers: bool) -> None:
        self._pa, self._pq = _pyarrow()
        self._sink = sink
        self._name = name
        self._columns = columns
        self._doc_id_type = self._pa.int64() if row_numbers else None
        self._rows: list[dict[str, Any]] = []
        self._writer: Any = None

    def write(self, row: dict[str, Any]) -> None:
        self._rows.append(row)
        if len(self._rows) >= _PARQUET_CHUNK:
            self._flush()

    def close(self) -> None:
        self._flush()
        self._writer.close()

    def _flush(self) -> None:
        pa = self._pa
        try:
            if self._writer is None:
                self._writer = self._pq.ParquetWriter(self._sink, self._schema())
            if self._rows:
                table = pa.Table.from_pylist(self._rows, schema=self._writer.schema)
                self._writer.write_table(table)
        except pa.ArrowException as e:
            raise CliError(f"{self._name}: cannot write Parquet: {e}") from None
        self._rows.clear()

    def _schema(self) -> Any:
        """The columns' types; doc_id from an id column (and any column not
        listed) takes the type of the first rows' values, string if all None."""
        pa = self._pa
        arrow = {"string": pa.string(), "Int64": pa.int64(), "boolean": pa.bool_(), "Float64": pa.float64()}
        arrow["object"] = pa.list_(pa.string())  # `about`: a list of entity ids
        dtypes = {**QUOTE_DTYPES, **MENTION_DTYPES}
        types = {c: arrow[dtypes[c]] for c in self._columns if c in dtypes}
        if self._doc_id_type is not None:
            types["doc_id"] = self._doc_id_type

        def inferred(column: str) -> Any:
            found = pa.array([r[column] for r in self._rows]).type
            return pa.string() if pa.types.is_null(found) else found

        return pa.schema([(c, types[c] if c in types else inferred(c)) for c in self._columns])


def _stdout_text() -> TextIO:
    """stdout, switched to UTF-8 if it is not."""
    out = sys.stdout
    if isinstance(out, io.TextIOWrapper) and out.encoding.lower().replace("-", "") != "utf8":
        out.reconfigure(encoding="utf-8")
    return out


def _open_writer(args: argparse.Namespace, columns: Sequence[str], stack: ExitStack) -> _Writer:
    """The writer of ``args.output`` (``-``: stdout), in its format."""
    path = args.output
    fmt = _format_of(path, args.output_format, "jsonl")
    if "-" not in (path, args.file) and os.path.exists(path) and os.path.samefile(path, args.file):
        raise CliError(f"{path}: the output would overwrite the input")
    name = "<stdout>" if path == "-" else path
    if fmt == "parquet":
        if path == "-" and sys.stdout.isatty():
            raise CliError("will not write Parquet to a terminal; pass -o FILE")
        sink: BinaryIO = sys.stdout.buffer if path == "-" else _open(path, "wb", stack)
        return _ParquetWriter(sink, name, columns, row_numbers=args.id_column is None)
    out: TextIO = _stdout_text() if path == "-" else _open(path, "w", stack)
    if fmt == "jsonl":
        return _JsonlWriter(out)
    return _CsvWriter(out, columns, "\t" if fmt == "tsv" else ",")


# -- quotes and mentions ---------------------------------------------------------------------


def _load_gazetteer(args: argparse.Namespace) -> Gazetteer | None:
    if args.no_gazetteer:
        return None
    if args.gazetteer is not None:
        return Gazetteer.from_file(args.gazetteer)  # .json: a gazetteer saved by Gazetteer.save
    return Gazetteer.default()


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


def _named_errors(docs: Iterator[Document], name: str) -> Iterator[Document]:
    """``docs``, with a document that cannot be analysed reported as a CliError naming the file."""
    try:
        yield from docs
    except (DocumentTypeError, InvalidTextError) as e:
        raise CliError(f"{name}: {e} (pass --errors skip to skip such documents)") from None


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _extract(args: argparse.Namespace) -> int:
    """``quotes`` / ``mentions``: one output row per quote or mention of each document."""
    mentions = args.command == "mentions"
    if mentions and args.no_gazetteer:
        raise CliError("mentions needs a dictionary; drop --no-gazetteer")
    gazetteer = _load_gazetteer(args)
    progress = _show_progress(args.progress)
    with ExitStack() as stack:
        records = _open_records(args, stack)
        first = next(records, None)  # read the header / first row before creating the output
        if first is not None:
            records = chain([first], records)
        writer = _open_writer(args, MENTION_COLUMNS if mentions else QUOTE_COLUMNS, stack)

        ids: deque[Any] = deque()  # doc_ids of the documents read and not yet written

        def texts() -> Iterator[Any]:
            for doc_id, text in records:
                ids.append(doc_id)
                yield text

        n_docs = n_rows = n_skipped = 0
        first_error = None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SkippedDocumentsWarning)  # reported below, in one line
            docs = analyze_many(
                texts(), gazetteer, n_threads=args.threads, progress=progress, errors=args.errors
            )
            for doc in _named_errors(docs, "<stdin>" if args.file == "-" else args.file):
                doc_id = ids.popleft()
                n_docs += 1
                if doc.error is not None:
                    n_skipped += 1
                    first_error = first_error or doc.error
                if mentions:
                    for m in doc.mentions:
                        writer.write(mention_record(doc_id, m))
                    n_rows += len(doc.mentions)
                else:
                    for q in doc.quotes:
                        writer.write(quote_record(doc_id, q))
                    n_rows += len(doc.quotes)
        writer.close()
    if n_skipped:
        _say(f"skipped {n_skipped} of {_plural(n_docs, 'document')} ({first_error})")
    if not args.quiet:
        _say(f"{_plural(n_rows, 'mention' if mentions else 'quote')} from {_plural(n_docs, 'document')}")
    return 0


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
        "--input-format", choices=_FORMATS, help="format of FILE (default: from its extension; stdin: jsonl)"
    )
    p.add_argument(
        "--text-column", default="text", metavar="NAME", help="column of the article text (default: text)"
    )
    p.add_argument(
        "--id-column",
        metavar="NAME",
        help="column of the document id written as doc_id (default: the row number, from 0)",
    )
    dictionary = p.add_mutually_exclusive_group()
    dictionary.add_argument(
        "--gazetteer",
        metavar="FILE",
        help="dictionary file (.csv, .tsv, .jsonl, or .json saved by Gazetteer.save); "
        "default: the built-in dictionary",
    )
    dictionary.add_argument("--no-gazetteer", action="store_true", help="use no dictionary")
    p.add_argument("--threads", type=_positive_int, metavar="N", help="threads (default: all cores)")
    p.add_argument("-o", "--output", default="-", metavar="FILE", help="output file (default: stdout)")
    p.add_argument(
        "--output-format",
        choices=_FORMATS,
        help="format of the output (default: from its extension, else jsonl)",
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quotewise", description="Who said what, about whom, in news text.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = sub.add_parser("demo", help="run on the bundled sample article with the built-in dictionary")
    demo.set_defaults(run=_demo)
    _add_extract_command(sub, "quotes", "write the quotes of each document: who said what, about whom")
    _add_extract_command(sub, "mentions", "write the dictionary entries mentioned in each document")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and of ``python -m quotewise``."""
    parser = build_parser()
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
