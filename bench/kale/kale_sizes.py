"""Size of Kale's compiled KFP YAML for a synthetic chain of N steps (issue 3: growth per step).

    bench/.venv-kale/bin/python bench/kale/kale_sizes.py 10 50 100 500

Step i is one cell `x_i = x_{i-1} + 1` tagged `step:s_i` (depending on the step before).
Prints JSON rows {steps, bytes, bytes_per_step, seconds}.
"""

import json
import os
import sys
import tempfile
import time

import nbformat

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kale_analyze import config_for  # noqa: E402
from kale_compile import compile_once  # noqa: E402


def chain_notebook(steps):
    cells = [nbformat.v4.new_code_cell("x_0 = 0", metadata={"tags": ["step:s_0"]})]
    for i in range(1, steps):
        cells.append(
            nbformat.v4.new_code_cell(
                "x_%d = x_%d + 1" % (i, i - 1),
                metadata={"tags": ["step:s_%d" % i, "prev:s_%d" % (i - 1)]},
            )
        )
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kubeflow_notebook"] = {
        "experiment_name": "bench",
        "pipeline_name": "chain-%d" % steps,
    }
    return notebook


def main(sizes):
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        os.chdir(directory)
        for steps in sizes:
            path = os.path.join(directory, "chain-%d.ipynb" % steps)
            notebook = chain_notebook(steps)
            nbformat.write(notebook, path)
            config = config_for(path, dict(notebook.metadata["kubeflow_notebook"]))
            started = time.perf_counter()
            package = compile_once(path, config)
            seconds = time.perf_counter() - started
            size = os.path.getsize(package)
            rows.append(
                {
                    "steps": steps,
                    "bytes": size,
                    "bytes_per_step": size / steps,
                    "seconds": seconds,
                }
            )
    json.dump(rows, sys.stdout, indent=1)


if __name__ == "__main__":
    main([int(n) for n in sys.argv[1:]])
