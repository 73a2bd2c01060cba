"""Every corpus notebook compiled for KFP by the real CLI loads in the official kfp SDK (2.17,
with kfp-kubernetes), round-trips through its compiler unchanged, and parses strictly into the
PipelineSpec and KubernetesExecutorConfig protobuf messages (an unknown field fails)."""
import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml
from google.protobuf import json_format
from kfp import compiler, components
from kfp.kubernetes import kubernetes_executor_config_pb2
from kfp.pipeline_spec import pipeline_spec_pb2

from conftest import code_cell

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("CELLPIPE_SCHEMAS", ROOT.parent / "shared" / "schemas")).parent / "corpus"
NOTEBOOKS = sorted(CORPUS.glob("*/*.ipynb"))


def tagged_copy(cli, notebook, directory):
    """The notebook as a pipeline: as it is, tagged by headings, or as one step."""
    analysis = json.loads(subprocess.run(cli + ["analyze", str(notebook), "--json"],
                                         capture_output=True, text=True).stdout)
    if analysis["steps"]:
        return notebook
    tagged = directory / notebook.name
    result = subprocess.run(cli + ["tag", str(notebook), "--by-headings", "-o", str(tagged)],
                            capture_output=True, text=True)
    if result.returncode == 0:
        return tagged
    data = json.loads(notebook.read_text(encoding="utf-8"))
    first = next(cell for cell in data["cells"] if cell["cell_type"] == "code")
    first.setdefault("metadata", {})["tags"] = ["step:notebook"]
    tagged.write_text(json.dumps(data), encoding="utf-8")
    return tagged


def test_the_corpus_is_there():
    assert len(NOTEBOOKS) == 20


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.name for n in NOTEBOOKS])
def test_kfp_documents_round_trip_through_the_sdk(cellpipe_cli, notebook, tmp_path):
    source = tagged_copy(cellpipe_cli, notebook, tmp_path)
    compiled = tmp_path / "pipeline.yaml"
    result = subprocess.run(cellpipe_cli + ["compile", str(source), "--target", "kfp",
                                            "-o", str(compiled)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    ours = list(yaml.safe_load_all(compiled.read_text(encoding="utf-8")))
    assert len(ours) == 2

    spec = json_format.ParseDict(ours[0], pipeline_spec_pb2.PipelineSpec())
    assert spec.schema_version == "2.1.0"
    executors = ours[1]["platforms"]["kubernetes"]["deploymentSpec"]["executors"]
    for config in executors.values():
        parsed = json_format.ParseDict(config, kubernetes_executor_config_pb2.KubernetesExecutorConfig())
        assert parsed.security_context.run_as_non_root is True
        assert parsed.security_context.run_as_user == 1000
    assert set(executors) == set(ours[0]["deploymentSpec"]["executors"])

    component = components.load_component_from_file(str(compiled))
    again = tmp_path / "again.yaml"
    compiler.Compiler().compile(component, str(again))
    theirs = list(yaml.safe_load_all(again.read_text(encoding="utf-8")))
    assert theirs == ours


def test_volumes_mount_as_kfp_kubernetes_mounts_them(cellpipe_cli, tmp_path):
    """The settings' volumes are, in every executor, exactly what kfp-kubernetes' own mount_pvc
    writes for the same claims, and the SDK takes the document back unchanged."""
    from kfp import dsl, kubernetes

    volumes = [{"claim": "team-data", "mountPath": "/data"},
               {"claim": "scratch", "mountPath": "/out", "subPath": "runs/a"}]
    notebook = tmp_path / "volumes.ipynb"
    notebook.write_text(json.dumps({
        "nbformat": 4, "nbformat_minor": 5, "metadata": {"cellpipe": {"volumes": volumes}},
        "cells": [code_cell("a = 1\n", "step:first"), code_cell("b = a + 1\n", "step:second")],
    }), encoding="utf-8")
    compiled = tmp_path / "pipeline.yaml"
    result = subprocess.run(cellpipe_cli + ["compile", str(notebook), "--target", "kfp",
                                            "-o", str(compiled)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    ours = list(yaml.safe_load_all(compiled.read_text(encoding="utf-8")))
    executors = ours[1]["platforms"]["kubernetes"]["deploymentSpec"]["executors"]
    assert sorted(executors) == ["exec-first", "exec-second"]

    @dsl.container_component
    def step():
        return dsl.ContainerSpec(image="python:3.11-slim", command=["true"])

    @dsl.pipeline(name="sdk-volumes")
    def pipeline():
        task = step()
        for volume in volumes:
            kubernetes.mount_pvc(task, pvc_name=volume["claim"], mount_path=volume["mountPath"],
                                 sub_path=volume.get("subPath", ""))

    sdk = tmp_path / "sdk.yaml"
    compiler.Compiler().compile(pipeline, str(sdk))
    theirs = list(yaml.safe_load_all(sdk.read_text(encoding="utf-8")))
    (sdk_config,) = theirs[1]["platforms"]["kubernetes"]["deploymentSpec"]["executors"].values()
    assert len(sdk_config["pvcMount"]) == 2
    for config in executors.values():
        json_format.ParseDict(config, kubernetes_executor_config_pb2.KubernetesExecutorConfig())
        assert config["pvcMount"] == sdk_config["pvcMount"]

    component = components.load_component_from_file(str(compiled))
    again = tmp_path / "again.yaml"
    compiler.Compiler().compile(component, str(again))
    assert list(yaml.safe_load_all(again.read_text(encoding="utf-8"))) == ours
