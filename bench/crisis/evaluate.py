"""Crisis detector figures: precision and recall per language and level, and speed.

    /work/main/.venv/bin/python bench/crisis/evaluate.py            # dev and held-out
    /work/main/.venv/bin/python bench/crisis/evaluate.py --set independent   # one set only
    /work/main/.venv/bin/python bench/crisis/evaluate.py --errors   # also list the mistakes
    /work/main/.venv/bin/python bench/crisis/evaluate.py --rules-only   # without the learned models
    /work/main/.venv/bin/python bench/crisis/evaluate.py --no-semantic  # without the embedding opinion

The development corpus is what the rules were tuned on; the held-out set was written after
the rules were frozen and never used to tune them, so its figures are the honest ones. The
held-out set is ``blind_*.jsonl`` when present (written by someone other than the rules'
author), else ``heldout_*.jsonl``; "--set heldout" means whichever of the two is present.
``independent_*.jsonl`` (the first independent set) is now trained on: "--set independent"
still reports it, but its figures are optimistic. The honest estimate for the learned models
is bench/crisis/semantic_cv.py (cross-validation).
Speed is measured on the detector alone (one core, best of three passes); figures taken while
other work runs on the machine are pessimistic.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ayni.safety.crisis.evaluation import corpus_files, evaluate, heldout_prefix, load, speed, table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every sentence got wrong")
    parser.add_argument(
        "--set", choices=["dev", "heldout", "blind", "independent", "selfcheck", "both"], default="both",
        help="both = dev and the held-out set (blind_* if present, else heldout_*)",
    )
    parser.add_argument("--rules-only", action="store_true", help="switch both learned models off")
    parser.add_argument("--no-semantic", action="store_true", help="switch the embedding opinion off")
    arguments = parser.parse_args(argv)
    if arguments.rules_only:
        from ayni.safety.crisis import learned

        learned._model = lambda: None
    if arguments.rules_only or arguments.no_semantic:
        from ayni.safety.crisis import semantic

        semantic.available = lambda: False
    heldout = heldout_prefix() or "heldout"
    if arguments.set == "both":
        prefixes = ["dev", heldout]
    elif arguments.set == "heldout":
        prefixes = [heldout]
    else:
        prefixes = [arguments.set]
    all_texts: list[str] = []
    for prefix in prefixes:
        files = corpus_files(prefix)
        if not files:
            print(f"No {prefix} corpus found.")
            continue
        print(f"== {prefix} ==")
        for language, path in files.items():
            rows = load(path)
            all_texts.extend(row["text"] for row in rows)
            figures = evaluate(rows, language)
            print(table(figures))
            if arguments.errors:
                for row, predicted in figures.errors:
                    print(f"    {row['level']:>7} -> {predicted:<7} [{row['kind']}] {row['text']}")
        print()
    if all_texts:
        texts = all_texts * max(1, 2000 // len(all_texts))
        rate = speed(texts)
        print(f"Speed: {rate:,.0f} texts per second, {1000 / rate:.2f} ms per text ({len(texts)} texts, "
              f"mean {sum(map(len, texts)) / len(texts):.0f} characters; best of 3 passes)")
        long_text = " ".join(all_texts[:40])
        long_rate = speed([long_text] * 20)
        print(f"Speed on a {len(long_text):,}-character text: {long_rate:,.1f} texts per second, "
              f"{1000 / long_rate:.1f} ms per text")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
