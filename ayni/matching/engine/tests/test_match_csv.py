"""``ayni match-csv``: good files give pairs, bad files give a message naming row and column."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ayni.__main__ import main as ayni_main
from ayni.matching.engine.cli import main

SUPPORTERS = """id,name,languages,topics,minor,availability,mode,city,group,exclude,experience,capacity,trained,vetted
p1,Rosa,es,grief,no,tue-eve;sat-am,either,Lima,a,,Perdí a mi madre hace años,2,yes,yes
p2,Ana,es;en,job-loss,no,mon-am,online,,b,s3,Me despidieron y encontré trabajo,1,yes,no
p3,Luis,qu,grief,no,,online,,,,,1,no,no
"""
SEEKERS = """id,name,languages,topics,minor,availability,mode,city,group,exclude,about,waiting_since
s1,Carla,es,grief,no,tue-eve,in-person,lima,,,Mi madre murió en marzo,2026-10-01
s2,Pedro,en,job-loss,no,mon-am,online,,,,I lost my job,
s3,Eva,es,job-loss,no,,online,,,,Perdí mi empleo,
s4,Inti,qu,grief,no,,online,,,,,
"""


def write(folder: Path, supporters: str = SUPPORTERS, seekers: str = SEEKERS) -> tuple[Path, Path]:
    supporters_path, seekers_path = folder / "supporters.csv", folder / "seekers.csv"
    supporters_path.write_text(supporters, encoding="utf-8")
    seekers_path.write_text(seekers, encoding="utf-8")
    return supporters_path, seekers_path


def run(folder: Path, *extra: str, supporters: str = SUPPORTERS, seekers: str = SEEKERS) -> int:
    supporters_path, seekers_path = write(folder, supporters, seekers)
    return main(
        [
            "--supporters", str(supporters_path),
            "--seekers", str(seekers_path),
            "--out", str(folder / "pairs.csv"),
            "--unmatched", str(folder / "unmatched.csv"),
            *extra,
        ]
    )  # fmt: skip


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_it_writes_pairs_and_unmatched_with_reasons_in_english(tmp_path):
    assert run(tmp_path, "--lang", "en") == 0
    pairs = {row["seeker_id"]: row for row in read(tmp_path / "pairs.csv")}
    assert set(pairs) == {"s1", "s2"}
    assert pairs["s1"]["supporter_id"] == "p1"
    assert "both speak Spanish" in pairs["s1"]["reasons"]
    assert 0 <= float(pairs["s1"]["score"]) <= 100
    unmatched = {row["seeker_id"]: row["reason"] for row in read(tmp_path / "unmatched.csv")}
    # s3 excluded by p2, the only supporter with job loss; s4: only an untrained supporter.
    assert "excluded" in unmatched["s3"]
    assert unmatched["s4"] == "no trained supporter who speaks Quechua has lived grief"


def test_the_ayni_command_dispatches_match_csv_without_django(tmp_path):
    supporters_path, seekers_path = write(tmp_path)
    code = ayni_main(
        ["ayni", "match-csv", "--supporters", str(supporters_path), "--seekers", str(seekers_path),
         "--out", str(tmp_path / "pairs.csv"), "--lang", "es", "--quiet"]
    )  # fmt: skip
    assert code == 0
    assert "las dos personas hablan español" in (tmp_path / "pairs.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("supporters", "seekers", "message"),
    [
        (
            SUPPORTERS.replace(
                "p2,Ana,es;en,job-loss,no,mon-am,online,,b,s3,Me despidieron y encontré trabajo,1",
                "p2,Ana,es;en,job-loss,no,mon-am,online,,b,s3,Me despidieron,many",
            ),
            SEEKERS,
            "supporters.csv, row 3, column 'capacity': 'many' is not a whole number",
        ),
        (
            SUPPORTERS.replace(",2,yes,yes", ",-1,yes,yes"),
            SEEKERS,
            "supporters.csv, row 2, column 'capacity': -1 is negative",
        ),
        (
            SUPPORTERS,
            SEEKERS.replace("tue-eve,in-person", "tuesday,in-person"),
            "seekers.csv, row 2, column 'availability': 'tuesday' is not a slot",
        ),
        (
            SUPPORTERS,
            SEEKERS.replace("s2,Pedro,en,job-loss,no", "s2,Pedro,en,job-loss,maybe"),
            "seekers.csv, row 3, column 'minor': 'maybe' is not yes or no",
        ),
        (
            SUPPORTERS,
            SEEKERS.replace("s2,Pedro,en,", "s2,Pedro,,"),
            "seekers.csv, row 3, column 'languages': is empty",
        ),
        (
            SUPPORTERS,
            SEEKERS.replace("s2,Pedro,en,", "s2,Pedro,English,"),
            "seekers.csv, row 3, column 'languages': 'english' is not a language code",
        ),
        (
            SUPPORTERS,
            SEEKERS.replace(",online,,,,I lost", ",by-phone,,,,I lost"),
            "seekers.csv, row 3, column 'mode': 'by-phone' is not one of online, in-person, either",
        ),
        (
            SUPPORTERS,
            SEEKERS.replace("2026-10-01", "1/10/2026"),
            "seekers.csv, row 2, column 'waiting_since': '1/10/2026' is not a date",
        ),
        (
            SUPPORTERS,
            SEEKERS.replace("s3,Eva", "s1,Eva"),
            "seekers.csv, row 4, column 'id': id 's1' appears twice",
        ),
        (
            SUPPORTERS.replace("id,name,languages,topics", "ident,name,languages,topics"),
            SEEKERS,
            "supporters.csv, row 1: has no column 'id'",
        ),
        ("", SEEKERS, "supporters.csv: is empty"),
        (
            SUPPORTERS,
            SEEKERS.replace(
                "s4,Inti,qu,grief,no,,online,,,,,", "s4,Inti,qu,grief,no,,online,,,,,,,extra"
            ),
            "seekers.csv, row 5: has 14 values for 12 columns",
        ),
    ],
)
def test_a_bad_file_is_refused_with_row_column_and_problem_and_nothing_is_written(
    tmp_path, capsys, supporters, seekers, message
):
    assert run(tmp_path, supporters=supporters, seekers=seekers) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "pairs.csv").exists()
    assert not (tmp_path / "unmatched.csv").exists()


def test_a_file_that_is_not_utf8_is_refused(tmp_path, capsys):
    supporters_path, seekers_path = write(tmp_path)
    seekers_path.write_bytes(SEEKERS.replace("Perdí", "Perd\xed").encode("latin-1"))
    code = main(
        [
            "--supporters",
            str(supporters_path),
            "--seekers",
            str(seekers_path),
            "--out",
            str(tmp_path / "p.csv"),
        ]
    )
    assert code == 2
    assert "is not UTF-8 text" in capsys.readouterr().err
    assert not (tmp_path / "p.csv").exists()


def test_extra_columns_are_ignored_with_a_warning(tmp_path, capsys):
    seekers = SEEKERS.replace("waiting_since\n", "waiting_since,phone\n", 1)
    assert run(tmp_path, seekers=seekers) == 0
    assert "ignoring unknown column(s) 'phone'" in capsys.readouterr().err


def test_bad_options_are_refused(tmp_path, capsys):
    supporters_path, seekers_path = write(tmp_path)
    base = [
        "--supporters",
        str(supporters_path),
        "--seekers",
        str(seekers_path),
        "--out",
        str(tmp_path / "p.csv"),
    ]
    assert main([*base, "--same-group", "sometimes"]) == 2
    assert "invalid choice: 'sometimes'" in capsys.readouterr().err
    assert main([*base, "--k", "0"]) == 2
    assert "--k must be 1 or more" in capsys.readouterr().err
    weights = tmp_path / "weights.toml"
    weights.write_text("[weights]\ntext = -3\n", encoding="utf-8")
    assert main([*base, "--weights", str(weights)]) == 2
    assert "weight 'text' must be 0 or more" in capsys.readouterr().err
    weights.write_text("[weights]\nsmell = 3\n", encoding="utf-8")
    assert main([*base, "--weights", str(weights)]) == 2
    assert "unknown weight 'smell'" in capsys.readouterr().err
    assert main([*base, "--weights", str(tmp_path / "missing.toml")]) == 2
    assert "cannot be read" in capsys.readouterr().err
    assert main([*base[:-1], str(tmp_path / "no" / "p.csv")]) == 2
    assert "its folder does not exist" in capsys.readouterr().err
    assert not (tmp_path / "p.csv").exists()


def test_same_group_forbid_keeps_colleagues_apart(tmp_path):
    supporters = SUPPORTERS.replace(
        "p1,Rosa,es,grief,no,tue-eve;sat-am,either,Lima,a",
        "p1,Rosa,es,grief,no,tue-eve;sat-am,either,Lima,team",
    )
    seekers = SEEKERS.replace(
        "s1,Carla,es,grief,no,tue-eve,in-person,lima,",
        "s1,Carla,es,grief,no,tue-eve,in-person,lima,team",
    )
    assert run(tmp_path, "--same-group", "forbid", supporters=supporters, seekers=seekers) == 0
    assert "s1" not in {row["seeker_id"] for row in read(tmp_path / "pairs.csv")}
    assert run(tmp_path, "--same-group", "ignore", supporters=supporters, seekers=seekers) == 0
    assert "s1" in {row["seeker_id"] for row in read(tmp_path / "pairs.csv")}
