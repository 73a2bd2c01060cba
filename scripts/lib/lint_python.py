"""Python lint (ruff, pinned in requirements-dev.txt): cellpipe/, tools/, tests/python, scripts/ and
the step runtime, which lives in templates/*.py.njk.

The runtime is linted as the step script it becomes: each template that no other template includes
is expanded (includes inlined, `{% raw %}` blocks kept as written, every `{{ expression }}` outside
them read as `None`, lines holding only `{% tag %}` dropped) and checked through ruff's stdin; each
finding is reported at its template file and line.

usage: .venv/bin/python scripts/lib/lint_python.py    (exit 1 on any finding)
"""

import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
PATHS = ["cellpipe", "tools", "tests/python", "scripts"]
INCLUDE = re.compile(r"""^\s*{%-?\s*include\s+["']([^"']+)["']\s*-?%}\s*$""")
TAG_LINE = re.compile(r"^\s*{%-?.*?-?%}\s*$")
EXPRESSION = re.compile(r"{{.*?}}")
RAW_START = re.compile(r"{%-?\s*raw\s*-?%}")
RAW_END = re.compile(r"{%-?\s*endraw\s*-?%}")
FINDING = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<rest>.*)$")


def ruff(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def expand(name, lines, origins, seen=()):
    """Append the Python lines of template `name` (and of what it includes) with their origins."""
    if name in seen:
        raise SystemExit("lint_python: %s includes itself" % name)
    raw = False
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        if not raw and RAW_START.search(line):
            raw = True
            line = RAW_START.sub("", line, count=1)
            if not line.strip():
                continue
        if raw:
            if RAW_END.search(line):
                raw = False
                line = RAW_END.sub("", line, count=1)
                if not line.strip():
                    continue
            lines.append(line)
            origins.append((name, number))
            continue
        included = INCLUDE.match(line)
        if included:
            expand(included.group(1), lines, origins, (*seen, name))
            continue
        if TAG_LINE.match(line):
            continue
        lines.append(EXPRESSION.sub("None", line))
        origins.append((name, number))


def entry_templates():
    names = sorted(p.name for p in TEMPLATES.glob("*.py.njk"))
    included = {
        match.group(1)
        for name in names
        for line in (TEMPLATES / name).read_text(encoding="utf-8").splitlines()
        for match in [INCLUDE.match(line)]
        if match
    }
    return [name for name in names if name not in included]


def main():
    if ruff("--version").returncode != 0:
        print(
            "lint_python: ruff is missing; pip install -r requirements-dev.txt",
            file=sys.stderr,
        )
        return 1
    failed = False
    result = ruff("check", "--output-format", "concise", *PATHS)
    if result.returncode != 0:
        failed = True
        sys.stdout.write(result.stdout + result.stderr)
    entries = entry_templates()
    if not entries:
        print("lint_python: no step template found in templates/", file=sys.stderr)
        return 1
    for entry in entries:
        lines, origins = [], []
        expand(entry, lines, origins)
        # A name ruff can read (.py) in the templates folder, so the project's settings apply.
        as_python = "templates/%s" % entry[: -len(".njk")]
        result = ruff(
            "check",
            "--output-format",
            "concise",
            "--stdin-filename",
            as_python,
            "-",
            stdin="\n".join(lines) + "\n",
        )
        if result.returncode == 0:
            continue
        failed = True
        for finding in (result.stdout + result.stderr).splitlines():
            match = FINDING.match(finding)
            if match and match.group("file") == as_python:
                name, number = origins[int(match.group("line")) - 1]
                finding = "templates/%s:%d:%s: %s (in %s)" % (
                    name,
                    number,
                    match.group("col"),
                    match.group("rest"),
                    entry,
                )
            print(finding)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
