"""Issue 14, findings 2 and 9: the relay between the lab and the engine never wedges.

Against the real server extension and a real Node engine: a reply over the relay's bound fails
only its own request (413) and the next requests are answered; bodies that are too big or
nested too deeply are refused with a 4xx and a message. The bounded line reader is also driven
directly over a real asyncio stream.
"""
import asyncio
import json
import random
import string

import pytest
from tornado.httpclient import HTTPClientError

from cellpipe.engine_lines import BoundedLines, Overflow
from cellpipe.engine_process import BODY_LIMIT, MIB

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.fixture
def jp_server_config(jp_server_config):
    return {"ServerApp": {"jpserver_extensions": {"cellpipe": True}}}


@pytest.fixture
def root(jp_root_dir, cellpipe_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("CELLPIPE_HOME", str(tmp_path / "home"))
    return jp_root_dir


def big_notebook(steps, characters):
    """Steps that all embed one functions cell holding an incompressible string."""
    rng = random.Random(7)
    blob = "".join(rng.choice(string.ascii_letters) for _ in range(characters))
    cells = [{"cell_type": "code", "metadata": {"tags": ["functions"]}, "outputs": [],
              "execution_count": None, "source": "BLOB = %r\n" % blob}]
    for index in range(steps):
        cells.append({"cell_type": "code", "metadata": {"tags": ["step:s%d" % index]},
                      "outputs": [], "execution_count": None,
                      "source": "v%d = len(BLOB) + %d" % (index, index)})
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


async def post(jp_fetch, route, body):
    return await jp_fetch("cellpipe", route, method="POST",
                          body=body if isinstance(body, (str, bytes)) else json.dumps(body))


async def refused(jp_fetch, route, body):
    with pytest.raises(HTTPClientError) as error:
        await post(jp_fetch, route, body)
    return error.value.code, json.loads(error.value.response.body)


async def version(jp_fetch):
    response = await jp_fetch("cellpipe", "version", method="GET")
    return json.loads(response.body)


async def test_an_oversized_reply_fails_only_its_request(jp_fetch, jp_serverapp, root):
    engine = jp_serverapp.web_app.settings["cellpipe_engine"]
    engine.line_limit = MIB  # the real bound is 65 MiB; a 1 MiB one makes the test small
    (root / "big.ipynb").write_text(json.dumps(big_notebook(steps=4, characters=400_000)))
    code, body = await refused(jp_fetch, "compile", {"path": "big.ipynb", "target": "kfp"})
    assert code == 413
    assert "MiB" in body["message"] and "command line" in body["message"]
    # The relay goes on: the same engine answers the next requests.
    assert (await version(jp_fetch))["engine"]
    small = await post(jp_fetch, "analyze", {"path": "big.ipynb"})
    assert len(json.loads(small.body)["steps"]) == 4


async def test_a_body_nested_too_deeply_is_a_400(jp_fetch, root):
    code, body = await refused(jp_fetch, "analyze", "[" * 100_000 + "]" * 100_000)
    assert code == 400
    assert "nested too deeply" in body["message"]
    assert (await version(jp_fetch))["engine"]


async def test_a_body_over_the_limit_is_a_413(jp_fetch, root):
    payload = b'{"notebook": "' + b"x" * (BODY_LIMIT + 1) + b'"}'
    code, body = await refused(jp_fetch, "analyze", payload)
    assert code == 413
    assert "64 MiB" in body["message"]
    assert (await version(jp_fetch))["engine"]


def lines_of(data, limit):
    async def read_all():
        reader = asyncio.StreamReader()
        reader.feed_data(data)
        reader.feed_eof()
        lines = BoundedLines(reader, limit)
        found = []
        while True:
            line = await lines.next()
            if line is None:
                return found
            found.append(line)
    return asyncio.run(read_all())


def test_bounded_lines_skip_an_overlong_line_and_keep_its_id():
    long_reply = b'{"id":42,"result":"' + b"y" * 5000 + b'"}'
    found = lines_of(b'{"id":1}\n' + long_reply + b'\n{"id":"a b","result":2}\ntail', 1000)
    assert found[0] == b'{"id":1}'
    assert isinstance(found[1], Overflow)
    assert found[1].request_id() == 42
    assert found[1].size == len(long_reply)
    assert found[2] == b'{"id":"a b","result":2}'
    assert found[3] == b"tail"
    assert len(found) == 4


def test_bounded_lines_end_on_an_overlong_last_line():
    found = lines_of(b"z" * 3000, 1000)
    assert len(found) == 1 and isinstance(found[0], Overflow)
    assert found[0].request_id() is None and found[0].size == 3000
