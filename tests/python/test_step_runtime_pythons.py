"""The step script runs under the Python the user has: the same stdlib-only pipeline under every
interpreter from 3.8 on that this machine has (pyenv's versions or python3.X on PATH)."""
import glob
import os
import shutil
import subprocess

import pytest

from conftest import code_cell

VERSIONS = ["3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]

NOTEBOOK = [
    code_cell("n = 3\nrate = 0.5", "pipeline-parameters"),
    code_cell("import collections", "imports"),
    code_cell("class Box:\n    def __init__(self, v):\n        self.v = v\n\ndef inverse(x):\n    return 1 / x",
              "functions"),
    code_cell("box = Box(collections.Counter('aab'))\nitems = [n, rate]", "step:make"),
    code_cell("assert box.v['a'] == 2 and items == [4, 0.5], (box.v, items)\ninverse(n - 4)", "step:use"),
]


def interpreter(version):
    """A working python<version>: pyenv's own binary (no shim), else one on PATH."""
    root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    candidates = sorted(glob.glob(os.path.join(root, "versions", version + ".*", "bin", "python3")))
    on_path = shutil.which("python" + version)
    if on_path and "/shims/" not in on_path:
        candidates.append(on_path)
    for candidate in candidates:
        if subprocess.run([candidate, "-c", "pass"], capture_output=True).returncode == 0:
            return candidate
    return None


def block(folder, module):
    """`import module` fails where `folder` comes first on PYTHONPATH."""
    (folder / (module + ".py")).write_text("raise ImportError('blocked by the test')\n")


def no_cloudpickle(tmp_path):
    """A folder for PYTHONPATH where neither cloudpickle nor joblib (which may carry a copy)
    imports."""
    blocker = tmp_path / "no-cloudpickle"
    blocker.mkdir()
    for module in ("cloudpickle", "joblib"):
        block(blocker, module)
    return blocker


def joblib_with_a_copy(tmp_path):
    """A folder for PYTHONPATH where cloudpickle does not import, but a joblib does that carries
    cloudpickle's own files in joblib/externals/cloudpickle, as joblib 1.4 and earlier do."""
    import cloudpickle

    folder = tmp_path / "joblib-copy"
    copy = folder / "joblib" / "externals" / "cloudpickle"
    shutil.copytree(os.path.dirname(cloudpickle.__file__), copy,
                    ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "joblib" / "__init__.py").write_text("")
    (folder / "joblib" / "externals" / "__init__.py").write_text("")
    block(folder, "cloudpickle")
    return folder


def has_cloudpickle(python):
    return subprocess.run([python, "-c", "import cloudpickle"], capture_output=True).returncode == 0


@pytest.mark.parametrize("version", VERSIONS)
def test_a_stdlib_pipeline_runs_under_python(make_pipeline, version, monkeypatch):
    python = interpreter(version)
    if python is None:
        pytest.skip("python%s is not installed" % version)
    monkeypatch.setattr("sys.executable", python)
    pipeline = make_pipeline(NOTEBOOK)
    pipeline.run_ok("make", outputs=["box", "items"], params={"n": "4"})
    # Without cloudpickle a plain pickle; it loads because the class from the `functions` cell
    # is defined before the inputs load.
    expected = "cloudpickle" if has_cloudpickle(python) else "pickle"
    assert pipeline.manifest("make", "box")["format"] == expected
    failed = pipeline.run("use", inputs=[("box", "make"), ("items", "make")], params={"n": "4"})
    assert failed.returncode == 1, failed.stderr
    assert failed.stderr.splitlines()[-1] == (
        "cellpipe: step 'use' failed: ZeroDivisionError in notebook.ipynb [cell 3], line 6: "
        "division by zero")


def test_without_cloudpickle_a_class_from_a_step_cell_fails_to_load_with_a_hint(make_pipeline, tmp_path):
    blocker = no_cloudpickle(tmp_path)
    env = {"PYTHONPATH": str(blocker)}
    pipeline = make_pipeline([
        code_cell("class Point:\n    pass\n\npoint = Point()", "step:make"),
        code_cell("print(point)", "step:show"),
    ])
    pipeline.run_ok("make", outputs=["point"], env=env)
    assert pipeline.manifest("make", "point")["format"] == "pickle"
    result = pipeline.run("show", inputs=[("point", "make")], env=env)
    assert result.returncode == 1
    message = result.stderr.splitlines()[-1]
    assert message.startswith("cellpipe: step 'show' failed: cannot load input 'point' from ")
    assert "Can't get attribute 'Point'" in message
    assert message.endswith("install cloudpickle where the producer runs, or define it in a `functions` cell)")


@pytest.mark.parametrize("source", [
    "f = lambda a: a + 1",
    "def make():\n    def f(a):\n        return a + 1\n    return f\n\nf = make()",
])
def test_without_cloudpickle_a_function_made_in_a_step_fails_to_save_with_a_hint(make_pipeline, tmp_path,
                                                                                   source):
    blocker = no_cloudpickle(tmp_path)
    pipeline = make_pipeline([
        code_cell(source, "step:make"),
        code_cell("print(f(1))", "step:use"),
    ])
    result = pipeline.run("make", outputs=["f"], env={"PYTHONPATH": str(blocker)})
    assert result.returncode == 1
    message = result.stderr.splitlines()[-1]
    assert message.startswith("cellpipe: step 'make' failed: cannot save variable 'f': pickle: ")
    assert message.endswith(" (a function or class made in the notebook: install cloudpickle where the"
                            " steps run, which saves it with its code, or define it in a `functions` cell)")


def test_without_cloudpickle_each_hint_comes_once_after_the_variables_it_is_for(make_pipeline, tmp_path):
    blocker = no_cloudpickle(tmp_path)
    pipeline = make_pipeline([
        # iter(...): a generator written out is refused before the run (unpassable-value)
        code_cell("f = lambda a: a + 1\ng = lambda a: a * 2\nrows = iter(n for n in range(3))", "step:make"),
        code_cell("print(f(1), g(1), list(rows))", "step:use"),
    ])
    result = pipeline.run("make", outputs=["f", "g", "rows"], env={"PYTHONPATH": str(blocker)})
    assert result.returncode == 1
    message = result.stderr.splitlines()[-1]
    assert message.startswith("cellpipe: step 'make' failed: cannot save 3 variables: 'f': pickle: ")
    functions, generator = message.split(" cell); 'rows': pickle: ")
    assert "; 'g': pickle: " in functions
    assert functions.endswith(" (functions or classes made in the notebook: install cloudpickle where the"
                              " steps run, which saves them with their code, or define them in a `functions`")
    assert generator.endswith(" (steps pass values to each other as files: pass what it is made from, a list"
                              " for example, or make it in the step that reads it)")
    assert message.count("install cloudpickle") == 1 and message.count("steps pass values") == 1


def test_without_cloudpickle_the_copy_joblib_carries_passes_functions_and_classes(make_pipeline, tmp_path):
    env = {"PYTHONPATH": str(joblib_with_a_copy(tmp_path))}
    pipeline = make_pipeline([
        code_cell("x = 1\ndef read_x():\n    return x\n\nclass Reader:\n    def get(self):\n"
                  "        return x * 10\n\nsquare = lambda v: v * v", "step:make"),
        code_cell("x = 2", "step:rebind"),
        code_cell("assert (read_x(), Reader().get(), square(3)) == (2, 20, 9), "
                  "(read_x(), Reader().get(), square(3))", "step:use"),
    ])
    pipeline.run_ok("make", outputs=["read_x", "Reader", "square"], env=env)
    assert {pipeline.manifest("make", name)["format"] for name in ("read_x", "Reader", "square")} == {
        "cloudpickle"}
    with open(os.path.join(pipeline.data("make", "read_x"), "value.pkl"), "rb") as stream:
        assert b"joblib.externals.cloudpickle" in stream.read()
    pipeline.run_ok("rebind", outputs=["x"], env=env)
    pipeline.run_ok("use", inputs=[("read_x", "make"), ("Reader", "make"), ("square", "make"),
                                   ("x", "rebind")], env=env)
