"""The server extension says clearly when Node.js is missing or too old for the engine."""
import pytest

from cellpipe.engine_process import EngineFailure, check_node


def fake_node(tmp_path, version):
    path = tmp_path / "node"
    path.write_text("#!/bin/sh\necho %s\n" % version)
    path.chmod(0o755)
    return str(path)


def test_node_20_or_newer_is_accepted(tmp_path):
    node = fake_node(tmp_path, "v20.20.2")
    assert check_node(node) == node
    assert check_node(fake_node(tmp_path, "v22.1.0")) is not None


def test_an_older_node_is_refused_naming_its_version(tmp_path):
    with pytest.raises(EngineFailure) as refused:
        check_node(fake_node(tmp_path, "v18.19.0"))
    assert refused.value.status == 500
    assert "needs Node.js 20 or newer" in refused.value.message
    assert "v18.19.0" in refused.value.message


def test_a_missing_node_is_refused_saying_what_to_do(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(EngineFailure) as refused:
        check_node(None)
    assert "`node` is not on the server's PATH" in refused.value.message
    assert "CELLPIPE_NODE" in refused.value.message
