"""Prints bench/results/marshal.json (from bench/marshal/run.py, on stdin) as a Markdown table."""

import json
import sys

rows = json.load(sys.stdin)["rows"]
print("| value | peer | direction | median s | MB/s (in-memory size) | file MB |")
print("| --- | --- | --- | ---: | ---: | ---: |")
for r in rows:
    print(
        "| %s | %s | %s | %.2f | %.0f | %.0f |"
        % (
            r["value"],
            r["peer"],
            r["direction"],
            r["seconds"],
            r["MBps_of_in_memory_size"],
            r["file_bytes"] / 1e6,
        )
    )
