"""Blocks nested deeper than CPython's compiler takes ("too many statically nested blocks", issue
12): a table of the edges, and random nestings of every kind of block, against CPython's
compile(). The random programs nest loops, `with` of one to three items, `try` with handlers,
`except*`, `else` and `finally`, `if`, `match`, and `def` and `class` (which start afresh) 10 to
24 deep; about a third are refused, and the analyzer must refuse the same ones on CPython's line.
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


def headers(count, indent=0):
    """`count` nested `for` loop headers, from column `indent`, to be followed by a body."""
    return "".join(" " * (indent + i) + "for x in y:\n" for i in range(count))


def loops(count, body="pass", indent=0):
    """`count` nested `for` loops around `body`, from column `indent`."""
    return headers(count, indent) + " " * (indent + count) + body + "\n"


def inside(header, count, indent=1):
    """`header` (ending in a block opener) holding `count` nested loops."""
    return header + loops(count, indent=indent)


def finallies(count, indent=0):
    """`count` `try` statements, each in the `finally` body of the one before. CPython compiles
    each finally body twice: its time doubles with each one, so the rows keep to a few."""
    return "".join(" " * (indent + i) + "try:\n" + " " * (indent + i + 1) + "pass\n"
                   + " " * (indent + i) + "finally:\n"
                   for i in range(count)) + " " * (indent + count) + "pass\n"


INVALID = {
    "a 21st loop": loops(21),
    "a `with` of two items on the 20th block": loops(19, "with a, b:\n" + " " * 20 + "pass"),
    "a handler's body two blocks deeper": inside("try:\n pass\nexcept E:\n", 19),
    "an except* handler's body two blocks deeper": inside("try:\n pass\nexcept* E:\n", 19),
    "a handler of a try with finally three deeper": (
        "try:\n pass\nexcept E:\n" + loops(18, indent=1) + "finally:\n pass\n"),
    "a finally body, one deeper on the exception's path": inside("try:\n pass\nfinally:\n", 20),
    "a try's else, as deep as the try's finally block": (
        "try:\n pass\nexcept E:\n pass\nelse:\n" + loops(20, indent=1) + "finally:\n pass\n"),
    "a loop in a def 21 deep": inside("def f():\n", 21),
    # each finally body is compiled twice, the second time one block deeper
    "a try in 6 finally bodies in 15 loops": headers(15) + finallies(6, indent=15),
    "async with and async for": (
        "async def f():\n" + headers(19, indent=1)
        + " " * 20 + "async with a:\n" + " " * 21 + "async for b in c:\n"
        + " " * 22 + "pass\n"),
}

VALID = {
    "20 loops": loops(20),
    "an if and a match add no block": (
        "".join(" " * i + "if x:\n" for i in range(30)) + " " * 30 + "match x:\n"
        + " " * 31 + "case 1:\n" + loops(20, indent=32)),
    "a loop's else is outside the loop": (
        headers(19) + " " * 19 + "pass\n" + " " * 18 + "else:\n"
        + loops(2, indent=19)),
    "a def or class starts afresh": (
        headers(15) + " " * 15 + "def f():\n"
        + headers(15, indent=16) + " " * 31 + "class A:\n"
        + loops(20, indent=32)),
    "a handler's body at 20": inside("try:\n pass\nexcept E:\n", 18),
    "a finally body at 20": inside("try:\n pass\nfinally:\n", 19),
    "a try in 6 finally bodies in 14 loops": headers(14) + finallies(6, indent=14),
}


def test_blocks_nested_too_deeply_are_refused_where_cpython_refuses_them_and_no_deeper(bundle):
    differential.assert_table_agrees(INVALID, VALID, bundle)


BLOCKS = ["for", "while", "with", "try", "if", "match", "def", "class", "else"]
# Mostly blocks that push: a def or class, which starts afresh, is rare.
WEIGHTS = [4, 3, 4, 6, 1, 1, 0.3, 0.3, 1]


def random_block(depth, indent, rng, lines):
    """Appends `depth` blocks nested at random, the innermost holding `pass`."""
    pad = " " * indent
    if depth == 0:
        lines.append(pad + "pass")
        return
    inner = lambda: random_block(depth - 1, indent + 1, rng, lines)  # noqa: E731
    kind = rng.choices(BLOCKS, WEIGHTS)[0]
    if kind in ("for", "while", "if", "def", "class"):
        lines.append(pad + {"for": "for x in y:", "while": "while x:", "if": "if x:",
                            "def": "def f():", "class": "class A:"}[kind])
        inner()
    elif kind == "with":
        lines.append(pad + "with " + ", ".join("a%d" % i for i in range(rng.randint(1, 3))) + ":")
        inner()
    elif kind == "else":
        lines += [pad + rng.choice(["for x in y:", "while x:"]), pad + " pass", pad + "else:"]
        inner()
    elif kind == "match":
        lines += [pad + "match x:", pad + " case 1:"]
        random_block(depth - 1, indent + 2, rng, lines)
    else:
        random_try(indent, rng, lines, inner)


def random_try(indent, rng, lines, inner):
    """A `try` with some of handlers (`except` or `except*`), `else` and `finally`, one holding
    the nested blocks."""
    pad = " " * indent
    star = rng.random() < 0.2
    handlers = rng.random() < 0.8
    has_else = handlers and rng.random() < 0.3
    has_finally = not handlers or rng.random() < 0.4
    parts = ["try:"]
    if handlers:
        parts += [rng.choice(["except* E:", "except* E as e:"]) if star
                  else rng.choice(["except:", "except E:", "except E as e:"])]
    parts += ["else:"] * has_else + ["finally:"] * has_finally
    holder = rng.choice(parts)
    for part in parts:
        lines.append(pad + part)
        if part == holder:
            inner()
        else:
            lines.append(pad + " pass")


def random_programs(count, seed):
    rng = random.Random(seed)
    programs = {}
    for i in range(count):
        lines = []
        random_block(rng.randint(10, 24), 0, rng, lines)
        programs["random %d" % i] = "\n".join(lines) + "\n"
    return programs


def test_random_nestings_get_cpythons_verdict_and_line(bundle):
    programs = random_programs(1500, seed=20261203)
    differential.assert_random_agrees(programs, bundle, "block nesting", at_least=50)
