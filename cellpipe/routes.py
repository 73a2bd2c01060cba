"""The /cellpipe/ server routes (design §4, "Server API"). Every handler requires Jupyter's
authentication and relays to the Node engine (cellpipe/engine_process.py)."""
import json

import tornado
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join

from .engine_process import EngineFailure, EngineProcess

ENGINE_KEY = "cellpipe_engine"


class EngineHandler(APIHandler):
    """Relays a request to the engine and answers with its result or its error."""

    @property
    def engine(self):
        return self.settings[ENGINE_KEY]

    def body(self):
        if not self.request.body:
            return {}
        try:
            value = json.loads(self.request.body)
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


class RunsHandler(EngineHandler):
    @tornado.web.authenticated
    async def get(self):
        notebook = self.get_query_argument("notebook", None)
        await self.relay("listRuns", {} if notebook is None else {"notebook": notebook})

    @tornado.web.authenticated
    async def post(self):
        await self.relay_body("startRun")


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
    web_app.settings[ENGINE_KEY] = EngineProcess(root_dir, node=node, log=server_app.log)
    web_app.add_handlers(".*$", [
        (url_path_join(base_url, "cellpipe", pattern) + "$", handler) for pattern, handler in ROUTES
    ])
