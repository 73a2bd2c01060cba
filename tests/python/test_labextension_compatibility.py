"""The built labextension loads in later JupyterLab 4 releases, not only the one it was built with.

`pip install .` on a fresh machine brings the newest JupyterLab 4 from PyPI. JupyterLab disables an
extension whose shared packages (its singletons) ask for versions its core does not have, and lists
it as "enabled X". That happened with exact pins (`4.6.4`) as soon as 4.6.6 came out. This asks
JupyterLab's own compatibility check about the built extension against the installed core, and
against that core with every singleton moved on by a patch and by a minor release.
"""
import json
import pathlib
import re

import pytest
from jupyterlab.commands import _validate_compatibility
from jupyterlab.coreconfig import CoreConfig

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILT = ROOT / "cellpipe" / "labextension" / "package.json"
TILDE_VERSION = re.compile(r"^~(\d+)\.(\d+)\.(\d+)$")


def core_moved_on(core, bump):
    """The core's data with each `~X.Y.Z` singleton resolution replaced by bump(X, Y, Z)."""
    moved = json.loads(json.dumps(core))
    for name in moved["jupyterlab"]["singletonPackages"]:
        match = TILDE_VERSION.match(moved["resolutions"].get(name, ""))
        if match:
            major, minor, patch = (int(part) for part in match.groups())
            moved["resolutions"][name] = "~%d.%d.%d" % bump(major, minor, patch)
    return moved


@pytest.fixture(scope="module")
def built_dependencies():
    assert BUILT.exists(), "build the labextension first (npm run build)"
    return json.loads(BUILT.read_text())["dependencies"]


@pytest.mark.parametrize("release, bump", [
    ("the installed core", lambda major, minor, patch: (major, minor, patch)),
    ("a later patch release", lambda major, minor, patch: (major, minor, patch + 2)),
    ("a later minor release", lambda major, minor, patch: (major, minor + 1, 0)),
])
def test_jupyterlab_accepts_the_built_extension(built_dependencies, release, bump):
    core = core_moved_on(CoreConfig()._data, bump)
    errors = _validate_compatibility("cellpipe", built_dependencies, core)
    assert errors == [], "JupyterLab (%s) would disable cellpipe: %r" % (release, errors)


def test_singletons_are_ranges_not_pins(built_dependencies):
    singletons = set(CoreConfig()._data["jupyterlab"]["singletonPackages"])
    shared = {name: spec for name, spec in built_dependencies.items() if name in singletons}
    assert shared, "the extension shares no JupyterLab package: wrong file?"
    pinned = {name: spec for name, spec in shared.items() if re.match(r"^\d", spec)}
    assert pinned == {}, "pinned singletons break on the next JupyterLab release: %r" % pinned
