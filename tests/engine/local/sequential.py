"""Runs a notebook's code cells top to bottom in one Python process (as a kernel would), and prints
the given variables as JSON: the reference the local pipeline run's metrics must equal.

usage: python sequential.py NOTEBOOK '["metric", ...]' '{"param": value, ...}'
Cells tagged `skip` are left out; parameter overrides are applied right after the
`pipeline-parameters` cell, as papermill injects them."""
import contextlib
import json
import os
import sys

notebook_path, names, overrides = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
with open(notebook_path, encoding="utf-8") as handle:
    notebook = json.load(handle)
os.chdir(os.path.dirname(os.path.abspath(notebook_path)))
# A kernel started next to the notebook imports the modules there (helpers.py).
sys.path.insert(0, os.getcwd())
namespace = {"__name__": "__main__"}
with contextlib.redirect_stdout(sys.stderr):
    for index, cell in enumerate(notebook["cells"]):
        tags = cell.get("metadata", {}).get("tags", [])
        if cell["cell_type"] != "code" or "skip" in tags:
            continue
        source = "".join(cell["source"])
        exec(compile(source, "cell %d" % index, "exec"), namespace)
        if "pipeline-parameters" in tags:
            namespace.update(overrides)
print(json.dumps({name: namespace[name] for name in names}))
