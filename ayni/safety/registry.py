"""Hooks other apps register from their AppConfig.ready(), so safety needs no import of them.

    from ayni.safety import registry
    registry.register_report_source("message", resolve_message)   # (source_id, community) -> ReportTarget | None
    registry.register_hider("message", hide_message)               # (*, actor, source_id, community, reason) -> None
    registry.register_exporter("messaging", export_messages)       # (user) -> dict (JSON-serialisable)
    registry.register_eraser("messaging", erase_messages)          # (user) -> dict of counts
    registry.register_retention_eraser("messaging", purge)         # (*, community, closed_before) -> int
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ReportTarget:
    """What a report points at: the person responsible, a short preview for the coordinator, a link."""

    person: object = None
    preview: str = ""
    url: str = ""


REPORT_SOURCES: dict[str, Callable] = {}
HIDERS: dict[str, Callable] = {}
EXPORTERS: dict[str, Callable] = {}
ERASERS: dict[str, Callable] = {}
RETENTION_ERASERS: dict[str, Callable] = {}


def register_report_source(kind: str, resolve: Callable) -> None:
    REPORT_SOURCES[kind] = resolve


def register_hider(kind: str, hide: Callable) -> None:
    HIDERS[kind] = hide


def register_exporter(name: str, export: Callable) -> None:
    EXPORTERS[name] = export


def register_eraser(name: str, erase: Callable) -> None:
    ERASERS[name] = erase


def register_retention_eraser(name: str, erase: Callable) -> None:
    RETENTION_ERASERS[name] = erase
