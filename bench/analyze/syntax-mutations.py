"""Where the analyzer places a syntax error, against CPython, on code broken by one random
edit (issue 12: "the reported line within one line of CPython's"). The differential test's
table holds the cases written by hand; this measures the rest.

Each program is 40 lines of a module of the standard library of the Python running this
script, from a line at the left margin, that compile() accepts; one edit breaks it: a bracket
deleted or swapped for another, a closing bracket added, a colon or a quote deleted, a line
indented, or ` = =` put before a line break. Programs the edit leaves valid are kept too (they
count among the false errors if the analyzer refuses them).

    .venv/bin/python bench/analyze/syntax-mutations.py [SEED [PROGRAMS]]

Prints one JSON object: the seed, the number of programs, and the counts of false errors,
missed errors, lines more than one off CPython's, and crashes, with the first few of each.
"""
import json
import random
import sys
import sysconfig
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "differential"))
import differential  # noqa: E402

EDITS = ("delete a bracket", "swap a bracket", "add a closing bracket", "delete a colon",
         "delete a quote", "indent a line", "add = =")


def program(rng, modules):
    """40 lines of a module from a line at the left margin, or None."""
    try:
        lines = rng.choice(modules).read_text(encoding="utf-8").splitlines(keepends=True)
    except (UnicodeDecodeError, OSError):
        return None
    start = rng.randrange(0, max(1, len(lines) - 40))
    while start < len(lines) and (lines[start][:1] in " \t\n#)]}"
                                  or lines[start].startswith(('"""', "'''"))):
        start += 1
    text = "".join(lines[start:start + 40])
    try:
        compile(text, "program", "exec")
    except (SyntaxError, ValueError):
        return None
    return text


def edited(rng, text):
    """`text` with one edit, or None where it has no place for the edit drawn."""
    edit = rng.choice(EDITS)
    places = {
        "delete a bracket": "()[]{}",
        "swap a bracket": "()[]{}",
        "delete a colon": ":",
        "delete a quote": "\"'",
    }.get(edit, "\n")
    at = [i for i, char in enumerate(text) if char in places]
    if not at:
        return None
    i = rng.choice(at)
    if edit in ("delete a bracket", "delete a colon", "delete a quote"):
        return text[:i] + text[i + 1:]
    if edit == "swap a bracket":
        return text[:i] + rng.choice("()[]{}") + text[i + 1:]
    if edit == "add a closing bracket":
        return text[:i] + rng.choice(")]}") + text[i:]
    if edit == "indent a line":
        return text[:i + 1] + rng.choice([" ", "  ", "    ", "\t"]) + text[i + 1:]
    return text[:i] + " = =" + text[i:]


def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    wanted = int(sys.argv[2]) if len(sys.argv) > 2 else 1500
    rng = random.Random(seed)
    modules = sorted(Path(sysconfig.get_paths()["stdlib"]).glob("*.py"))
    sources = {}
    while len(sources) < wanted:
        text = program(rng, modules)
        broken = text and edited(rng, text)
        if broken:
            sources[f"program {len(sources)}"] = broken
    result = differential.compare(sources, differential.build_analyzer())
    print(json.dumps({
        "seed": seed,
        "programs": len(sources),
        **{kind: len(found) for kind, found in result.items()},
        "first": {kind: found[:5] for kind, found in result.items() if found},
    }, indent=1))


if __name__ == "__main__":
    main()
