/**
 * The warm interpreter's Python side (see warm.ts). One process per run imports the modules the
 * notebook's `imports` cells name at their top (up to their first other statement), then forks
 * a child per step request: the child starts its own session (its own process group), sends
 * stdout and stderr to the step's log, and runs the step script as `__main__`, exactly as
 * `python script ARGS` would, minus the import time.
 * Single-threaded (a select loop), so forking never copies a lock held by another thread.
 * Protocol, one JSON object per line: in `{"preload": [source...]}` once, then
 * `{"id", "argv", "cwd", "log"}`; out `{"id", "pid"}` or `{"id", "error"}`, then
 * `{"pid", "exit", "signal"}` when that child ends.
 */
export const WARM_PYTHON = String.raw`
import ast, json, os, runpy, select, signal, sys, traceback

# The protocol gets its own descriptor; fd 1 goes to the log, so a module that prints while it
# is imported cannot corrupt the protocol.
PROTOCOL = os.dup(1)
os.dup2(2, 1)

def send(message):
    data = (json.dumps(message) + "\n").encode()
    while data:
        data = data[os.write(PROTOCOL, data):]

# The imports at the top of the imports cells, up to their first other statement: that one may
# set what a later import reads as it loads (os.environ["KERAS_BACKEND"] = ..., sys.path.append),
# which the step runs before it imports; imported here ahead of it, the module would not see it.
def preload(sources):
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            return
        for statement in tree.body:
            if isinstance(statement, ast.Try) and not statement.finalbody and all(
                    isinstance(node, (ast.Import, ast.ImportFrom, ast.Pass))
                    for node in statement.body):
                statements = statement.body  # try: import x / except ImportError: ...
            elif isinstance(statement, (ast.Import, ast.ImportFrom)) or (
                    isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)):
                statements = [statement]
            else:
                return
            for node in statements:
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names = [node.module]
                for name in names:
                    try:
                        __import__(name)
                    except BaseException:
                        pass

def become_subreaper():
    # Orphans of this step's descendants (a daemon's double fork) are re-parented to the step's
    # process instead of init, so end_descendants finds them though they never exec'd.
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except Exception:
        pass

def descendants(root):
    children = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name, "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != b"Z":
            children.setdefault(int(fields[1]), []).append(int(name))
    found, todo = [], [root]
    while todo:
        for pid in children.get(todo.pop(), []):
            found.append(pid)
            todo.append(pid)
    return found

def end_descendants():
    # Nothing a step started outlives it (issue 14, finding 12): kill every descendant, reap
    # what comes back to this subreaper, until none is left (at most about 5 s).
    me = os.getpid()
    for _ in range(500):
        found = descendants(me)
        for pid in found:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                pid = 0
            if pid == 0:
                break
        if not found:
            return
        select.select([], [], [], 0.01)

def child(request):
    os.setsid()
    become_subreaper()
    # The step script ends by sys.exit here: this child ends the process itself (below).
    sys.cellpipe_warm_child = True
    os.close(PROTOCOL)
    log = os.open(request["log"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    os.close(null)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    code = 1
    try:
        sys.stdin = open(0, "r", closefd=False)
        sys.stdout = open(1, "w", buffering=1, closefd=False)
        sys.stderr = open(2, "w", buffering=1, errors="backslashreplace", closefd=False)
        os.environ.update(request.get("env") or {})
        os.chdir(request["cwd"])
        sys.argv = list(request["argv"])
        sys.path[0] = os.path.dirname(os.path.abspath(sys.argv[0]))
        runpy.run_path(sys.argv[0], run_name="__main__")
        code = 0
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
        if exit.code is not None and not isinstance(exit.code, int):
            sys.stderr.write(str(exit.code) + "\n")
    except BaseException:
        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
            end_descendants()
        finally:
            os._exit(code)

def main():
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    stdin = sys.stdin.buffer.raw
    pending = b""
    children = set()
    preloaded = False
    while True:
        ready, _, _ = select.select([stdin], [], [], 0.05)
        while children:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                break
            children.discard(pid)
            if os.WIFSIGNALED(status):
                send({"pid": pid, "exit": None, "signal": os.WTERMSIG(status)})
            else:
                send({"pid": pid, "exit": os.WEXITSTATUS(status), "signal": None})
        if not ready:
            continue
        data = os.read(stdin.fileno(), 65536)
        if not data:
            return
        pending += data
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            request = json.loads(line)
            if not preloaded:
                preloaded = True
                preload(request.get("preload", []))
                send({"ready": True})
                continue
            try:
                pid = os.fork()
            except OSError as error:
                send({"id": request["id"], "error": str(error)})
                continue
            if pid == 0:
                child(request)
            children.add(pid)
            send({"id": request["id"], "pid": pid})

main()
`;
