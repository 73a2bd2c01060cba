"""The Node engine as a child process: JSON lines over stdin/stdout, no network port.

One engine per Jupyter server. It starts with the first request, and if it dies it is started
again by the next one; requests in flight when it died fail with a clear 503. Cluster
credentials live only in the engine (it reads the server's kubeconfig), never in a reply.
"""
import asyncio
import itertools
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

ENGINE = Path(__file__).parent / "engine" / "cellpipe.cjs"
MINIMUM_NODE = (20, 0)
# A compiled document or a log chunk may be several MiB on one line.
LINE_LIMIT = 256 * 1024 * 1024


class EngineFailure(Exception):
    """A request the engine refused or could not answer, with the HTTP status to reply with."""

    def __init__(self, status, message, location=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.location = location


def check_node(node):
    """The node binary to run, or EngineFailure saying what is missing."""
    found = node or shutil.which("node")
    if not found:
        raise EngineFailure(500, "cellpipe needs Node.js 20 or newer, and `node` is not on the "
                                 "server's PATH (set CELLPIPE_NODE to its path, or install Node.js)")
    try:
        output = subprocess.run([found, "--version"], capture_output=True, text=True,
                                timeout=30, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError) as error:
        raise EngineFailure(500, "cannot run %s: %s" % (found, error)) from error
    match = re.match(r"v(\d+)\.(\d+)", output)
    if not match or tuple(int(part) for part in match.groups()) < MINIMUM_NODE:
        raise EngineFailure(500, "cellpipe needs Node.js 20 or newer; %s is %s"
                            % (found, output or "of unknown version"))
    return found


class EngineProcess:
    """Sends requests to the engine and awaits their answers, restarting it when it died."""

    def __init__(self, root_dir, node=None, log=None, env=None):
        self.root_dir = str(root_dir)
        self.node = node
        self.log = log
        self.env = env
        self._process = None
        self._pending = {}
        self._ids = itertools.count(1)
        self._starting = None
        self._node_checked = None

    async def request(self, method, params=None, timeout=None):
        """The engine's result for `method`, or EngineFailure."""
        process = await self._running()
        request_id = next(self._ids)
        future = asyncio.get_running_loop().create_future()
        self._pending[request_id] = future
        line = json.dumps({"id": request_id, "method": method, "params": params or {}}) + "\n"
        try:
            process.stdin.write(line.encode("utf-8"))
            await process.stdin.drain()
        except (ConnectionError, RuntimeError) as error:
            self._pending.pop(request_id, None)
            raise EngineFailure(503, "the cellpipe engine stopped (%s); try again" % error) from error
        if timeout is None:
            return await future
        return await asyncio.wait_for(future, timeout)

    async def stop(self):
        process, self._process = self._process, None
        if process and process.returncode is None:
            process.stdin.close()
            try:
                await asyncio.wait_for(process.wait(), 5)
            except asyncio.TimeoutError:
                process.kill()

    async def _running(self):
        if self._process is not None and self._process.returncode is None:
            return self._process
        if self._starting is None:
            self._starting = asyncio.ensure_future(self._start())
        try:
            return await self._starting
        finally:
            self._starting = None

    async def _start(self):
        if self._node_checked is None:
            self._node_checked = check_node(self.node)
        if not ENGINE.is_file():
            raise EngineFailure(500, "the cellpipe engine is not built: %s is missing (run "
                                     "`npm run build:engine`, or reinstall cellpipe)" % ENGINE)
        process = await asyncio.create_subprocess_exec(
            self._node_checked, str(ENGINE), "engine", "--root", self.root_dir,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, cwd=self.root_dir, limit=LINE_LIMIT,
            env=self.env if self.env is not None else dict(os.environ))
        self._process = process
        asyncio.ensure_future(self._read_answers(process))
        asyncio.ensure_future(self._read_errors(process))
        if self.log:
            self.log.info("cellpipe: engine started (pid %s)", process.pid)
        return process

    async def _read_answers(self, process):
        while True:
            try:
                line = await process.stdout.readline()
            except (ValueError, asyncio.LimitOverrunError):
                line = b""
            if not line:
                break
            try:
                answer = json.loads(line)
            except ValueError:
                continue
            future = self._pending.pop(answer.get("id"), None)
            if future is None or future.done():
                continue
            if "error" in answer:
                error = answer["error"] or {}
                future.set_exception(EngineFailure(error.get("status", 500),
                                                   error.get("message", "engine error"),
                                                   error.get("location")))
            else:
                future.set_result(answer.get("result"))
        await process.wait()
        if self.log:
            self.log.warning("cellpipe: engine exited with %s; the next request restarts it",
                             process.returncode)
        for request_id in list(self._pending):
            future = self._pending.pop(request_id)
            if not future.done():
                future.set_exception(EngineFailure(
                    503, "the cellpipe engine stopped (exit code %s) while answering; "
                         "it restarts with the next request" % process.returncode))

    async def _read_errors(self, process):
        while True:
            line = await process.stderr.readline()
            if not line:
                return
            if self.log:
                self.log.warning("cellpipe engine: %s", line.decode("utf-8", "replace").rstrip())
