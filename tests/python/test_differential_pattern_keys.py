"""Mapping pattern keys given twice, however they are written, and complex literal patterns, against
CPython's compile() (issue 12): the verdict, the line and the message, whose repr of the key is
CPython's (`{1: x, 1.0: y}` says "(1.0)"). Keys are written every way a literal can be, and every
pair of them is tried as a pattern of two keys: the analyzer must refuse exactly the pairs
CPython refuses.
"""
import itertools
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "differential"))
import differential  # noqa: E402

@pytest.fixture(scope="module")
def bundle():
    return differential.build_analyzer()


def mapping(*keys):
    entries = ", ".join("%s: v%d" % (key, i) for i, key in enumerate(keys))
    return "match p:\n    case {%s}:\n        pass\n" % entries


# Literal keys, written in several ways that are equal to one another or nearly so.
KEYS = [
    "1", "1.0", "True", "0x1", "0b1", "0o1", "1_0", "10", "1e1", "10.0", "1+0j", "0",
    "False", "-0", "-0.0", "0.0", "0j", "-1", "-1.0", "0.5", "5e-1", "1.5e16", "1.5e-5",
    "1e999", "2e999", "1j", "1.0j", "-1j", "1+2j", "1.0+2.0j", "-1-2j", "None",
    "'a'", '"a"', "'\\x61'", "'\\141'", "'\\u0061'", "u'a'", "r'a'", "'a' 'b'", "'ab'",
    "'\\n'", "'''\\n'''", "'\\\\'", "r'\\\\'", "\"'\"", "'\"'", "'é'", "'\\xe9'",
    "b'a'", "b'\\x61'", "rb'a'", "b'a' b'b'", "b'ab'", "b'\\xe9'", "b'\\n'",
    "9007199254740993", "9007199254740993.0", "9007199254740992.0",
]

COMPLEX = {
    "a real number and an integer": "match x:\n    case 1+2:\n        pass\n",
    "two imaginary numbers": "match x:\n    case 1j+2j:\n        pass\n",
    "an imaginary then a real number": "match x:\n    case 1j+2:\n        pass\n",
    "a float minus a float": "match x:\n    case -1.5-2.5:\n        pass\n",
    "inside a mapping's key": "match x:\n    case {1+2: y}:\n        pass\n",
    "inside a sequence, on a later line": (
        "match x:\n    case [\n        1,\n        1j+2j,\n    ]:\n        pass\n"),
}

COMPLEX_VALID = {
    "complex literals": (
        "match x:\n    case 1+2j | -1-2j | 1.5+0j | -0.0-1j | 1_0+2_0J:\n        pass\n"),
    "imaginary numbers": "match x:\n    case 1j | -1j | 2.5J:\n        pass\n",
}


def test_every_pair_of_keys_gets_cpythons_verdict_line_and_message(bundle):
    pairs = {"%s, %s" % pair: mapping(*pair) for pair in itertools.product(KEYS, repeat=2)}
    differential.assert_random_agrees(pairs, bundle, "pattern keys", at_least=len(KEYS) * 2)
    assert differential.different_messages(pairs, bundle) == {}


def test_complex_literal_patterns_get_cpythons_verdict_line_and_message(bundle):
    differential.assert_table_agrees(COMPLEX, COMPLEX_VALID, bundle)
