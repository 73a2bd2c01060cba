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

from .engine_lines import BoundedLines, Overflow

ENGINE = Path(__file__).parent / "engine" / "cellpipe.cjs"
MINIMUM_NODE = (20, 0)
MIB = 1024 * 1024
# The engine replaces any reply over 64 MiB with a 413 (src/engine/server/reply-size.ts); the
# relay's own bound sits above that, for the line's JSON framing.
LINE_LIMIT = 65 * MIB
# What the relay accepts from the browser: a notebook is posted whole.
BODY_LIMIT = 64 * MIB
# Engine diagnostics longer than this are cut in the server log.
STDERR_LINE_LIMIT = 64 * 1024


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

    def __init__(self, root_dir, node=None, log=None, env=None, line_limit=LINE_LIMIT):
        self.root_dir = str(root_dir)
        self.line_limit = line_limit
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
            stderr=asyncio.subprocess.PIPE, cwd=self.root_dir,
            env=self.env if self.env is not None else dict(os.environ))
        self._process = process
        asyncio.ensure_future(self._read_answers(process))
        asyncio.ensure_future(self._read_errors(process))
        if self.log:
            self.log.info("cellpipe: engine started (pid %s)", process.pid)
        return process

    def _fail_oversized(self, overflow):
        """A reply too long for the relay fails its own request only (413)."""
        request_id = overflow.request_id()
        if self.log:
            self.log.warning("cellpipe: an engine reply of %d bytes (request %s) is over the "
                             "relay's %d-byte limit", overflow.size, request_id, self.line_limit)
        future = self._pending.pop(request_id, None)
        if future is not None and not future.done():
            future.set_exception(EngineFailure(
                413, "the engine's reply is %d MiB, more than the %d MiB the lab carries; use "
                     "the command line for it" % (-(-overflow.size // MIB),
                                                 self.line_limit // MIB)))

    async def _read_answers(self, process):
        lines = BoundedLines(process.stdout, self.line_limit)
        while True:
            line = await lines.next()
            if line is None:
                break
            if isinstance(line, Overflow):
                self._fail_oversized(line)
                continue
            try:
                answer = json.loads(line)
            except (ValueError, RecursionError):
                continue
            if not isinstance(answer, dict):
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
        lines = BoundedLines(process.stderr, STDERR_LINE_LIMIT)
        while True:
            line = await lines.next()
            if line is None:
                return
            if isinstance(line, Overflow):
                line = line.head + b" ... (%d bytes in all)" % line.size
            if self.log:
                self.log.warning("cellpipe engine: %s", line.decode("utf-8", "replace").rstrip())
