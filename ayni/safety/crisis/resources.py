"""The crisis resources Ayni ships by default (``resources_default.json``), framework-free.

Layout of the file: one key per country (ISO 3166 alpha-2: ES, MX, AR, CO, CL, PE, US, GB) whose
value is the list of its lines; keys that start with an underscore are notes (``_about``) and
country facts (``_countries``: names and the emergency number). Each line has ``key``, ``name``
{es, en}, ``categories`` (detector categories it helps with), ``phone``, ``text`` (text line),
``web``, ``hours`` {es, en}, ``is_emergency``, ``verified`` (always false here) and, where the
author was least sure, ``check`` naming what to verify.

Every entry is marked ``"verified": false``: the numbers are the author's best knowledge and a
coordinator must check them. Communities keep their own rows (the safety app stores them).

    >>> from ayni.safety.crisis.resources import resources_for
    >>> [entry["phone"] for entry in resources_for("ES", category="suicide")][:1]
    ['024']
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DEFAULT_RESOURCES_FILE = Path(__file__).resolve().parent / "resources_default.json"
COUNTRIES = ("ES", "MX", "AR", "CO", "CL", "PE", "US", "GB")


@lru_cache(maxsize=1)
def default_resources() -> dict:
    """The whole default file as a dict."""
    with DEFAULT_RESOURCES_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)


def countries() -> dict[str, dict]:
    """``{code: {"name": {es, en}, "emergency": "112"}}`` for the shipped countries."""
    return dict(default_resources()["_countries"])


def resources_for(country: str, *, category: str | None = None) -> list[dict]:
    """The default entries for a country ("UK" is read as "GB"), those for ``category`` first
    when one is given. Unknown countries give an empty list."""
    code = country.strip().upper()
    code = "GB" if code == "UK" else code
    if code.startswith("_"):
        return []
    resources = list(default_resources().get(code) or [])
    if category:
        resources.sort(key=lambda resource: category not in resource["categories"])
    return resources
