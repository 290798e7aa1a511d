"""Optional dependencies, imported lazily.

quotewise itself needs none of pandas, pyarrow, polars, tqdm or matplotlib.
An object can only be a pandas DataFrame if pandas is already imported, so
type checks look in ``sys.modules`` and never import anything.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import Any


def loaded(module: str) -> ModuleType | None:
    """The module if the user's program has imported it, else None."""
    return sys.modules.get(module)


def is_dataframe(obj: Any) -> bool:
    """Whether ``obj`` is a pandas DataFrame."""
    pd = loaded("pandas")
    return pd is not None and isinstance(obj, pd.DataFrame)


def is_series(obj: Any) -> bool:
    """Whether ``obj`` is a pandas Series."""
    pd = loaded("pandas")
    return pd is not None and isinstance(obj, pd.Series)


def require(module: str, feature: str, extra: str | None = None) -> ModuleType:
    """Imports an optional dependency, or says how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        package = extra or module
        raise ImportError(f"{feature} needs the optional package {module!r}: pip install {package}") from exc
