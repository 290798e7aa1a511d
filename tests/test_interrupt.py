"""Ctrl-C stops a long batch promptly with KeyboardInterrupt, and the core
install imports none of the optional packages."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

LONG_JOB = """
import sys, time
import quotewise
texts = (quotewise.sample_article() for _ in range(10_000_000))
print("started", flush=True)
try:
    for _ in quotewise.analyze_many(texts, quotewise.Gazetteer.default(), batch_size=512):
        pass
except KeyboardInterrupt:
    print("interrupted", flush=True)
    sys.exit(3)
"""


def test_ctrl_c_stops_analyze_many_promptly() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", LONG_JOB], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "started"
    time.sleep(1.5)  # well inside the work (10 million articles take hours)
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("analyze_many did not stop within 10 s of Ctrl-C")
    waited = time.monotonic() - sent
    assert proc.returncode == 3, err
    assert "interrupted" in out
    assert waited < 5, f"stopped {waited:.1f} s after Ctrl-C"


def test_importing_quotewise_imports_no_optional_package() -> None:
    code = (
        "import sys, quotewise\n"
        "print(sorted(m for m in ('pandas', 'pyarrow', 'polars', 'tqdm', 'matplotlib', 'dask', 'pyspark')"
        " if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"
