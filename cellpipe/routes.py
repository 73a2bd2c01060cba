"""The /cellpipe/ server routes. Every handler requires Jupyter's authentication."""
import json
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

import tornado
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join

ENGINE = Path(__file__).parent / "engine" / "cellpipe.cjs"


@lru_cache(maxsize=1)
def engine_version():
    """The bundled Node engine's version, or None with the reason when it cannot run."""
    node = shutil.which("node")
    if node is None:
        return None, "node is not on PATH; cellpipe's engine needs Node.js 20 or newer"
    try:
        result = subprocess.run(
            [node, str(ENGINE), "--version"], capture_output=True, text=True, timeout=30, check=True
        )
    except (OSError, subprocess.SubprocessError) as error:
        return None, "the engine at %s does not start: %s" % (ENGINE, error)
    return result.stdout.strip(), None


class VersionHandler(APIHandler):
    @tornado.web.authenticated
    def get(self):
        from . import __version__

        version, problem = engine_version()
        self.finish(json.dumps({"version": __version__, "engine": version, "problem": problem}))


def setup_route_handlers(server_app):
    web_app = server_app.web_app
    base_url = web_app.settings["base_url"]
    web_app.add_handlers(".*$", [(url_path_join(base_url, "cellpipe", "version"), VersionHandler)])
