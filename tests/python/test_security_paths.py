"""Issue 14, finding 11, through the real server extension and engine: hidden notebooks are
refused as Jupyter refuses them, and served when the server allows hidden files
(ContentsManager.allow_hidden), names starting with ".." included."""
import json

import pytest
from tornado.httpclient import HTTPClientError

pytest_plugins = ["pytest_jupyter.jupyter_server"]


def notebook(step):
    cells = [{"cell_type": "code", "metadata": {"tags": ["step:" + step]}, "source": "x = 1",
              "outputs": [], "execution_count": None}]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


@pytest.fixture
def hidden_notebooks(jp_root_dir, cellpipe_cli, tmp_path, monkeypatch):
    """Hidden and dotted names in the server root (cellpipe_cli: a freshly built engine)."""
    monkeypatch.setenv("CELLPIPE_HOME", str(tmp_path / "home"))
    (jp_root_dir / "..foo.ipynb").write_text(notebook("dotdot_name"))
    (jp_root_dir / ".hidden").mkdir()
    (jp_root_dir / ".hidden" / "nb.ipynb").write_text(notebook("in_hidden"))
    (jp_root_dir / "plain.ipynb").write_text(notebook("plain"))
    return jp_root_dir


async def analyze(jp_fetch, path):
    try:
        response = await jp_fetch("cellpipe", "analyze", method="POST",
                                  body=json.dumps({"path": path}))
    except HTTPClientError as error:
        return error.code, json.loads(error.response.body)["message"]
    return response.code, [s["name"] for s in json.loads(response.body)["steps"]]


class TestDefaultServer:
    @pytest.fixture
    def jp_server_config(self, jp_server_config):
        return {"ServerApp": {"jpserver_extensions": {"cellpipe": True}}}

    async def test_hidden_notebooks_are_refused_as_jupyter_refuses_them(self, jp_fetch,
                                                                       hidden_notebooks):
        for path in (".hidden/nb.ipynb", "..foo.ipynb"):
            code, message = await analyze(jp_fetch, path)
            assert code == 403
            assert message == (
                '"%s" is hidden (a name in it starts with "."); the Jupyter server does not '
                "serve hidden files (ContentsManager.allow_hidden is False)" % path)
            # Jupyter itself refuses them too.
            with pytest.raises(HTTPClientError) as refused:
                await jp_fetch("api", "contents", *path.split("/"))
            assert refused.value.code == 404
        assert await analyze(jp_fetch, "plain.ipynb") == (200, ["plain"])


class TestServerAllowingHiddenFiles:
    @pytest.fixture
    def jp_server_config(self, jp_server_config):
        return {"ServerApp": {"jpserver_extensions": {"cellpipe": True}},
                "ContentsManager": {"allow_hidden": True}}

    async def test_names_starting_with_dots_are_served(self, jp_fetch, hidden_notebooks):
        assert await analyze(jp_fetch, "..foo.ipynb") == (200, ["dotdot_name"])
        assert await analyze(jp_fetch, ".hidden/nb.ipynb") == (200, ["in_hidden"])
        code, message = await analyze(jp_fetch, "../outside.ipynb")
        assert code == 403 and "not a path under the server root" in message
