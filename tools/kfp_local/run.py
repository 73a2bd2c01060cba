"""Runs a compiled KFP pipeline (`cellpipe compile NOTEBOOK --target kfp`) with the KFP SDK's own
local orchestrator: `kfp.local` with `DockerRunner`, against podman's Docker-compatible API.

    python tools/kfp_local/run.py PIPELINE.yaml [--param NAME=VALUE]... [--json FILE]
                                  [--pipeline-root DIR]

What KFP's own code does here, as it would on a cluster: it loads the YAML (PipelineSpec and
platform document), checks and types the arguments, builds each task's executor input, replaces
the `{{$...}}` placeholders in command and args, orders the DAG, passes artifacts between tasks,
and reads each task's executor output (metrics metadata included).

One piece is ours: how a container is awaited and its log read. kfp.local starts the container
with auto_remove and follows its log through the API while it runs. Against podman that loses
data: a container gone before the log request gets no log and counts as a success (KFP assumes
exit code 0 when it cannot find the container), and podman 4.3's log reader splices lines of
stdout and stderr together (see read_log_file). Here the container runs without auto_remove; its
exit code is awaited, then its complete log is read from podman's log file, then it is removed.

Without DOCKER_HOST, `podman system service` is started on a private socket for the run and
stopped after it. Prints every task's log and outputs; exit code 0 only when the pipeline
succeeded. --json FILE writes {"status", "tasks": {task: {"status", "log", "outputs",
"executor_output"}}}.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

PARAMETER_TYPES = {
    "NUMBER_INTEGER": int,
    "NUMBER_DOUBLE": float,
    "STRING": str,
    "BOOLEAN": "bool",
}
BOOLEANS = {"true": True, "1": True, "false": False, "0": False}
# How long `podman system service` may take to answer (it is usually well under a second).
SERVICE_START_SECONDS = 120


class RunError(Exception):
    """A problem before the pipeline could run: exit code 2."""


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        prog="kfp-local", description="Run a compiled KFP pipeline with kfp.local (DockerRunner)."
    )
    parser.add_argument("pipeline", help="the compiled pipeline YAML")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--json", metavar="FILE", help="write a summary of the run as JSON")
    parser.add_argument(
        "--pipeline-root", metavar="DIR", help="where the tasks' outputs go (default: a temporary directory)"
    )
    return parser.parse_args(argv)


def typed_arguments(pipeline_spec, given):
    """--param NAME=VALUE strings as the pipeline's declared parameter types."""
    declared = {
        name: spec.parameter_type
        for name, spec in pipeline_spec.root.input_definitions.parameters.items()
    }
    from kfp.pipeline_spec import pipeline_spec_pb2

    type_names = pipeline_spec_pb2.ParameterType.ParameterTypeEnum
    arguments = {}
    for item in given:
        name, equals, raw = item.partition("=")
        if not equals or not name:
            raise RunError("--param expects NAME=VALUE, got %r" % item)
        if name not in declared:
            raise RunError(
                "--param %s: the pipeline has no such parameter (it has: %s)"
                % (name, ", ".join(sorted(declared)) or "none")
            )
        if name in arguments:
            raise RunError("--param %s is given twice" % name)
        kind = PARAMETER_TYPES.get(type_names.Name(declared[name]), str)
        try:
            if kind == "bool":
                arguments[name] = BOOLEANS[raw.strip().lower()]
            else:
                arguments[name] = kind(raw)
        except (KeyError, ValueError):
            raise RunError("--param %s: %r is not a valid %s" % (name, raw, type_names.Name(declared[name])))
    return arguments


class PodmanService:
    """`podman system service` on a private socket, for one run. It inherits no descriptors but
    its standard streams (close_fds), so no lock or pipe of the caller stays open in it, and it
    runs in its own session, so it is stopped as a group."""

    def __init__(self):
        self.directory = tempfile.mkdtemp(prefix="cellpipe-podman-")
        self.socket = os.path.join(self.directory, "podman.sock")
        self.log_path = os.path.join(self.directory, "service.log")
        self.process = None

    def start(self):
        podman = shutil.which("podman")
        if podman is None:
            raise RunError("podman is not installed: run bash scripts/setup.d/40-podman.sh")
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [podman, "system", "service", "--time=0", "unix://" + self.socket],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                close_fds=True,
                start_new_session=True,
            )
        url = "unix://" + self.socket
        deadline = time.monotonic() + SERVICE_START_SECONDS
        import docker

        while True:
            if self.process.poll() is not None:
                raise RunError("podman system service exited:\n" + self._log())
            if os.path.exists(self.socket):
                try:
                    client = docker.DockerClient(base_url=url)
                    try:
                        client.ping()
                        return url
                    finally:
                        client.close()
                except Exception:  # not answering yet
                    pass
            if time.monotonic() > deadline:
                raise RunError("podman system service did not answer on %s:\n%s" % (url, self._log()))
            time.sleep(0.1)

    def _log(self):
        with open(self.log_path, errors="replace") as log:
            return log.read()[-4000:]

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.directory, ignore_errors=True)


class Recorder:
    """What each task did: its status, complete log, outputs and executor output, by task name."""

    def __init__(self):
        self.tasks = {}
        self.current = threading.local()

    def task(self, name):
        return self.tasks.setdefault(name, {"status": None, "log": "", "outputs": {}, "executor_output": None})


def describe_output(value):
    from kfp import dsl

    if isinstance(value, dsl.Artifact):
        return {
            "type": value.schema_title,
            "name": value.name,
            "uri": value.uri,
            "metadata": dict(value.metadata),
        }
    return value


def read_log_file(path):
    """The container's complete log from podman's k8s-file log (`TIME STREAM P|F TEXT` records),
    or None when there is none to read. A record is what conmon read from the stream's pipe at
    once; P marks one that ends mid-line. Each stream's records are joined here up to their F
    record, so a line is whole wherever the reads fell. (podman 4.3's own log reader joins a P
    record with whichever record comes next, of either stream: a stdout line cut by a read
    came back with a stderr line spliced into it.)"""
    if not path:
        return None
    try:
        with open(path, "rb") as stream:
            records = stream.read().split(b"\n")
    except OSError:
        return None
    pending = {}
    lines = []
    for record in records:
        fields = record.split(b" ", 3)
        if len(fields) < 3:
            continue
        name, tag = fields[1], fields[2]
        pending[name] = pending.get(name, b"") + (fields[3] if len(fields) == 4 else b"")
        if b"P" not in tag.split(b":"):
            lines.append(pending.pop(name) + b"\n")
    lines.extend(rest for rest in pending.values() if rest)  # output that ended without a newline
    return b"".join(lines).decode("utf-8", "replace")


def install_hooks(recorder):
    """Wraps kfp.local's task dispatch (to know the task and keep its outputs) and replaces its
    container runner (to read complete logs and true exit codes; see the module doc)."""
    import docker
    from kfp.local import docker_task_handler, executor_input_utils, task_dispatcher

    run_task = task_dispatcher.run_single_task_implementation

    def recorded_task(**kwargs):
        name = executor_input_utils.get_local_task_resource_name(kwargs["component_name"])
        recorder.current.name = name
        entry = recorder.task(name)
        try:
            outputs, status = run_task(**kwargs)
        finally:
            recorder.current.name = None
        entry["status"] = status.name
        entry["outputs"] = {key: describe_output(value) for key, value in outputs.items()}
        task_root = executor_input_utils.construct_local_task_root(
            pipeline_root=kwargs["pipeline_root"],
            pipeline_resource_name=kwargs["pipeline_resource_name"],
            task_resource_name=name,
        )
        output_file = os.path.join(task_root, "executor_output.json")
        if os.path.exists(output_file):
            with open(output_file) as stream:
                entry["executor_output"] = json.load(stream)
        return outputs, status

    def run_container(client, image, command, volumes, **run_args):
        image = docker_task_handler.add_latest_tag_if_not_present(image=image)
        try:
            client.images.get(image)
        except docker.errors.ImageNotFound:
            raise RuntimeError(
                "image %r is not in podman (nothing is pulled here): "
                "bash scripts/setup.d/40-podman.sh loads localhost/cellpipe-python:3.11" % image
            )
        run_args.pop("auto_remove", None)
        container = client.containers.run(
            image=image, command=command, detach=True, volumes=volumes, **run_args
        )
        try:
            code = container.wait()["StatusCode"]
            container.reload()
            log = read_log_file(container.attrs.get("LogPath"))
            if log is None:
                log = container.logs(stdout=True, stderr=True).decode("utf-8", "replace")
        finally:
            container.remove(force=True)
        name = getattr(recorder.current, "name", None)
        if name is not None:
            recorder.task(name)["log"] += log
        for line in log.splitlines(True):
            print(line, end="")  # kfp.local indents what tasks print
        if log and not log.endswith("\n"):
            print()
        return code

    task_dispatcher.run_single_task_implementation = recorded_task
    docker_task_handler.run_docker_container = run_container


def container_limits():
    """Open files and processes as this process has them (at most 65536 and 4096). podman sets
    higher ones for root containers by default, which runc may not raise to where the process
    lacks CAP_SYS_RESOURCE (as on this VM): "error setting rlimit type 7: operation not
    permitted"."""
    import resource

    import docker

    limits = []
    for name, kind, ceiling in (("nofile", resource.RLIMIT_NOFILE, 65536), ("nproc", resource.RLIMIT_NPROC, 4096)):
        hard = resource.getrlimit(kind)[1]
        value = ceiling if hard == resource.RLIM_INFINITY else min(hard, ceiling)
        limits.append(docker.types.Ulimit(name=name, soft=value, hard=value))
    return limits


def run(options):
    from kfp import components, local

    if not os.path.exists(options.pipeline):
        raise RunError("%s: no such file" % options.pipeline)
    pipeline = components.load_component_from_file(options.pipeline)
    arguments = typed_arguments(pipeline.pipeline_spec, options.param)

    recorder = Recorder()
    install_hooks(recorder)
    pipeline_root = options.pipeline_root or tempfile.mkdtemp(prefix="kfp-local-")
    os.makedirs(pipeline_root, exist_ok=True)
    # No network: steps read only their inputs (podman's default bridge would also change the
    # host's firewall rules).
    runner = local.DockerRunner(network_mode="none", ulimits=container_limits())
    local.init(runner=runner, pipeline_root=os.path.abspath(pipeline_root), raise_on_error=False)
    error = None
    try:
        task = pipeline(**arguments)
        outputs = {key: describe_output(value) for key, value in (task.outputs or {}).items()}
    except Exception as failure:  # a failure of KFP's own code: reported, exit 1
        error = "%s: %s" % (type(failure).__name__, failure)
        outputs = {}
    failed = error is not None or not recorder.tasks or any(
        entry["status"] != "SUCCESS" for entry in recorder.tasks.values()
    )
    summary = {
        "status": "FAILURE" if failed else "SUCCESS",
        "error": error,
        "pipeline_root": os.path.abspath(pipeline_root),
        "outputs": outputs,
        "tasks": recorder.tasks,
    }
    print("\n== kfp-local: %s" % summary["status"])
    if error:
        print("error: " + error)
    for name, entry in recorder.tasks.items():
        print("task %s: %s" % (name, entry["status"]))
        for key, value in entry["outputs"].items():
            print("  output %s: %s" % (key, json.dumps(value, sort_keys=True)))
    if outputs:
        print("pipeline outputs: " + json.dumps(outputs, sort_keys=True))
    if options.json:
        with open(options.json, "w") as stream:
            json.dump(summary, stream, indent=1, sort_keys=True)
    return 0 if not failed else 1


def main(argv):
    options = parse_arguments(argv)
    service = None
    try:
        if not os.environ.get("DOCKER_HOST"):
            service = PodmanService()
            os.environ["DOCKER_HOST"] = service.start()
        return run(options)
    except RunError as error:
        sys.stderr.write("kfp-local: %s\n" % error)
        return 2
    finally:
        if service is not None:
            service.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
