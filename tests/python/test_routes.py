"""The server extension's routes: authenticated, and answering what design §4 says."""
import json

import pytest
from tornado.httpclient import HTTPClientError

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.fixture
def jp_server_config(jp_server_config):
    return {"ServerApp": {"jpserver_extensions": {"cellpipe": True}}}


async def test_version_names_the_package_and_the_engine(jp_fetch):
    response = await jp_fetch("cellpipe", "version")
    body = json.loads(response.body)
    from cellpipe import __version__

    assert body["version"] == __version__
    assert body["engine"] == "0.1.0"
    assert body["problem"] is None


async def test_every_route_refuses_an_unauthenticated_request(jp_fetch):
    with pytest.raises(HTTPClientError) as refused:
        await jp_fetch("cellpipe", "version", headers={"Authorization": ""})
    assert refused.value.code == 403
