# ---- cellpipe step observer (local runs) ----------------------------------------------------------
# The local runner's step scripts carry this between the step's own part and the runtime
# (src/core/generate/step-script.ts, `observer`); the cluster targets' scripts do not. The runtime
# starts it for --observe FILE. Real Python, linted by ruff, tested by tests/python/test_runtime_module.py.
import json
import os
import sys

# The local runner's step cache keys a step by its code, inputs and parameters, and by the files the
# analyzer sees it name. A path computed at run time (open(CONFIG["path"]), a helper module's read)
# the analyzer cannot see, so the runner asks the step (--observe FILE) for what its code opened,
# listed and reached, as Python's audit events report them: a later run reuses the step only while
# those files are as they were, and never one that reached the network or ran a program. Only the
# step's own cells are watched: the imports and functions cells run in every step, and a process
# the step forks (multiprocessing) is not followed.

# Events after which the step's result may depend on the world outside its files.
OUTSIDE_EVENTS = frozenset((
    "socket.connect", "socket.sendto", "urllib.Request", "http.client.connect", "ftplib.connect",
    "smtplib.connect", "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
    "webbrowser.open",
))
LISTING_EVENTS = frozenset(("os.listdir", "os.scandir", "glob.glob"))
# Programs libraries run to learn about the machine, not to reach outside it: loky (joblib, in
# scikit-learn's KMeans) runs lscpu for the number of cores, ctypes.util.find_library runs ldconfig
# or gcc.
PROBES = frozenset((
    "lscpu", "nproc", "getconf", "uname", "sysctl", "sw_vers", "ldconfig", "gcc", "cc", "ld",
    "objdump", "fc-list", "fc-match", "which",
))
# Modules whose listings are Python's own search for code and metadata (importlib.metadata lists
# every sys.path entry for entry points), not the step's reading of a folder.
LISTING_CALLERS = ("importlib", "pkgutil", "pkg_resources", "zipimport", "site")
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC


class Observer:
    """An audit hook recording the files the step's code opens (to read, to write), the folders
    it lists and the first event that reaches outside its files. Audit hooks cannot be removed:
    `write` ends the recording (what comes after, its own report included, is ignored)."""

    def __init__(self):
        self.active = True
        self.reads, self.writes, self.listed = set(), set(), set()
        self.outside = None

    def __call__(self, event, args):
        if not self.active:
            return
        try:
            if event == "open":
                self._opened(*args[:3])
            elif event in LISTING_EVENTS:
                # os.listdir() and os.scandir() with no argument report None: the current folder
                path = _observed_path(args[0] if args and args[0] is not None else ".")
                if path is not None and not any(c in path for c in "*?[") and not _listed_by_python():
                    self.listed.add(path)
            elif event == "sqlite3.connect":
                path = _observed_path(args[0] if args else None)
                if path is not None:
                    self.reads.add(path)
                    self.writes.add(path)
            elif event in OUTSIDE_EVENTS and self.outside is None and not _is_probe(event, args):
                self.outside = event
        except Exception:  # noqa: BLE001 - an audit hook must never fail the code it watches
            pass

    def _opened(self, file, mode, flags):
        path = _observed_path(file)
        if path is None:
            return
        if mode is None:
            writes = bool(flags & WRITE_FLAGS)
            reads = not writes or bool(flags & os.O_RDWR)
        else:
            writes = any(c in mode for c in "wax+")
            reads = "r" in mode or "+" in mode or not writes
        if writes:
            self.writes.add(path)
        if reads:
            self.reads.add(path)

    def start(self):
        sys.addaudithook(self)
        return self

    def write(self, path):
        self.active = False
        report = {
            # a file both read and written (an sqlite database) is read: its stamp, taken after
            # the step ran, must still match for the step to be reused
            "reads": sorted(self.reads),
            "writes": sorted(self.writes),
            "listed": sorted(self.listed),
            "outside": self.outside,
            "ignore": sorted(_library_folders()),
        }
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as stream:
                json.dump(report, stream)
        except OSError:
            pass  # no report: the runner keeps no cache entry for the step


def _is_probe(event, args):
    """A program run to learn about the machine (PROBES), by subprocess or os.posix_spawn."""
    if event == "subprocess.Popen":
        program = args[1] if len(args) > 1 and args[1] else args[0]
    elif event == "os.posix_spawn":
        program = args[0]
    else:
        return False
    if isinstance(program, (list, tuple)):
        program = program[0] if program else ""
    if isinstance(program, bytes):
        program = os.fsdecode(program)
    if not isinstance(program, str):
        program = os.fspath(program) if hasattr(program, "__fspath__") else ""
    words = program.split()
    return bool(words) and os.path.basename(words[0]) in PROBES


def _listed_by_python():
    """Whether the listing comes from the import system or a package metadata search."""
    frame = sys._getframe(2)
    for _ in range(12):
        if frame is None:
            return False
        module = frame.f_globals.get("__name__", "")
        if module.split(".")[0] in LISTING_CALLERS:
            return True
        frame = frame.f_back
    return False


def _observed_path(file):
    """An opened path made absolute (against the folder the step is in as it opens it); None
    for a file descriptor, or anything else that is no path."""
    if file is None or isinstance(file, int):
        return None
    path = os.fspath(file)
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    return os.path.abspath(path)


def _library_folders():
    """Where Python and its packages live: what is read there is code, not the step's data."""
    import site
    import sysconfig

    folders = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    folders.update(path for path in sysconfig.get_paths().values())
    try:
        folders.update(site.getsitepackages())
        folders.add(site.getusersitepackages())
    except AttributeError:  # a virtualenv's old site.py
        pass
    return {os.path.abspath(folder) for folder in folders if folder}
