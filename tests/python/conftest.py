"""Shared pytest fixtures: notebooks written on the fly, step scripts rendered by the real CLI.

Step scripts are rendered through `cellpipe render-step` from the engine bundle, which the
session builds once (esbuild, about a second) so the tests never run a stale bundle.
"""
import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "cellpipe" / "engine" / "cellpipe.cjs"


@pytest.fixture(scope="session")
def cellpipe_cli():
    """The command that runs the freshly built CLI: a list to which arguments are appended."""
    with open("/tmp/cellpipe-engine-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        subprocess.run(["node", "scripts/build-engine.mjs"], cwd=ROOT, check=True)
    return ["node", str(BUNDLE)]


def code_cell(source, *tags):
    return {"cell_type": "code", "execution_count": None, "metadata": {"tags": list(tags)},
            "outputs": [], "source": source}


def write_notebook(path, cells):
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


class Pipeline:
    """A notebook rendered to step scripts, runnable step by step with data under `data/`."""

    def __init__(self, cli, directory, cells, name="notebook.ipynb", metrics_format="json"):
        self.directory = directory
        self.notebook = write_notebook(directory / name, cells)
        self.scripts = directory / "scripts"
        rendered = subprocess.run(cli + ["render-step", str(self.notebook), "-o", str(self.scripts),
                                         "--metrics-format", metrics_format],
                                  capture_output=True, text=True)
        assert rendered.returncode == 0, rendered.stderr

    def data(self, step, name):
        return self.directory / "data" / step / name

    def run(self, step, inputs=(), outputs=(), params=None, metrics=None, env=None):
        """Runs one step script; `inputs` are (name, producer step) pairs."""
        args = [sys.executable, str(self.scripts / (step + ".py"))]
        for name, producer in inputs:
            args += ["--input", "%s=%s" % (name, self.data(producer, name))]
        for name in outputs:
            args += ["--output", "%s=%s" % (name, self.data(step, name))]
        for name, raw in (params or {}).items():
            args += ["--param", "%s=%s" % (name, raw)]
        if metrics is not None:
            args += ["--metrics", str(metrics)]
        return subprocess.run(args, capture_output=True, text=True, cwd=self.directory,
                              env=dict(os.environ, **(env or {})), timeout=300)

    def run_ok(self, step, **options):
        result = self.run(step, **options)
        assert result.returncode == 0, result.stderr
        return result

    def manifest(self, step, name):
        return json.loads((self.data(step, name) / "cellpipe.json").read_text())


@pytest.fixture
def make_pipeline(cellpipe_cli, tmp_path):
    """make_pipeline(cells, name=..., metrics_format=...) renders a notebook's step scripts."""
    def make(cells, **options):
        return Pipeline(cellpipe_cli, tmp_path, cells, **options)
    return make
