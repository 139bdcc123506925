"""Run every benchmark one after the other and print their figures (`make bench`).

    python bench/run_all.py                  # all of them (tens of minutes: the 100,000 x 20,000 solve and the load test)
    python bench/run_all.py matching crisis  # only these

Each script can also be run alone; see bench/README.md.
"""

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHES = {
    "matching": ["bench/matching/run.py"],
    "crisis": ["bench/crisis/evaluate.py"],
    "suggestions": ["bench/support/suggestions.py"],
    "training": ["bench/training/eligibility.py"],
    "messaging": ["bench/messaging/polling.py"],
    "insights": ["bench/insights/dashboard.py"],
    "load-sqlite": ["bench/load/run.py"],
    "load-postgres": ["bench/load/run.py", "--postgres"],
}


def main(names: list[str]) -> int:
    chosen = names or list(BENCHES)
    unknown = [name for name in chosen if name not in BENCHES]
    if unknown:
        print(f"Unknown benchmark(s): {', '.join(unknown)}. Choose from: {', '.join(BENCHES)}", file=sys.stderr)
        return 2
    failed = []
    for name in chosen:
        print(f"\n=== {name} ===", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, *BENCHES[name]], cwd=ROOT)
        print(f"=== {name}: {'ok' if result.returncode == 0 else 'FAILED'} in {time.perf_counter() - started:.0f} s", flush=True)
        if result.returncode:
            failed.append(name)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
