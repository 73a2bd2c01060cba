"""String, bytes and number literals CPython refuses though tree-sitter-python's grammar takes
them (issue 12), against CPython's compile(): Python 2's long integers, `<>` and backticks,
prefixes Python 3 lacks, bytes outside ASCII or next to strings, escapes cut short, and f-string
conversions, stars and lambdas; a table, and random literals built from all of those pieces.
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
    "a long integer": "x = 10L\n",
    "a long hexadecimal integer": "x = 0x1fl\n",
    "<> for !=": "if a <> b:\n    pass\n",
    "backticks": "x = `a`\n",
    "a ur prefix": "x = ur'a'\n",
    "a bf prefix": "x = bf'a'\n",
    "bytes outside ASCII": "x = b'caf\u00e9'\n",
    "a string next to bytes": "x = 'a' b'b'\n",
    "bytes next to an f-string, over two lines": "x = (b'a'\n     f'b')\n",
    "\\x cut short": "x = 'ab\\x4'\n",
    "\\u cut short": "x = '\\u12'\n",
    "\\U cut short": "x = '\\U1234'\n",
    "\\N without a name": "x = '\\N'\n",
    "\\N without a name, another string after it": "x = '\\N' + '\\n'\n",
    "\\x cut short in bytes": "x = b'\\x4'\n",
    "an escape cut short after a character outside ASCII": "x = '\u00e9\\x4'\n",
    "a conversion other than s, r and a": "x = f'{a!z}'\n",
    "a bad conversion in a format specifier": "x = f'{a:>{b!x}}'\n",
    "a bad conversion after =": "x = f'{a=!z}'\n",
    "a starred expression in a replacement field": "x = f'{*a}'\n",
    "a lambda in a replacement field": "x = f'{lambda x: 1}'\n",
}

VALID = {
    "Python 3 literals": (
        "x = [10, 0x1f, 1.5, 1j, 'a', r'\\u12', b'\\u12', rb'\\x4', B'a', Rb'a', bR'a', U'a',"
        " F'{a}', fR'{a}', Rf'{a!r:>{b}}', '\\N{LATIN SMALL LETTER A}', '\\x41\\u0041',"
        " '\\U0001F600', b'\\x41', f'{a!s}' f'{b=}' 'c', b'a' B'b', '\\8']\n"),
    "!= and escapes in a replacement field's neighbours": "if a != b:\n    x = f'\\x41{a}\\n'\n",
    "\\N in bytes, where it is a backslash and an N": (
        "x = b'\\N\\'' + b'\\N' + b'\\n' + b\"\\N\\\"\" + b\'\'\'\\N\'\'\'\n"),
}


def test_literals_cpython_refuses_are_refused_on_its_line_saying_the_same(bundle):
    differential.assert_table_agrees(INVALID, VALID, bundle)


# Prefixes Python 3 has (the others, read by CPython as a name before a string, are in the
# table); a bare `\N` is followed by a space or an escaped quote (`\N{` would start a name, and
# names are not checked).
PREFIXES = ["", "r", "u", "b", "br", "Rb", "f", "fr", "F"]
PIECES = ["a", "\u00e9", "\\n", "\\x4", "\\x41", "\\u12", "\\u0041", "\\U1234",
          "\\U0001F600", "\\N ", "\\N\\'", "\\'", "\\N{LATIN SMALL LETTER A}", "\\\\"]
FIELDS = ["{a}", "{a!r}", "{a!z}", "{*a}", "{a:>{b!x}}", "{a=}", "{lambda: 1}", "{{", "}}"]


def random_literal(rng):
    prefix = rng.choice(PREFIXES)
    pieces = PIECES + (FIELDS if "f" in prefix.lower() else [])
    if "f" in prefix.lower() and "r" in prefix.lower():
        # `\N{…}` in a raw f-string is a replacement field named like a character: left out
        pieces = [piece for piece in pieces if not piece.startswith("\\N{")]
    body = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))
    if rng.random() < 0.2:
        return "%s'''%s\n%s'''" % (prefix, body, "".join(rng.choice(pieces) for _ in range(2)))
    return "%s'%s'" % (prefix, body)


def random_literals(count, seed):
    rng = random.Random(seed)
    return {"literal %d" % i: "x = (%s)\n" % rng.choice([" ", "\n     "]).join(
        random_literal(rng) for _ in range(rng.randint(1, 3))) for i in range(count)}


def test_random_literals_get_cpythons_verdict_line_and_message(bundle):
    programs = random_literals(3000, seed=20261203)
    differential.assert_random_agrees(programs, bundle, "literals", at_least=1000)
