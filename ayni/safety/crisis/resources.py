"""The crisis resources Ayni ships by default (``resources_default.json``), framework-free.

Every entry is marked ``"verified": false``: the numbers are the author's best knowledge and a
coordinator must check them. Communities keep their own copy (the safety app stores it).

    >>> from ayni.safety.crisis.resources import default_resources, resources_for
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
    """The whole default file: ``{"about", "version", "countries": {code: {...}}}``."""
    with DEFAULT_RESOURCES_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)


def resources_for(country: str, *, category: str | None = None) -> list[dict]:
    """The default entries for a country (ISO 3166 alpha-2; "UK" is read as "GB"), those for
    ``category`` first when one is given. Unknown countries give an empty list."""
    code = country.strip().upper()
    code = "GB" if code == "UK" else code
    entry = default_resources()["countries"].get(code)
    if entry is None:
        return []
    resources = list(entry["resources"])
    if category:
        resources.sort(key=lambda resource: category not in resource["categories"])
    return resources
