"""Progress bars for long batches (tqdm, optional)."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterable
from typing import Any


def in_notebook() -> bool:
    """Whether the code runs in a Jupyter kernel."""
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    shell = ipython.get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


def bar(progress: bool | None, items: Iterable[Any], threshold: int, unit: str) -> Any:
    """A tqdm bar over ``items`` if asked for (``progress=True``), or by default
    (None) in a notebook when there are more than ``threshold`` items; else
    None. Without tqdm, ``True`` warns once and the work goes on without one."""
    try:
        total: int | None = len(items)  # type: ignore[arg-type]
    except TypeError:
        total = None
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
