"""Progress bars for long batches (tqdm, optional)."""

from __future__ import annotations

import sys
import warnings
from typing import Any


def in_notebook() -> bool:
    """Whether the code runs in a Jupyter kernel."""
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    shell = ipython.get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


def length(items: object) -> int | None:
    """``len(items)``, or None for an input without a length (a generator)."""
    try:
        return len(items)  # type: ignore[arg-type]
    except TypeError:
        return None


def bar(progress: bool | None, total: int | None, threshold: int, unit: str) -> Any:
    """A tqdm bar over ``total`` items (None: unknown) if asked for
    (``progress=True``), or by default (None) in a notebook when there are
    more than ``threshold`` items; else None. Without tqdm, ``True`` warns
    once and the work goes on without one."""
    if progress is None:
        progress = in_notebook() and (total is None or total > threshold)
    if not progress:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        warnings.warn("progress=True needs tqdm (pip install tqdm); going on without a bar", stacklevel=3)
        return None
    return tqdm(total=total, unit=unit[:-1] if unit.endswith("s") else unit)
