"""Server configuration for the Galata tests: a throwaway root, no token, on localhost:8888."""
from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821 - `c` is the config object Jupyter passes in
# CI runs as root on a throwaway machine.
c.ServerApp.allow_root = True  # noqa: F821
