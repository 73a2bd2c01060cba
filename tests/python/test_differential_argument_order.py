"""Parameter and argument lists in every order, against CPython's compile() (issue 12): the
verdict, the line and the message. Random lists of parameters (`a`, `b=1`, `c: int`, `*`, `*d`,
`**e`, `/`, in `def` and `lambda`) and of call arguments (`x`, `k=1`, `*s`, `**m`, generator
expressions), some over several lines, plus a table of the cases users write: a positional
argument after a keyword one, a parameter without a default after one with a default, a bare `*`
with nothing named after it, and a comma after a comprehension's last clause.
"""
import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "differential"))
import differential  # noqa: E402

@pytest.fixture(scope="module")
def bundle():
    return differential.build_analyzer()


INVALID = {
    "a positional argument after a keyword one": "plt.plot(x,\n         color='r',\n         y)\n",
    "a positional argument after ** unpacking": "f(**options,\n  value)\n",
    "* unpacking after ** unpacking": "f(**options, *values)\n",
    "a base after a keyword in a class": "class A(metaclass=M, Base):\n    pass\n",
    "a positional argument after a keyword in a decorator": "@d(a=1, b)\ndef f():\n    pass\n",
    "a parameter without a default after one with": "def f(a, b=1,\n      c):\n    pass\n",
    "the same in a lambda": "g = lambda a=1, b: a\n",
    "the same across /": "def f(a=1, /, b):\n    pass\n",
    "a default only after /, then none": "def f(a, /, b=1, c):\n    pass\n",
    "a bare * and nothing named after it": "def f(a, *):\n    pass\n",
    "a bare * before **": "def f(*, **options):\n    pass\n",
    "a bare * in a lambda": "g = lambda *: 0\n",
    "two stars": "def f(*a, *b):\n    pass\n",
    "a parameter after **": "def f(**options, a):\n    pass\n",
    "a / first": "def f(/, a):\n    pass\n",
    "two /": "def f(a, /, b, /):\n    pass\n",
    "a / after *": "def f(*a, /):\n    pass\n",
    "a comma after a list comprehension's last clause": "squares = [x * x for x in xs,]\n",
    "a comma after a generator, a call's only argument": "total = sum(x for x in xs,)\n",
    "a comma after a set comprehension's clause": "s = {x for x in xs,}\n",
}

VALID = {
    "arguments in every allowed order": "f(a, *b, c, d=1, *e, **f, g=2, **h)\nf(*a, b)\nf(a=1, *b)\n",
    "keyword-only parameters without defaults": (
        "def f(a=1, *, b, c=2, d):\n    pass\ndef g(a=1, *args, b, **k):\n    pass\n"),
    "positional-only parameters": "def f(a, b=1, /, c=2, *, d, **k):\n    pass\ng = lambda a, /, b: 0\n",
    "a generator as a call's only argument": "total = sum(x for x in xs)\nany(x for x in (1, 2,))\n",
    "a comma inside a comprehension's iterable": "[x for x in (a, b)]\n[x for x in f(a, b,)]\n",
    "annotated star parameters": "def f(*args: int, **kwargs: str):\n    pass\n",
}


def test_misordered_lists_are_refused_where_cpython_refuses_them_saying_the_same(bundle):
    differential.assert_table_agrees(INVALID, VALID, bundle)


PARAMETERS = ["{}", "{}=1", "{}: int", "{}: int = 1", "*", "*{}", "*{}: int", "**{}", "/"]
LAMBDA_PARAMETERS = ["{}", "{}=1", "*", "*{}", "**{}", "/"]
ARGUMENTS = ["x", "k{}=1", "*s", "**m", "(g for g in h)", "y"]


def random_definition(rng, index):
    if rng.random() < 0.3:
        parts = [rng.choice(LAMBDA_PARAMETERS).format("p%d" % i)
                 for i in range(rng.randint(0, 6))]
        return "f%d = lambda %s: 0\n" % (index, ", ".join(parts))
    parts = [rng.choice(PARAMETERS).format("p%d" % i) for i in range(rng.randint(0, 6))]
    separator = rng.choice([", ", ",\n      "])
    return "def f%d(%s):\n    pass\n" % (index, separator.join(parts))


def random_call(rng):
    parts = [rng.choice(ARGUMENTS).format(i) for i in range(rng.randint(1, 5))]
    return "f(%s)\n" % rng.choice([", ", ",\n  "]).join(parts)


def test_random_lists_get_cpythons_verdict_line_and_message(bundle):
    rng = random.Random(20261203)
    programs = {}
    for i in range(1500):
        programs["definition %d" % i] = random_definition(rng, i)
        programs["call %d" % i] = random_call(rng)
    differential.assert_random_agrees(programs, bundle, "argument order", at_least=500)
