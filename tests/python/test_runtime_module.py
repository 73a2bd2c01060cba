"""The step runtime, templates/runtime/cellpipe_runtime.py, imported and called directly: argument
parsing (argparse), parameter conversion, marshalling, metrics and running a step, in process.
The generated scripts that end with this same text are run for real by test_step_runtime_*.py."""
import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

RUNTIME = Path(__file__).resolve().parents[2] / "templates" / "runtime" / "cellpipe_runtime.py"


def load_runtime():
    spec = importlib.util.spec_from_file_location("cellpipe_runtime", RUNTIME)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


rt = load_runtime()


def make_step(**overrides):
    constants = {
        "NOTEBOOK": "nb.ipynb",
        "STEP": "train",
        "PARAMETERS": [("epochs", "int", 3), ("rate", "float", 0.5), ("fast", "bool", False),
                       ("label", "str", "x")],
        "PRODUCERS": {"data": "load"},
        "INPUTS": ["data"],
        "OUTPUTS": ["model"],
        "METRICS": {"accuracy": "acc"},
        "METRICS_FORMAT": "json",
        "SETUP_CELLS": [],
        "STEP_CELLS": [],
        "MODULE_FILES": [],
    }
    constants.update(overrides)
    return rt.Step(constants)


def usage_error(argv, step=None):
    with pytest.raises(rt.UsageError) as caught:
        rt.parse_arguments(argv, step or make_step())
    return str(caught.value)


# ---- command line ---------------------------------------------------------------------------------
def test_options_with_separate_and_attached_values():
    parsed = rt.parse_arguments(["--input", "data=/d/in", "--output=model=/d/out", "--param", "epochs=7",
                                 "--param=label=a=b", "--metrics", "/m.json", "--kfp-executor-input={}"],
                                make_step())
    assert parsed == {"--input": {"data": "/d/in"}, "--output": {"model": "/d/out"},
                      "--param": {"epochs": "7", "label": "a=b"}, "--metrics": "/m.json",
                      "--data-root": None, "--kfp-executor-input": "{}", "--observe": None}


def test_data_root_stands_for_inputs_and_outputs_not_given():
    parsed = rt.parse_arguments(["--data-root", "/v"], make_step())
    assert parsed["--input"] == {"data": "/v/load/data"}
    assert parsed["--output"] == {"model": "/v/train/model"}
    parsed = rt.parse_arguments(["--data-root", "/v", "--input", "data=/elsewhere"], make_step())
    assert parsed["--input"] == {"data": "/elsewhere"}


def test_a_single_option_given_twice_keeps_the_last():
    parsed = rt.parse_arguments(["--data-root", "/a", "--data-root", "/b"], make_step())
    assert parsed["--data-root"] == "/b"


@pytest.mark.parametrize("argv, message", [
    (["--input", "data"], "--input expects NAME=VALUE, got 'data'"),
    (["--param", "=3"], "--param expects NAME=VALUE, got '=3'"),
    (["--input", "data=/a", "--input", "data=/b", "--output", "model=/m"], "--input data is given twice"),
    (["--input", "data=/a", "--output", "model=/m", "--param", "speed=1"],
     "--param speed: step 'train' has no such name (it has: epochs, rate, fast, label)"),
    (["--input", "data=/a", "--output", "model=/m", "--output", "other=/o"],
     "--output other: step 'train' has no such name (it has: model)"),
    (["--output", "model=/m"], "--input data=DIR is missing"),
    (["--input", "data=/a"], "--output model=DIR is missing"),
])
def test_bad_command_lines_say_what_is_wrong(argv, message):
    assert usage_error(argv) == message


@pytest.mark.parametrize("argv, unknown", [
    (["--nope"], "--nope"),
    (["--nope=1"], "--nope=1"),
    (["--inp", "data=/a"], "--inp"),  # no abbreviations
    (["stray"], "stray"),
])
def test_an_unknown_option_is_named_and_the_usage_shown(argv, unknown):
    message = usage_error(argv)
    first, usage = message.split("\n", 1)
    assert first == "unknown option %r" % unknown
    assert usage.startswith("usage: python ")
    assert "Runs step 'train' of nb.ipynb" in usage


@pytest.mark.parametrize("option", ["--metrics", "--data-root", "--kfp-executor-input", "--input"])
def test_an_option_without_its_value_is_refused(option):
    assert option in usage_error([option])


def test_help_prints_the_usage_with_the_step_names_and_exits_0(capsys):
    with pytest.raises(SystemExit) as caught:
        rt.parse_arguments(["--help"], make_step())
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert "inputs:     data\n" in out
    assert "outputs:    model\n" in out
    assert "parameters: epochs: int = 3, rate: float = 0.5, fast: bool = False, label: str = 'x'" in out
    with pytest.raises(SystemExit):
        rt.parse_arguments(["-h"], make_step(INPUTS=[], OUTPUTS=[], PARAMETERS=[]))
    assert "inputs:     none\n  outputs:    none\n  parameters: none" in capsys.readouterr().out


# ---- parameters -----------------------------------------------------------------------------------
@pytest.mark.parametrize("kind, raw, value", [
    ("bool", " TRUE ", True), ("bool", "0", False), ("int", "-2", -2), ("float", "2", 2.0),
    ("str", "a b", "a b"),
])
def test_parameters_take_their_declared_type(kind, raw, value):
    converted = rt.convert_parameter("p", kind, raw)
    assert converted == value and type(converted) is type(value)


@pytest.mark.parametrize("kind, raw, expected", [
    ("bool", "yes", "true, false, 1 or 0"), ("int", "1.5", "a valid int"), ("float", "", "a valid float"),
])
def test_a_bad_parameter_value_is_a_usage_error(kind, raw, expected):
    with pytest.raises(rt.UsageError, match="bad value for parameter 'p' \\(%s\\): %r is not %s"
                       % (kind, raw, expected)):
        rt.convert_parameter("p", kind, raw)


def test_parameter_values_are_the_defaults_with_the_overrides():
    values = rt.parameter_values({"epochs": "9", "fast": "1"}, make_step())
    assert values == {"epochs": 9, "rate": 0.5, "fast": True, "label": "x"}


# ---- marshalling ----------------------------------------------------------------------------------
def test_a_value_saved_is_loaded_back_with_its_manifest(tmp_path):
    value = {"rows": [1, 2.5, "three"], "nested": (None, True)}
    chosen = rt.save_value("table", value, str(tmp_path / "table"), "load")
    assert chosen in ("pickle", "cloudpickle")
    manifest = json.loads((tmp_path / "table" / "cellpipe.json").read_text())
    assert manifest == {"cellpipe": 1, "format": chosen, "file": "value.pkl", "type": "builtins.dict",
                        "variable": "table", "step": "load"}
    assert rt.load_value("table", str(tmp_path / "table")) == value
    assert sorted(p.name for p in (tmp_path / "table").iterdir()) == ["cellpipe.json", "value.pkl"]


def test_a_value_that_cannot_be_saved_names_the_variable_and_says_what_to_do(tmp_path):
    with pytest.raises(rt.CellpipeError) as caught:
        rt.save_value("gen", (n for n in range(2)), str(tmp_path / "gen"), "make")
    assert str(caught.value) == (
        "cannot save variable 'gen': cloudpickle: TypeError: cannot pickle 'generator' object"
        " (steps pass values to each other as files: pass what it is made from, a list for"
        " example, or make it in the step that reads it)")


def test_a_missing_input_names_the_input_and_the_file(tmp_path):
    with pytest.raises(rt.CellpipeError) as caught:
        rt.load_value("data", str(tmp_path))
    assert str(caught.value) == ("cannot load input 'data' from %s: %s is missing"
                                 % (tmp_path, tmp_path / "cellpipe.json"))


# ---- metrics --------------------------------------------------------------------------------------
def test_metrics_documents():
    values = {"accuracy": 0.75, "epochs": 3, "ok": True, "note": "n", "bad": None}
    assert rt.metrics_document(values, "json") is values
    assert rt.metrics_document(values, "kfp-v1") == {"metrics": [
        {"name": "accuracy", "numberValue": 0.75, "format": "RAW"},
        {"name": "epochs", "numberValue": 3, "format": "RAW"},
    ]}


def test_metric_values_become_json(capsys):
    assert rt._metric_value("m", float("nan")) is None
    assert "metric 'm' is nan; written as null" in capsys.readouterr().err
    assert rt._metric_value("m", [1]) == "[1]"
    assert rt._metric_value("m", 2) == 2


def test_metrics_are_written_and_an_undefined_one_is_named(tmp_path):
    path = tmp_path / "out" / "metrics.json"
    assert rt.write_metrics(str(path), {"acc": 0.5}, make_step()) == {"accuracy": 0.5}
    assert json.loads(path.read_text()) == {"accuracy": 0.5}
    with pytest.raises(rt.CellpipeError, match="cannot report metric 'accuracy': "
                                               "variable 'acc' is not defined"):
        rt.write_metrics(None, {}, make_step())


def test_the_kfp_executor_output_lists_every_artifact_with_the_metrics_as_metadata(tmp_path):
    output = tmp_path / "executor" / "output.json"
    executor_input = {"outputs": {"outputFile": str(output), "artifacts": {
        "model": {"artifacts": [{"name": "model", "uri": "s3://b/model", "metadata": {"k": 1}}]},
        "metrics": {"artifacts": [{"name": "metrics", "uri": "s3://b/metrics"}]},
    }}}
    rt.write_kfp_executor_output(json.dumps(executor_input), {"accuracy": 0.5, "note": "x", "ok": True})
    assert json.loads(output.read_text()) == {"artifacts": {
        "metrics": {"artifacts": [{"name": "metrics", "uri": "s3://b/metrics", "metadata": {"accuracy": 0.5}}]},
        "model": {"artifacts": [{"name": "model", "uri": "s3://b/model", "metadata": {"k": 1}}]},
    }}
    with pytest.raises(rt.UsageError, match="--kfp-executor-input is not JSON"):
        rt.write_kfp_executor_output("{", {})


def test_the_metrics_go_to_the_metrics_artifact_by_its_type_beside_a_variable_named_metrics(tmp_path):
    output = tmp_path / "output.json"
    typed = {"schemaTitle": "system.Metrics"}
    executor_input = {"outputs": {"outputFile": str(output), "artifacts": {
        "metrics": {"artifacts": [{"name": "metrics", "uri": "s3://b/metrics",
                                   "type": {"schemaTitle": "system.Artifact"}}]},
        "cellpipe_metrics": {"artifacts": [{"name": "cellpipe_metrics", "uri": "s3://b/m", "type": typed}]},
    }}}
    rt.write_kfp_executor_output(json.dumps(executor_input), {"acc": 0.9})
    assert json.loads(output.read_text()) == {"artifacts": {
        "cellpipe_metrics": {"artifacts": [{"name": "cellpipe_metrics", "uri": "s3://b/m",
                                            "metadata": {"acc": 0.9}}]},
        "metrics": {"artifacts": [{"name": "metrics", "uri": "s3://b/metrics", "metadata": {}}]},
    }}


# ---- running a step -------------------------------------------------------------------------------
@pytest.fixture
def main_module(monkeypatch):
    """run_step makes a fresh __main__ for the notebook's code: put pytest's back afterwards."""
    monkeypatch.setitem(sys.modules, "__main__", sys.modules["__main__"])


def test_run_step_loads_runs_saves_and_reports(tmp_path, capsys, main_module):
    rt.save_value("data", [1, 2, 3], str(tmp_path / "load" / "data"), "load")
    step = make_step(SETUP_CELLS=[("nb.ipynb [cell 0]", "def total(xs):\n    return sum(xs)\n")],
                     STEP_CELLS=[("nb.ipynb [cell 3]", "model = total(data) * epochs\nacc = 0.25\n")])
    arguments = rt.parse_arguments(["--data-root", str(tmp_path), "--param", "epochs=2",
                                    "--metrics", str(tmp_path / "metrics.json")], step)
    assert rt.run_step(arguments, step) == 0
    assert rt.load_value("model", str(tmp_path / "train" / "model")) == 12
    assert json.loads((tmp_path / "metrics.json").read_text()) == {"accuracy": 0.25}
    assert "cellpipe: metric accuracy = 0.25" in capsys.readouterr().err


def test_a_failing_cell_is_reported_from_its_own_frame_on(tmp_path, capsys, main_module):
    step = make_step(INPUTS=[], OUTPUTS=[], METRICS={},
                     STEP_CELLS=[("nb.ipynb [cell 4]", "x = 1\n\ny = x / 0\n")])
    assert rt.run_step(rt.parse_arguments([], step), step) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[:2] == ["Traceback (most recent call last):", '  File "nb.ipynb [cell 4]", line 3, in <module>']
    assert err[-1] == "cellpipe: step 'train' failed: ZeroDivisionError in nb.ipynb [cell 4], line 3: division by zero"


def test_top_level_await_runs_as_in_the_notebook_on_one_loop_for_the_step(tmp_path, main_module):
    # IPython runs a cell's top-level await; so does a step, on one event loop for all its cells,
    # so a task started in one cell can be awaited in the next.
    step = make_step(INPUTS=[], METRICS={}, SETUP_CELLS=[("nb.ipynb [cell 0]", "import asyncio\n")],
                     STEP_CELLS=[("nb.ipynb [cell 2]", "async def double(x):\n    await asyncio.sleep(0)\n"
                                  "    return 2 * x\ntask = asyncio.ensure_future(double(4))\n"
                                  "first = await double(1)\n"),
                                 ("nb.ipynb [cell 3]", "model = first + await task\n")])
    arguments = rt.parse_arguments(["--data-root", str(tmp_path)], step)
    assert rt.run_step(arguments, step) == 0
    assert rt.load_value("model", str(tmp_path / "train" / "model")) == 10


def test_shipped_modules_import_first_on_the_path_and_go_when_the_step_ends(tmp_path, main_module,
                                                                           monkeypatch):
    # helpers.py and a package next to the notebook, shipped with the pipeline: the step imports
    # them as the kernel does from the notebook's folder, ahead of anything installed.
    installed = tmp_path / "site"
    installed.mkdir()
    (installed / "probe_helpers.py").write_text("where = 'installed'\n")
    monkeypatch.syspath_prepend(str(installed))
    step = make_step(INPUTS=[], METRICS={}, MODULE_FILES=[
        ("probe_helpers.py", "from probe_tools.scale import factor\nwhere = 'shipped'\n"
                             "def double(x):\n    return x * factor\n"),
        ("probe_tools/__init__.py", ""),
        ("probe_tools/scale.py", "factor = 2\n"),
    ], SETUP_CELLS=[("nb.ipynb [cell 0]", "import probe_helpers\n")],
        STEP_CELLS=[("nb.ipynb [cell 2]", "model = (probe_helpers.double(21), probe_helpers.where)\n")])
    path_before = list(sys.path)
    try:
        assert rt.run_step(rt.parse_arguments(["--data-root", str(tmp_path)], step), step) == 0
        assert rt.load_value("model", str(tmp_path / "train" / "model")) == (42, "shipped")
        assert sys.path == path_before
        folder = os.path.dirname(sys.modules["probe_helpers"].__file__)
        assert os.path.basename(folder).startswith("cellpipe-modules-")
        assert not os.path.exists(folder)
    finally:
        for name in ("probe_helpers", "probe_tools", "probe_tools.scale"):
            sys.modules.pop(name, None)


def test_a_read_only_working_folder_gives_way_to_a_writable_one_that_links_to_it(tmp_path, capsys, main_module,
                                                                                  monkeypatch):
    # A step pod's working folder is on its read-only root: files the notebook writes next to
    # itself go to a new folder, which links to the image's files so that reading them works.
    image = tmp_path / "app"
    (image / "config").mkdir(parents=True)
    (image / "config" / "settings.txt").write_text("from the image\n")
    monkeypatch.chdir(image)
    monkeypatch.setattr(rt, "_writable", lambda folder: folder != str(image))
    step = make_step(INPUTS=[], METRICS={}, STEP_CELLS=[("nb.ipynb [cell 2]", (
        "import os\n"
        "open('out.csv', 'w').write('a,b\\n')\n"
        "model = (open('out.csv').read(), open('config/settings.txt').read(), os.getcwd())\n"))])
    arguments = rt.parse_arguments(["--data-root", "data"], step)
    assert rt.run_step(arguments, step) == 0
    written, setting, folder = rt.load_value("model", str(image / "data" / "train" / "model"))
    assert (written, setting) == ("a,b\n", "from the image\n")
    assert os.path.basename(folder).startswith("cellpipe-work-") and folder != str(image)
    assert os.getcwd() == str(image) and not os.path.exists(folder)
    assert not (image / "out.csv").exists()
    assert "cellpipe: the working folder %s is read-only; the step works in %s\n" % (image, folder) \
        in capsys.readouterr().err


def test_with_no_writable_temporary_folder_the_step_stays_where_it_is(tmp_path, main_module, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(rt, "_writable", lambda folder: False)
    monkeypatch.setattr(rt.tempfile, "mkdtemp", lambda prefix: (_ for _ in ()).throw(OSError(30, "read-only")))
    step = make_step(INPUTS=[], METRICS={}, STEP_CELLS=[("nb.ipynb [cell 2]", "import os\nmodel = os.getcwd()\n")])
    assert rt.run_step(rt.parse_arguments(["--data-root", str(tmp_path)], step), step) == 0
    assert rt.load_value("model", str(tmp_path / "train" / "model")) == str(tmp_path)


def test_a_writable_working_folder_stays(tmp_path, capsys, main_module, monkeypatch):
    monkeypatch.chdir(tmp_path)
    step = make_step(INPUTS=[], METRICS={}, STEP_CELLS=[("nb.ipynb [cell 2]", (
        "import os\nopen('out.csv', 'w').write('x')\nmodel = os.getcwd()\n"))])
    assert rt.run_step(rt.parse_arguments(["--data-root", str(tmp_path)], step), step) == 0
    assert rt.load_value("model", str(tmp_path / "train" / "model")) == str(tmp_path)
    assert (tmp_path / "out.csv").read_text() == "x"
    assert "read-only" not in capsys.readouterr().err


def test_an_error_in_a_shipped_module_shows_its_file_and_line(tmp_path, capsys, main_module):
    step = make_step(INPUTS=[], OUTPUTS=[], METRICS={},
                     MODULE_FILES=[("failing_helpers.py", "def divide(x):\n    return x / 0\n")],
                     STEP_CELLS=[("nb.ipynb [cell 3]", "import failing_helpers\nfailing_helpers.divide(1)\n")])
    assert rt.run_step(rt.parse_arguments([], step), step) == 1
    sys.modules.pop("failing_helpers", None)
    err = capsys.readouterr().err.splitlines()
    assert err[1] == '  File "nb.ipynb [cell 3]", line 2, in <module>'
    assert err[3].endswith('failing_helpers.py", line 2, in divide')
    assert err[-1] == "cellpipe: step 'train' failed: ZeroDivisionError in nb.ipynb [cell 3], line 2: division by zero"


@pytest.mark.parametrize("relative", ["../escape.py", "/etc/escape.py", "pkg//x.py", "pkg/./x.py", "notes.txt",
                                      "pkg\\..\\x.py"])
def test_a_shipped_file_outside_the_modules_folder_is_refused(tmp_path, relative, main_module):
    step = make_step(INPUTS=[], OUTPUTS=[], METRICS={}, MODULE_FILES=[(relative, "x = 1\n")])
    path_before = list(sys.path)
    with pytest.raises(rt.CellpipeError, match="refusing to write shipped module file"):
        rt.run_step(rt.parse_arguments([], step), step)
    assert sys.path == path_before
    assert not (tmp_path.parent / "escape.py").exists()


def test_the_coroutine_flag_written_out_is_inspects_and_plain_cells_compile_without_await():
    import ast
    import inspect

    assert rt.CO_COROUTINE == inspect.CO_COROUTINE
    assert rt._await_flags("x = 1\n") == 0
    assert rt._await_flags("x = await f()\n") == ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
    assert rt._await_flags("async for x in xs:\n    pass\n") == ast.PyCF_ALLOW_TOP_LEVEL_AWAIT


def test_an_error_after_a_top_level_await_names_its_cell_and_line(tmp_path, capsys, main_module):
    step = make_step(INPUTS=[], OUTPUTS=[], METRICS={}, SETUP_CELLS=[("nb.ipynb [cell 0]", "import asyncio\n")],
                     STEP_CELLS=[("nb.ipynb [cell 5]", "await asyncio.sleep(0)\nx = 1 / 0\n")])
    assert rt.run_step(rt.parse_arguments([], step), step) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == "cellpipe: step 'train' failed: ZeroDivisionError in nb.ipynb [cell 5], line 2: division by zero"


def test_get_ipython_is_there_and_says_no_shell(tmp_path, main_module):
    # The analyzer takes get_ipython as a notebook global; in a step it returns None, as
    # IPython's does outside its shell.
    step = make_step(INPUTS=[], METRICS={},
                     STEP_CELLS=[("nb.ipynb [cell 2]", "model = 'script' if get_ipython() is None else 'shell'\n")])
    assert rt.run_step(rt.parse_arguments(["--data-root", str(tmp_path)], step), step) == 0
    assert rt.load_value("model", str(tmp_path / "train" / "model")) == "script"


def test_main_reports_usage_errors_with_exit_2_and_the_step(capsys):
    constants = {name: getattr(make_step(), attribute) for name, attribute in [
        ("NOTEBOOK", "notebook"), ("STEP", "name"), ("PARAMETERS", "parameters"), ("PRODUCERS", "producers"),
        ("INPUTS", "inputs"), ("OUTPUTS", "outputs"), ("METRICS", "metrics"),
        ("METRICS_FORMAT", "metrics_format"), ("SETUP_CELLS", "setup_cells"), ("STEP_CELLS", "step_cells"),
        ("MODULE_FILES", "module_files")]}
    assert rt.main(["--output", "model=/m"], constants) == 2
    assert capsys.readouterr().err == "cellpipe: step 'train': --input data=DIR is missing\n"


OBSERVER = RUNTIME.with_name("cellpipe_observer.py")
OBSERVED_STEP = """
import importlib.util, os, socket, sys
spec = importlib.util.spec_from_file_location("cellpipe_observer", sys.argv[1])
rt = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rt)
observer = rt.Observer().start()
open("read.txt").read()
with open("both.txt", "r+") as handle:
    handle.write("x")
open("new.txt", "w").write("y")
open("new.txt").read()
os.close(os.open("raw.txt", os.O_RDONLY))
sorted(os.listdir("folder"))
os.chdir("folder")
sorted(os.listdir())
os.chdir("..")
import importlib.metadata, sqlite3, subprocess
importlib.metadata.entry_points()
subprocess.run(["uname"], capture_output=True)
sqlite3.connect("data.db").close()
observer.write(sys.argv[2])
open("after.txt", "w").write("not seen: the report is written")
"""


def test_observer_reports_what_the_code_opened_and_listed(tmp_path):
    """The audit hook behind the local step cache (--observe; templates/runtime/cellpipe_observer.py,
    which only local step scripts carry): files read (not those the code wrote itself), files
    written, folders listed, nothing outside; nothing after the report."""
    import subprocess

    for name in ("read.txt", "both.txt", "raw.txt"):
        (tmp_path / name).write_text("data")
    (tmp_path / "folder").mkdir()
    report = tmp_path / "observed" / "step.json"
    subprocess.run([sys.executable, "-c", OBSERVED_STEP, str(OBSERVER), str(report)],
                   cwd=tmp_path, check=True)
    observed = json.loads(report.read_text())
    # the modules the imports load are read too: the runner leaves out what lies under "ignore"
    observed["reads"] = [path for path in observed["reads"] if path.startswith(str(tmp_path))]
    # read: what the code opened to read, the files it also wrote included (both.txt, new.txt and
    # the sqlite database: their stamps after the step ran must still match to reuse it)
    assert observed["reads"] == [str(tmp_path / name) for name in
                                 ("both.txt", "data.db", "new.txt", "raw.txt", "read.txt")]
    assert observed["writes"] == [str(tmp_path / name) for name in ("both.txt", "data.db", "new.txt")]
    # listed: the folder, also as os.listdir() of the current folder; not the sys.path entries
    # importlib.metadata lists for entry points
    assert observed["listed"] == [str(tmp_path / "folder")]
    # uname is a probe (as loky's lscpu for KMeans), not the outside world
    assert observed["outside"] is None
    assert os.path.abspath(sys.prefix) in observed["ignore"]


def test_observer_names_the_first_event_that_reaches_outside(tmp_path):
    import subprocess

    script = OBSERVED_STEP.replace(
        'open("read.txt").read()',
        'server = socket.socket(); server.bind(("127.0.0.1", 0)); server.listen()\n'
        'socket.create_connection(server.getsockname()).close()\n'
        'import subprocess; subprocess.run(["true"])\n'
        'open("read.txt").read()')
    for name in ("read.txt", "both.txt", "raw.txt"):
        (tmp_path / name).write_text("data")
    (tmp_path / "folder").mkdir()
    report = tmp_path / "step.json"
    subprocess.run([sys.executable, "-c", script, str(OBSERVER), str(report)], cwd=tmp_path, check=True)
    assert json.loads(report.read_text())["outside"] == "socket.connect"


def test_observe_without_the_observer_is_a_usage_error():
    """A cluster step script carries no observer: --observe there says so (exit 2)."""
    with pytest.raises(rt.UsageError, match="--observe needs the observer"):
        rt._start_observer(make_step())
