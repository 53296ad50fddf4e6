"""How long weather.kma.parse takes on a full all-stations KMA answer (target: well under 10 ms).

Prints figures; it is not a test. Run: .venv/bin/python bench/weather_parse.py
"""

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from weather import kma  # noqa: E402 (needs the path above when run as a script)

SAMPLES = ROOT / "tests" / "weather" / "data"
RUNS = 200


def measure(name: str) -> None:
    raw = (SAMPLES / name).read_bytes()
    rows = len(kma.parse(raw))  # warm-up, and a check that it parses at all
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        kma.parse(raw)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    print(
        f"{name:45} {len(raw) / 1024:5.1f} KB {rows:3d} rows  "
        f"median {statistics.median(timings):.2f} ms  "
        f"p95 {timings[int(RUNS * 0.95)]:.2f} ms  max {timings[-1]:.2f} ms"
    )


if __name__ == "__main__":
    print(f"weather.kma.parse, {RUNS} runs each (target: well under 10 ms)")
    for name in (
        "all-stations-202608181500.txt",
        "all-stations-202608181500-crlf.txt",
        "all-stations-202608181500-help1-euckr.txt",
    ):
        measure(name)
