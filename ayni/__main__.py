"""The `ayni` command: Django's management commands plus Ayni's own.

`ayni match-csv` is dispatched before Django starts: it works on CSV files only and
must start fast.
"""

import os
import sys


def main(argv: list[str] | None = None) -> int | None:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] == "match-csv":
        from ayni.matching.engine.cli import main as match_csv_main

        return match_csv_main(argv[2:])
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")  # `ayni export-archive` is `ayni export_archive`
    if len(argv) > 1 and argv[1] == "demo":
        os.environ.setdefault("AYNI_DEMO", "1")  # read by the settings (and the demo's worker)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ayni.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ayni", *argv[1:]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
