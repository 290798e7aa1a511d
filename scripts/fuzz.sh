#!/usr/bin/env bash
# Fuzz the matcher and the quote extractor with cargo-fuzz (libFuzzer).
#
#   cargo install cargo-fuzz            # once; needs the nightly toolchain
#   bash scripts/fuzz.sh 1800           # each target for 1800 s (default 60)
#   bash scripts/fuzz.sh 600 quotes     # one target
#
# The seed corpus is made here from the table cases (tests/cases/*.toml) and
# the bundled sample article; corpora and crash artifacts stay in fuzz/
# (ignored by git). A crash is fixed and kept as a table case or unit test.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-60}"
TARGETS="${2:-matcher quotes}"

seed() {
    local dir="fuzz/corpus/$1"
    mkdir -p "$dir"
    python3 - "$dir" <<'PY'
import hashlib, pathlib, sys, tomllib
out = pathlib.Path(sys.argv[1])
texts = []
for path in sorted(pathlib.Path("tests/cases").glob("*.toml")):
    for case in tomllib.loads(path.read_text(encoding="utf-8")).get("cases", []):
        if isinstance(case.get("text"), str):
            names = [e.get("name", "") + "|" + "|".join(e.get("aliases", [])) for e in case.get("entries", []) if isinstance(e, dict)]
            texts.append("\n".join(names) + "\0" + case["text"])
texts.append("Vladimir Putin|Putin\nBashar al-Assad|Assad\0" + pathlib.Path("python/quotewise/data/sample_article.txt").read_text(encoding="utf-8"))
for flags in (0, 1, 2):
    for t in texts:
        data = bytes([flags]) + t.encode("utf-8")
        (out / hashlib.sha1(data).hexdigest()).write_bytes(data)
PY
}

for target in $TARGETS; do
    seed "$target"
    echo "==> fuzz $target for ${SECONDS_PER_TARGET}s"
    cargo +nightly fuzz run "$target" "fuzz/corpus/$target" -- \
        -max_total_time="$SECONDS_PER_TARGET" -max_len=20000 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
done
