#!/usr/bin/env bash
# Every check of the project, from a fresh machine that has only the Rust
# toolchain, Python with pip, maturin and pytest: installs the package and the
# development tools, then runs the Rust checks (fmt, clippy, tests) and the
# Python checks (ruff, mypy, stubtest, pytest). CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"

step() { printf '\n==> %s\n' "$*"; }

step "install quotewise (editable, release build) and the development tools"
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
