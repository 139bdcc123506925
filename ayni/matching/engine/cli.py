"""``ayni match-csv``: match seekers with supporters from two CSV files, no database.

    ayni match-csv --supporters S.csv --seekers P.csv --out pairs.csv [--unmatched u.csv]
                   [--same-group forbid|prefer|ignore] [--k 50] [--lang es|en]
                   [--weights file.toml] [--quiet]

Exit status 0 when done, 2 for bad input (the message names the file, row, column and
problem; no output file is written then).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .csvio import CsvError, read_seekers, read_supporters, write_csv_files
from .explain import explain, summarize_unmatched
from .model import Weights


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise SystemExit(f"ayni match-csv: {message}")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ayni match-csv",
        description="Pair seekers with supporters from CSV files (see docs/matching.md).",
    )
    parser.add_argument("--supporters", required=True, type=Path, help="supporters CSV file")
    parser.add_argument("--seekers", required=True, type=Path, help="seekers CSV file")
    parser.add_argument("--out", required=True, type=Path, help="pairs CSV file to write")
    parser.add_argument("--unmatched", type=Path, help="CSV file for seekers left unmatched")
    parser.add_argument("--same-group", choices=("forbid", "prefer", "ignore"), default="ignore")
    parser.add_argument("--k", type=int, default=50, help="candidates per seeker (default 50)")
    parser.add_argument(
        "--lang", choices=("es", "en"), default="es", help="language of the reasons"
    )
    parser.add_argument("--weights", type=Path, help="TOML file with score weights")
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors")
    return parser


class _Bar:
    """A small progress bar on the terminal (only when stderr is one and the run is large)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.last = ""

    def __call__(self, phase: str, fraction: float) -> None:
        if not self.enabled:
            return
        width = 30
        filled = int(width * fraction)
        line = f"\r{phase:<11} [{'#' * filled}{'.' * (width - filled)}] {int(fraction * 100):3d}%"
        if line != self.last:
            sys.stderr.write(line)
            sys.stderr.flush()
            self.last = line

    def close(self) -> None:
        if self.enabled and self.last:
            sys.stderr.write("\n")


def main(argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        if exit_.code in (0, None):
            return 0
        if isinstance(exit_.code, str):
            print(exit_.code, file=sys.stderr)
        return 2
    say = (
        (lambda message: None) if args.quiet else (lambda message: print(message, file=sys.stderr))
    )
    if args.k < 1:
        print("ayni match-csv: --k must be 1 or more", file=sys.stderr)
        return 2
    for target in (args.out, args.unmatched):
        if target is not None and not (target.parent if str(target.parent) else Path(".")).is_dir():
            print(f"ayni match-csv: {target}: its folder does not exist", file=sys.stderr)
            return 2
    try:
        weights = Weights.from_toml(args.weights) if args.weights else Weights()
    except OSError as error:
        print(f"ayni match-csv: {args.weights}: cannot be read ({error.strerror})", file=sys.stderr)
        return 2
    except ValueError as error:
        print(f"ayni match-csv: {args.weights}: {error}", file=sys.stderr)
        return 2
    try:
        supporters = read_supporters(args.supporters, warn=say)
        seekers = read_seekers(args.seekers, warn=say)
    except CsvError as error:
        print(f"ayni match-csv: {error}", file=sys.stderr)
        return 2

    from .solver import solve  # after the files are known good: numpy and OR-Tools load here

    bar = _Bar(
        enabled=not args.quiet
        and sys.stderr.isatty()
        and len(seekers) * len(supporters) > 5_000_000
    )
    try:
        result = solve(
            seekers, supporters, weights=weights, k=args.k, same_group=args.same_group, progress=bar
        )
    finally:
        bar.close()
    files = [
        (
            args.out,
            ("seeker_id", "supporter_id", "score", "reasons"),
            (
                (
                    p.seeker_id,
                    p.supporter_id,
                    f"{p.score:.2f}",
                    "; ".join(explain(p.reasons, args.lang)),
                )
                for p in result.pairs
            ),
        )
    ]
    if args.unmatched is not None:
        files.append(
            (
                args.unmatched,
                ("seeker_id", "reason"),
                (
                    (sid, "; ".join(explain([r], args.lang)))
                    for sid, r in sorted(result.unmatched.items())
                ),
            )
        )
    try:
        write_csv_files(files)
    except OSError as error:
        print(f"ayni match-csv: cannot write the output ({error})", file=sys.stderr)
        return 2
    stats = result.stats
    say(
        f"Matched {stats['matched']} of {stats['seekers']} seekers with {stats['supporters']} "
        f"supporters ({stats['places']} places); total score {stats['total_score'] / 100:.2f}; "
        f"{time.perf_counter() - started:.2f} s."
    )
    for group in summarize_unmatched(result.unmatched)[:5]:
        say(f"  unmatched {group.count}: {explain([group.reason], args.lang)[0]}")
    return 0
