"""The example notebooks are as JupyterLab keeps them: opening one changes nothing, so a run
(which saves the notebook first) leaves the checkout as it was. Without cell ids, JupyterLab
added them on open, and it wrote the kernel's whole language_info over the `{"name": "python"}`
there: the notebook showed unsaved, and Compile and run rewrote the file. The language_info is
this Python's (3.11, what scripts/setup.sh installs); another Python's version would still
change it (Galata: tests/newcomer.spec.ts, "opens unchanged")."""
import pathlib
import warnings

import nbformat
import pytest
from ipykernel.ipkernel import IPythonKernel

EXAMPLES = sorted((pathlib.Path(__file__).parents[2] / "examples").glob("*.ipynb"))


def test_there_are_examples():
    assert [path.name for path in EXAMPLES] == [
        "fan-out.ipynb", "linear-chain.ipynb", "parameters-and-metrics.ipynb"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_an_example_validates_as_it_is_with_an_id_on_every_cell(path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # MissingIDFieldWarning, and any other
        notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
        nbformat.validate(notebook)
    assert all(cell.get("id") for cell in notebook.cells)
    assert len({cell.id for cell in notebook.cells}) == len(notebook.cells)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_an_example_is_written_as_the_server_writes_it(path):
    text = path.read_text(encoding="utf-8")
    notebook = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
    assert nbformat.writes(notebook) + "\n" == text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_an_example_has_the_language_info_the_kernel_gives(path):
    notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    assert notebook.metadata.language_info == IPythonKernel.language_info
