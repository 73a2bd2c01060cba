"""Every /cellpipe/ route end to end: the real server extension relaying to a real Node engine."""
import asyncio
import json
import shutil
from pathlib import Path

import pytest
from tornado.httpclient import HTTPClientError

pytest_plugins = ["pytest_jupyter.jupyter_server"]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

ROUTES = [
    ("GET", ("version",)),
    ("POST", ("analyze",)),
    ("POST", ("compile",)),
    ("POST", ("settings",)),
    ("GET", ("runs",)),
    ("POST", ("runs",)),
    ("GET", ("runs", "x")),
    ("POST", ("runs", "x", "cancel")),
    ("GET", ("runs", "x", "steps", "s", "log")),
]


@pytest.fixture
def jp_server_config(jp_server_config):
    return {"ServerApp": {"jpserver_extensions": {"cellpipe": True}}}


@pytest.fixture
def notebooks(jp_root_dir, cellpipe_cli, tmp_path, monkeypatch):
    """The examples in the server root, a failing notebook beside them, and a private run store."""
    monkeypatch.setenv("CELLPIPE_HOME", str(tmp_path / "home"))
    for example in EXAMPLES.glob("*.ipynb"):
        shutil.copy(example, jp_root_dir / example.name)
    cells = [
        {"cell_type": "code", "metadata": {"tags": ["step:first"]}, "source": "x = 1",
         "outputs": [], "execution_count": None},
        {"cell_type": "code", "metadata": {"tags": ["step:second"]},
         "source": "import time\ntime.sleep(60)\ny = x", "outputs": [], "execution_count": None},
    ]
    (jp_root_dir / "slow.ipynb").write_text(json.dumps(
        {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return jp_root_dir


async def call(jp_fetch, method, *path, body=None, **params):
    options = {"method": method, "params": params}
    if method == "POST":
        options["body"] = json.dumps(body or {})
    response = await jp_fetch("cellpipe", *path, **options)
    return json.loads(response.body)


async def refused(jp_fetch, method, *path, body=None, **params):
    with pytest.raises(HTTPClientError) as error:
        await call(jp_fetch, method, *path, body=body, **params)
    return error.value.code, json.loads(error.value.response.body)


async def finished(jp_fetch, run_id):
    """The run's record once it has ended (polled for up to 150 s)."""
    for _ in range(600):
        record = await call(jp_fetch, "GET", "runs", run_id)
        if record["status"] not in ("Pending", "Running"):
            break
        await asyncio.sleep(0.25)
    return record


@pytest.mark.parametrize("method,path", ROUTES)
async def test_every_route_and_method_refuses_an_unauthenticated_request(jp_fetch, method, path):
    options = {"method": method, "headers": {"Authorization": ""}}
    if method == "POST":
        options["body"] = "{}"
    with pytest.raises(HTTPClientError) as error:
        await jp_fetch("cellpipe", *path, **options)
    assert error.value.code == 403


async def test_version_comes_from_the_running_engine(jp_fetch, notebooks):
    body = await call(jp_fetch, "GET", "version")
    from cellpipe import __version__

    assert body == {"version": __version__, "engine": __version__, "problem": None}


async def test_analyze_by_path_and_by_unsaved_json(jp_fetch, notebooks):
    summary = await call(jp_fetch, "POST", "analyze", body={"path": "fan-out.ipynb"})
    assert [s["name"] for s in summary["steps"]][:2] == ["split", "forest"]
    notebook = json.loads((notebooks / "fan-out.ipynb").read_text())
    notebook["cells"].append({"cell_type": "code", "metadata": {"tags": ["step:extra"]},
                              "source": "print(undefined_name)", "outputs": [],
                              "execution_count": None})
    summary = await call(jp_fetch, "POST", "analyze", body={"notebook": notebook,
                                                           "path": "fan-out.ipynb"})
    codes = [d["code"] for d in summary["diagnostics"]]
    assert "undefined-name" in codes


async def test_paths_may_not_leave_the_server_root(jp_fetch, notebooks):
    code, body = await refused(jp_fetch, "POST", "analyze", body={"path": "../../etc/passwd"})
    assert code == 403
    assert "not a path under the server root" in body["message"]


async def test_a_missing_notebook_is_a_clear_400(jp_fetch, notebooks):
    code, body = await refused(jp_fetch, "POST", "analyze", body={"path": "missing.ipynb"})
    assert code == 400
    assert "missing.ipynb" in body["message"] and "no such file" in body["message"]


async def test_compile_for_argo_and_settings_with_weakenings(jp_fetch, notebooks):
    compiled = await call(jp_fetch, "POST", "compile",
                          body={"path": "linear-chain.ipynb", "target": "argo"})
    assert compiled["target"] == "argo"
    assert "kind: Workflow" in compiled["text"]
    weak = await call(jp_fetch, "POST", "settings",
                      body={"path": "linear-chain.ipynb",
                            "overrides": {"security": {"runAsNonRoot": False}}})
    assert weak["settings"]["security"]["runAsNonRoot"] is False
    assert any("runAsNonRoot" in line for line in weak["weakenings"])
    code, body = await refused(jp_fetch, "POST", "compile",
                               body={"path": "linear-chain.ipynb", "target": "airflow"})
    assert code == 400 and "target" in body["message"]


async def test_a_local_run_succeeds_lists_and_tails_its_logs(jp_fetch, notebooks):
    record = await call(jp_fetch, "POST", "runs",
                        body={"path": "linear-chain.ipynb", "target": "local", "params": {}})
    assert record["notebook"] == "linear-chain.ipynb"
    record = await finished(jp_fetch, record["id"])
    assert record["status"] == "Succeeded", record
    listed = await call(jp_fetch, "GET", "runs", notebook="linear-chain.ipynb")
    assert record["id"] in [r["id"] for r in listed]
    assert await call(jp_fetch, "GET", "runs", notebook="other.ipynb") == []
    step = record["steps"][0]["name"]
    whole = await call(jp_fetch, "GET", "runs", record["id"], "steps", step, "log", offset="0")
    assert whole["complete"] is True
    tail = await call(jp_fetch, "GET", "runs", record["id"], "steps", step, "log",
                      offset=str(whole["offset"]))
    assert tail == {"text": "", "offset": whole["offset"], "complete": True}
    code, body = await refused(jp_fetch, "GET", "runs", record["id"], "steps", "nope", "log")
    assert code == 404


async def test_cancel_stops_a_running_run(jp_fetch, notebooks):
    record = await call(jp_fetch, "POST", "runs", body={"path": "slow.ipynb", "target": "local"})
    for _ in range(1200):
        record = await call(jp_fetch, "GET", "runs", record["id"])
        if any(s["name"] == "second" and s["status"] == "Running" for s in record["steps"]):
            break
        await asyncio.sleep(0.25)
    else:
        pytest.fail("step 'second' never started running: %s" % record)
    cancelled = await call(jp_fetch, "POST", "runs", record["id"], "cancel")
    assert cancelled["status"] == "Cancelled"


async def test_an_unknown_run_is_404(jp_fetch, notebooks):
    code, body = await refused(jp_fetch, "GET", "runs", "20990101-000000-abcdef")
    assert code == 404 and "no run" in body["message"]


async def test_the_engine_restarts_after_it_dies(jp_fetch, notebooks, jp_serverapp):
    await call(jp_fetch, "GET", "version")
    engine = jp_serverapp.web_app.settings["cellpipe_engine"]
    first = engine._process.pid
    engine._process.kill()
    await engine._process.wait()
    await asyncio.sleep(0.2)
    body = await call(jp_fetch, "GET", "version")
    assert body["problem"] is None
    assert engine._process.pid != first


async def rename(jp_fetch, source, target):
    await jp_fetch("api", "contents", source, method="PATCH", body=json.dumps({"path": target}))


async def listed_ids(jp_fetch, notebook):
    return [r["id"] for r in await call(jp_fetch, "GET", "runs", notebook=notebook)]


async def test_runs_follow_their_notebook_when_jupyter_renames_it(jp_fetch, notebooks,
                                                                  jp_serverapp):
    record = await call(jp_fetch, "POST", "runs",
                        body={"path": "linear-chain.ipynb", "target": "local", "params": {}})
    record = await finished(jp_fetch, record["id"])
    assert record["status"] == "Succeeded", record

    # Renamed through Jupyter's contents API (what the file browser and a tab's Rename do).
    await rename(jp_fetch, "linear-chain.ipynb", "chain.ipynb")
    assert await listed_ids(jp_fetch, "chain.ipynb") == [record["id"]]
    assert await listed_ids(jp_fetch, "linear-chain.ipynb") == []
    # Then its folder: the file moves into one, and the folder is renamed.
    (notebooks / "team").mkdir()
    await rename(jp_fetch, "chain.ipynb", "team/chain.ipynb")
    await rename(jp_fetch, "team", "crew")
    shown = await call(jp_fetch, "GET", "runs", record["id"])
    assert shown["notebook"] == "crew/chain.ipynb"
    assert await listed_ids(jp_fetch, "crew/chain.ipynb") == [record["id"]]

    # A rerun (the run viewer's) starts from where the notebook is now.
    rerun = await call(jp_fetch, "POST", "runs",
                       body={"path": shown["notebook"], "target": "local", "params": {}})
    assert rerun["notebook"] == "crew/chain.ipynb"
    await call(jp_fetch, "POST", "runs", rerun["id"], "cancel")

    # A rename that moves no run is not recorded; the record keeps where the run was made.
    (notebooks / "notes.txt").write_text("todo")
    await rename(jp_fetch, "notes.txt", "todo.txt")
    # The engine's CELLPIPE_HOME: the server (and its engine) may have started before the
    # fixture set it, and then it is the default under the test's HOME.
    env = jp_serverapp.web_app.settings["cellpipe_engine"].env
    home = Path(env.get("CELLPIPE_HOME") or Path(env["HOME"]) / ".cellpipe")
    renames = [json.loads(line) for line in (home / "renames.jsonl").read_text().splitlines()]
    assert [(Path(r["from"]).name, Path(r["to"]).name) for r in renames] == [
        ("linear-chain.ipynb", "chain.ipynb"), ("chain.ipynb", "chain.ipynb"), ("team", "crew")]
    stored = json.loads((home / "runs" / record["id"] / "run.json").read_text())
    assert Path(stored["notebook"]).name == "linear-chain.ipynb"


async def test_a_new_notebook_at_a_deleted_notebooks_path_starts_with_no_runs(
        jp_fetch, notebooks):
    record = await call(jp_fetch, "POST", "runs",
                        body={"path": "linear-chain.ipynb", "target": "local", "params": {}})
    record = await finished(jp_fetch, record["id"])
    assert await listed_ids(jp_fetch, "linear-chain.ipynb") == [record["id"]]
    text = (notebooks / "linear-chain.ipynb").read_text()

    # Deleted through Jupyter's contents API (the file browser's Delete), then a new notebook is
    # made at the same path: it is not the notebook those runs ran from.
    await jp_fetch("api", "contents", "linear-chain.ipynb", method="DELETE")
    await jp_fetch("api", "contents", "linear-chain.ipynb", method="PUT",
                   body=json.dumps({"type": "notebook", "format": "json",
                                    "content": json.loads(text)}))
    assert await listed_ids(jp_fetch, "linear-chain.ipynb") == []
    # Still recorded, and shown by id (the run viewer, `cellpipe runs`).
    assert [r["id"] for r in await call(jp_fetch, "GET", "runs")] == [record["id"]]
    assert (await call(jp_fetch, "GET", "runs", record["id"]))["status"] == "Succeeded"

    # The new notebook's own runs are its own.
    second = await call(jp_fetch, "POST", "runs",
                        body={"path": "linear-chain.ipynb", "target": "local", "params": {}})
    await finished(jp_fetch, second["id"])
    assert await listed_ids(jp_fetch, "linear-chain.ipynb") == [second["id"]]

    # Renamed first, then deleted: the runs go with the deletion of the path they followed to.
    (notebooks / "team").mkdir()
    await jp_fetch("api", "contents", "linear-chain.ipynb", method="PATCH",
                   body=json.dumps({"path": "team/chain.ipynb"}))
    assert await listed_ids(jp_fetch, "team/chain.ipynb") == [second["id"]]
    await jp_fetch("api", "contents", "team/chain.ipynb", method="DELETE")
    (notebooks / "team" / "chain.ipynb").write_text(text)
    assert await listed_ids(jp_fetch, "team/chain.ipynb") == []
