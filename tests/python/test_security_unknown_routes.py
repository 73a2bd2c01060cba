"""Issue 14 (the HTTP fuzz): a path under /cellpipe/ that names no route is a JSON 404 with a
message like every other cellpipe answer, not Jupyter's HTML page; it needs authentication too."""
import json

import pytest
from tornado.httpclient import HTTPClientError

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.fixture
def jp_server_config(jp_server_config):
    return {"ServerApp": {"jpserver_extensions": {"cellpipe": True}}}


@pytest.mark.parametrize("method,path", [
    ("GET", ("nothing",)),
    ("POST", ("analyze", "extra")),
    ("DELETE", ("runs", "x", "steps")),
    ("PUT", ("version", "..", "x")),
])
async def test_an_unknown_route_is_a_json_404(jp_fetch, method, path):
    options = {"method": method}
    if method in ("POST", "PUT"):
        options["body"] = "{}"
    with pytest.raises(HTTPClientError) as refused:
        await jp_fetch("cellpipe", *path, **options)
    assert refused.value.code == 404
    message = json.loads(refused.value.response.body)["message"]
    assert message.startswith("cellpipe has no route /cellpipe/")


async def test_an_unknown_route_needs_authentication(jp_fetch):
    with pytest.raises(HTTPClientError) as refused:
        await jp_fetch("cellpipe", "nothing", headers={"Authorization": ""})
    assert refused.value.code == 403


async def test_the_routes_still_answer(jp_fetch):
    response = await jp_fetch("cellpipe", "version")
    assert json.loads(response.body)["version"]
