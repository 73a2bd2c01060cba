"""Every example and the probe notebook run by kfp.local (DockerRunner, podman) give what the
local run gives: the same steps succeed, print the same lines and report the same metrics
(fixtures and helpers in test_kfp_local.py)."""
import hashlib

import pytest

from test_kfp_local import EXAMPLES, assert_same_run, runs  # noqa: F401


@pytest.mark.parametrize("name", EXAMPLES + ["kfp-probe"])
def test_pipeline_matches_the_local_run(runs, name):  # noqa: F811
    summary, record = assert_same_run(runs, name)
    assert len(summary["tasks"]) == len(record["steps"]) >= 3


def test_probe_passes_every_kind_of_value(runs):  # noqa: F811
    """A pandas frame (parquet through pyarrow), a numpy array, a dict and an instance of a class
    from a functions cell reach their consumers intact: the consumers print what they read."""
    _, output, summary, _ = runs.kfp("kfp-probe")
    assert summary["status"] == "SUCCESS", output
    logs = {name: task["log"] for name, task in summary["tasks"].items()}
    assert "make: (40, 3) (40, 3) probe True" in logs["make"]
    assert "cellpipe: saved frame as parquet" in logs["make"]
    assert "cellpipe: saved matrix as npy" in logs["make"]
    assert 'stats: {"a": 780.0, "b": -9.0} 7140.0' in logs["stats"]
    assert "order: probe-29 780 Tally" in logs["order"]
    assert "report: 780.0 -9.0 7140.0 probe-29 780" in logs["report"]


def test_modules_next_to_the_notebook_go_with_the_pipeline(runs):  # noqa: F811
    """kfp_shapes.py and the kfp_tools package lie next to the notebook only; the step containers
    import them from the pipeline, as the local run does from the notebook's folder."""
    summary, _ = assert_same_run(runs, "kfp-modules")
    logs = {name: task["log"] for name, task in summary["tasks"].items()}
    assert "make: 42" in logs["make"]
    assert "show: 42 kfp_shapes 2 {{workflow.name}} {{$}}" in logs["show"]


def test_a_step_longer_than_one_argument_starts(runs):  # noqa: F811
    """The step's packed code passes 128 KiB, more than Linux lets one program argument hold: the
    container command carries it in several arguments, and the step runs as the local run does."""
    from test_kfp_local import LONG_BLOB

    summary, _ = assert_same_run(runs, "kfp-long")
    digest = hashlib.sha256(LONG_BLOB.encode()).hexdigest()[:16]
    assert "blob %d %s" % (len(LONG_BLOB), digest) in summary["tasks"]["carry"]["log"]


def test_functions_classes_and_instances_from_a_step_read_the_later_steps_globals(runs):  # noqa: F811
    """What one step defines runs in a later container with that container's globals, as in a
    kernel (and as the local run gives): the step between them rebound x to 2."""
    summary, _ = assert_same_run(runs, "kfp-functions")
    assert "use: 2 20 20" in summary["tasks"]["use"]["log"]


def test_a_variable_named_metrics_and_the_metrics_both_arrive(runs):  # noqa: F811
    """The variable's artifact keeps the name `metrics`; the step's metrics go to the
    system.Metrics artifact `cellpipe_metrics`, where the KFP UI reads them."""
    code, output, summary, _ = runs.kfp("kfp-metrics-name")
    assert code == 0 and summary["status"] == "SUCCESS", output
    assert "read: 0.75" in summary["tasks"]["read"]["log"]
    artifacts = summary["tasks"]["score"]["executor_output"]["artifacts"]
    assert artifacts["cellpipe_metrics"]["artifacts"][0]["metadata"] == {"acc": 0.75}
    assert artifacts["metrics"]["artifacts"][0]["metadata"] == {}
