"""Step script options for the cluster targets: `--data-root DIR` (Argo's per-run volume) and
`--kfp-executor-input` (KFP metrics as artifact metadata)."""
import json
import subprocess
import sys

from conftest import code_cell


def test_data_root_loads_inputs_from_their_producers_and_saves_outputs_under_the_step(make_pipeline):
    pipeline = make_pipeline([
        code_cell("a = [1, 2]", "step:first"),
        code_cell("b = 10", "step:second"),
        code_cell("total = sum(a) + b", "step:third"),
        code_cell("print('total', total)", "step:fourth"),
    ])
    root = pipeline.directory / "volume"

    def run(step, *extra):
        return subprocess.run([sys.executable, str(pipeline.scripts / (step + ".py")),
                               "--data-root", str(root), *extra],
                              capture_output=True, text=True, timeout=120)

    for step in ("first", "second", "third"):
        result = run(step)
        assert result.returncode == 0, result.stderr
    assert (root / "first" / "a" / "cellpipe.json").is_file()
    assert (root / "third" / "total" / "cellpipe.json").is_file()
    result = run("fourth")
    assert result.returncode == 0, result.stderr
    assert "total 13" in result.stdout


def test_an_explicit_input_wins_over_the_data_root(make_pipeline, tmp_path):
    pipeline = make_pipeline([
        code_cell("a = 1", "step:first"),
        code_cell("print('a is', a)", "step:second"),
    ])
    pipeline.run_ok("first", outputs=["a"])
    result = subprocess.run([sys.executable, str(pipeline.scripts / "second.py"),
                             "--data-root", str(tmp_path / "empty"),
                             "--input", "a=%s" % pipeline.data("first", "a")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "a is 1" in result.stdout


def test_without_the_data_root_a_missing_input_is_still_refused(make_pipeline):
    pipeline = make_pipeline([
        code_cell("a = 1", "step:first"),
        code_cell("print(a)", "step:second"),
    ])
    result = pipeline.run("second")
    assert result.returncode == 2
    assert "--input a=DIR is missing" in result.stderr


def test_kfp_metrics_go_into_the_executor_output_as_artifact_metadata(make_pipeline, tmp_path):
    pipeline = make_pipeline([
        code_cell("accuracy = 0.75\nname = 'model-a'", "step:train"),
        code_cell("print(accuracy)\nprint(name)", "pipeline-metrics"),
    ], metrics_format="kfp-v1")
    output_file = tmp_path / "kfp" / "output_metadata.json"
    executor_input = {
        "inputs": {},
        "outputs": {
            "artifacts": {"metrics": {"artifacts": [{
                "name": "metrics", "type": {"schemaTitle": "system.Metrics"},
                "uri": "minio://mlpipeline/v2/artifacts/run/train/metrics", "metadata": {}}]}},
            "outputFile": str(output_file),
        },
    }
    result = subprocess.run([sys.executable, str(pipeline.scripts / "train.py"),
                             "--metrics", str(tmp_path / "metrics"),
                             "--kfp-executor-input", json.dumps(executor_input)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    written = json.loads(output_file.read_text())
    artifact = written["artifacts"]["metrics"]["artifacts"][0]
    assert artifact["uri"] == "minio://mlpipeline/v2/artifacts/run/train/metrics"
    assert artifact["metadata"] == {"accuracy": 0.75}
