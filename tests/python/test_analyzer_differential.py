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
}


def test_invalid_code_is_refused_where_cpython_refuses_it(bundle):
    sources = dict(INVALID)
    for name, source in sources.items():
        assert differential.compile_verdict(source) is not None, name
    result = differential.compare(sources, bundle)
    assert result == {"false_errors": [], "missed": [], "wrong_line": [], "crashes": []}
