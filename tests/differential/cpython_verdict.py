"""CPython's side of the differential test: run by each Python on the machine (3.6 and later,
so no f-strings), it compiles the .py files of its own standard library, test packages
included, and prints one JSON line per file: path, the SHA-1 of its bytes, whether compile()
accepted it, and the line of the SyntaxError if not. Files that do not decode are left out."""
import hashlib
import json
import os
import sys
import sysconfig
import tokenize
import warnings


def main():
    root = sysconfig.get_paths()["stdlib"]
    warnings.simplefilter("ignore")
    out = sys.stdout
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if d not in ("site-packages", "dist-packages", "__pycache__"))
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            path = os.path.join(directory, name)
            try:
                with open(path, "rb") as f:
                    data = f.read()
                with open(path, "rb") as f:
                    encoding = tokenize.detect_encoding(f.readline)[0]
                text = data.decode(encoding)
            except (SyntaxError, UnicodeDecodeError, LookupError, OSError):
                continue
            if text.startswith("\ufeff"):
                text = text[1:]
            record = {"path": path, "sha1": hashlib.sha1(data).hexdigest(),
                      "encoding": encoding, "ok": True, "line": None}
            try:
                compile(text, path, "exec", dont_inherit=True)
            except SyntaxError as error:
                record["ok"] = False
                record["line"] = error.lineno
            except (ValueError, RecursionError, MemoryError, OverflowError):
                continue
            out.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
