"""The /cellpipe/ server routes (design §4, "Server API"). Every handler requires Jupyter's
authentication and relays to the Node engine (cellpipe/engine_process.py)."""
import inspect
import json
import os
import shutil
import sys

import tornado
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join

from .engine_process import BODY_LIMIT, EngineFailure, EngineProcess

ENGINE_KEY = "cellpipe_engine"


class EngineHandler(APIHandler):
    """Relays a request to the engine and answers with its result or its error."""

    @property
    def engine(self):
        return self.settings[ENGINE_KEY]

    def body(self):
        if not self.request.body:
            return {}
        if len(self.request.body) > BODY_LIMIT:
            raise EngineFailure(413, "the request body is %d MiB, more than the %d MiB cellpipe "
                                     "accepts" % (-(-len(self.request.body) // (1024 * 1024)),
                                                  BODY_LIMIT // (1024 * 1024)))
        try:
            value = json.loads(self.request.body)
        except RecursionError:
            raise EngineFailure(400, "the request body is JSON nested too deeply")
        except ValueError:
            raise EngineFailure(400, "the request body is not JSON")
        if not isinstance(value, dict):
            raise EngineFailure(400, "the request body must be a JSON object")
        return value

    async def relay(self, method, params):
        try:
            result = await self.engine.request(method, params)
        except EngineFailure as failure:
            self.set_status(failure.status)
            self.finish(json.dumps({"message": failure.message, "location": failure.location}))
            return
        self.finish(json.dumps(result))

    async def relay_body(self, method, extra=None):
        try:
            params = self.body()
        except EngineFailure as failure:
            self.set_status(failure.status)
            self.finish(json.dumps({"message": failure.message}))
            return
        params.update(extra or {})
        await self.relay(method, params)


class VersionHandler(EngineHandler):
    @tornado.web.authenticated
    async def get(self):
        from . import __version__

        engine, problem = None, None
        try:
            engine = (await self.engine.request("version", {}, timeout=60))["version"]
        except EngineFailure as failure:
            problem = failure.message
        self.finish(json.dumps({"version": __version__, "engine": engine, "problem": problem}))


class AnalyzeHandler(EngineHandler):
    @tornado.web.authenticated
    async def post(self):
        await self.relay_body("analyze")


class CompileHandler(EngineHandler):
    @tornado.web.authenticated
    async def post(self):
        await self.relay_body("compile")


class SettingsHandler(EngineHandler):
    @tornado.web.authenticated
    async def post(self):
        await self.relay_body("settings")


def kernel_python(argv):
    """The interpreter Jupyter starts for a kernel.json argv, or None when there is none.

    As jupyter_client's KernelManager does: `python`, `python3` or `python3.X` (this
    interpreter's version) mean the server's own `sys.executable`; any other name is looked
    up on the server's PATH.
    """
    if not argv or not isinstance(argv[0], str) or not argv[0]:
        return None
    first = argv[0]
    native = {"python", "python%i" % sys.version_info[0], "python%i.%i" % sys.version_info[:2]}
    if first in native:
        return sys.executable
    if os.path.isabs(first):
        return first
    return shutil.which(first) or first


async def kernel_pythons(kernel_spec_manager, default_kernel):
    """Every kernel's interpreter as this server would start it (see local/python.ts)."""
    kernels = {}
    try:
        specs = kernel_spec_manager.get_all_specs()
        if inspect.isawaitable(specs):
            specs = await specs
    except Exception:  # a broken kernelspec must not stop a run that does not need it
        specs = {}
    for name, entry in (specs or {}).items():
        spec = entry.get("spec") if isinstance(entry, dict) else None
        python = kernel_python((spec or {}).get("argv") or [])
        if python:
            kernels[name] = python
    return {"kernels": kernels, "defaultKernel": default_kernel}


class RunsHandler(EngineHandler):
    @tornado.web.authenticated
    async def get(self):
        notebook = self.get_query_argument("notebook", None)
        await self.relay("listRuns", {} if notebook is None else {"notebook": notebook})

    @tornado.web.authenticated
    async def post(self):
        # Local runs use the notebook's kernel interpreter as Jupyter resolves it.
        default_kernel = getattr(self.kernel_manager, "default_kernel_name", None) or "python3"
        pythons = await kernel_pythons(self.kernel_spec_manager, default_kernel)
        await self.relay_body("startRun", {"kernelPythons": pythons})


class RunHandler(EngineHandler):
    @tornado.web.authenticated
    async def get(self, run_id):
        await self.relay("getRun", {"id": run_id})


class CancelHandler(EngineHandler):
    @tornado.web.authenticated
    async def post(self, run_id):
        await self.relay("cancelRun", {"id": run_id})


class LogHandler(EngineHandler):
    @tornado.web.authenticated
    async def get(self, run_id, step):
        offset = self.get_query_argument("offset", "0")
        try:
            offset = int(offset)
        except ValueError:
            self.set_status(400)
            self.finish(json.dumps({"message": "offset must be a whole number of bytes"}))
            return
        await self.relay("readLog", {"id": run_id, "step": step, "offset": offset})


ROUTES = [
    ("version", VersionHandler),
    ("analyze", AnalyzeHandler),
    ("compile", CompileHandler),
    ("settings", SettingsHandler),
    ("runs", RunsHandler),
    (r"runs/([^/]+)", RunHandler),
    (r"runs/([^/]+)/cancel", CancelHandler),
    (r"runs/([^/]+)/steps/([^/]+)/log", LogHandler),
]


def setup_route_handlers(server_app, node=None):
    web_app = server_app.web_app
    base_url = web_app.settings["base_url"]
    root_dir = getattr(server_app, "root_dir", None) or "."
    # Hidden files are served only as Jupyter serves them (ContentsManager.allow_hidden).
    contents = getattr(server_app, "contents_manager", None)
    allow_hidden = bool(getattr(contents, "allow_hidden", False))
    env = dict(os.environ, CELLPIPE_ALLOW_HIDDEN="1" if allow_hidden else "0")
    web_app.settings[ENGINE_KEY] = EngineProcess(root_dir, node=node, log=server_app.log, env=env)
    web_app.add_handlers(".*$", [
        (url_path_join(base_url, "cellpipe", pattern) + "$", handler) for pattern, handler in ROUTES
    ])
