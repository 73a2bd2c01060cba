"""The differential test's machinery: CPython's verdicts and the analyzer's, side by side.

The analyzer runs in one Node process for a whole batch (tests/differential/analyze-batch.ts,
bundled with esbuild), so a batch of thousands of sources costs one start-up. CPython's verdict
is compile() of the same text, by the Python the source belongs to.
"""
import glob
import hashlib
import json
import os
import subprocess
import sys
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "tests" / "differential"
BUNDLE = ROOT / ".cache" / "differential" / "analyze-batch.cjs"
VERDICT = HERE / "cpython_verdict.py"

# IPython runs a cell with top-level await allowed; CPython's compile() does so with this flag.
ALLOW_TOP_LEVEL_AWAIT = 0x2000


def build_analyzer():
    """Bundles the batch analyser from the current sources (about a second)."""
    BUNDLE.parent.mkdir(parents=True, exist_ok=True)
    script = (
        "require('esbuild').buildSync({entryPoints: [process.argv[1]], outfile: process.argv[2],"
        " bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning',"
        # web-tree-sitter's CommonJS build (see scripts/lib/node-bundle.mjs)
        " alias: {'web-tree-sitter': require.resolve('web-tree-sitter')}})"
    )
    subprocess.run(["node", "-e", script, str(HERE / "analyze-batch.ts"), str(BUNDLE)],
                   cwd=ROOT, check=True)
    return BUNDLE


class Analyzer:
    """One Node process analysing every source sent to it; `results()` waits for all replies."""

    def __init__(self, bundle):
        self.process = subprocess.Popen(
            ["node", "--stack-size=8000", str(bundle)], cwd=ROOT, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1 << 20)
        self.replies = {}
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.lock = threading.Lock()

    def _read(self):
        for line in self.process.stdout:
            reply = json.loads(line)
            self.replies[reply["id"]] = reply

    def send(self, ident, source, cell=False):
        request = {"id": ident, "source": source}
        if cell:
            request["cell"] = True
        with self.lock:
            self.process.stdin.write(json.dumps(request) + "\n")

    def results(self):
        self.process.stdin.close()
        self.reader.join()
        assert self.process.wait() == 0, "the batch analyser failed"
        return self.replies


def pythons():
    """Every Python 3 on the machine: pyenv's versions and python3.X on the system PATH."""
    root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    found = sorted(glob.glob(os.path.join(root, "versions", "3.*", "bin", "python3")))
    for directory in ("/usr/bin", "/usr/local/bin"):
        found += sorted(p for p in glob.glob(os.path.join(directory, "python3.*"))
                        if p.rsplit("python", 1)[1].replace(".", "").isdigit())
    found.append(sys.executable)
    usable = []
    seen = set()
    for python in found:
        real = os.path.realpath(python)
        if real in seen or "/shims/" in python:
            continue
        seen.add(real)
        if subprocess.run([python, "-c", "import sys; assert sys.version_info >= (3, 6)"],
                          capture_output=True).returncode == 0:
            usable.append(python)
    return usable


def stdlib_verdicts(python):
    """CPython's verdict on each .py file of `python`'s standard library."""
    done = subprocess.run([python, str(VERDICT)], capture_output=True, text=True, check=True)
    return [json.loads(line) for line in done.stdout.splitlines()]


def read_source(path, encoding):
    with open(path, "rb") as f:
        text = f.read().decode(encoding)
    return text[1:] if text.startswith("\ufeff") else text


def differential_stdlib(bundle, workers=2):
    """Runs every Python's stdlib through compile() and the analyzer; returns the comparison."""
    analyzer = Analyzer(bundle)
    sent = {}
    lock = threading.Lock()

    def judge(python):
        records = stdlib_verdicts(python)
        accepted = 0
        for record in records:
            if not record["ok"]:
                continue
            accepted += 1
            with lock:
                if record["sha1"] in sent:
                    continue
                sent[record["sha1"]] = record
            analyzer.send(record["sha1"], read_source(record["path"], record["encoding"]))
        return python, len(records), accepted

    with ThreadPoolExecutor(workers) as pool:
        per_python = list(pool.map(judge, pythons()))
    replies = analyzer.results()
    lines = 0
    false_errors = []
    crashes = []
    for sha, record in sent.items():
        reply = replies[sha]
        if "crash" in reply:
            crashes.append((record["path"], reply["crash"].splitlines()[0]))
        elif reply["errors"]:
            false_errors.append((sha, record["path"], reply["errors"][0]))
    return {"per_python": per_python, "files": len(sent), "false_errors": sorted(false_errors),
            "crashes": sorted(crashes)}


def compile_verdict(source, flags=0):
    """None if CPython compiles `source`, else the line of its SyntaxError."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(source, "<cell>", "exec", flags, dont_inherit=True)
        except SyntaxError as error:
            return error.lineno or 1
    return None


def ipython_python(cell):
    """The Python IPython runs for a cell: its own transform of magics, help and escapes."""
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(cell)


def compare(sources, bundle, cell=False, flags=0, ipython=False):
    """Analyses each source (dict id -> text) and compares with compile(): lists of mismatches.

    `cell`: the sources are notebook cells; CPython judges the Python the analyzer kept after
    stripping IPython magics (the magics themselves are not Python). `ipython`: CPython judges
    what IPython's own transform makes of each cell instead."""
    analyzer = Analyzer(bundle)
    for ident, source in sources.items():
        analyzer.send(ident, source, cell)
    replies = analyzer.results()
    false_errors, missed, wrong_line, crashes = [], [], [], []
    for ident, source in sources.items():
        reply = replies[ident]
        if "crash" in reply:
            crashes.append((ident, reply["crash"].splitlines()[0]))
            continue
        judged = ipython_python(source) if ipython else reply["python"] if cell else source
        expected = compile_verdict(judged, flags)
        got = reply["errors"][0] if reply["errors"] else None
        if expected is None and got is not None:
            false_errors.append((ident, got))
        elif expected is not None and got is None:
            missed.append((ident, expected))
        elif expected is not None and abs(expected - got) > 1:
            wrong_line.append((ident, expected, got))
    return {"false_errors": false_errors, "missed": missed, "wrong_line": wrong_line,
            "crashes": crashes}


def messages(sources, bundle):
    """For each source (dict id -> text) CPython refuses: (CPython's message, the analyzer's
    reason for its first error, or None), to hold the words a user reads to CPython's."""
    analyzer = Analyzer(bundle)
    for ident, source in sources.items():
        analyzer.send(ident, source)
    replies = analyzer.results()
    said = {}
    for ident, source in sources.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                compile(source, "<cell>", "exec", dont_inherit=True)
                continue
            except SyntaxError as error:
                expected = error.msg
        reasons = replies[ident].get("reasons") or [None]
        said[ident] = (expected, reasons[0])
    return said


AGREE = {"false_errors": [], "missed": [], "wrong_line": [], "crashes": []}


def different_messages(sources, bundle, parser_errors_too=True):
    """The sources whose first error the analyzer words otherwise than CPython: name ->
    (CPython's message, the analyzer's). `parser_errors_too=False` leaves out the errors the
    parser itself finds, which give no reason (those agree on the line only)."""
    return {name: words for name, words in messages(sources, bundle).items()
            if words[0] != words[1] and (parser_errors_too or words[1] is not None)}


def assert_table_agrees(invalid, valid, bundle):
    """A table of invalid sources and their valid neighbours: CPython refuses each invalid one
    and takes each valid one, and the analyzer agrees on verdict, line and message."""
    for name, source in invalid.items():
        assert compile_verdict(source) is not None, name
    for name, source in valid.items():
        assert compile_verdict(source) is None, name
    assert compare({**invalid, **valid}, bundle) == AGREE
    assert different_messages(invalid, bundle) == {}


def assert_random_agrees(programs, bundle, label, at_least):
    """Random programs: at least `at_least` refused by CPython, and the analyzer agreeing on
    verdict, line and, where it gives a reason, message."""
    refused = [name for name, source in programs.items() if compile_verdict(source) is not None]
    print("%s: %d of %d random programs refused by CPython" % (label, len(refused), len(programs)))
    assert len(refused) >= at_least
    assert compare(programs, bundle) == AGREE
    assert different_messages(programs, bundle, parser_errors_too=False) == {}


def sha1(text):
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
