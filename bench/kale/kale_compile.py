"""Times Kale's full compile per notebook, in-process: notebook -> Pipeline -> KFP DSL script ->
compiled KFP YAML (what Kale's JupyterLab "Compile" button does, kale.rpc.nb.compile_notebook).

Prints JSON: {notebook: {"seconds": [...], "bytes": size of the compiled YAML}} or {"error"}.
Notebooks are handed over as the same Kale-compatible copies as in kale_analyze.py.
"""

import json
import logging
import os
import sys
import tempfile
import time

logging.disable(logging.CRITICAL)
from kale.common import kfputils  # noqa: E402
from kale.compiler import Compiler  # noqa: E402
from kale.processors.nbprocessor import NotebookProcessor  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kale_analyze import config_for, kale_copy  # noqa: E402


def compile_once(copy, config):
    processor = NotebookProcessor(copy, config=config)
    pipeline = processor.run()
    script = Compiler(pipeline, processor.get_imports_and_functions()).compile()
    return kfputils.compile_pipeline(script, pipeline.config.pipeline_name)


def main(repetitions, paths):
    results = {}
    paths = [os.path.abspath(path) for path in paths]
    with tempfile.TemporaryDirectory() as directory:
        os.chdir(directory)  # Kale writes its DSL script under ./.kale
        for path in paths:
            name = os.path.basename(path)
            copy, metadata = kale_copy(path, directory)
            try:
                config = config_for(copy, metadata)
                seconds, package = [], None
                for _ in range(repetitions):
                    started = time.perf_counter()
                    package = compile_once(copy, config)
                    seconds.append(time.perf_counter() - started)
                results[name] = {"seconds": seconds, "bytes": os.path.getsize(package)}
            except Exception as error:  # noqa: BLE001 - report and go on
                results[name] = {
                    "error": "%s: %s" % (type(error).__name__, str(error)[:200])
                }
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2:])
