"""CLI start-up against Node's own (issue 16; goal: `cellpipe analyze` at most 2x `node -e 0`).

Runs `node -e 0` and `cellpipe analyze examples/fan-out.ipynb --json` (the built bundle, through
bin/cellpipe.js), with V8's code cache and without it (CELLPIPE_CODE_CACHE=off, src/cli/start.ts),
in turns, ROUNDS times each after one untimed run of each, and reports the medians of wall time
and of CPU time (user + system, from the kernel's accounting of each child) and their ratios. CPU
time is the steadier figure on a shared machine: waiting for a core does not count in it.

    python3 bench/cli/start.py [ROUNDS]   (default 40; writes bench/results/cli-start.{json,md})

Not a test: timings on a shared machine are not the code's. Run from the repository root after
`node scripts/build-engine.mjs`.
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 40
ANALYZE = [
    "node",
    str(ROOT / "bin" / "cellpipe.js"),
    "analyze",
    str(ROOT / "examples" / "fan-out.ipynb"),
    "--json",
]
# Each command with the environment variables it runs with, on top of this process's.
COMMANDS = {
    "node -e 0": (["node", "-e", "0"], {}),
    "cellpipe analyze": (ANALYZE, {}),
    # The same without V8's code cache (src/cli/start.ts): what every start cost before it.
    "cellpipe analyze, no code cache": (ANALYZE, {"CELLPIPE_CODE_CACHE": "off"}),
}


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU milliseconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env={**os.environ, **env})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall * 1000, cpu * 1000


def main() -> None:
    samples = {name: {"wall": [], "cpu": []} for name in COMMANDS}
    for command, env in COMMANDS.values():
        timed(command, env)  # once untimed: the first start writes the code cache
    for _ in range(ROUNDS):
        for name, (command, env) in COMMANDS.items():
            wall, cpu = timed(command, env)
            samples[name]["wall"].append(wall)
            samples[name]["cpu"].append(cpu)
    medians = {
        name: {kind: statistics.median(values) for kind, values in kinds.items()}
        for name, kinds in samples.items()
    }
    node = medians["node -e 0"]
    ours = medians["cellpipe analyze"]
    uncached = medians["cellpipe analyze, no code cache"]
    rows = [
        "| command | wall median (ms) | CPU median (ms) |",
        "| --- | ---: | ---: |",
        *(
            f"| `{name}` | {m['wall']:.1f} | {m['cpu']:.1f} |"
            for name, m in medians.items()
        ),
        f"| ratio | {ours['wall'] / node['wall']:.2f}x | {ours['cpu'] / node['cpu']:.2f}x |",
        f"| ratio, no code cache | {uncached['wall'] / node['wall']:.2f}x "
        f"| {uncached['cpu'] / node['cpu']:.2f}x |",
    ]
    table = "\n".join(rows)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "cli-start.json").write_text(
        json.dumps({"rounds": ROUNDS, "samples": samples}, indent=2) + "\n"
    )
    (out / "cli-start.md").write_text(table + "\n")
    print(table)


if __name__ == "__main__":
    main()
