"""Our KFP pipelines run by the KFP SDK's own local orchestrator (kfp.local, DockerRunner) in podman
containers of localhost/cellpipe-python:3.11 (issue 13, design §7): parameters, a failing step,
metrics in the executor output, template syntax in a cell. test_kfp_local_pipelines.py compares
every example and a probe notebook with the local run.

Needs what `bash scripts/setup.sh --dev` installs (scripts/setup.d/40-podman.sh). One podman API
service serves the whole session; every pipeline is compiled by the real CLI and run by
tools/kfp_local/run.py, as `bash scripts/kfp-local.sh` runs it.
"""
import base64
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import code_cell

ROOT = Path(__file__).resolve().parents[2]
IMAGE = "localhost/cellpipe-python:3.11"
EXAMPLES = ["fan-out", "linear-chain", "parameters-and-metrics"]
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable

sys.path.insert(0, str(ROOT / "tools" / "kfp_local"))
import run as kfp_local_run  # noqa: E402  (tools/kfp_local/run.py)


def notebook(name, cells):
    return {"cells": cells, "metadata": {"cellpipe": {"name": name}}, "nbformat": 4, "nbformat_minor": 5}


# A probe of every kind of value a step passes on: a pandas frame (parquet through pyarrow), a
# numpy array, a dict, a string and an instance of a class from the functions cell; a parameter;
# metrics.
PROBE = notebook("kfp-probe", [
    code_cell("import json\nimport numpy as np\nimport pandas as pd", "imports"),
    code_cell("class Tally:\n"
              "    def __init__(self, label, total):\n"
              "        self.label = label\n"
              "        self.total = total\n\n"
              "    def describe(self):\n"
              "        return '%s %d %s' % (self.label, self.total, type(self).__name__)",
              "functions"),
    code_cell("rows = 40\nlabel = 'probe'", "pipeline-parameters"),
    code_cell("frame = pd.DataFrame({'a': np.arange(rows, dtype=float),\n"
              "                      'b': np.linspace(-1.5, 1.25, rows).round(6) - 0.1,\n"
              "                      'c': ['r%d' % i for i in range(rows)]})\n"
              "matrix = np.arange(rows * 3, dtype=np.int64).reshape(rows, 3)\n"
              "first_label = label\n"
              "print('make:', frame.shape, matrix.shape, first_label, isinstance(frame, pd.DataFrame))",
              "step:make"),
    code_cell("summary = {'a': float(frame['a'].sum()), 'b': round(float(frame['b'].sum()), 6)}\n"
              "matrix_total = float(matrix.sum())\n"
              "print('stats:', json.dumps(summary, sort_keys=True), matrix_total)",
              "step:stats"),
    code_cell("tally = Tally('%s-%d' % (first_label, rows - 11), int(frame['a'].sum()))\n"
              "tally_total = tally.total\n"
              "print('order:', tally.describe())",
              "step:order"),
    code_cell("a_sum = summary['a']\nb_sum = summary['b']\n"
              "print('report:', a_sum, b_sum, matrix_total, tally.label, tally_total)",
              "step:report"),
    code_cell("print(a_sum)\nprint(b_sum)", "pipeline-metrics"),
])

# A step that fails in a function from the functions cell, called from the step's second cell.
FAILING = notebook("kfp-fails", [
    code_cell("def ratio(total, count):\n    return total / count", "functions"),
    code_cell("values = [3, 4, 5]\nprint('first: ok', sum(values))", "step:first"),
    code_cell("count = len(values) - 3\nprint('second: dividing by', count)", "step:second"),
    code_cell("share = ratio(sum(values), count)\nprint('never printed', share)", ""),
    code_cell("print('third: never runs', share)", "step:third"),
])

# Template syntax of both engines in user code reaches Python as written (design §5).
SYNTAX = notebook("kfp-syntax", [
    code_cell("marker = 'kfp-syntax'", "pipeline-parameters"),
    code_cell("print(\"{{$}}\")\nprint(\"{{workflow.name}}\")\n"
              "print(\"{{$.inputs.parameters['marker']}}\", marker)\n"
              "text = '{{inputs.parameters.x}}'", "step:echo"),
    code_cell("import sys\nprint('read:', text)\n"
              "print('stdout:', sys.stdout.line_buffering, sys.stdout.write_through)", "step:read"),
])

# Code in a module and a package next to the notebook, which the pipeline ships to the step
# containers: an instance of a class from the module passes between steps (pickled by reference),
# and the module's template text reaches Python as written.
MODULES = notebook("kfp-modules", [
    code_cell("import kfp_shapes", "imports"),
    code_cell("box = kfp_shapes.Box(kfp_shapes.double(21))\nprint('make:', box.value)", "step:make"),
    code_cell("from kfp_tools.scale import factor\n"
              "print('show:', box.value, type(box).__module__, factor, kfp_shapes.TEMPLATE)", "step:show"),
])
MODULE_FILES = {
    "kfp_shapes.py": "from kfp_tools.scale import factor\n"
                     "TEMPLATE = '{{workflow.name}} {{$}}'\n\n\n"
                     "def double(x):\n    return x * factor\n\n\n"
                     "class Box:\n    def __init__(self, value):\n        self.value = value\n",
    "kfp_tools/__init__.py": "",
    "kfp_tools/scale.py": "factor = 2\n",
}

# A step whose packed code passes the 128 KiB that one program argument may hold (150,000 bytes
# that do not compress): its container command carries the code in several arguments.
LONG_BLOB = base64.b64encode(random.Random(7).randbytes(150_000)).decode()
LONG = notebook("kfp-long", [
    code_cell("import hashlib\nblob = %r\n"
              "print('blob', len(blob), hashlib.sha256(blob.encode()).hexdigest()[:16])" % LONG_BLOB,
              "step:carry"),
])

# A function, a class and an instance that one step defines, used two steps later after a step
# between rebinds the global they read: the step image has no cloudpickle of its own, and the
# runtime pickles them with the copy its joblib (Debian's scikit-learn) carries.
FUNCTIONS = notebook("kfp-functions", [
    code_cell("x = 1\n"
              "def read_x():\n    return x\n\n\n"
              "class Reader:\n    def get(self):\n        return x * 10\n\n\n"
              "reader = Reader()", "step:define"),
    code_cell("x = 2", "step:rebind"),
    code_cell("print('use:', read_x(), Reader().get(), reader.get())", "step:use"),
])

# A step that reports metrics and also hands on a variable named `metrics`: the Metrics artifact
# takes another name, so both reach where they go.
METRICS_NAME = notebook("kfp-metrics-name", [
    code_cell("metrics = {'acc': 0.75}\nacc = 0.75", "step:score"),
    code_cell("print(acc)", "pipeline-metrics"),
    code_cell("print('read:', metrics['acc'])", "step:read"),
])

NOTEBOOKS = {"kfp-probe": PROBE, "kfp-fails": FAILING, "kfp-syntax": SYNTAX, "kfp-modules": MODULES,
             "kfp-long": LONG, "kfp-functions": FUNCTIONS, "kfp-metrics-name": METRICS_NAME}


def task_name(step):
    """The KFP task name of a step (src/core/generate/kfp/names.ts)."""
    return step.lower().replace("_", "-")


def user_lines(log):
    """What the notebook's code printed: the log without the step runtime's own lines."""
    return [line for line in log.splitlines() if line.strip() and not line.startswith("cellpipe: ")]


class Runs:
    """Runs notebooks on kfp.local and locally, once each per (name, params)."""

    def __init__(self, cli, directory, docker_host):
        self.cli = cli
        self.directory = directory
        self.docker_host = docker_host
        self.kfp_runs = {}
        self.local_runs = {}

    def notebook(self, name):
        path = self.directory / ("%s.ipynb" % name)
        if not path.exists():
            if name in NOTEBOOKS:
                path.write_text(json.dumps(NOTEBOOKS[name]), encoding="utf-8")
                for relative, text in MODULE_FILES.items() if name == "kfp-modules" else ():
                    (self.directory / relative).parent.mkdir(exist_ok=True)
                    (self.directory / relative).write_text(text, encoding="utf-8")
            else:
                path.write_bytes((ROOT / "examples" / ("%s.ipynb" % name)).read_bytes())
        return path

    def compile(self, name):
        out = self.directory / ("%s.kfp.yaml" % name)
        if not out.exists():
            result = subprocess.run(self.cli + ["compile", str(self.notebook(name)), "--target", "kfp",
                                                "--image", IMAGE, "-o", str(out)],
                                    capture_output=True, text=True)
            assert result.returncode == 0, result.stderr
        return out

    def kfp(self, name, params=()):
        """(exit code, printed output, summary, pipeline YAML) of scripts/kfp-local.sh."""
        key = (name, tuple(params))
        if key not in self.kfp_runs:
            pipeline = self.compile(name)
            tag = "-".join([name] + [p.replace("=", "-") for p in params])
            summary_path = self.directory / ("kfp-%s.json" % tag)
            args = [PYTHON, str(ROOT / "tools" / "kfp_local" / "run.py"), str(pipeline),
                    "--json", str(summary_path), "--pipeline-root", str(self.directory / ("kfp-" + tag))]
            for param in params:
                args += ["--param", param]
            env = dict(os.environ, DOCKER_HOST=self.docker_host)
            result = subprocess.run(args, capture_output=True, text=True, env=env)
            output = result.stdout + result.stderr
            assert summary_path.exists(), output
            summary = json.loads(summary_path.read_text(encoding="utf-8"))
            self.kfp_runs[key] = (result.returncode, output, summary, pipeline)
        return self.kfp_runs[key]

    def local(self, name, params=()):
        """(exit code, run record, {step: log}, stderr) of `cellpipe run --json`."""
        key = (name, tuple(params))
        if key not in self.local_runs:
            home = self.directory / ("home-%d" % len(self.local_runs))
            args = self.cli + ["run", str(self.notebook(name)), "--json", "--no-cache", "--python", PYTHON]
            for param in params:
                args += ["--param", param]
            env = dict(os.environ, CELLPIPE_HOME=str(home))
            result = subprocess.run(args, capture_output=True, text=True, env=env, cwd=self.directory)
            record = json.loads(result.stdout)
            logs = {}
            for step in record["steps"]:
                log = Path(step["log"])
                logs[step["name"]] = log.read_text(encoding="utf-8") if log.exists() else ""
            metrics = {}
            for path in sorted((home / "runs" / record["id"] / "metrics").glob("*.json")):
                metrics[path.stem] = json.loads(path.read_text(encoding="utf-8"))
            record["metrics"] = metrics
            self.local_runs[key] = (result.returncode, record, logs, result.stderr)
        return self.local_runs[key]


# One podman service and one cache of runs for the whole session, shared by the test modules
# that import these fixtures (each module that imports a fixture gets its own copy of it).
_SESSION = {}


@pytest.fixture(scope="session")
def runs(cellpipe_cli, tmp_path_factory):
    if "runs" not in _SESSION:
        service = kfp_local_run.PodmanService()
        _SESSION["service"] = service
        docker_host = service.start()
        _SESSION["runs"] = Runs(cellpipe_cli, tmp_path_factory.mktemp("kfp-local"), docker_host)
    yield _SESSION["runs"]
    if "service" in _SESSION:
        _SESSION.pop("service").stop()


def kfp_metrics(task):
    """The metrics as the KFP UI reads them: the Metrics artifact's metadata in the executor output."""
    artifacts = task["executor_output"]["artifacts"]["metrics"]["artifacts"]
    assert len(artifacts) == 1
    return artifacts[0]["metadata"]


def numeric(values):
    return {k: v for k, v in values.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}


def assert_same_run(runs, name, params=()):
    """kfp.local and the local runner ran the same steps to success, with the same user output
    line for line and the same metrics. Returns (kfp summary, local record)."""
    code, output, summary, _ = runs.kfp(name, params)
    local_code, record, local_logs, local_err = runs.local(name, params)
    assert local_code == 0 and record["status"] == "Succeeded", local_err
    assert code == 0 and summary["status"] == "SUCCESS", output
    steps = [task_name(step["name"]) for step in record["steps"]]
    assert sorted(summary["tasks"]) == sorted(steps)
    for step in record["steps"]:
        task = summary["tasks"][task_name(step["name"])]
        assert task["status"] == "SUCCESS", task["log"]
        assert user_lines(task["log"]) == user_lines(local_logs[step["name"]]), step["name"]
        if step["name"] in record["metrics"]:
            assert kfp_metrics(task) == numeric(record["metrics"][step["name"]]), step["name"]
            assert task["outputs"]["metrics"]["metadata"] == kfp_metrics(task)
        else:
            assert "metrics" not in task["outputs"]
    return summary, record


def test_a_parameter_override_reaches_every_step(runs):
    params = ("n_estimators=5", "test_size=0.5")
    summary, record = assert_same_run(runs, "parameters-and-metrics", params)
    default, _ = assert_same_run(runs, "parameters-and-metrics")
    assert record["params"]["n_estimators"] == 5
    # The override changed what the steps computed.
    assert kfp_metrics(summary["tasks"]["evaluate"]) != kfp_metrics(default["tasks"]["evaluate"])
    assert kfp_metrics(summary["tasks"]["evaluate"])["train_rows"] == 89


def test_metrics_reach_the_executor_output_as_the_kfp_ui_reads_them(runs):
    _, _, summary, _ = runs.kfp("kfp-probe")
    report = summary["tasks"]["report"]
    assert report["executor_output"] == {"artifacts": {"metrics": {"artifacts": [{
        "name": "metrics",
        "uri": report["outputs"]["metrics"]["uri"],
        "metadata": {"a_sum": 780.0, "b_sum": -9.0},
    }]}}}
    assert report["outputs"]["metrics"]["type"] == "system.Metrics"
    # A step with outputs lists them, as KFP's own components do (kfp.local reads them there).
    make = summary["tasks"]["make"]
    assert make["executor_output"] == {"artifacts": {
        name: {"artifacts": [{"name": name, "uri": make["outputs"][name]["uri"], "metadata": {}}]}
        for name in ("first_label", "frame", "matrix")}}
    assert all(make["outputs"][name]["uri"].endswith("/make/" + name) for name in make["outputs"])


def test_a_failing_step_fails_the_pipeline_with_its_traceback_mapped_to_the_cell(runs):
    code, output, summary, _ = runs.kfp("kfp-fails")
    assert code == 1 and summary["status"] == "FAILURE", output
    assert summary["tasks"]["first"]["status"] == "SUCCESS"
    failed = summary["tasks"]["second"]
    assert failed["status"] == "FAILURE"
    assert "third" not in summary["tasks"]
    log = failed["log"]
    assert "second: dividing by 0" in log
    assert "never printed" not in log
    # The traceback names the notebook cells (counted from 1), not the runtime: the step's
    # second cell (cell 4) calls ratio() from the functions cell (cell 1).
    assert 'File "kfp-fails.ipynb [cell 4]", line 1, in <module>' in log
    assert 'File "kfp-fails.ipynb [cell 1]", line 2, in ratio' in log
    assert "ZeroDivisionError: division by zero" in log
    assert ("cellpipe: step 'second' failed: ZeroDivisionError in kfp-fails.ipynb [cell 1], line 2: "
            "division by zero"
            in log)
    # The failure is in what kfp-local.sh prints, too.
    assert "cellpipe: step 'second' failed" in output
    assert "task second: FAILURE" in output


def test_template_syntax_in_a_cell_prints_exactly_as_written(runs):
    code, output, summary, _ = runs.kfp("kfp-syntax")
    assert code == 0, output
    echo = user_lines(summary["tasks"]["echo"]["log"])
    assert echo == ["{{$}}", "{{workflow.name}}", "{{$.inputs.parameters['marker']}} kfp-syntax"]
    # A print is one write, whole lines (the container has PYTHONUNBUFFERED=1, which alone would
    # write each of print's pieces on its own: write-through).
    assert user_lines(summary["tasks"]["read"]["log"]) == ["read: {{inputs.parameters.x}}",
                                                           "stdout: True False"]


def test_a_bad_parameter_is_refused_before_anything_runs(runs, tmp_path):
    pipeline = runs.compile("kfp-probe")
    for param, message in [("nope=1", "the pipeline has no such parameter"),
                           ("rows=many", "'many' is not a valid NUMBER_INTEGER")]:
        result = subprocess.run(["bash", str(ROOT / "scripts" / "kfp-local.sh"), str(pipeline),
                                 "--param", param],
                                capture_output=True, text=True,
                                env=dict(os.environ, DOCKER_HOST=runs.docker_host))
        assert result.returncode == 2, result.stdout + result.stderr
        assert message in result.stderr
