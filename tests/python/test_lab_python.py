"""Which Python a local run from the lab uses (issue 15, blockers 1 and 2), end to end.

The server is started as a user starts it: by the path of its `jupyter` in a virtual
environment that was never activated, with no CELLPIPE_PYTHON, so `python3` on PATH is another
interpreter without the user's libraries. The notebook's kernel must decide, resolved as Jupyter
resolves it (`python`/`python3` in kernel.json means the server's own interpreter), and the lab's
Local Python setting must win over it. The run record names the interpreter used.
"""
import asyncio
import json
import os
import shutil
import sys

import pytest
from tornado.httpclient import HTTPClientError

from cellpipe.routes import kernel_python

pytest_plugins = ["pytest_jupyter.jupyter_server"]

# Debian's own Python: not the interpreter running this test (a pyenv or venv one).
OTHER_PYTHON = "/usr/bin/python3"


@pytest.fixture
def jp_server_config(jp_server_config):
    return {"ServerApp": {"jpserver_extensions": {"cellpipe": True}}}


@pytest.fixture
def server_env(jp_root_dir, jp_data_dir, cellpipe_cli, tmp_path, monkeypatch):
    """No CELLPIPE_PYTHON, and a PATH on which `python3` is not this interpreter."""
    monkeypatch.setenv("CELLPIPE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CELLPIPE_PYTHON", raising=False)
    monkeypatch.delenv("VIRTUAL_ENV", raising=False)
    node = os.path.dirname(shutil.which("node"))
    path = os.pathsep.join(dict.fromkeys([node, "/usr/bin", "/bin"]))
    monkeypatch.setenv("PATH", path)
    on_path = shutil.which("python3", path=path)
    assert on_path and on_path != sys.executable, "python3 on PATH must be another interpreter"
    # A kernel installed by name, as `ipykernel install` into a venv writes it.
    spec = jp_data_dir / "kernels" / "by-name"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": ["python", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python (by name)", "language": "python"}))
    return jp_root_dir


def write_notebook(root, name, kernel):
    cells = [{"cell_type": "code", "metadata": {"tags": ["step:where"]}, "outputs": [],
              "execution_count": None, "source": "import sys\nprint('PYTHON=' + sys.executable)"}]
    metadata = {} if kernel is None else {
        "kernelspec": {"name": kernel, "display_name": kernel, "language": "python"}}
    (root / name).write_text(json.dumps(
        {"cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}))


async def call(jp_fetch, method, *path, body=None):
    options = {"method": method}
    if method == "POST":
        options["body"] = json.dumps(body or {})
    try:
        response = await jp_fetch("cellpipe", *path, **options)
    except HTTPClientError as error:
        error.message = "%s: %s" % (error.message, error.response.body.decode())
        raise
    return json.loads(response.body)


async def finished_run(jp_fetch, body):
    record = await call(jp_fetch, "POST", "runs", body=body)
    for _ in range(1200):
        if record["status"] not in ("Pending", "Running"):
            break
        await asyncio.sleep(0.25)
        record = await call(jp_fetch, "GET", "runs", record["id"])
    assert record["status"] == "Succeeded", record
    log = await call(jp_fetch, "GET", "runs", record["id"], "steps", "where", "log")
    printed = [line[len("PYTHON="):] for line in log["text"].splitlines()
               if line.startswith("PYTHON=")]
    return record, printed


@pytest.mark.parametrize("kernel,source", [
    ("python3", "the notebook's kernel 'python3'"),
    ("by-name", "the notebook's kernel 'by-name'"),
    (None, "the server's default kernel 'python3'"),
    # As JupyterLab offers the default kernel; before, python3 on PATH, another interpreter.
    ("py39-old", "the server's default kernel 'python3' (the notebook's kernel 'py39-old' is not "
                 "installed)"),
])
async def test_a_local_run_uses_the_kernel_interpreter_as_jupyter_resolves_it(
        jp_fetch, server_env, kernel, source):
    write_notebook(server_env, "where.ipynb", kernel)
    record, printed = await finished_run(jp_fetch, {"path": "where.ipynb", "target": "local"})
    assert printed == [sys.executable]
    assert record["python"]["executable"] == sys.executable
    assert record["python"]["source"] == source


async def test_the_local_python_setting_wins_over_the_kernel(jp_fetch, server_env):
    write_notebook(server_env, "where.ipynb", "python3")
    record, printed = await finished_run(jp_fetch, {
        "path": "where.ipynb", "target": "local", "overrides": {"python": OTHER_PYTHON}})
    assert printed == [OTHER_PYTHON]
    assert record["python"]["executable"] == OTHER_PYTHON
    assert record["python"]["source"] == "the Local Python setting"


async def test_a_missing_local_python_is_a_clear_400(jp_fetch, server_env):
    write_notebook(server_env, "where.ipynb", "python3")
    with pytest.raises(HTTPClientError) as error:
        await call(jp_fetch, "POST", "runs", body={
            "path": "where.ipynb", "target": "local",
            "overrides": {"python": "/nowhere/python3"}})
    assert error.value.code == 400
    message = json.loads(error.value.response.body)["message"]
    assert "/nowhere/python3" in message and "Local Python setting" in message
    # the lab's advice, not the command line's (the lab has no --python)
    assert message.endswith("; set Local Python (Settings \u203a cellpipe) to a Python 3 "
                            "interpreter, or leave it empty to use the notebook's kernel"), message
    assert "--python" not in message


def test_kernel_argv_resolution_follows_jupyter_client():
    assert kernel_python(["python", "-m", "ipykernel_launcher"]) == sys.executable
    assert kernel_python(["python3"]) == sys.executable
    assert kernel_python(["python%i.%i" % sys.version_info[:2]]) == sys.executable
    assert kernel_python(["/opt/conda/bin/python", "-m", "x"]) == "/opt/conda/bin/python"
    assert kernel_python([]) is None


async def test_a_check_before_the_parameters_dialog_says_what_the_run_would_and_starts_nothing(
        jp_fetch, server_env, tmp_path):
    write_notebook(server_env, "where.ipynb", "python3")
    with pytest.raises(HTTPClientError) as error:
        await call(jp_fetch, "POST", "runs", body={
            "path": "where.ipynb", "target": "local", "check": True,
            "overrides": {"python": "/nowhere/python3"}})
    assert error.value.code == 400
    message = json.loads(error.value.response.body)["message"]
    assert "/nowhere/python3" in message and "Local Python setting" in message
    checked = await call(jp_fetch, "POST", "runs", body={
        "path": "where.ipynb", "target": "local", "check": True,
        "overrides": {"python": OTHER_PYTHON}})
    assert checked == {"checked": True}
    # For a cluster the check compiles and submits nothing (this server has no cluster).
    assert await call(jp_fetch, "POST", "runs", body={
        "path": "where.ipynb", "target": "argo", "check": True}) == {"checked": True}
    assert await call(jp_fetch, "GET", "runs") == []
    assert not (tmp_path / "home" / "runs").exists() or not any((tmp_path / "home" / "runs").iterdir())


async def test_a_cluster_run_says_the_notebooks_problem_before_the_missing_kubeconfig(
        jp_fetch, server_env):
    """This server has no kubeconfig: a pipeline name holding '{{' is what the user must fix first."""
    (server_env / "braces.ipynb").write_text(json.dumps({
        "cells": [{"cell_type": "code", "metadata": {"tags": ["step:a"]}, "outputs": [],
                   "execution_count": None, "source": "x = 1"}],
        "metadata": {"cellpipe": {"name": "My pipeline {{x}}"}},
        "nbformat": 4, "nbformat_minor": 5}))
    for check in (True, False):
        with pytest.raises(HTTPClientError) as error:
            await call(jp_fetch, "POST", "runs", body={
                "path": "braces.ipynb", "target": "argo", "check": check})
        assert error.value.code == 400
        message = json.loads(error.value.response.body)["message"]
        assert "the pipeline name holds '{{'" in message, message
