"""The analyzer against CPython's compile() on programs generated from CPython's grammar
(issue 12): a Hypothesis property test over at least 2,000 programs from hypothesmith.

Deterministic: a fixed seed (printed), no example database, no deadline and no health checks
that depend on speed, so the same programs are generated on every run and under any load. The
analyzer is one Node process answering each program in turn (tests/differential), so a failing
program is shrunk by Hypothesis to a small one before it is reported.

Every generated program is judged by compile() of the Python running the test; the analyzer
must agree: no syntax error where CPython compiles, an error where it does not, on a line within
one of CPython's.
"""
import json
import subprocess
import sys
from pathlib import Path

import hypothesmith
import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "differential"))
import differential  # noqa: E402

SEED = 20261130
PROGRAMS = 2000
# Hypothesis draws a few programs twice; 2,200 draws give more than 2,000 distinct programs
# with this seed (1,968 distinct of 2,000 draws).
DRAWS = 2200


class OneByOne:
    """The batch analyser, asked one program at a time (so Hypothesis can shrink a failure)."""

    def __init__(self, bundle):
        self.process = subprocess.Popen(
            ["node", "--stack-size=8000", str(bundle)], cwd=differential.ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
        self.count = 0

    def errors(self, source):
        self.count += 1
        self.process.stdin.write(json.dumps({"id": str(self.count), "source": source}) + "\n")
        self.process.stdin.flush()
        # The batch analyser writes its replies 64 at a time, or when its input closes; a line
        # of its own asks it to flush (see analyze-batch.ts).
        self.process.stdin.write('{"flush": true}\n')
        self.process.stdin.flush()
        reply = json.loads(self.process.stdout.readline())
        assert reply["id"] == str(self.count)
        assert "crash" not in reply, reply["crash"]
        return reply["errors"]

    def close(self):
        self.process.stdin.close()
        assert self.process.wait() == 0


@pytest.fixture(scope="module")
def analyzer():
    one = OneByOne(differential.build_analyzer())
    yield one
    one.close()


# hypothesmith compiles what it generates; CPython's warnings about it are noise here.
@pytest.mark.filterwarnings("ignore::SyntaxWarning")
def test_generated_programs_get_cpythons_verdict(analyzer):
    print("hypothesmith: seed %d, %d draws" % (SEED, DRAWS))
    programs = set()

    @seed(SEED)
    @settings(max_examples=DRAWS, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck), print_blob=True,
              phases=[Phase.explicit, Phase.generate, Phase.target, Phase.shrink])
    @given(hypothesmith.from_grammar())
    def agrees_with_cpython(source):
        programs.add(source)
        expected = differential.compile_verdict(source)
        errors = analyzer.errors(source)
        got = errors[0] if errors else None
        if expected is None:
            assert got is None, "false syntax error on line %s" % got
        else:
            assert got is not None, "missed CPython's syntax error on line %s" % expected
            assert abs(got - expected) <= 1, "error on line %s, CPython's on %s" % (got, expected)

    agrees_with_cpython()
    print("hypothesmith: %d distinct programs analysed, %d requests"
          % (len(programs), analyzer.count))
    assert len(programs) >= PROGRAMS
