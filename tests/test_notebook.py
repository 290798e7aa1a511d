"""The example notebook runs end to end in a real Jupyter kernel (nbclient)
and shows what it promises: the article view, the quote table, the speaker
summary and the plot."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel", reason="the notebook needs a Python kernel (pip install ipykernel)")
pytest.importorskip("matplotlib")

NOTEBOOK = Path(__file__).resolve().parents[1] / "examples" / "quotewise_notebook.ipynb"


@pytest.fixture(scope="module")
def executed() -> object:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # Outputs are not committed: the notebook must produce them here.
    assert all(not cell.get("outputs") for cell in nb.cells if cell.cell_type == "code")
    client = nbclient.NotebookClient(
        nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": "/tmp"}}
    )
    client.execute()
    return nb


def outputs(nb: object, mime: str) -> list[str]:
    found = []
    for cell in nb.cells:  # type: ignore[attr-defined]
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                pytest.fail(f"cell failed: {out['ename']}: {out['evalue']}")
            data = out.get("data", {})
            if mime in data:
                found.append(data[mime])
    return found


def test_the_notebook_runs_and_shows_the_article_with_its_quotes(executed: object) -> None:
    html = [h for h in outputs(executed, "text/html") if "quotewise-document" in h]
    assert len(html) == 1
    assert html[0].count('<span class="qw-quote" title=') == 3  # the legend's sample has no title
    assert 'title="Vladimir Putin · PERSON · Q7747"' in html[0]


def test_the_quote_table_and_speaker_summary(executed: object) -> None:
    text = "\n".join(outputs(executed, "text/plain"))
    assert "Vladimir Putin      Q7747" in text
    assert "Olaf Scholz     Q61053" in text
    assert "unmarked-speech" in text  # the stripped-text example


def test_the_speaker_plot_is_drawn(executed: object) -> None:
    assert len(outputs(executed, "image/png")) == 1


def test_the_readmes_notebook_command_runs(tmp_path: Path) -> None:
    """The README's notebook step, as written there (output sent to a
    temporary folder): the notebook extra has what it needs."""
    import re
    import shlex
    import subprocess
    import sys

    readme = (NOTEBOOK.parents[1] / "README.md").read_text(encoding="utf-8")
    command = re.search(r"`(jupyter nbconvert [^`]+)`", readme)
    assert command, "the README says how to run the notebook"
    argv = shlex.split(command.group(1))
    scripts = Path(sys.executable).parent  # the interpreter's `jupyter`, venv activated or not
    done = subprocess.run(
        [str(scripts / argv[0]), *argv[1:], "--output-dir", str(tmp_path)],
        cwd=NOTEBOOK.parents[1],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    page = (tmp_path / "quotewise_notebook.html").read_text(encoding="utf-8")
    assert "quotewise-document" in page and "Vladimir Putin" in page
