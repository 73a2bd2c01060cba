"""Server configuration for the Galata tests: a throwaway root, no token, on localhost:8888."""
import os
import tempfile

from jupyterlab.galata import configure_jupyter_server

# Runs started by the tests go to a store of their own, not the user's ~/.cellpipe.
os.environ["CELLPIPE_HOME"] = tempfile.mkdtemp(prefix="cellpipe-galata-")

configure_jupyter_server(c)  # noqa: F821 - `c` is the config object Jupyter passes in
# CI runs as root on a throwaway machine.
c.ServerApp.allow_root = True  # noqa: F821
