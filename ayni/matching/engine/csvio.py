"""Reading seekers and supporters from CSV files, writing pairs (``ayni match-csv``).

A bad file raises ``CsvError`` naming the file, the row (as numbered in a spreadsheet:
the header is row 1), the column and the problem.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .model import MODES, SLOTS, Seeker, Supporter

COMMON_COLUMNS = (
    "id", "name", "languages", "topics", "minor", "availability", "mode", "city", "group",
    "exclude",
)  # fmt: skip
SUPPORTER_COLUMNS = (*COMMON_COLUMNS, "experience", "capacity", "trained", "vetted")
SEEKER_COLUMNS = (*COMMON_COLUMNS, "about", "waiting_since")
REQUIRED = ("id", "languages", "topics")
YES = {"yes", "y", "true", "1", "si", "sí", "s"}
NO = {"no", "n", "false", "0", ""}
_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
_TOPIC = re.compile(r"^[\w][\w\-. ]*$")


class CsvError(ValueError):
    """A problem in an input file, with where it is."""

    def __init__(
        self, path: str | Path, problem: str, *, row: int | None = None, column: str | None = None
    ):
        self.path, self.row, self.column, self.problem = str(path), row, column, problem
        where = str(path)
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column {column!r}"
        super().__init__(f"{where}: {problem}")


@dataclass(slots=True)
class _Reader:
    path: Path
    row: int = 1

    def fail(self, problem: str, column: str | None = None) -> CsvError:
        return CsvError(self.path, problem, row=self.row, column=column)

    def flag(self, value: str, column: str) -> bool:
        folded = value.strip().lower()
        if folded in YES:
            return True
        if folded in NO:
            return False
        raise self.fail(f"{value!r} is not yes or no", column)

    def codes(self, value: str, column: str, *, required: bool) -> list[str]:
        items = [v.strip().lower() for v in value.split(";") if v.strip()]
        if required and not items:
            raise self.fail("is empty; give at least one value (separate several with ;)", column)
        for item in items:
            if column == "languages" and not _CODE.match(item):
                raise self.fail(f"{item!r} is not a language code such as es, en or qu", column)
            if column == "topics" and not _TOPIC.match(item):
                raise self.fail(f"{item!r} is not a topic key", column)
        return items

    def slots(self, value: str, column: str) -> list[str]:
        items = [v.strip().lower() for v in value.split(";") if v.strip()]
        for item in items:
            if item not in SLOTS:
                raise self.fail(
                    f"{item!r} is not a slot; use day-part such as mon-am, tue-pm or sat-eve "
                    "(days mon..sun, parts am/pm/eve)",
                    column,
                )
        return items

    def mode(self, value: str, column: str) -> str:
        folded = value.strip().lower() or "either"
        if folded not in MODES:
            raise self.fail(f"{value!r} is not one of {', '.join(MODES)}", column)
        return folded

    def capacity(self, value: str, column: str) -> int:
        text = value.strip()
        if not text:
            return 1
        try:
            number = int(text)
        except ValueError:
            raise self.fail(f"{value!r} is not a whole number", column) from None
        if number < 0:
            raise self.fail(f"{number} is negative; give 0 or more free places", column)
        return number

    def date(self, value: str, column: str) -> date | None:
        text = value.strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise self.fail(f"{value!r} is not a date like 2026-11-30", column) from None


def _rows(path: Path, expected: tuple[str, ...], warn: Callable[[str], None]):
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise CsvError(path, f"cannot be read ({error.strerror or error})") from None
    with handle:
        try:
            sample = handle.read(65536)
            handle.seek(0)
            try:
                dialect = csv.Sniffer().sniff(sample, delimiters=",\t")
            except csv.Error:
                dialect = csv.excel
            reader = csv.reader(handle, dialect)
            header = next(reader, None)
            if header is None:
                raise CsvError(path, "is empty; the first row must name the columns")
            names = [h.strip().lower() for h in header]
            missing = [c for c in REQUIRED if c not in names]
            if missing:
                raise CsvError(
                    path, f"has no column {missing[0]!r} (row 1 names the columns)", row=1
                )
            seen: set[str] = set()
            for name in names:
                if name in seen:
                    raise CsvError(path, f"names the column {name!r} twice", row=1, column=name)
                seen.add(name)
            extra = [h for h in names if h not in expected]
            if extra:
                warn(f"{path}: ignoring unknown column(s) {', '.join(repr(e) for e in extra)}")
            for number, values in enumerate(reader, start=2):
                if not any(v.strip() for v in values):
                    continue
                if len(values) > len(names):
                    raise CsvError(
                        path, f"has {len(values)} values for {len(names)} columns", row=number
                    )
                record = dict.fromkeys(expected, "")
                record.update(zip(names, values, strict=False))
                yield number, record
        except UnicodeDecodeError:
            raise CsvError(path, "is not UTF-8 text; save it as CSV UTF-8") from None
        except csv.Error as error:
            raise CsvError(path, f"is not valid CSV ({error})") from None


def _common(reader: _Reader, record: dict[str, str]) -> dict:
    person_id = record["id"].strip()
    if not person_id:
        raise reader.fail("is empty; every row needs an id", "id")
    return {
        "id": person_id,
        "name": record["name"].strip(),
        "languages": reader.codes(record["languages"], "languages", required=True),
        "topics": reader.codes(record["topics"], "topics", required=True),
        "minor": reader.flag(record["minor"], "minor"),
        "availability": reader.slots(record["availability"], "availability"),
        "mode": reader.mode(record["mode"], "mode"),
        "city": record["city"].strip(),
        "group": record["group"].strip(),
        "exclude": [v.strip() for v in record["exclude"].split(";") if v.strip()],
    }


def _check_unique(reader: _Reader, seen: set[str], person_id: str) -> None:
    if person_id in seen:
        raise reader.fail(f"id {person_id!r} appears twice", "id")
    seen.add(person_id)


def read_supporters(
    path: str | Path, *, warn: Callable[[str], None] = lambda message: None
) -> list[Supporter]:
    """Supporters from a CSV file (columns in docs/matching.md)."""
    path = Path(path)
    reader = _Reader(path)
    people: list[Supporter] = []
    seen: set[str] = set()
    for number, record in _rows(path, SUPPORTER_COLUMNS, warn):
        reader.row = number
        fields = _common(reader, record)
        _check_unique(reader, seen, fields["id"])
        people.append(
            Supporter(
                **fields,
                experience=record["experience"].strip(),
                capacity=reader.capacity(record["capacity"], "capacity"),
                eligible=reader.flag(record["trained"], "trained")
                if record["trained"].strip()
                else True,
                vetted=reader.flag(record["vetted"], "vetted"),
            )
        )
    return people


def read_seekers(
    path: str | Path, *, warn: Callable[[str], None] = lambda message: None
) -> list[Seeker]:
    """Seekers from a CSV file (columns in docs/matching.md)."""
    path = Path(path)
    reader = _Reader(path)
    people: list[Seeker] = []
    seen: set[str] = set()
    for number, record in _rows(path, SEEKER_COLUMNS, warn):
        reader.row = number
        fields = _common(reader, record)
        _check_unique(reader, seen, fields["id"])
        people.append(
            Seeker(
                **fields,
                about=record["about"].strip(),
                waiting_since=reader.date(record["waiting_since"], "waiting_since"),
            )
        )
    return people


def write_csv_files(files: Iterable[tuple[str | Path, Iterable[str], Iterable[Iterable]]]) -> None:
    """Write CSV files (path, header, rows) all or nothing: temporary files renamed at the end."""
    done: list[tuple[str, Path]] = []
    try:
        for path, header, rows in files:
            path = Path(path)
            directory = path.parent if str(path.parent) else Path(".")
            with tempfile.NamedTemporaryFile(
                "w",
                encoding="utf-8",
                newline="",
                dir=directory,
                prefix=f".{path.name}.",
                delete=False,
            ) as handle:
                done.append((handle.name, path))
                writer = csv.writer(handle)
                writer.writerow(list(header))
                writer.writerows(rows)
        for temporary, path in done:
            os.replace(temporary, path)
    finally:
        for temporary, _ in done:
            Path(temporary).unlink(missing_ok=True)
