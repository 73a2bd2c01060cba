"""Times Kale's own dependency detection (NotebookProcessor.to_pipeline) per notebook, in-process.

Prints JSON: {notebook: {"seconds": [...], "steps": [{"name", "ins", "outs"}]}}.
Kale 2.3.0 refuses the legacy `block:` tags and some of its own older metadata keys, so each
notebook is handed to it as an equivalent copy: `block:X` -> `step:X`, `block:` dropped (an
untagged cell continues the step above, as `block:` meant), unknown metadata keys removed.
"""

import json
import logging
import os
import re
import sys
import tempfile
import time

logging.disable(logging.CRITICAL)
import nbformat  # noqa: E402
from kale.processors.nbprocessor import NotebookConfig, NotebookProcessor  # noqa: E402


def kale_copy(path, directory):
    notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    for cell in notebook.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        new = []
        for tag in tags:
            if tag == "block:":
                continue
            new.append(
                "step:" + tag[len("block:") :] if tag.startswith("block:") else tag
            )
        if tags:
            cell.metadata["tags"] = new
    copy = os.path.join(directory, os.path.basename(path))
    nbformat.write(notebook, copy)
    return copy, dict(notebook.metadata.get("kubeflow_notebook", {}))


def config_for(path, metadata):
    metadata = {**metadata, "notebook_path": path}
    while True:
        try:
            return NotebookConfig(**metadata)
        except RuntimeError as error:
            unknown = re.search(r"'(\w+)' was provided", str(error))
            if not unknown:
                raise
            metadata.pop(unknown.group(1))


def main(repetitions, paths):
    results = {}
    with tempfile.TemporaryDirectory() as directory:
        for path in paths:
            copy, metadata = kale_copy(path, directory)
            try:
                config = config_for(copy, metadata)
            except Exception as error:  # noqa: BLE001 - report and go on
                results[os.path.basename(path)] = {
                    "error": "%s: %s" % (type(error).__name__, error)
                }
                continue
            seconds = []
            processor = None
            for _ in range(repetitions):
                started = time.perf_counter()
                processor = NotebookProcessor(copy, config=config)
                processor.to_pipeline()
                seconds.append(time.perf_counter() - started)
            steps = [
                {"name": s.name, "ins": sorted(s.ins), "outs": sorted(s.outs)}
                for s in processor.pipeline.steps
            ]
            results[os.path.basename(path)] = {"seconds": seconds, "steps": steps}
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2:])
