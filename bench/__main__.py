"""Run every bench/bench_*.py (or those named: `make bench BENCH_ARGS="pengaduan"`); each prints its figures."""
from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    wanted = set(argv)
    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_"))
    if wanted:
        names = [n for n in names if n.removeprefix("bench_") in wanted or n in wanted]
    if not names:
        print("Tidak ada benchmark yang cocok.")
        return 1
    for name in names:
        print(f"== {name} ==", flush=True)
        start = time.perf_counter()
        importlib.import_module(f"bench.{name}").main()
        print(f"   ({time.perf_counter() - start:.1f} s)\n", flush=True)
    _table()
    return 0


def _table() -> None:
    """Every benchmark's headline figures in one table (bench.harness.note), to copy into BENCHMARKS.md."""
    from bench.harness import TABLE

    if not TABLE:
        return
    width = max(len(what) for what, _ in TABLE)
    print(f"| {'what'.ljust(width)} | figure |")
    print(f"|{'-' * (width + 2)}|--------|")
    for what, figure in TABLE:
        print(f"| {what.ljust(width)} | {figure} |")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
