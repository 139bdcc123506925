"""False alarms on ordinary text: the distinct lines of docs/*.md (except
docs/crisis-detection.md) and the distinct msgid and msgstr strings of
ayni/*/locale/es/LC_MESSAGES/django.po, read by the detector.

    /work/main/.venv/bin/python bench/crisis/false_alarms.py [--no-semantic] [--list]
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from ayni.safety.crisis import detect, semantic  # noqa: E402

_MSGSTR = re.compile(r'^msg(?:str|id|id_plural)(\[\d+\])? (".*")$')


def ordinary_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted((ROOT / "docs").glob("*.md")):
        if path.name != "crisis-detection.md":
            texts.extend(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    for path in sorted(ROOT.glob("ayni/*/locale/es/LC_MESSAGES/django.po")):
        current: list[str] | None = None
        for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
            match = _MSGSTR.match(line)
            if match:
                if current is not None and "".join(current).strip():
                    texts.append("".join(current))
                current = [ast.literal_eval(match.group(2))]
            elif current is not None and line.startswith('"'):
                current.append(ast.literal_eval(line))
            else:
                if current is not None and "".join(current).strip():
                    texts.append("".join(current))
                current = None
    return list(dict.fromkeys(texts))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-semantic", action="store_true", help="switch the embedding opinion off")
    parser.add_argument("--list", action="store_true", help="print every flagged text")
    arguments = parser.parse_args(argv)
    if arguments.no_semantic:
        semantic.available = lambda: False
    texts = ordinary_texts()
    started = time.perf_counter()
    flagged = [(text, result) for text in texts if (result := detect(text)).level != "none"]
    elapsed = time.perf_counter() - started
    if arguments.list:
        for text, result in flagged:
            print(f"{result.level:>8}  {text[:140]}")
    print(f"{len(flagged)} of {len(texts)} ordinary texts flagged "
          f"({sum(r.level == 'urgent' for _, r in flagged)} urgent); semantic opinion "
          f"{'on' if semantic.available() else 'off'}; {1000 * elapsed / len(texts):.1f} ms per text")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
