"""Table rows built by hand from the library's objects: the oracle the
tests compare quotewise's tables (built by the core) with."""

from __future__ import annotations

from typing import Any

import quotewise


def quote_row(q: quotewise.Quote) -> dict[str, Any]:
    """A quote's row after ``doc_id``, from the Quote object."""
    speaker, cue, addressee = q.speaker, q.cue, q.addressee
    return {
        "quote": q.text,
        "start": q.start,
        "end": q.end,
        "kind": q.kind,
        "marked": q.marked,
        "speaker": speaker.text if speaker else None,
        "speaker_start": speaker.start if speaker else None,
        "speaker_end": speaker.end if speaker else None,
        "speaker_name": q.speaker_name,
        "speaker_id": q.speaker_id,
        "cue": cue.text if cue else None,
        "addressee": addressee.text if addressee else None,
        "addressee_id": q.addressee_id,
        "confidence": round(q.confidence, 4),
        "rule": q.rule,
        "about": list(dict.fromkeys(m.entity_id for m in q.mentions if m.entity_id)),
    }


def mention_row(m: quotewise.Mention) -> dict[str, Any]:
    """A mention's row after ``doc_id``."""
    return {
        "text": m.text,
        "start": m.start,
        "end": m.end,
        "entity_id": m.entity_id,
        "name": m.name,
        "kind": m.kind,
        "alias": m.alias,
        "ambiguous": m.ambiguous,
    }
