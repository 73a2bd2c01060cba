"""Annotated targets, starred expressions, exception handlers, async generators, `:=` in
comprehensions and `__debug__` bound, which CPython refuses though tree-sitter-python's grammar
takes them (issue 12), against CPython's compile():
the verdict, the line and the message; with the valid neighbours of each.
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


TRY = "try:\n    pass\n"

INVALID = {
    "an annotation, then a second =": "x: int = y = 1\n",
    "an annotated tuple": "a, b: int\n",
    "an annotated tuple in parentheses": "(a, b): int\n",
    "an annotated tuple of one": "(a,): int = 1\n",
    "an annotated list": "[a]: int\n",
    "an annotated star": "*a: int\n",
    "an attribute after except ... as": TRY + "except ValueError as self.error:\n    pass\n",
    "an item after except ... as": TRY + "except ValueError as errors[0]:\n    pass\n",
    "a name in parentheses after except ... as": TRY + "except ValueError as (e):\n    pass\n",
    "an attribute after except* ... as": TRY + "except* ValueError as self.error:\n    pass\n",
    "a bare except before another handler": (
        TRY + "except:\n    pass\nexcept ValueError:\n    pass\n"),
    "a star alone": "*a\n",
    "a star alone, assigned": "x = *a\n",
    "a star alone, returned": "def f():\n    return *a\n",
    "a star alone, yielded": "def f():\n    yield *a\n",
    "a star in a slice": "a[*b:1]\n",
    "** in a list": "[**a]\n",
    "** in parentheses": "(**a)\n",
    "a starred element of a list comprehension": "x = [*a for a in b]\n",
    "a starred element of a call's generator": "f(*a for a in b)\n",
    "a value returned by an async generator": (
        "async def f():\n    yield 1\n    return None\n"),
    "a value returned before the yield": "async def f():\n    return 2\n    yield 1\n",
    "yield from in an async def": "async def f():\n    yield from x\n",
}

VALID = {
    "single annotated targets": (
        "x: int\n(x): int = 1\na.b: int = 1\na[0]: int = 1\nx: int = 1, 2\n"),
    "names and one-name parentheses after except ... as": (
        TRY + "except ValueError as e:\n    pass\nexcept (KeyError, TypeError) as e:\n"
        "    pass\nexcept:\n    pass\n"),
    "a bare except last, then else and finally": (
        TRY + "except ValueError:\n    pass\nexcept:\n    pass\nelse:\n    pass\n"
        "finally:\n    pass\n"),
    "stars in tuples, lists, sets, calls and subscripts": (
        "x = *a,\nx = *a, b\nfor x in *a, b:\n    pass\ndef f():\n    yield *a, b\n"
        "    return *a, b\nx = [*a, *b]\nx = (*a,)\nprint(*a)\na[1:2, *b]\nx = {*a}\n"
        "x = {**a}\n*a, b = c\n"),
    "async generators returning nothing, and a nested def returning a value": (
        "async def f():\n    yield 1\n    return\nasync def g():\n    def h():\n"
        "        return 1\n    yield 1\nasync def k():\n    return 1\n"),
}


def test_what_cpython_refuses_is_refused_on_its_line_saying_the_same(bundle):
    differential.assert_table_agrees(INVALID, VALID, bundle)


NAMES = ["a", "b", "c"]


def random_expression(rng, depth):
    """An expression that may hold comprehensions, lambdas and `:=` of the names a, b, c."""
    roll = rng.random()
    if depth <= 0 or roll < 0.25:
        return rng.choice(NAMES + ["1", "xs"])
    if roll < 0.45:
        return "(%s := %s)" % (rng.choice(NAMES), random_expression(rng, depth - 1))
    if roll < 0.55:
        return "(lambda: %s)" % random_expression(rng, depth - 1)
    clauses = []
    for _ in range(rng.randint(1, 2)):
        target = rng.choice(NAMES + ["a, b", "(b, *c)"])
        clauses.append("for %s in %s" % (target, random_expression(rng, depth - 1)))
        if rng.random() < 0.4:
            clauses.append("if %s" % random_expression(rng, depth - 1))
    element = random_expression(rng, depth - 1)
    if rng.random() < 0.2:
        return "{%s: 1 %s}" % (element, " ".join(clauses))
    return "[%s %s]" % (element, " ".join(clauses))


def random_walrus_programs(count, seed):
    rng = random.Random(seed)
    programs = {}
    for i in range(count):
        expression = random_expression(rng, 4)
        place = rng.choice(["module", "class", "def"])
        if place == "module":
            programs["walrus %d" % i] = "x = %s\n" % expression
        else:
            header = "class A:\n" if place == "class" else "def f():\n"
            programs["walrus %d" % i] = header + "    x = 1\n    y = %s\n" % expression
    return programs


def test_random_walrus_in_comprehensions_gets_cpythons_verdict_line_and_message(bundle):
    programs = random_walrus_programs(3000, seed=20261203)
    differential.assert_random_agrees(programs, bundle, "walrus", at_least=300)


# `__debug__` bound every way Python binds a name, and read.
DEBUG_INVALID = [
    '__debug__ = 1\n',
    'a, __debug__ = 1, 2\n',
    'del __debug__\n',
    'for __debug__ in x: pass\n',
    'x.__debug__ = 1\n',
    'def f(__debug__): pass\n',
    'def f(*, __debug__=1): pass\n',
    'lambda __debug__: 0\n',
    'f(__debug__=1)\n',
    'import __debug__\n',
    'import a as __debug__\n',
    'from a import __debug__\n',
    'from a import b as __debug__\n',
    'def __debug__(): pass\n',
    'class __debug__: pass\n',
    'with a as __debug__: pass\n',
    '(__debug__ := 1)\n',
    '__debug__ += 1\n',
    'try:\n    pass\nexcept E as __debug__:\n    pass\n',
    'match x:\n    case __debug__:\n        pass\n',
    '__debug__: int\n',
    '[__debug__ for __debug__ in x]\n',
    'def f(*__debug__): pass\n',
    'def f(**__debug__): pass\n',
    "match x:\n    case {'a': 1, **__debug__}:\n        pass\n",
    'match x:\n    case [1, *__debug__]:\n        pass\n',
    'match x:\n    case 1 as __debug__:\n        pass\n',
    'match x:\n    case C(__debug__=1):\n        pass\n',
    'x = 1\ndef f(a,\n      __debug__):\n    pass\n',
    'x = (1,\n     f(a,\n       __debug__=1))\n',
    'from a import (b,\n    __debug__)\n',
    'g = (1,\n     lambda a,\n     __debug__: 0)\n',
    '@d\ndef __debug__():\n    pass\n',
    'try:\n    pass\nexcept (A,\n        B) as __debug__:\n    pass\n',
    'x = [1 for a in b\n     for __debug__ in c]\n',
    '(a,\n __debug__) = 1, 2\n',
    'del (a,\n     __debug__)\n',
    'class A(B,\n        __debug__=1):\n    pass\n',
    'x = (1,\n     (__debug__ := 1))\n',
    'def f(x: int, __debug__: int = 1): pass\n',
]
DEBUG_VALID = [
    'global __debug__\n',
    'x.__debug__\n',
    'print(__debug__)\n',
    'del x.__debug__\n',
    'x.__debug__ += 1\n',
    'import a.__debug__\n',
    'if __debug__:\n    print(__debug__, x.__debug__)\n',
    'def f(a: __debug__ = __debug__): pass\n',
    'from __debug__ import x\n',
]


def test_binding_debug_is_refused_where_cpython_refuses_it_saying_the_same(bundle):
    differential.assert_table_agrees(
        {"__debug__ %d" % i: s for i, s in enumerate(DEBUG_INVALID)},
        {"__debug__ read %d" % i: s for i, s in enumerate(DEBUG_VALID)}, bundle)


# Star-unpacking targets: at most 255 targets before the star, one star to a list, in every
# place Python unpacks into targets (=, for, with ... as, a comprehension's for).
def target_names(count, prefix="a"):
    return ", ".join("%s%d" % (prefix, i) for i in range(count))


def random_target_list(rng, depth):
    """A target list of names, stars and nested lists: its size near 255, or small."""
    size = rng.choice([rng.randint(1, 4), rng.randint(254, 258)])
    elements = ["n%d" % i for i in range(size)]
    for _ in range(rng.choice([0, 1, 1, 1, 2])):
        elements.insert(rng.randint(0, len(elements)), "*s%d" % rng.randint(0, 9))
    if depth > 0 and rng.random() < 0.4:
        inner = random_target_list(rng, depth - 1)
        elements.insert(rng.randint(0, len(elements)), "(%s)" % inner)
    text = ", ".join(elements)
    return "[%s]" % text if rng.random() < 0.3 else text


def random_star_unpacking_programs(count, seed):
    rng = random.Random(seed)
    places = [
        "%s = x\n",
        "for %s in x:\n    pass\n",
        "with x as (%s):\n    pass\n",
        "y = [1 for %s in x]\n",
        "y = z = (%s) = x\n",
    ]
    return {"star-unpacking %d" % i: rng.choice(places) % random_target_list(rng, 2)
            for i in range(count)}


def test_star_unpacking_targets_get_cpythons_verdict_line_and_message(bundle):
    differential.assert_table_agrees(
        {
            "256 targets, then a star": target_names(256) + ", *b = x\n",
            "256 targets, then a star, in a for": (
                "for " + target_names(256) + ", *b in x:\n    pass\n"),
            "256 targets, then a star, in a nested list": (
                "(q, [" + target_names(256) + ", *b]) = x\n"),
            "256 targets, then a star, after with ... as": (
                "with x as (" + target_names(256) + ", *b):\n    pass\n"),
            "256 targets, then a star, in a comprehension": (
                "y = [1 for " + target_names(256) + ", *b in x]\n"),
            "two stars after with ... as": "with x as (a, *b, *c):\n    pass\n",
            "two stars in a comprehension": "y = [1 for a, *b, *c in x]\n",
            "a lone star in a comprehension": "y = [1 for *a in x]\n",
            "256 targets, then two stars": target_names(256) + ", *b, *c = x\n",
        },
        {
            "255 targets, then a star": target_names(255) + ", *b = x\n",
            "a star, then 300 targets": "*b, " + target_names(300) + " = x\n",
            "256 names and a star in a call and a list": (
                "print(" + target_names(256) + ", *b)\ny = [" + target_names(256) + ", *b]\n"),
        },
        bundle)
    programs = random_star_unpacking_programs(1500, seed=20261204)
    differential.assert_random_agrees(programs, bundle, "star-unpacking", at_least=300)
