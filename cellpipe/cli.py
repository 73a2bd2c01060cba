"""The `cellpipe` command that `pip install` puts on PATH: the bundled engine, run by Node.

It is the same command as the npm package's `bin/cellpipe.js`. The interpreter this script runs
under plays the Jupyter server's part for kernels named `python`/`python3` in kernel.json
(CELLPIPE_NATIVE_PYTHON), and its prefix's share/jupyter is searched for kernels as Jupyter
searches it (CELLPIPE_NATIVE_PREFIX: a venv that was never activated holds ipykernel's kernel.json
there), so `cellpipe run` picks the Python that Jupyter would start.
"""
import os
import subprocess
import sys

from .engine_process import ENGINE, EngineFailure, check_node


def main(argv=None):
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        node = check_node(os.environ.get("CELLPIPE_NODE") or None)
    except EngineFailure as failure:
        sys.stderr.write("cellpipe: %s\n" % failure.message)
        return 127
    if not ENGINE.is_file():
        sys.stderr.write("cellpipe: the engine bundle %s is missing; reinstall cellpipe\n" % ENGINE)
        return 127
    env = dict(os.environ)
    env.setdefault("CELLPIPE_NATIVE_PYTHON", sys.executable)
    env.setdefault("CELLPIPE_NATIVE_PREFIX", sys.prefix)
    command = [node, str(ENGINE)] + args
    if os.name == "nt":  # no exec on Windows: wait and pass the exit code on
        return subprocess.call(command, env=env)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(node, command, env)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
