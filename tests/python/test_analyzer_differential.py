"""The analyzer against CPython's own compile() (design §1, issue 12): the standard library of
every Python 3 on the machine, every corpus notebook and a table of invalid code. The analyzer runs in one Node process per batch (tests/differential).

The corpus and the invalid code agree with CPython exactly. In the
standard library, the files where tree-sitter-python's grammar still refuses valid code (PEP 701
f-strings, a continuation line dedented inside brackets, `async` as a name in Python 3.6) are
listed by content hash in tests/differential/known-disagreements.json, each with its path and
line: the test fails on any other file, so the list can only shrink.
"""
import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "differential"))
import differential  # noqa: E402

CORPUS = differential.ROOT.parent / "shared" / "corpus"
KNOWN = json.loads((differential.HERE / "known-disagreements.json").read_text(encoding="utf-8"))


def stdlib_relative(path):
    """`python3.X/...` of a standard library file's path, as known-disagreements.json names it."""
    match = re.search(r"(python3\.\d+/.*)$", str(path))
    return match.group(1) if match else str(path)


@pytest.fixture(scope="module")
def bundle():
    return differential.build_analyzer()


def test_the_standard_library_of_every_python_has_no_false_syntax_error(bundle):
    result = differential.differential_stdlib(bundle)
    pythons = [python for python, _, _ in result["per_python"]]
    print("stdlib: %d distinct files accepted by CPython, from %s" % (result["files"], pythons))
    assert len(pythons) >= 1 and result["files"] > 1000
    assert result["crashes"] == []
    known = KNOWN["stdlib"]
    # Known by content, or by the same file of the same Python minor version (another patch
    # release of it on another machine may change the file's bytes but not the construct).
    known_paths = {where.rsplit(":", 1)[0] for where in known.values()}
    new = [(path, line) for sha, path, line in result["false_errors"]
           if sha not in known and stdlib_relative(path) not in known_paths]
    print("stdlib: %d files with a false syntax error (%d known)"
          % (len(result["false_errors"]), len(known)))
    assert new == [], "false syntax errors (path, line of the analyzer's error)"


def corpus_cells():
    cells = {}
    for notebook in sorted(CORPUS.glob("*/*.ipynb")):
        data = json.loads(notebook.read_text(encoding="utf-8"))
        for index, cell in enumerate(data.get("cells", [])):
            if cell.get("cell_type") == "code":
                source = cell.get("source", "")
                cells["%s/%s[%d]" % (notebook.parent.name, notebook.name, index)] = (
                    "".join(source) if isinstance(source, list) else source)
    return cells


def test_every_corpus_cell_gets_cpythons_verdict(bundle):
    cells = corpus_cells()
    assert len(cells) > 100
    result = differential.compare(cells, bundle, cell=True,
                                  flags=differential.ALLOW_TOP_LEVEL_AWAIT)
    print("corpus: %d code cells" % len(cells))
    assert result == {"false_errors": [], "missed": [], "wrong_line": [], "crashes": []}


INVALID = {
    "unexpected indent": "x = 1\n    y = 2\n",
    "unexpected indent in a block": "if x:\n    a = 1\n        b = 2\n",
    "expected an indented block": "if x:\ny = 1\n",
    "expected an indented block after def": "def f():\n\nx = 1\n",
    "unindent matches no outer level": "if x:\n    a = 1\n  b = 2\n",
    "unclosed parenthesis": "x = (1,\n",
    "unclosed call over lines": "foo(\n    a,\n    b\n",
    "unclosed bracket then a statement": "x = [1, 2\ny = 3\n",
    "unmatched closing bracket": "x = 1)\n",
    "mismatched brackets": "x = (1, 2]\n",
    "mismatched brackets on lines apart": 'data = {\n    "a": 1,\n    "b": [1, 2\n}\n',
    "an inner bracket never closed, lines after the outer one": "x = [1,\n    2,\n    (3,\n",
    "a parser error, then a bracket never closed": "x = = [1,\n    2,\n    (3,\n",
    "a parser error, then a closing bracket lines later": "x = = 1\n\n\ny = )\n",
    "a parser error, then mismatched brackets lines later": "x = = 1\n\n\ny = (1]\n",
    "a parser error, then an unterminated string lines later": "x = = 1\n\n\ns = 'abc\n",
    "a parser error, then an invisible character lines later": "x = = 1\n\n\ny = 1\u00a0+ 2\n",
    "a dedent to no outer level, lines into a function": (
        "def f(x):\n    y = 1\n\n\n    if x:\n        y = 2\n      z = 3\n    return y\n"),
    "a header without its colon, lines into a function": (
        "def f(x):\n    y = 1\n\n\n    try\n        y = 2\n    except E:\n        pass\n"),
    "a class header without its colon, a blank line, then its body": (
        "class Reader\n\n    def read(self):\n        return 1\n"),
    "unterminated string": "x = 'abc\n",
    "unterminated triple-quoted string": "x = '''abc\ny = 1\n",
    "assignment to a call": "f() = 1\n",
    "assignment to a literal": "1 = x\n",
    "assignment to an operator": "a + b = c\n",
    "assignment to a comparison": "a < b = c\n",
    "assignment to a comprehension": "[x for x in y] = 1\n",
    "assignment to a keyword": "True = 1\n",
    "delete a call": "del f()\n",
    "for target is a call": "for f() in x:\n    pass\n",
    "with target is a call": "with a as f():\n    pass\n",
    "augmented assignment to a tuple": "a, b += 1\n",
    "walrus at statement level": "x := 1\n",
    "print statement": "print 'hello'\n",
    "class without a colon": "class A\n    pass\n",
    "else without if": "else:\n    pass\n",
    "double equals sign": "x = = 1\n",
    "binary operator without right operand": "x = 1 +\n",
    "conditional without else": "x = 1 if y\n",
    "bare import": "import\n",
    "from import without names": "from x import\n",
    "try without except": "try:\n    pass\nx = 1\n",
    "lambda with a statement": "f = lambda: return 1\n",
    "keyword as a name": "class = 1\n",
    "unexpected indent in lines ended by a carriage return alone": "x = 1\r    y = 2\r",
    "unterminated string at a carriage return alone": "x = 1\rs = 'a\rb'\r",
    # names given twice (repeated-names.ts)
    "a parameter named twice": "def f(a, a):\n    pass\n",
    "a parameter named twice over lines": "def f(a,\n      b,\n      *a):\n    pass\n",
    "a keyword-only parameter named as a positional one": "def f(a, *, b, a=1):\n    pass\n",
    "a lambda's parameter named twice": "f = lambda a, **a: 1\n",
    "a keyword argument repeated": "f(a=1, a=2)\n",
    "a keyword argument repeated over lines": "plt.plot(x,\n         color='r',\n         color='b')\n",
    "a keyword argument repeated past **": "f(a=1, **k, a=2)\n",
    "a class keyword repeated": "class A(B, x=1, x=2):\n    pass\n",
    "a decorator's keyword argument repeated": "@d(a=1, a=2)\ndef f():\n    pass\n",
    # global and nonlocal declarations (scope-declarations.ts)
    "a name assigned before its global declaration": "x = 1\nglobal x\n",
    "a name used before its global declaration in a def": "def f():\n    print(x)\n    global x\n",
    "a name bound by a loop before its global declaration": "for x in y:\n    pass\nglobal x\n",
    "a comprehension's first iterable before its global declaration": "y = [a for a in x]\nglobal x\n",
    "a parameter declared global": "def f(a):\n    global a\n",
    "a parameter declared nonlocal": "def f(a):\n    def g(a):\n        nonlocal a\n",
    "a global name annotated": "def f():\n    global x\n    x: int = 1\n",
    "a nonlocal name no function binds": "def f():\n    nonlocal x\n",
    "a nonlocal name its function declares global": (
        "def f():\n    global x\n    def g():\n        nonlocal x\n"),
    "a nonlocal name in a method, bound in the class": (
        "class A:\n    x = 1\n    def g(self):\n        nonlocal x\n"),
    # future imports (future-imports.ts) and import * (name-walker.ts)
    "a future import after a statement": "import os\nfrom __future__ import annotations\n",
    "a future import after two strings": "'''doc'''\n'''more'''\nfrom __future__ import annotations\n",
    "a future import after an f-string": "f'doc'\nfrom __future__ import annotations\n",
    "a future import after a statement on its line": "x = 1; from __future__ import annotations\n",
    "a future import in a def": "def f():\n    from __future__ import annotations\n",
    "a future feature Python does not have": "from __future__ import nope\n",
    "a future import of braces": "from __future__ import braces\n",
    "import * in a def": "def f():\n    from os import *\n",
    "import * in a class": "class A:\n    from os import *\n",
    # yield outside a function (misplaced-yield.ts)
    "yield at the top level": "x = 1\nyield x\n",
    "yield from at the top level": "z = yield from y\n",
    "yield in a class body": "class A:\n    yield 1\n",
    "yield in a list comprehension in a def": "def f():\n    return [(yield x) for x in y]\n",
    "yield in a generator expression": "g = ((yield x) for x in y)\n",
    "yield in a def's default at the top level": "def f(a=(yield)):\n    pass\n",
    # starred assignment targets (starred-targets.ts)
    "a starred target alone": "*a = 1\n",
    "a starred target alone in a chain": "x = *a = 1\n",
    "two starred targets": "*a, *b = c\n",
    "two starred targets in a list": "x, [*a, *b] = c\n",
    "two starred targets of a for": "for *a, *b in c:\n    pass\n",
    # a starred operand stands only in a tuple, a list, a set or a call's arguments
    "starred list deleted": "del a, *[b]\n",
    "starred list in a with": "with a, *[b]:\n    pass\n",
    "starred list in an assert": "assert x, *[y]\n",
    "starred list in a global": "global a, *[b]\n",
    "starred list imported": "import a, *[b]\n",
    "starred list alone on the right": "x = *[2]\n",
    "starred list as a statement": "*[2]\n",
    "starred list in a dict": "{1: 2, *[3]}\n",
    "missing comma in a call": "f(a b)\n",
    "break outside a loop": "if x:\n    break\n",
    "continue in a function inside a loop": "for i in x:\n    def f():\n        continue\n",
    "return outside a function": "x = 1\nreturn x\n",
    "return in a class body": "class A:\n    return 1\n",
    "nonlocal at module level": "nonlocal x\n",
    "leading zeros in an integer": "month = 09\n",
    "operator ending a line, operand on the next": "y = x and\nTrue\n",
    "plus ending a line, a statement on the next": "x = 1\ny = x +\nprint(y)\n",
    "dot ending a line": "y = x.\nreal\n",
    "unary after binary ending a line": "y = x + +\n3\n",
    "if header over two lines": "if x and\n   y:\n    pass\n",
    "operator ending a line in a block": "def f():\n    z = 1 *\n    2\n",
    "tab then spaces past it": "if True:\n\tx = 1\n        y = 2\n",
    "spaces then a tab at one level": "if True:\n        x = 1\n\ty = 2\n",
    "a tab after spaces, then a tab": "if True:\n    \tx = 1\n\ty = 2\n",
    "a dedent to a level written with tabs": "if True:\n\tif x:\n\t\ty = 1\n        z = 2\n",
    "no-break space between tokens": "total = 1\nscaled = total\u00a0* 2\n",
    "byte order mark starting a cell": "\ufeffx = 1\n",
    "byte order mark on a later line": "x = 1\n\ufeffy = 2\n",
    "zero-width space ending a line": "x = 1\u200b\ny = 2\n",
    "ideographic space in a block": "if x:\n    y =\u30002\n",
    "error after many good lines": "".join("x%d = %d\n" % (i, i) for i in range(300)) + "y = (\n",
    # tree-sitter's recovery starts these errors at line 1 (an ERROR wrapping the good statements
    # before the mistake, or a block's header): the line is the mistake's (error-points.ts)
    "def without its colon after an import": "import numpy as np\n\n\ndef imshow(img)\n    return img / 2\n",
    "missing comma in a dict over lines": "x0 = 0\nx1 = 1\nd = {\n    'a': 1\n    'c': 2,\n}\n",
    "method without its colon in a class": (
        "class A:\n    def f0(self):\n        return 0\n\n    def g(self)\n        return 2\n"),
    "else dedented too little in a function": (
        "def small(t):\n    if t:\n        return 1\n   else:\n        return 2\n"),
    "a second else": "x = 1\nif x:\n    pass\nelse:\n    pass\nelse:\n    pass\n",
    "assignment to True in a block after a comment": "if False:\n    # NL\n    \n    True = False\n",
    "if without its colon, its block read into the condition": "if ok(p)\n    run(p)\n",
    "while without its colon after a statement": "x = 1\nwhile ok(p)\n    run(p)\n",
    "missing comma in a dict after twenty cells' worth of lines": (
        "".join("v%d = %d\n" % (i, i) for i in range(20)) + "d = {\n    'a': 1\n    'c': 2,\n}\n"),
    # the grammar reads a lone `not` between operands as `not in` (comparison-operators.ts)
    "not without in": "x = a not b\n",
    "not without in, in a condition after a line": "y = 1\nif a not b:\n    pass\n",
    # a loop's else is outside the loop (loop-else-jumps.ts)
    "break in a for loop's else": "for i in x:\n    pass\nelse:\n    break\n",
    "continue in a while loop's else in a function": (
        "def f():\n    while x:\n        pass\n    else:\n        continue\n"),
    # match patterns the compiler refuses (match-patterns.ts)
    "a name capture before another case": "match p:\n    case x:\n        pass\n    case 1:\n        pass\n",
    "a wildcard before another case": "match p:\n    case _:\n        pass\n    case 1:\n        pass\n",
    "a grouped capture with as before another case": (
        "match p:\n    case [1] as y:\n        pass\n    case (x) as y:\n        pass\n    case 2:\n        pass\n"),
    "an always-matching alternative before another": "match p:\n    case [x | 1]:\n        pass\n",
    "two starred names in a sequence pattern": "match p:\n    case [a, *b, *c]:\n        pass\n",
    # a star takes a | expression or tighter (tuple-stars.ts)
    "a starred or-expression in a bare tuple": "x = a, *b or c\n",
    "a starred not in a bare tuple": "x = a, *not b\n",
    "a starred lambda in a bare tuple": "x = a, *lambda: 1\n",
    "a starred comparison in a list": "x = [*a < b]\n",
    # an underscore in a number not between two digits (expression-walker.ts)
    "an underscore ending an integer": "x = 10_\n",
    "an underscore ending a float": "x = 1.5_\n",
    "an underscore before the point": "x = 1_.5\n",
    "an underscore ending an exponent": "y = 2\nx = 1e5_\n",
    "an underscore ending a hexadecimal": "x = 0xff_\n",
    "an underscore ending a binary": "x = 0b1_\n",
    "an underscore before j": "x = 10_j\n",
    # what the grammar takes and CPython does not (name-walker.ts, expression-walker.ts)
    "a trailing comma in from-import": "from os import path,\n",
    "a trailing comma after two names": "from os import path, sep,  # comment\n",
    "a trailing comma in import": "import os,\n",
    "an unparenthesized tuple as a comprehension's iterable": "x = [a for a in 1, 2]\n",
    # CPython's tokenizer limits (logical-lines.ts)
    "201 nested parentheses": "x = " + "(" * 201 + "1" + ")" * 201 + "\n",
    "210 nested brackets on a second line": "y = 1\nx = " + "[" * 210 + "]" * 210 + "\n",
    "100 levels of indentation": (
        "".join(" " * i + "if x:\n" for i in range(100)) + " " * 100 + "pass\n"),
    # the names a case pattern binds (pattern-captures.ts)
    "alternatives binding different names": "match p:\n    case [x] | [y]:\n        pass\n",
    "an alternative binding nothing": "match p:\n    case 1 | x:\n        pass\n",
    "alternatives inside a sequence": "match p:\n    case [x, (1 | y)]:\n        pass\n",
    "a name bound twice in a sequence": "match p:\n    case [x, x]:\n        pass\n",
    "a name bound again by as": "match p:\n    case [x] as x:\n        pass\n",
    "a name bound twice in a mapping": "match p:\n    case {'a': x, **x}:\n        pass\n",
    "a name bound twice in a class pattern": "match p:\n    case C(x, y=x):\n        pass\n",
    "a name bound twice under NFKC": "match p:\n    case [\ufb01, fi]:\n        pass\n",
    "a starred name bound twice": "match p:\n    case [x, *x]:\n        pass\n",
    "underscore as the target of as": "match p:\n    case x as _:\n        pass\n",
    # mapping and class patterns (pattern-shapes.ts)
    "**rest first in a mapping pattern": "match p:\n    case {**rest, 'a': 1}:\n        pass\n",
    "two **rest in a mapping pattern": "match p:\n    case {**a, **b}:\n        pass\n",
    "a string key twice": "match p:\n    case {'a': 1, \"a\": 2}:\n        pass\n",
    "an integer key twice": "match p:\n    case {1: a, 1_0: b, 10: c}:\n        pass\n",
    "True and 1 as keys": "match p:\n    case {True: a, 1: b}:\n        pass\n",
    "a negative key twice": "match p:\n    case {-1: a, -1: b}:\n        pass\n",
    "a positional pattern after a keyword one": "match p:\n    case C(a=1, b):\n        pass\n",
    "a keyword twice in a class pattern": "match p:\n    case C(a=1, a=2):\n        pass\n",
    "a keyword twice under NFKC": "match p:\n    case C(\uff58=1, x=2):\n        pass\n",
    "a bad second case": (
        "match p:\n    case [a]:\n        pass\n    case (b, b):\n        pass\n"),
}


def test_invalid_code_is_refused_where_cpython_refuses_it(bundle):
    sources = dict(INVALID)
    for name, source in sources.items():
        assert differential.compile_verdict(source) is not None, name
    result = differential.compare(sources, bundle)
    assert result == {"false_errors": [], "missed": [], "wrong_line": [], "crashes": []}


VALID = {
    "a trailing comma in parentheses, a tuple iterable in parentheses": (
        "from os import (path,)\nfrom os import (\n    sep,\n    path,\n)\n"
        "x = [a for a in (1, 2)]\ny = [a for a in [1, 2] if a]\n"),
    "underscores between digits and after a base prefix": (
        "x = [1_000, 0x_ff_ff, 0b_1_0, 0o_7_7, 1_0.5_5, 1e1_0, 1_5j, 0_0, 1.5e-1_0]\n"),
    "200 nested parentheses, 99 levels of indentation, 300 brackets one after another": (
        "x = " + "(" * 200 + "1" + ")" * 200 + "\n" + "y = [" + "[], " * 300 + "]\n"
        + "".join(" " * i + "if x:\n" for i in range(99)) + " " * 99 + "pass\n"),
    "mapping and class patterns CPython takes": (
        "match p:\n    case {'a': x, b'a': y, 1: z, 2.5: w, None: v, Color.RED: u, **rest}:\n"
        "        pass\n    case C(1, x, a=2, b=y):\n        pass\n"
        "    case {'a\\x41': 1, 'aB': 2}:\n        pass\n"),
    "alternatives binding the same names, in any order": (
        "match p:\n    case [x, y] | (y, x) | {'k': [x], **y} | C(x, k=y) | [x as y]:\n"
        "        pass\n    case D(k=k, j=j) | E(j, k):\n        pass\n"),
    "the same name in different cases, a wildcard twice": (
        "match p:\n    case [x, _, *_]:\n        pass\n    case (x, _, _) | {'a': _, 'b': x}:\n"
        "        pass\n    case Color.RED | Color.RED:\n        pass\n"),
    "a call's starred conditional and or-expression, a list's starred sum": (
        "f(*a if b else c)\nf(*a or b)\nx = [*a + b, *c | d]\n"),
    "a starred list in a bare tuple beside a keyword-only star": (
        "def f(a, *, b):\n    return a, *[b]\nx = 1, *[2]\ndef g(a, *, b): pass\n"),
    # bindings and rules of global and nonlocal (scope-declarations.ts), found in review
    "nonlocal of a match capture": (
        "def f(v):\n    match v:\n        case [x, *r] | (x, *r):\n            pass\n"
        "        case {'k': y, **z}:\n            pass\n    def g():\n        nonlocal x, r, y, z\n"),
    "nonlocal of a walrus inside a comprehension": (
        "def f(z):\n    [y for y in z if (x := y)]\n    def g():\n        nonlocal x\n"),
    "a module annotating a name it declared global": "global x\nx: int = 1\n",
    "a function annotating a parenthesized global": "def f():\n    global x\n    (x): int = 1\n",
    "a guarded capture, a one-element tuple and a capture last": (
        "match p:\n    case x if x:\n        pass\n    case (y,):\n        pass\n"
        "    case [a, *b] | (a, *b):\n        pass\n    case Point.ORIGIN:\n        pass\n"
        "    case z:\n        pass\n"),
    "match and case as names": "match = 1\ncase = 2\nmatch(case)\n",
    "not in and is not over a line continuation": "x = a not \\\n in b\ny = a is not b\nz = not a\n",
    "break in an inner loop's else, inside an outer loop": (
        "for i in x:\n    for j in y:\n        pass\n    else:\n        break\n"),
    "continue in a loop inside a loop's else": (
        "for i in x:\n    pass\nelse:\n    for j in y:\n        continue\n"),
    # the grammar takes a starred operand in a tuple without brackets only when it is a name,
    # an attribute or an item (tuple-stars.ts)
    "starred list in a bare tuple": "x = 1, *[2]\n",
    "starred tuple in a bare tuple": "x = 1, *(2,)\n",
    "starred set and string in a returned tuple": "def f():\n    return 1, *{2}, *'ab'\n",
    "starred negation in a loop's tuple": "for i in 1, *-a:\n    pass\n",
    "starred list in a tuple target": "a, *[b, c] = 1, 2, 3\n",
    "starred list in an augmented assignment's tuple": "x += 1, *[2]\n",
    "starred list in a subscript's tuple": "a[1, *[2]]\n",
    "starred lists in a lambda's tuple": "f = lambda: 1, *[2], *(3,)\n",
    "starred list in a yielded tuple": "def f():\n    yield 1, *[2]\n",
    "starred list in an annotated assignment's tuple": "x: int = 1, *[2]\n",
    "starred list returned by a def with *args": "def f(a, *args):\n    return a, *[args]\n",
    # global and nonlocal declarations CPython takes (scope-declarations.ts)
    "a global declaration before the name's uses": "global x\nx = 1\ndef f():\n    global x\n    x = 2\n",
    "a global declaration after a comprehension's own variable": "y = [x for x in z]\nglobal x\n",
    "a global declaration after an attribute, a keyword and a lambda's body": (
        "a.x = 1\nf(x=1)\ng = lambda: x\nglobal x\n"),
    "a global declaration after an import": "import x\nfrom m import a as y\nglobal x, y\n",
    "a nonlocal name bound after the inner function": (
        "def f():\n    def g():\n        nonlocal x\n        x = 2\n    x = 1\n"),
    "a nonlocal name in a class inside its function": (
        "def f():\n    x = 1\n    class A:\n        nonlocal x\n"),
    "a nonlocal __class__ in a method (test_super.py)": (
        "class A:\n    def f(self):\n        nonlocal __class__\n        __class__ = A\n"),
    "a nonlocal name its function binds only by del (test_generators.py)": (
        "def f():\n    def g():\n        nonlocal x\n        x = 1\n    g()\n    del x\n"),
    # future imports CPython takes (future-imports.ts)
    "future imports after a docstring and a comment": (
        "'''doc'''\n# c\nfrom __future__ import annotations\nfrom __future__ import (division as d,\n    generator_stop)\nx = 1\n"),
    # yield where CPython takes it (misplaced-yield.ts)
    "yield in a def, a lambda and a comprehension's first iterable": (
        "def f():\n    yield 1\n    x = [i for i in (yield)]\n    class A:\n        def g(self):\n            yield\ng = lambda: (yield)\n"),
    # starred targets CPython takes (starred-targets.ts)
    "one starred target in each of nested tuples": "*a, (b, *c) = x\n[*d] = x\nfor *e, f in x:\n    pass\n",
    # a carriage return alone ends a line (line-feeds.ts)
    "lines ended by a carriage return alone": "x = 1\ry = 2\r",
    "a block in lines ended by a carriage return alone": "if x:\r    y = 2\rz = 3\r",
    "a string over lines ended by a carriage return alone": "s = '''a\rb'''\rt = s\r",
}


def test_valid_code_the_grammar_refuses_is_accepted(bundle):
    for name, source in VALID.items():
        assert differential.compile_verdict(source) is None, name
    result = differential.compare(VALID, bundle)
    assert result == {"false_errors": [], "missed": [], "wrong_line": [], "crashes": []}


ASYNC_PLACES = {
    "await in a plain def": "def f():\n    await x\n",
    "async for in a plain def": "def f():\n    async for i in y:\n        pass\n",
    "async comprehension in a plain def": "def f():\n    return [i async for i in y]\n",
    "await in a lambda": "f = lambda: await x\n",
    "await in a class body": "class A:\n    x = await y\n",
    "await in a def inside an async def": "async def f():\n    def g():\n        await x\n",
    "await in a lambda inside an async def": "async def f():\n    g = lambda: await x\n",
    # valid: a cell's top level awaits (IPython), and a generator expression becomes asynchronous
    "async for at the top level": "async for i in y:\n    pass\n",
    "async with at the top level": "async with y as z:\n    pass\n",
    "async comprehension at the top level": "z = [i async for i in y]\n",
    "await in a comprehension at the top level": "z = [await i for i in y]\n",
    "async generator expression in a plain def": "def f():\n    return (i async for i in y)\n",
    "await in a generator expression in a plain def": "def f():\n    return (await i for i in y)\n",
    "await in a comprehension in an async def": "async def f():\n    return [await i for i in y]\n",
    "await in a default of a def at the top level": "def f(a=await x):\n    pass\n",
    "await in a decorator at the top level": "@(await x)\ndef f():\n    pass\n",
    "async def inside a plain def": "def f():\n    async def g():\n        await x\n",
    "await in a generator expression's first iterable in a plain def": (
        "def f():\n    return (i for i in await y)\n"),
    "async comprehension as a generator expression's first iterable in a plain def": (
        "def f():\n    return (i for i in [j async for j in y])\n"),
    "await in a generator expression's second iterable in a plain def": (
        "def f():\n    return (i for j in y for i in await j)\n"),
}


def test_await_and_async_where_cpython_takes_them_and_only_there(bundle):
    """The grammar takes `await` anywhere; CPython only in an async def, a generator expression,
    and (with the flag IPython's cells run with) the top level (async-context.ts)."""
    result = differential.compare(ASYNC_PLACES, bundle, cell=True,
                                  flags=differential.ALLOW_TOP_LEVEL_AWAIT)
    assert result == {"false_errors": [], "missed": [], "wrong_line": [], "crashes": []}


IPYTHON_COMMANDS = {
    # help at the end of a line (IPython makes the whole line a pinfo call)
    "help after a name": "x?\n",
    "more help after a name": "x??\n",
    "help after an attribute": "import pandas as pd\npd.read_csv?\nx = 1\n",
    "help after an assignment": "y = x?\n",
    "help in a block": "if a:\n    x?\nb = 1\n",
    "help on a magic": "%time?\n",
    "a wildcard search": "np.*load*?\n",
    "help lines then an unclosed bracket": "a = 1\nf?\nb = (\n",
    # help before a name, and the autocall escapes
    "help before a name": "?x\n",
    "more help before a name": "?? x.y\n",
    "autocall with parentheses": "/print 1\n",
    "autocall quoting each word": ",print a b\n",
    "autocall quoting the whole": ";print a b\n",
    # not help: the `?` stays, and is a syntax error for IPython too
    "a question mark after a call": "f(x)?\n",
    "a question mark then spaces": "x?  \n",
    "a question mark inside brackets": "x = (a,\n     b?)\n",
    "a question mark over two lines": "x = (1,\n 2)?\n",
    "a question mark between names": "x?y\n",
    "a question mark in a comment and a string": "x = 1  # what?\ns = 'why?'\n",
}


def test_ipython_help_and_escapes_get_ipythons_verdict(bundle):
    """What IPython itself makes of a cell (TransformerManager, then compile()) is the verdict
    for help (`x?`, `?x`) and the autocall escapes, which are not Python (magics.ts)."""
    result = differential.compare(IPYTHON_COMMANDS, bundle, cell=True, ipython=True,
                                  flags=differential.ALLOW_TOP_LEVEL_AWAIT)
    assert result == {"false_errors": [], "missed": [], "wrong_line": [], "crashes": []}
