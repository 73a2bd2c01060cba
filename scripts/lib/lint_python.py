"""Python lint (ruff, pinned in requirements-dev.txt): cellpipe/, tools/, tests/python, scripts/, bench/ and
the step runtime, templates/runtime/*.py: real Python files that every step script ends with as
written, so they are checked as they are.

The templates themselves (templates/*.py.njk) hold only layout; a Python template that has
Nunjucks `{% raw %}` blocks again holds code that belongs in templates/runtime/, and is refused.

usage: .venv/bin/python scripts/lib/lint_python.py    (exit 1 on any finding)
"""

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
PATHS = ["cellpipe", "tools", "tests/python", "scripts", "templates/runtime", "bench"]


def ruff(*args):
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def code_in_templates():
    """Python templates that carry code in raw blocks instead of templates/runtime/."""
    return sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").glob("**/*.py.njk")
        if "{% raw %}" in path.read_text(encoding="utf-8")
    )


def main():
    if ruff("--version").returncode != 0:
        print(
            "lint_python: ruff is missing; pip install -r requirements-dev.txt",
            file=sys.stderr,
        )
        return 1
    if not list((ROOT / "templates" / "runtime").glob("*.py")):
        print("lint_python: no step runtime in templates/runtime/", file=sys.stderr)
        return 1
    failed = False
    result = ruff("check", "--output-format", "concise", *PATHS)
    if result.returncode != 0:
        failed = True
        sys.stdout.write(result.stdout + result.stderr)
    for name in code_in_templates():
        failed = True
        print(
            "%s: Python code in a {%% raw %%} block; runtime code lives in "
            "templates/runtime/*.py, templates hold layout only" % name
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
