"""The ``quotewise`` command line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from . import _table
from .gazetteer import Gazetteer
from .quotes import quotes
from .sample import sample_article


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quotewise", description="Who said what, about whom, in news text.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = sub.add_parser("demo", help="run on the bundled sample article with the built-in dictionary")
    demo.set_defaults(run=_demo)
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
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
