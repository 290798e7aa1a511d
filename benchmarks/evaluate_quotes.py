"""Scores quotewise's quote extraction on the labelled corpora in ../shared/data.

    python benchmarks/evaluate_quotes.py                 # all tables
    python benchmarks/evaluate_quotes.py --corpus ggt    # or polnear
    python benchmarks/evaluate_quotes.py --errors ggt-first-original --show 40

Gender Gap Tracker set (98 Canadian articles, 1,520 quotes), in three renderings:
the original text, `text_norm` (the stripped form: the same articles lowercased,
tokenized, quote marks and apostrophes stripped) and `text_unmarked` (the unmarked
form: cased, quote marks and apostrophes removed, paragraphs glued), each article
with its own `people` list as gazetteer. Its
articles are split by id: the first half is where we tune, the second half is
held out. PolNeAR (US political news, the same three renderings), speech cues only: train
and dev are where we tune, test is held out and reported here only.

The protocol follows the Gender Gap Tracker's evaluation: each gold quote is
matched to the remaining prediction that covers the largest share of its word
tokens, if that share is at least the threshold (0.3, and separately 0.8);
precision = matched / predicted, recall = matched / gold. Speaker accuracy is
computed on matched quotes against the gold canonical speaker (`reference`): the
names are equal after case and accent folding, punctuation and leading
articles removed, or one is a person's full name and the other the same name's
tail (`Lonechild` / `Darian Lonechild`). PolNeAR has no canonical speakers; its
speaker accuracy is the share of matched quotes whose predicted speaker words
overlap the gold source words (the Gender Gap Tracker's own speaker measure).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import tomllib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import quotewise

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
GGT = SHARED / "gendergaptracker-eval" / "ggt_eval.jsonl"
POLNEAR = SHARED / "polnear" / "polnear.jsonl"
THRESHOLDS = (0.3, 0.8)
KINDS = ("direct", "indirect", "mixed")
WORD = re.compile(r"\w+")


@dataclass
class Gold:
    span: tuple[int, int]
    kind: str
    reference: str | None = None
    source: list[tuple[int, int]] = field(default_factory=list)
    # The words naming the speaker at the quote and the cue (GGT: `speaker`,
    # `verb`; PolNeAR: the source and cue spans).
    speaker_span: tuple[int, int] | None = None
    cue: str | None = None


@dataclass
class Pred:
    span: tuple[int, int]
    kind: str
    speaker_name: str | None
    speaker_span: tuple[int, int] | None
    rule: str
    cue: str | None = None
    confidence: float = 1.0


@dataclass
class Doc:
    id: str
    text: str
    gold: list[Gold]
    people: list[str]


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    matched: int = 0
    speaker_ok: int = 0

    def add(self, other: Tally) -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.matched += other.matched
        self.speaker_ok += other.speaker_ok

    def row(self) -> tuple[float, float, float, float]:
        p = self.matched / self.pred if self.pred else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        s = self.speaker_ok / self.matched if self.matched else 0.0
        return p, r, f, s


# -- loading ---------------------------------------------------------------------------------


#: The renderings of each corpus: the text field and the suffix of its span fields
#: (SOURCE.md): the original text, the stripped form (``text_norm``) and the
#: unmarked form (``text_unmarked``: cased, quotation marks and apostrophes removed).
RENDERINGS = {
    "original": ("text", None),
    "stripped": ("text_norm", "norm"),
    "unmarked": ("text_unmarked", "unmarked"),
}


def load_ggt(rendering: str) -> tuple[list[Doc], list[Doc]]:
    """GGT articles in one rendering, split by id into two halves."""
    field_, suffix = RENDERINGS[rendering]
    rows = [json.loads(line) for line in GGT.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows.sort(key=lambda r: r["id"])
    docs = []
    for r in rows:
        text = r[field_]
        gold = []
        for q in r["quotes"]:
            span = q[f"quote_{suffix}"] if suffix else q["quote_span"]
            if not span:
                continue
            sp = q[f"speaker_{suffix}"] if suffix else q["speaker_span"]
            gold.append(
                Gold(
                    span=(span[0], span[1]),
                    kind=q["kind"],
                    reference=q["reference"],
                    speaker_span=tuple(sp) if sp else None,
                    cue=(q.get("verb") or "").strip().lower() or None,
                )
            )
        people = [p.strip() for p in r["people"] if p and p.strip()]
        docs.append(Doc(id=r["id"], text=text, gold=gold, people=people))
    half = len(docs) // 2
    return docs[:half], docs[half:]


def speech_forms() -> set[str]:
    """Single-word forms of the speech and writing cues of quotewise's lexicon."""
    lexicon = tomllib.loads((ROOT / "src" / "quotes" / "lexicon" / "cues.toml").read_text(encoding="utf-8"))
    forms = {f for v in lexicon["verb"] if v["class"] in ("speech", "writing") for f in v["forms"]}
    for p in lexicon["phrase"]:
        if p["class"] in ("speech", "writing"):
            forms.update(p["text"].split())
    return forms


def load_polnear(splits: Iterable[str], rendering: str) -> list[Doc]:
    """PolNeAR articles of `splits` in one rendering (one annotator per article:
    the lowest id), with only the attributions whose cue is a speech or writing cue."""
    field_, suffix = RENDERINGS[rendering]

    def span(s: dict[str, Any]) -> tuple[int, int] | None:
        at = s[suffix] if suffix else (s["start"], s["end"])
        return (at[0], at[1]) if at else None

    forms = speech_forms()
    wanted = set(splits)
    chosen: dict[str, dict[str, Any]] = {}
    for line in POLNEAR.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["split"] not in wanted:
            continue
        if r["id"] not in chosen or r["annotator"] < chosen[r["id"]]["annotator"]:
            chosen[r["id"]] = r
    docs = []
    for r in sorted(chosen.values(), key=lambda r: r["id"]):
        text = r[field_]
        gold = []
        for a in r["attributions"]:
            cue_words = {w for c in a["cue"] for w in WORD.findall(c["text"].lower())}
            if not cue_words & forms:
                continue
            spans = [s for s in map(span, a["content"]) if s]
            if not spans:
                continue
            start, end = min(s[0] for s in spans), max(s[1] for s in spans)
            source = [s for s in map(span, a["source"]) if s]
            cue_text = " ".join(c["text"] for c in a["cue"]).strip().lower() or None
            gold.append(Gold(span=(start, end), kind=a["kind"], source=source, cue=cue_text))
        docs.append(Doc(id=r["id"], text=text, gold=gold, people=[]))
    return docs


# -- scoring ---------------------------------------------------------------------------------


def fold(name: str | None) -> str:
    if not name:
        return ""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c)).lower()
    name = re.sub(r"[^\w\s]", " ", name)
    words = name.split()
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def same_speaker(pred: str | None, gold: str | None) -> bool:
    p, g = fold(pred), fold(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    pw, gw = p.split(), g.split()
    # A full name and its tail (`darian lonechild` / `lonechild`).
    short, long = (pw, gw) if len(pw) < len(gw) else (gw, pw)
    return len(short) >= 1 and long[-len(short) :] == short


class Words:
    """The word tokens of a document, to measure spans in words."""

    def __init__(self, text: str) -> None:
        self.spans = [(m.start(), m.end()) for m in WORD.finditer(text)]

    def of(self, span: tuple[int, int]) -> set[int]:
        a, b = span
        return {i for i, (s, e) in enumerate(self.spans) if s < b and e > a}


def matches(doc: Doc, preds: list[Pred], threshold: float) -> list[tuple[Gold, int | None]]:
    """Each gold quote with the prediction it is matched to (or None): the
    remaining prediction covering the largest share of its words, if that
    share is at least `threshold`."""
    words = Words(doc.text)
    pred_words = [words.of(p.span) for p in preds]
    remaining = set(range(len(preds)))
    out: list[tuple[Gold, int | None]] = []
    for g in doc.gold:
        gw = words.of(g.span)
        best, best_score = None, 0.0
        if gw:
            for i in sorted(remaining):
                s = len(gw & pred_words[i]) / len(gw)
                if s >= threshold and s > best_score:
                    best, best_score = i, s
        if best is not None:
            remaining.discard(best)
        out.append((g, best))
    return out


def speaker_right(doc: Doc, words: Words, p: Pred, g: Gold, speaker_by_span: bool) -> bool:
    if speaker_by_span:
        return p.speaker_span is not None and any(words.of(p.speaker_span) & words.of(s) for s in g.source)
    return same_speaker(p.speaker_name, g.reference)


def score(doc: Doc, preds: list[Pred], threshold: float, speaker_by_span: bool) -> dict[str, Tally]:
    """Tallies for the document, overall ("all") and per gold kind (recall,
    speaker) and predicted kind (precision)."""
    words = Words(doc.text)
    tallies: dict[str, Tally] = defaultdict(Tally)
    for p in preds:
        tallies["all"].pred += 1
        tallies[p.kind].pred += 1
    for g, best in matches(doc, preds, threshold):
        tallies["all"].gold += 1
        tallies[g.kind].gold += 1
        if best is None:
            continue
        ok = speaker_right(doc, words, preds[best], g, speaker_by_span)
        for key in ("all", g.kind):
            tallies[key].matched += 1
            tallies[key].speaker_ok += int(ok)
    return tallies


def predict(
    docs: list[Doc], extractor: quotewise.QuoteExtractor, dictionary: str = "people"
) -> list[list[Pred]]:
    """The quotes of each document, with its own list of people as the
    dictionary (`people`, the evaluation's default), the built-in dictionary
    (`builtin`, as the command line runs) or none (`none`)."""
    out = []
    builtin = quotewise.Gazetteer.default() if dictionary == "builtin" else None
    for d in docs:
        if dictionary == "people":
            gaz = (
                quotewise.Gazetteer(
                    [
                        {"id": f"p{i}", "name": n, "kind": "PERSON"}
                        for i, n in enumerate(dict.fromkeys(d.people))
                    ]
                )
                if d.people
                else None
            )
        else:
            gaz = builtin
        preds = []
        for q in extractor.quotes(d.text, gaz):
            sp = (q.speaker.start, q.speaker.end) if q.speaker else None
            preds.append(
                Pred(
                    span=(q.start, q.end),
                    kind=q.kind,
                    speaker_name=q.speaker_name,
                    speaker_span=sp,
                    rule=q.rule,
                    cue=q.cue.text if q.cue else None,
                    confidence=q.confidence,
                )
            )
        out.append(preds)
    return out


def evaluate(
    docs: list[Doc], preds: list[list[Pred]], threshold: float, speaker_by_span: bool
) -> dict[str, Tally]:
    total: dict[str, Tally] = defaultdict(Tally)
    for d, p in zip(docs, preds, strict=True):
        for key, t in score(d, p, threshold, speaker_by_span).items():
            total[key].add(t)
    return total


# -- output ----------------------------------------------------------------------------------


def table(title: str, sets: list[tuple[str, list[Doc], list[list[Pred]], bool]]) -> None:
    print(f"\n{title}")
    header = f"{'set':<28}{'gold':>6}{'pred':>6}  {'P@.3':>5} {'R@.3':>5} {'F1@.3':>6}  {'P@.8':>5} {'R@.8':>5} {'F1@.8':>6}  {'speaker':>7}"
    print(header)
    print("-" * len(header))
    for name, docs, preds, by_span in sets:
        res = {t: evaluate(docs, preds, t, by_span) for t in THRESHOLDS}
        a3, a8 = res[0.3]["all"], res[0.8]["all"]
        p3, r3, f3, s3 = a3.row()
        p8, r8, f8, _ = a8.row()
        print(
            f"{name:<28}{a3.gold:>6}{a3.pred:>6}  {p3:>5.3f} {r3:>5.3f} {f3:>6.3f}  {p8:>5.3f} {r8:>5.3f} {f8:>6.3f}  {s3:>7.3f}"
        )
        for kind in KINDS:
            k3, k8 = res[0.3][kind], res[0.8][kind]
            _, kr3, _, ks3 = k3.row()
            _, kr8, _, _ = k8.row()
            # Per kind: recall of gold quotes of that kind; precision of
            # predictions of that kind is not defined by the protocol (a
            # prediction may match a gold quote of another kind), so the
            # columns show recall and the speaker accuracy only.
            print(
                f"  {kind:<26}{k3.gold:>6}{k3.pred:>6}  {'':>5} {kr3:>5.3f} {'':>6}  {'':>5} {kr8:>5.3f} {'':>6}  {ks3:>7.3f}"
            )


def speaker_errors(title: str, sets: list[tuple[str, list[Doc], list[list[Pred]], bool]]) -> None:
    """Wrong speakers of matched quotes (at 0.3), by where the error comes
    from: the mention at the cue is right but resolved to the wrong entity
    (`he`, `the commissioner`); the mention at the cue is wrong; or the
    speaker was inherited (a continuation) from a wrong source."""
    print(f"\n{title}")
    header = f"{'set':<28}{'matched':>8}{'wrong':>7}  {'resolution':>11} {'mention':>8} {'inherited':>10}"
    print(header)
    print("-" * len(header))
    for name, docs, preds, by_span in sets:
        n = wrong = resolution = mention = inherited = 0
        for d, ps in zip(docs, preds, strict=True):
            words = Words(d.text)
            for g, best in matches(d, ps, 0.3):
                if best is None:
                    continue
                n += 1
                p = ps[best]
                if speaker_right(d, words, p, g, by_span):
                    continue
                wrong += 1
                if p.speaker_span is None:
                    inherited += 1
                elif g.speaker_span and words.of(p.speaker_span) & words.of(g.speaker_span):
                    resolution += 1
                else:
                    mention += 1
        cells = [f"{k} ({k / wrong:.0%})" if wrong else "0" for k in (resolution, mention, inherited)]
        print(f"{name:<28}{n:>8}{wrong:>7}  {cells[0]:>11} {cells[1]:>8} {cells[2]:>10}")


def cue_errors(title: str, sets: list[tuple[str, list[Doc], list[list[Pred]], bool]], top: int = 12) -> None:
    """Missed gold quotes by their cue, and predictions matching no gold quote
    by theirs (at 0.3)."""
    print(f"\n{title}")
    for name, docs, preds, _ in sets:
        missed: dict[str, int] = defaultdict(int)
        extra: dict[str, int] = defaultdict(int)
        for d, ps in zip(docs, preds, strict=True):
            used = set()
            for g, best in matches(d, ps, 0.3):
                if best is None:
                    missed[g.cue or "(none)"] += 1
                else:
                    used.add(best)
            for i, p in enumerate(ps):
                if i not in used:
                    extra[(p.cue or "(none)").lower()] += 1
        print(f"{name}: missed {sum(missed.values())}: {top_counts(missed, top)}")
        print(f"{' ' * len(name)}  false {sum(extra.values())}: {top_counts(extra, top)}")


def top_counts(counts: dict[str, int], top: int) -> str:
    """The `top` most frequent keys with their counts."""
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return ", ".join(f"{k} {v}" for k, v in ranked)


def calibration(
    title: str, sets: list[tuple[str, list[Doc], list[list[Pred]], bool]], deciles: bool = True
) -> None:
    """Is `confidence` a probability? Each predicted quote is right when it
    is matched to a gold quote (at 0.3) and its speaker is right. By decile
    of confidence: how many quotes, their mean confidence and the share
    right; the expected calibration error (the deciles' gap, weighted by
    size); and precision and recall of right quotes kept at confidence
    thresholds."""
    print(f"\n{title}")
    for name, docs, preds, by_span in sets:
        conf: list[float] = []
        right: list[bool] = []
        gold = 0
        for d, ps in zip(docs, preds, strict=True):
            words = Words(d.text)
            ok = [False] * len(ps)
            for g, best in matches(d, ps, 0.3):
                gold += 1
                if best is not None:
                    ok[best] = speaker_right(d, words, ps[best], g, by_span)
            conf.extend(p.confidence for p in ps)
            right.extend(ok)
        print(f"{name}: {len(conf)} quotes, {sum(right)} right (quote and speaker), {gold} gold")
        ece = 0.0
        for k in range(10):
            lo, hi = k / 10, (k + 1) / 10
            idx = [i for i, c in enumerate(conf) if lo <= c < hi or (k == 9 and c == 1.0)]
            if not idx:
                continue
            mean = sum(conf[i] for i in idx) / len(idx)
            observed = sum(right[i] for i in idx) / len(idx)
            ece += len(idx) / len(conf) * abs(mean - observed)
            if deciles:
                print(
                    f"    {lo:.1f}-{hi:.1f}  n={len(idx):4d}  predicted {mean:.3f}  observed {observed:.3f}"
                )
        print(f"    expected calibration error {ece:.3f}")
        for t in (0.5, 0.7, 0.9):
            kept = [i for i, c in enumerate(conf) if c >= t]
            hit = sum(right[i] for i in kept)
            p = hit / len(kept) if kept else 0.0
            r = hit / gold if gold else 0.0
            print(f"    confidence >= {t}: {len(kept)} quotes, precision {p:.3f}, recall {r:.3f}")


def errors(docs: list[Doc], preds: list[list[Pred]], show: int) -> None:
    """Prints missed gold quotes and wrong speakers, for tuning."""
    shown = 0
    for d, ps in zip(docs, preds, strict=True):
        used = set()
        for g, best in matches(d, ps, 0.3):
            text = d.text[g.span[0] : g.span[1]].replace("\n", " ")
            if best is None:
                ctx = d.text[max(0, g.span[0] - 60) : g.span[0]].replace("\n", " / ")
                print(
                    f"MISS [{g.kind}] ref={g.reference!r} | ...{ctx} <<{text[:140]}>> {d.text[g.span[1] : g.span[1] + 50]!r}"
                )
                shown += 1
            else:
                used.add(best)
                if not same_speaker(ps[best].speaker_name, g.reference) and g.reference:
                    p = ps[best]
                    at = p.speaker_span or p.span
                    ctx = d.text[max(0, at[0] - 50) : at[1] + 30].replace("\n", " / ")
                    print(
                        f"SPKR [{g.kind}] ref={g.reference!r} got={p.speaker_name!r} ({p.rule}) | {text[:60]} || {ctx}"
                    )
                    shown += 1
            if shown >= show:
                return
        for i, p in enumerate(ps):
            if i not in used and shown < show:
                text = d.text[p.span[0] : p.span[1]].replace("\n", " ")
                print(f"EXTRA [{p.kind}] {p.rule} cue={p.cue!r} spk={p.speaker_name!r} | {text[:140]}")
                shown += 1


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", choices=["ggt", "polnear", "all"], default="all")
    parser.add_argument(
        "--errors",
        help="print errors of one set, e.g. ggt-first-original, ggt-first-original-none, polnear-dev-stripped",
    )
    parser.add_argument("--show", type=int, default=60)
    parser.add_argument("--no-breakdown", action="store_true", help="only the main tables")
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"the evaluation data is not at {SHARED}")
    extractor = quotewise.QuoteExtractor()
    t0 = time.perf_counter()
    sets: dict[str, tuple[list[Doc], list[list[Pred]], bool]] = {}
    if args.corpus in ("ggt", "all"):
        for rendering in RENDERINGS:
            first, second = load_ggt(rendering)
            for half, docs in (("first", first), ("second", second)):
                sets[f"ggt-{half}-{rendering}"] = (docs, predict(docs, extractor), False)
                for dictionary in ("none", "builtin"):
                    if args.errors == f"ggt-{half}-{rendering}-{dictionary}":
                        sets[args.errors] = (docs, predict(docs, extractor, dictionary), False)
    if args.corpus in ("polnear", "all"):
        for rendering in RENDERINGS:
            for split in ("train", "dev", "test"):
                if args.errors is None or args.errors == f"polnear-{split}-{rendering}":
                    docs = load_polnear([split], rendering)
                    sets[f"polnear-{split}-{rendering}"] = (docs, predict(docs, extractor), True)
    if args.errors:
        docs, preds, _ = sets[args.errors]
        errors(docs, preds, args.show)
        return
    print(
        f"quotewise {quotewise.__version__} quote extraction, evaluated in {time.perf_counter() - t0:.1f} s"
    )
    if any(k.startswith("ggt") for k in sets):
        table(
            "Gender Gap Tracker set (first half: tuning; second half: held out); speaker = canonical name",
            [(k, *v) for k, v in sets.items() if k.startswith("ggt")],
        )
    if any(k.startswith("polnear") for k in sets):
        table(
            "PolNeAR, speech cues only (train, dev: tuning; test: held out); speaker = source words overlap",
            [(k, *v) for k, v in sets.items() if k.startswith("polnear")],
        )
    if args.corpus in ("ggt", "all") and not args.no_breakdown:
        # As users run it: no dictionary at all, or only the built-in one.
        variants = []
        for rendering in RENDERINGS:
            for half, docs in zip(("first", "second"), load_ggt(rendering), strict=True):
                for dictionary in ("none", "builtin"):
                    variants.append(
                        (
                            f"ggt-{half}-{rendering}-{dictionary}",
                            docs,
                            predict(docs, extractor, dictionary),
                            False,
                        )
                    )
        table(
            "Gender Gap Tracker set with no dictionary (-none) and with the built-in dictionary (-builtin) "
            "instead of each article's people",
            variants,
        )
        ggt_sets = [(k, *v) for k, v in sets.items() if k.startswith("ggt")]
        calibration("Confidence against the share of quotes right (quote and speaker), GGT", ggt_sets)
        calibration(
            "The same with no dictionary (-none) and with the built-in dictionary (-builtin)",
            variants,
            deciles=False,
        )
        speaker_errors("Wrong speakers, by where the error comes from (GGT, each article's people)", ggt_sets)
        cue_errors("Misses and false quotes by cue (GGT)", ggt_sets)
    if args.corpus in ("polnear", "all") and not args.no_breakdown:
        cue_errors(
            "Misses and false quotes by cue (PolNeAR)",
            [(k, *v) for k, v in sets.items() if k.startswith("polnear") and "train" not in k],
        )


if __name__ == "__main__":
    main()
