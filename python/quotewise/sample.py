"""The bundled sample article, written for quotewise (not real news)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["sample_article"]


@lru_cache(maxsize=1)
def sample_article() -> str:
    """A short news-style article, written for quotewise, with quotes in
    several styles and names from the built-in dictionary. Used by
    ``quotewise demo`` and the examples."""
    return resources.files("quotewise").joinpath("data/sample_article.txt").read_text(encoding="utf-8")
