"""Benchmark (issue 4): marshalling throughput of cellpipe's step runtime (save_value/load_value
from templates/runtime/cellpipe_runtime.py, imported as is) against plain pickle and `dd`, on a 1 GB
numpy array and a 10-million-row DataFrame, in a temp dir on /work's disk (removed afterwards).

    .venv/bin/python bench/marshal/run.py [REPETITIONS]

Peers alternate within each repetition; prints JSON with the median seconds and MB/s.
Nothing here calls fsync (neither does the runtime), so writes land in the page cache; the `dd`
rows show that speed (plain) and the disk's (conv=fdatasync).

"load + read all" loads, then reads every element (a sum over each column): the runtime maps
large arrays and parquet files, so part of its loading happens only when the data is touched,
and this direction counts that part for every peer alike.
"""

import importlib.util
import json
import os
import pathlib
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy
import pandas

ROOT = pathlib.Path(__file__).resolve().parents[2]


def cellpipe_runtime():
    path = ROOT / "templates" / "runtime" / "cellpipe_runtime.py"
    spec = importlib.util.spec_from_file_location("cellpipe_runtime", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed(action):
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def size_of(path):
    path = pathlib.Path(path)
    return (
        sum(f.stat().st_size for f in path.rglob("*"))
        if path.is_dir()
        else path.stat().st_size
    )


def pickle_save(value, path):
    with open(path, "wb") as stream:
        pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)


def pickle_load(path):
    with open(path, "rb") as stream:
        return pickle.load(stream)


def read_all(value):
    """Touches every element once, so lazily loaded pages are counted."""
    if isinstance(value, numpy.ndarray):
        return float(value.sum())
    return (
        float(value["id"].sum())
        + float(value["x"].sum())
        + int((value["label"] == "alpha").sum())
    )


def dd(*args):
    subprocess.run(["dd", *args, "status=none"], check=True)


def main(repetitions):
    runtime = cellpipe_runtime()
    rng = numpy.random.default_rng(0)
    values = {
        "numpy float64 array, 1 GiB": rng.random(2**27),
        "DataFrame, 10M rows (int64, float64, str)": pandas.DataFrame(
            {
                "id": numpy.arange(10_000_000),
                "x": rng.random(10_000_000),
                "label": numpy.array(["alpha", "beta", "gamma", "delta"])[
                    rng.integers(0, 4, 10_000_000)
                ],
            }
        ),
    }
    samples = {}
    nbytes = {}
    scratch = tempfile.mkdtemp(
        prefix="cellpipe-bench-marshal-", dir=str(ROOT / "bench")
    )
    try:
        for label, value in values.items():
            for _ in range(repetitions):
                directory = os.path.join(scratch, "cellpipe")
                seconds, chosen = timed(
                    lambda: runtime.save_value("v", value, directory, "bench")
                )
                nbytes[(label, "cellpipe " + chosen)] = size_of(directory)
                samples.setdefault((label, "cellpipe " + chosen, "save"), []).append(
                    seconds
                )
                seconds, _ = timed(lambda: runtime.load_value("v", directory))
                samples.setdefault((label, "cellpipe " + chosen, "load"), []).append(
                    seconds
                )
                seconds, _ = timed(
                    lambda: read_all(runtime.load_value("v", directory))
                )
                samples.setdefault(
                    (label, "cellpipe " + chosen, "load + read all"), []
                ).append(seconds)
                shutil.rmtree(directory)
                path = os.path.join(scratch, "value.pickle")
                seconds, _ = timed(lambda: pickle_save(value, path))
                nbytes[(label, "pickle")] = size_of(path)
                samples.setdefault((label, "pickle", "save"), []).append(seconds)
                seconds, _ = timed(lambda: pickle_load(path))
                samples.setdefault((label, "pickle", "load"), []).append(seconds)
                seconds, _ = timed(lambda: read_all(pickle_load(path)))
                samples.setdefault((label, "pickle", "load + read all"), []).append(
                    seconds
                )
                os.remove(path)
        raw = os.path.join(scratch, "dd.bin")
        for _ in range(repetitions):
            for label, flags in (
                ("dd write (page cache)", []),
                ("dd write, conv=fdatasync", ["conv=fdatasync"]),
            ):
                seconds, _ = timed(
                    lambda: dd(
                        "if=/dev/zero", "of=" + raw, "bs=1M", "count=1024", *flags
                    )
                )
                samples.setdefault(("1 GiB of zeros", label, "save"), []).append(
                    seconds
                )
                nbytes[("1 GiB of zeros", label)] = 2**30
            seconds, _ = timed(lambda: dd("if=" + raw, "of=/dev/null", "bs=1M"))
            samples.setdefault(
                ("1 GiB of zeros", "dd read (page cache)", "load"), []
            ).append(seconds)
            nbytes[("1 GiB of zeros", "dd read (page cache)")] = 2**30
            # what the disk itself reads: the page cache dropped for this file first
            subprocess.run(
                ["dd", "if=" + raw, "iflag=nocache", "count=0", "status=none"],
                check=True,
            )
            seconds, _ = timed(
                lambda: dd("if=" + raw, "of=/dev/null", "bs=1M", "iflag=direct")
            )
            samples.setdefault(
                ("1 GiB of zeros", "dd read (disk, O_DIRECT)", "load"), []
            ).append(seconds)
            nbytes[("1 GiB of zeros", "dd read (disk, O_DIRECT)")] = 2**30
            os.remove(raw)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    memory = {
        label: int(v.nbytes if hasattr(v, "dtype") else v.memory_usage(deep=True).sum())
        for label, v in values.items()
    }
    rows = []
    for (label, peer, direction), seconds in samples.items():
        median = statistics.median(seconds)
        in_memory = memory.get(label, 2**30)
        rows.append(
            {
                "value": label,
                "peer": peer,
                "direction": direction,
                "seconds": median,
                "MBps_of_in_memory_size": in_memory / median / 1e6,
                "file_bytes": nbytes[(label, peer)],
                "in_memory_bytes": in_memory,
                "samples": seconds,
            }
        )
    json.dump({"repetitions": repetitions, "rows": rows}, sys.stdout, indent=1)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
