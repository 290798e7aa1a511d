"""Shared fixtures: the evaluation data beside the checkout, read at run time."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CASES = ROOT / "tests" / "cases"


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared``; tests that need it skip cleanly where it is absent."""
    if not (SHARED / "data").is_dir():
        pytest.skip(f"evaluation data not found at {SHARED} (licensed for internal use; not shipped)")
    return SHARED


@pytest.fixture(scope="session")
def seed_texts() -> list[str]:
    """The seed articles (``../shared/seeds``, stripped style), as texts."""
    seeds = sorted((SHARED / "seeds").glob("*.txt")) if (SHARED / "seeds").is_dir() else []
    if not seeds:
        pytest.skip(f"seed articles not found at {SHARED / 'seeds'} (licensed for internal use; not shipped)")
    return [p.read_text(encoding="utf-8") for p in seeds]
