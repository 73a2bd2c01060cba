"""cellpipe: turn a tagged Jupyter notebook into a secure pipeline.

The Python package ships the prebuilt JupyterLab extension, the bundled Node engine
(``cellpipe/engine/cellpipe.cjs``) and the Jupyter server extension that relays
authenticated lab requests to that engine.
"""
try:
    from ._version import __version__
except ImportError:  # pragma: no cover - only in a source tree that was never built
    import warnings

    warnings.warn("Importing 'cellpipe' outside a proper installation.")
    __version__ = "dev"


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "cellpipe"}]


def _jupyter_server_extension_points():
    return [{"module": "cellpipe"}]


def _load_jupyter_server_extension(server_app):
    """Registers the /cellpipe/ routes (see cellpipe/routes.py) and follows renames."""
    import os

    from .renames import follow_renames
    from .routes import ENGINE_KEY, setup_route_handlers
    from .unknown_routes import setup_unknown_routes

    setup_route_handlers(server_app, node=os.environ.get("CELLPIPE_NODE") or None)
    setup_unknown_routes(server_app)
    # A notebook's runs follow it when Jupyter renames it (or its folder).
    follow_renames(server_app, server_app.web_app.settings[ENGINE_KEY])
    server_app.log.info("cellpipe: server extension loaded")
