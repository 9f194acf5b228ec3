"""Timing helpers shared by the benchmark scripts: repeat a piece of work, and print its
median with the range and the ratio to a baseline measured in the same run."""

import statistics
import time
from collections.abc import Callable


def timed(repeat: int, work: Callable[[], object]) -> list[float]:
    """Milliseconds for each of `repeat` runs of `work`."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        work()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def show(label: str, times: list[float], base: list[float] | None = None, of: str = "") -> None:
    """`label  median ms  (min-max)`, and `xR of <of>` beside a baseline."""
    median = statistics.median(times)
    line = f"  {label:<44} {median:8.1f} ms  ({min(times):.1f}-{max(times):.1f})"
    if base:
        line += f"  x{median / statistics.median(base):.2f} of {of}"
    print(line)
