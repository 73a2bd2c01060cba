"""How real step scripts fail and report: tracebacks at notebook cells, values that cannot be
saved, bad parameters; and what they report when all goes well: parameters and metrics."""
import json
import os

import pytest

from conftest import code_cell


def test_an_exception_in_a_cell_names_the_notebook_cell_and_line(make_pipeline):
    pipeline = make_pipeline([
        code_cell("import json", "imports"),
        code_cell("def ratio(a, b):\n    return a / b", "functions"),
        code_cell("total = 1\n\nshare = ratio(total, 0)\n", "step:make"),
    ], name="titanic.ipynb")
    result = pipeline.run("make")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    # the first frame is the step's cell: the runtime's own frames are left out
    assert lines[1] == '  File "titanic.ipynb [cell 3]", line 3, in <module>'
    assert lines[2].strip() == "share = ratio(total, 0)"
    assert '  File "titanic.ipynb [cell 2]", line 2, in ratio' in lines
    assert "    return a / b" in lines
    assert "ZeroDivisionError: division by zero" in lines
    assert lines[-1] == ("cellpipe: step 'make' failed: ZeroDivisionError in titanic.ipynb [cell 2], "
                         "line 2: division by zero")
    assert "run_step" not in result.stderr and "make.py" not in result.stderr


def test_an_exception_in_a_function_from_an_earlier_step_names_that_function_s_cell(make_pipeline):
    # the function is handed on by value; its frame still carries the notebook cell it was
    # defined in, which is where the mistake is, not the calling line
    pipeline = make_pipeline([
        code_cell("def scale(v):\n    w = v * 2\n    return w / missing_factor\nx = 4", "step:define"),
        code_cell("y = scale(x)", "step:use"),
    ], name="model.ipynb")
    pipeline.run_ok("define", outputs=["scale", "x"])
    result = pipeline.run("use", inputs=[("scale", "define"), ("x", "define")])
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert '  File "model.ipynb [cell 1]", line 3, in scale' in lines
    assert lines[-1] == ("cellpipe: step 'use' failed: NameError in model.ipynb [cell 1], line 3: "
                         "name 'missing_factor' is not defined")


def test_library_frames_below_the_cell_are_kept(make_pipeline):
    pipeline = make_pipeline([
        code_cell("import json", "imports"),
        code_cell("settings = json.loads('{bad')", "step:load"),
    ])
    result = pipeline.run("load")
    assert result.returncode == 1
    assert result.stderr.splitlines()[1] == '  File "notebook.ipynb [cell 2]", line 1, in <module>'
    assert "json/decoder.py" in result.stderr
    assert result.stderr.rstrip().endswith(
        "JSONDecodeError in notebook.ipynb [cell 2], line 1: "
        "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)")


# A generator written out (`value = (n for n in ...)`) or a `threading.Lock()` is refused before
# the run (the analyzer's unpassable-value error), `Lock()` after `from threading import Lock`
# too: the step's own error is reached through ones it cannot tell, `iter(...)` and a lock made
# through a name bound to the maker (`make_lock = threading.Lock`).
@pytest.mark.parametrize("source, reason", [
    ("value = iter(n * n for n in range(3))", "cannot pickle 'generator' object"),
    ("import threading\nmake_lock = threading.Lock\nvalue = make_lock()",
     "cannot pickle '_thread.lock' object"),
])
def test_a_value_that_cannot_be_saved_fails_the_step_naming_the_variable(make_pipeline, source, reason):
    pipeline = make_pipeline([
        code_cell(source, "step:train"),
        code_cell("print(value)", "step:report"),
    ])
    result = pipeline.run("train", outputs=["value"])
    assert result.returncode == 1
    last = result.stderr.splitlines()[-1]
    assert last.startswith("cellpipe: step 'train' failed: cannot save variable 'value': cloudpickle: ")
    assert reason in last
    assert "Traceback" not in result.stderr
    assert os.listdir(pipeline.data("train", "value")) == []


def test_an_output_the_step_did_not_define(make_pipeline):
    pipeline = make_pipeline([
        code_cell("value = 1\nglobals().pop('value')", "step:train"),
        code_cell("print(value)", "step:report"),
    ])
    result = pipeline.run("train", outputs=["value"])
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "cellpipe: step 'train' failed: cannot save variable 'value': the step did not define it")


def test_an_output_the_step_may_leave_unbound(make_pipeline):
    pipeline = make_pipeline([
        code_cell("if False:\n    value = 1", "step:train"),
        code_cell("n = 1\nprint(value)", "step:report"),
    ])
    pipeline.run_ok("train", outputs=["value"])
    assert pipeline.manifest("train", "value") == {
        "cellpipe": 1, "format": "unbound", "variable": "value", "step": "train"}
    assert os.listdir(pipeline.data("train", "value")) == ["cellpipe.json"]
    result = pipeline.run("report", inputs=[("value", "train")])
    assert result.returncode == 1
    assert "NameError" in result.stderr and "name 'value' is not defined" in result.stderr


PARAMETERS = "epochs = 3\nrate = 0.5\nverbose = False\nlabel = 'run'"
SHOW = "shown = repr((epochs, rate, verbose, label))\nprint(shown)"


def parameter_pipeline(make_pipeline):
    return make_pipeline([
        code_cell(PARAMETERS, "pipeline-parameters"),
        code_cell(SHOW, "step:show"),
    ])


@pytest.mark.parametrize("params, shown", [
    ({}, "(3, 0.5, False, 'run')"),
    ({"epochs": "7", "rate": "2", "verbose": "TRUE", "label": "a=b 'c'"}, "(7, 2.0, True, \"a=b 'c'\")"),
    ({"verbose": "1"}, "(3, 0.5, True, 'run')"),
    ({"verbose": "false", "epochs": "-2"}, "(-2, 0.5, False, 'run')"),
])
def test_parameters_are_converted_to_their_declared_types(make_pipeline, params, shown):
    result = parameter_pipeline(make_pipeline).run_ok("show", params=params)
    assert result.stdout.strip() == shown


@pytest.mark.parametrize("params, message", [
    ({"epochs": "three"}, "bad value for parameter 'epochs' (int): 'three' is not a valid int"),
    ({"epochs": "1.5"}, "bad value for parameter 'epochs' (int): '1.5' is not a valid int"),
    ({"verbose": "yes"}, "bad value for parameter 'verbose' (bool): 'yes' is not true, false, 1 or 0"),
    ({"rate": ""}, "bad value for parameter 'rate' (float): '' is not a valid float"),
    ({"speed": "1"}, "--param speed: step 'show' has no such name (it has: epochs, rate, verbose, label)"),
])
def test_a_bad_parameter_is_refused_by_name(make_pipeline, params, message):
    result = parameter_pipeline(make_pipeline).run("show", params=params)
    assert result.returncode == 2
    assert result.stderr.strip() == "cellpipe: step 'show': " + message


def test_missing_inputs_are_refused_before_any_code_runs(make_pipeline):
    pipeline = make_pipeline([code_cell("x = 1", "step:a"), code_cell("print(x)", "step:b")])
    result = pipeline.run("b")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.strip() == "cellpipe: step 'b': --input x=DIR is missing"


def test_sys_exit_zero_ends_the_code_early_and_still_saves(make_pipeline):
    pipeline = make_pipeline([
        code_cell("import sys\nx = 1\nsys.exit()\nx = 2", "step:a"),
        code_cell("assert x == 1 and __name__ == '__main__'", "step:b"),
    ])
    pipeline.run_ok("a", outputs=["x"])
    pipeline.run_ok("b", inputs=[("x", "a")])


METRICS_NOTEBOOK = [
    code_cell("import numpy as np", "imports"),
    code_cell("accuracy = np.float32(0.75)\nloss = np.array(0.5)\nepochs = 3\nnote = 'ok'\nbad = float('nan')",
              "step:train"),
    code_cell("print(accuracy)\nprint(loss)\nprint(epochs)\nprint(note)\nprint(bad)", "pipeline-metrics"),
]


def test_metrics_are_written_as_json_numbers(make_pipeline, tmp_path):
    pipeline = make_pipeline(METRICS_NOTEBOOK)
    pipeline.run_ok("train", metrics=tmp_path / "out" / "metrics.json")
    text = (tmp_path / "out" / "metrics.json").read_text()
    assert json.loads(text) == {"accuracy": 0.75, "loss": 0.5, "epochs": 3, "note": "ok", "bad": None}
    assert '"accuracy": 0.75' in text


def test_metrics_in_the_kfp_v1_format(make_pipeline, tmp_path):
    pipeline = make_pipeline(METRICS_NOTEBOOK, metrics_format="kfp-v1")
    pipeline.run_ok("train", metrics=tmp_path / "metrics.json")
    assert json.loads((tmp_path / "metrics.json").read_text()) == {"metrics": [
        {"name": "accuracy", "numberValue": 0.75, "format": "RAW"},
        {"name": "loss", "numberValue": 0.5, "format": "RAW"},
        {"name": "epochs", "numberValue": 3, "format": "RAW"},
    ]}


def test_cell_sources_stay_visible_to_inspect_and_warnings(make_pipeline):
    """Libraries that read a function's source (inspect.getsource: torch.jit, numba) still work."""
    pipeline = make_pipeline([
        code_cell("import inspect, warnings\n\ndef f():\n    return 1\n\nprint(inspect.getsource(f))\n"
                  "warnings.warn('careful')", "step:a"),
    ])
    result = pipeline.run_ok("a")
    assert result.stdout == "def f():\n    return 1\n\n"
    assert "notebook.ipynb [cell 1]:7: UserWarning: careful" in result.stderr


def test_display_works_in_a_script_as_in_a_notebook(make_pipeline):
    # Notebooks call display() without importing it; the analyzer counts it as a builtin, so
    # the step script must provide it too (IPython's where installed, else a printing stand-in).
    pipeline = make_pipeline([
        code_cell("shown = {'rows': 3}\ndisplay(shown)\ndisplay('text')", "step:show"),
    ])
    result = pipeline.run("show")
    assert result.returncode == 0, result.stderr
    assert "{'rows': 3}" in result.stdout
    assert "text" in result.stdout


def test_a_cell_s_last_expression_is_shown_in_the_log_as_a_notebook_shows_it(make_pipeline):
    # `df.describe()` at the end of a cell: the notebook shows its value, and the step's log
    # did not; a ';' after it hides it, as in IPython; None shows nothing
    pipeline = make_pipeline([
        code_cell("import json", "imports"),
        code_cell("answer = 6 * 7\nanswer + 1000  # shown", "step:show"),
        code_cell("hidden = 'do not show'\nhidden;\n"),
        code_cell("print('printed')\n"),
        code_cell("total = sum([1, 2])\n{'total': total,\n 'doubled': total * 2}\n"),
    ])
    result = pipeline.run("show")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "1042" in lines
    assert "do not show" not in result.stdout
    assert lines.count("printed") == 1 and "None" not in lines
    assert "{'total': 3, 'doubled': 6}" in lines


def test_a_value_whose_repr_fails_is_reported_and_the_step_goes_on(make_pipeline):
    pipeline = make_pipeline([
        code_cell("class Lazy:\n    def __repr__(self):\n        raise RuntimeError('session closed')\n"
                  "row = Lazy()\nrow", "step:show"),
        # a form feed inside a string: str.splitlines() would count a line there, ast does not
        code_cell("text = 'a\x0cb'\n5;"),
        code_cell("print('after')"),
    ])
    result = pipeline.run("show")
    assert result.returncode == 0, result.stderr
    assert "cannot show the cell's value" in result.stderr and "session closed" in result.stderr
    assert "5" not in result.stdout.split()
    assert "after" in result.stdout


def test_an_error_in_a_cell_s_last_expression_names_its_line(make_pipeline):
    pipeline = make_pipeline([
        code_cell("rows = [1]\n\nrows[5]", "step:fail"),
    ], name="last.ipynb")
    result = pipeline.run("fail")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "cellpipe: step 'fail' failed: IndexError in last.ipynb [cell 1], line 3: "
        "list index out of range")


def test_every_output_that_cannot_be_saved_is_named_at_once(make_pipeline):
    pipeline = make_pipeline([
        code_cell("import threading\nmake_lock = threading.Lock\ngen = iter(n for n in range(3))\n"
                  "lock = make_lock()\nok = 1\n"
                  "missing = 2\nglobals().pop('missing')", "step:make"),
        code_cell("print(gen, lock, ok, missing)", "step:use"),
    ])
    result = pipeline.run("make", outputs=["gen", "lock", "missing", "ok"])
    assert result.returncode == 1
    last = result.stderr.splitlines()[-1]
    # The two with the same hint go together, and the hint (in the plural) comes once.
    assert last == ("cellpipe: step 'make' failed: cannot save 3 variables: 'gen': cloudpickle: "
                    "TypeError: cannot pickle 'generator' object; 'lock': cloudpickle: TypeError: "
                    "cannot pickle '_thread.lock' object (steps pass values to each other as files: "
                    "pass what they are made from, lists for example, or make them in the steps "
                    "that read them); 'missing': the step did not define it")
    # The one that could be saved was saved.
    assert pipeline.manifest("make", "ok")["variable"] == "ok"


@pytest.mark.parametrize("raised, said", [
    ('ValueError("first line\\nsecond line")', ": first line"),
    ('ValueError("x" * 1000)', ": " + "x" * 300),
    ("RuntimeError()", ""),
    ("Odd()", ""),
])
def test_the_last_line_says_what_the_error_says_in_one_line(make_pipeline, raised, said):
    """The runtime's last line, which the sidebar and `cellpipe run` show, carries the first line
    of the error's message (at most 300 characters), and nothing where it has none or its text
    cannot be had."""
    pipeline = make_pipeline([
        code_cell("class Odd(Exception):\n    def __str__(self):\n        raise TypeError('no text')",
                  "functions"),
        code_cell("raise %s" % raised, "step:boom"),
    ])
    result = pipeline.run("boom")
    assert result.returncode == 1
    name = raised.split("(")[0]
    assert result.stderr.splitlines()[-1] == (
        "cellpipe: step 'boom' failed: %s in notebook.ipynb [cell 2], line 1%s" % (name, said))
