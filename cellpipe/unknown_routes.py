"""Paths under /cellpipe/ that name no route: a JSON 404 with a message, as every other cellpipe
answer (Jupyter's own 404 is an HTML page). Registered after the routes (cellpipe/routes.py), so
it answers only what they do not match; it requires authentication like them."""
import json

import tornado
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join


class UnknownRouteHandler(APIHandler):
    def _refuse(self, path):
        shown = path if len(path) <= 200 else path[:200] + "…"
        self.set_status(404)
        self.finish(json.dumps({"message": "cellpipe has no route /cellpipe/%s" % shown}))

    @tornado.web.authenticated
    def get(self, path):
        self._refuse(path)

    @tornado.web.authenticated
    def post(self, path):
        self._refuse(path)

    @tornado.web.authenticated
    def put(self, path):
        self._refuse(path)

    @tornado.web.authenticated
    def patch(self, path):
        self._refuse(path)

    @tornado.web.authenticated
    def delete(self, path):
        self._refuse(path)


def setup_unknown_routes(server_app):
    web_app = server_app.web_app
    pattern = url_path_join(web_app.settings["base_url"], "cellpipe", "(.*)") + "$"
    web_app.add_handlers(".*$", [(pattern, UnknownRouteHandler)])
