"""Figures for the crisis detector on the independent held-out corpus.

The sentences in ``ayni/safety/crisis/corpus/independent_{es,en}.jsonl`` were written without
reading the detector, so these figures measure generalisation. Only the public ``detect`` is used.

    python bench/crisis/independent.py [--misses]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from ayni.safety.crisis import detect  # noqa: E402

CORPUS = ROOT / "ayni" / "safety" / "crisis" / "corpus"
AT_RISK = {"urgent", "concern"}


def load(language: str) -> list[dict]:
    path = CORPUS / f"independent_{language}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def ratio(hit: int, total: int) -> str:
    return f"{hit}/{total} = {hit / total:.1%}" if total else "n/a"


def figures(rows: list[dict]) -> dict:
    pairs = [(row, detect(row["text"], row["language"]).level) for row in rows]
    gold = Counter(row["level"] for row, _ in pairs)
    urgent_hit = sum(1 for row, got in pairs if row["level"] == "urgent" and got == "urgent")
    concern_hit = sum(1 for row, got in pairs if row["level"] == "concern" and got in AT_RISK)
    risk_hit = sum(1 for row, got in pairs if row["level"] in AT_RISK and got in AT_RISK)
    flagged = [(row, got) for row, got in pairs if got in AT_RISK]
    flagged_right = sum(1 for row, _ in flagged if row["level"] in AT_RISK)
    none_flagged = [(row, got) for row, got in pairs if row["level"] == "none" and got in AT_RISK]
    return {
        "pairs": pairs,
        "urgent recall (urgent -> urgent)": ratio(urgent_hit, gold["urgent"]),
        "at-risk recall (urgent|concern -> urgent|concern)": ratio(
            risk_hit, gold["urgent"] + gold["concern"]
        ),
        "concern recall (concern -> urgent|concern)": ratio(concern_hit, gold["concern"]),
        "precision (flagged that are urgent|concern)": ratio(flagged_right, len(flagged)),
        "false alarms on none": ratio(len(none_flagged), gold["none"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every sentence got wrong")
    args = parser.parse_args()
    for language in ("es", "en"):
        result = figures(load(language))
        pairs = result.pop("pairs")
        print(f"== {language} ({len(pairs)} sentences)")
        for name, value in result.items():
            print(f"  {name}: {value}")
        confusion = Counter((row["level"], got) for row, got in pairs)
        print("  gold -> predicted:", dict(sorted(confusion.items())))
        if args.misses:
            for row, got in pairs:
                if row["level"] != got:
                    print(f"    [{row['level']} -> {got}] {row['id']} ({row['kind']}): {row['text']}")


if __name__ == "__main__":
    main()
