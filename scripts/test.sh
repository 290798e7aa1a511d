#!/usr/bin/env bash
# Every check of the project, from a fresh machine that has only the Rust
# toolchain and Python (>= 3.10) with pip: installs the build backend
# (maturin), the package and the development tools (pytest, ruff, mypy,
# pandas, pyarrow, polars, Dask, pyspark, ...), then runs the Rust checks (fmt,
# clippy, tests) and the Python checks (ruff, mypy, stubtest, pytest, the
# Spark tests included: they need Java 17+ on PATH). CI runs exactly this.
# PYTHON=/path/to/python picks the interpreter (default: python3).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"

step() { printf '\n==> %s\n' "$*"; }

# The interpreter's scripts folder first on PATH: maturin's build backend runs
# the `maturin` command, which pip installs there, and the venv need not be
# activated.
SCRIPTS="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_path("scripts"))')"
export PATH="$SCRIPTS:$PATH"

step "install maturin, then quotewise (editable, release build) and the development tools"
# The build backends first, so that the editable install can reuse them without
# an isolated build environment (and keep cargo's incremental target/): maturin
# for quotewise, setuptools and wheel for the development tools published only
# as source (pyspark), which a fresh venv cannot build without `wheel`.
"$PYTHON" -m pip install --disable-pip-version-check -q "maturin>=1.9.4,<2" "setuptools>=61" wheel
"$PYTHON" -m pip install --disable-pip-version-check -q --no-build-isolation -e ".[dev]"

step "cargo fmt --check"
cargo fmt --check
step "cargo clippy (core, and with the Python binding)"
cargo clippy -q --all-targets -- -D warnings
cargo clippy -q --all-targets --features python -- -D warnings
step "cargo test"
cargo test -q

step "ruff"
"$PYTHON" -m ruff check python tests benchmarks scripts
"$PYTHON" -m ruff format --check python tests benchmarks scripts
step "mypy"
"$PYTHON" -m mypy
step "stubtest"
"$PYTHON" -m mypy.stubtest quotewise._quotewise
step "pytest"
"$PYTHON" -m pytest -q "$@"
