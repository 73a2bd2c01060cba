"""Server configuration for the Galata tests: a throwaway root, no token, on localhost:8888."""
import os
import sys
import tempfile

from jupyterlab.galata import configure_jupyter_server

# Runs started by the tests go to a store of their own, not the user's ~/.cellpipe.
os.environ["CELLPIPE_HOME"] = tempfile.mkdtemp(prefix="cellpipe-galata-")

# Started as a user starts it: `jupyter lab` from a virtual environment that was never activated
# (no VIRTUAL_ENV, its bin/ not on PATH, so `python3` on PATH is another interpreter), with no
# CELLPIPE_* variable and no kubeconfig. Kernels and local runs must still use this Python.
for name in ("VIRTUAL_ENV", "CELLPIPE_PYTHON", "CELLPIPE_NATIVE_PYTHON", "CELLPIPE_NATIVE_PREFIX",
             "KUBECONFIG"):
    os.environ.pop(name, None)
venv_bin = os.path.dirname(sys.executable)
os.environ["PATH"] = os.pathsep.join(
    part for part in os.environ.get("PATH", "").split(os.pathsep)
    if part and os.path.abspath(part) != os.path.abspath(venv_bin))

configure_jupyter_server(c)  # noqa: F821 - `c` is the config object Jupyter passes in
# CI runs as root on a throwaway machine.
c.ServerApp.allow_root = True  # noqa: F821
