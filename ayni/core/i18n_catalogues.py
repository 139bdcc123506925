"""Keeping the per-app gettext catalogues complete (used by `make messages` and by a test).

Each Django app under ayni/ keeps its own catalogue in ayni/<app>/locale/es/LC_MESSAGES/, so
that parallel work on different apps never collides on one file.
"""

import ast
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
LANGUAGES = ("es",)


def app_dirs() -> list[Path]:
    return sorted(path.parent for path in PACKAGE_DIR.glob("*/apps.py"))


def makemessages(app_dir: Path) -> None:
    """Run Django's makemessages inside one app (without putting the app on sys.path)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ayni.settings",
           "AYNI_DATA_DIR": os.path.join(tempfile.gettempdir(), "ayni-catalogues")}
    (app_dir / "locale").mkdir(exist_ok=True)
    for language in LANGUAGES:
        subprocess.run(  # noqa: S603 - fixed arguments
            [sys.executable, "-P", "-m", "django", "makemessages", "-l", language, "--no-obsolete",
             "--no-location", "--no-wrap", "-e", "html,txt,py"],
            cwd=app_dir, env=env, check=True, capture_output=True,
        )


def parse_po(path: Path) -> dict[tuple[str, str], dict]:
    """{(context, msgid): {"msgstr": [...], "fuzzy": bool, "plural": str}} of a .po file."""
    entries: dict[tuple[str, str], dict] = {}
    current: dict = {}
    key = None
    fuzzy = False

    def flush():
        nonlocal current, fuzzy
        if "msgid" in current:
            entries[(current.get("msgctxt", ""), current["msgid"])] = {
                "msgstr": [current[k] for k in sorted(current) if k.startswith("msgstr")],
                "fuzzy": fuzzy, "plural": current.get("msgid_plural", ""),
            }
        current, fuzzy = {}, False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            key = None
            continue
        if line.startswith("#,"):
            fuzzy = fuzzy or "fuzzy" in line
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            current[key] += ast.literal_eval(line)
            continue
        keyword, _space, value = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and "msgid" in current and keyword == "msgctxt":
            flush()
        key = keyword
        current[key] = ast.literal_eval(value)
    flush()
    return entries


def catalogue_problems(app_dir: Path) -> list[str]:
    """What is wrong with one app's catalogues: missing strings, stale ones, untranslated, stale .mo."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / app_dir.name
        shutil.copytree(app_dir, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        makemessages(copy)
        for language in LANGUAGES:
            fresh_path = copy / "locale" / language / "LC_MESSAGES" / "django.po"
            committed_path = app_dir / "locale" / language / "LC_MESSAGES" / "django.po"
            fresh = parse_po(fresh_path) if fresh_path.exists() else {}
            fresh.pop(("", ""), None)
            if not fresh:
                continue
            if not committed_path.exists():
                problems.append(f"{app_dir.name}: no {language} catalogue; run `make messages`")
                continue
            committed = parse_po(committed_path)
            committed.pop(("", ""), None)
            for missing in sorted(set(fresh) - set(committed)):
                problems.append(f"{app_dir.name}/{language}: not in the catalogue: {missing[1]!r}")
            for stale in sorted(set(committed) - set(fresh)):
                problems.append(f"{app_dir.name}/{language}: stale entry (no longer in the code): {stale[1]!r}")
            for key, entry in committed.items():
                if entry["fuzzy"]:
                    problems.append(f"{app_dir.name}/{language}: fuzzy: {key[1]!r}")
                elif not entry["msgstr"] or not all(entry["msgstr"]):
                    problems.append(f"{app_dir.name}/{language}: untranslated: {key[1]!r}")
            mo_path = committed_path.with_suffix(".mo")
            compiled = Path(tmp) / "check.mo"
            subprocess.run(["msgfmt", "--check-format", "-o", str(compiled), str(committed_path)],  # noqa: S603,S607
                           check=True, capture_output=True)
            if not mo_path.exists() or mo_path.read_bytes() != compiled.read_bytes():
                problems.append(f"{app_dir.name}/{language}: the .mo is not compiled from the current .po; run `make messages`")
    return problems


def main() -> int:
    """Update every app's catalogue (keeping translations), then compile them."""
    for app_dir in app_dirs():
        makemessages(app_dir)
        for language in LANGUAGES:
            po = app_dir / "locale" / language / "LC_MESSAGES" / "django.po"
            if po.exists() and len(parse_po(po)) > 1:
                subprocess.run(["msgfmt", "--check-format", "-o", str(po.with_suffix(".mo")), str(po)],  # noqa: S603,S607
                               check=True)
            elif po.exists():
                shutil.rmtree(app_dir / "locale")
    return 0


if __name__ == "__main__":
    sys.exit(main())


def _po_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def set_translations(po_path: Path, translations: dict[str, str | list[str]]) -> list[str]:
    """Write translations into a .po file (by msgid) and clear their fuzzy flag.

    A plural entry takes a list (one string per plural form) or one string used for every form.
    Returns the msgids that were not found.
    """
    blocks = po_path.read_text(encoding="utf-8").split("\n\n")
    found = set()
    for index, block in enumerate(blocks):
        lines = block.split("\n")
        entry: dict[str, str] = {}
        key = None
        for line in lines:
            if line.startswith(("msgid ", "msgid_plural ", "msgctxt ", "msgstr")):
                key, _space, value = line.partition(" ")
                entry[key] = ast.literal_eval(value)
            elif line.startswith('"') and key:
                entry[key] += ast.literal_eval(line)
        msgid = entry.get("msgid")
        if not msgid or msgid not in translations:
            continue
        found.add(msgid)
        value = translations[msgid]
        kept = []
        for line in lines:
            if line.startswith("msgstr") or (line.startswith('"') and kept and kept[-1].startswith(("msgstr", '"')) and any(k.startswith("msgstr") for k in kept)):
                continue
            if line.startswith("#|"):
                continue
            if line.startswith("#,"):
                flags = [flag.strip() for flag in line[2:].split(",") if flag.strip() and flag.strip() != "fuzzy"]
                if not flags:
                    continue
                line = "#, " + ", ".join(flags)
            kept.append(line)
        trailing = 0
        while kept and kept[-1] == "":
            kept.pop()
            trailing += 1
        if "msgid_plural" in entry:
            forms = value if isinstance(value, list) else [value]
            nplurals = 3
            forms = (forms + [forms[-1]] * nplurals)[:nplurals]
            kept += [f"msgstr[{n}] {_po_quote(form)}" for n, form in enumerate(forms)]
        else:
            kept.append(f"msgstr {_po_quote(value if isinstance(value, str) else value[0])}")
        blocks[index] = "\n".join(kept + [""] * trailing)
    po_path.write_text("\n\n".join(blocks), encoding="utf-8")
    return sorted(set(translations) - found)


def compile_catalogues() -> None:
    for app_dir in app_dirs():
        for language in LANGUAGES:
            po = app_dir / "locale" / language / "LC_MESSAGES" / "django.po"
            if po.exists():
                subprocess.run(["msgfmt", "--check-format", "-o", str(po.with_suffix(".mo")), str(po)],  # noqa: S603,S607
                               check=True)
