"""`pip install .` puts a `cellpipe` command on PATH (issue 15, blocker 5).

The untagged-notebook diagnostic tells the user to run `cellpipe tag NOTEBOOK --by-headings`
in the lab's terminal; that must work in the environment JupyterLab was installed into, with
no npm checkout, and `cellpipe run` must pick the Python Jupyter would start for the kernel.
"""
import json
import os
import shutil
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

from cellpipe import __version__

SCRIPT = Path(sys.executable).parent / "cellpipe"


def plain_env(tmp_path):
    """A terminal in which the venv was never activated: python3 on PATH is another one."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("CELLPIPE_PYTHON", "CELLPIPE_NATIVE_PYTHON", "CELLPIPE_NATIVE_PREFIX",
                        "VIRTUAL_ENV", "JUPYTER_PATH", "JUPYTER_DATA_DIR")}
    env["PATH"] = os.pathsep.join(
        dict.fromkeys([os.path.dirname(shutil.which("node")), "/usr/bin", "/bin"]))
    env["CELLPIPE_HOME"] = str(tmp_path / "home")
    return env


def test_the_console_script_is_installed():
    scripts = entry_points(group="console_scripts")
    found = [e for e in scripts if e.name == "cellpipe"]
    assert [e.value for e in found] == ["cellpipe.cli:main"]
    assert SCRIPT.is_file(), "pip did not write %s" % SCRIPT


def test_it_runs_the_bundled_engine(tmp_path):
    done = subprocess.run([str(SCRIPT), "--version"], capture_output=True, text=True,
                          cwd=tmp_path, env=plain_env(tmp_path), timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == __version__


def test_tag_by_headings_then_run_with_the_kernel_python(tmp_path):
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": "## Load data"},
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
         "source": "import sys\nx = 1"},
        {"cell_type": "markdown", "metadata": {}, "source": "## Report"},
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
         "source": "print('PYTHON=' + sys.executable, x)"},
    ]
    notebook = tmp_path / "untagged.ipynb"
    notebook.write_text(json.dumps({
        "cells": cells, "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}}}))
    env = plain_env(tmp_path)
    # kernel.json names `python`, as ipykernel's does: Jupyter starts its own interpreter.
    kernels = tmp_path / "jupyter" / "kernels" / "python3"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps(
        {"argv": ["python", "-m", "ipykernel_launcher", "-f", "{connection_file}"]}))
    env["JUPYTER_PATH"] = str(tmp_path / "jupyter")
    tagged = subprocess.run([str(SCRIPT), "tag", notebook.name, "--by-headings", "--in-place"],
                            capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert tagged.returncode == 0, tagged.stderr
    assert "step:load_data" in tagged.stdout and "step:report" in tagged.stdout
    ran = subprocess.run([str(SCRIPT), "run", notebook.name, "--json"], capture_output=True,
                         text=True, cwd=tmp_path, env=env, timeout=600)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    record = json.loads(ran.stdout)
    assert record["status"] == "Succeeded"
    assert record["python"]["executable"] == sys.executable
    log = Path(next(s["log"] for s in record["steps"] if s["name"] == "report")).read_text()
    assert "PYTHON=%s 1" % sys.executable in log


def test_run_finds_the_kernel_ipykernel_installed_into_the_venv(tmp_path):
    """Found by hand: `venv/bin/cellpipe run` in a venv never activated ran the steps on the
    python3 on PATH (no pandas there: ModuleNotFoundError), as ipykernel's kernel.json lies only
    under the venv's prefix, where Jupyter looks (sys.prefix/share/jupyter) and the CLI did not."""
    spec = Path(sys.prefix) / "share" / "jupyter" / "kernels" / "python3" / "kernel.json"
    assert spec.is_file(), "ipykernel wrote no kernel.json under %s" % sys.prefix
    notebook = tmp_path / "steps.ipynb"
    notebook.write_text(json.dumps({
        "cells": [{"cell_type": "code", "metadata": {"tags": ["step:report"]}, "outputs": [],
                   "execution_count": None, "source": "import sys\nprint('PYTHON=' + sys.executable)"}],
        "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}}}))
    env = plain_env(tmp_path)
    env["HOME"] = str(tmp_path)  # no kernels in the user's data folder
    ran = subprocess.run([str(SCRIPT), "run", notebook.name, "--json"], capture_output=True,
                         text=True, cwd=tmp_path, env=env, timeout=600)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    record = json.loads(ran.stdout)
    assert record["python"]["executable"] == sys.executable
    assert record["python"]["source"] == "the notebook's kernel 'python3'"
