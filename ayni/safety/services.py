"""Writes for safety. Every service checks permission, validates, audits and is atomic."""

import json
import logging
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ayni.core.audit import audit_log
from ayni.safety.models import Alert, AlertEvent, CrisisResource
from ayni.safety.selectors import duty_ladder, safety_settings_for

logger = logging.getLogger("ayni.safety")

DEFAULT_RESOURCES_PATH = Path(__file__).resolve().parent / "crisis" / "resources_default.json"

# Used only when the crisis package ships no defaults file: one line that is true everywhere.
FALLBACK_RESOURCES = [
    {
        "key": "emergency", "country": "", "is_emergency": True, "phone": "112 / 911",
        "name_es": "Número de emergencias", "name_en": "Emergency number",
        "description_es": "Si hay peligro inmediato, llama al número de emergencias de tu país.",
        "description_en": "If there is immediate danger, call your country's emergency number.",
    },
]


# ---------------------------------------------------------------- crisis resources

def _text(value, language: str) -> str:
    if isinstance(value, dict):
        return str(value.get(language) or value.get("es") or value.get("en") or "")
    return str(value or "")


def _default_entries() -> list[dict]:
    """Read the shipped defaults: a list of entries, or {country: [entries]}, or {"resources": [...]}."""
    if not DEFAULT_RESOURCES_PATH.exists():
        return FALLBACK_RESOURCES
    try:
        data = json.loads(DEFAULT_RESOURCES_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        logger.exception("could not read %s", DEFAULT_RESOURCES_PATH)
        return FALLBACK_RESOURCES
    if isinstance(data, dict) and isinstance(data.get("resources"), list):
        data = data["resources"]
    entries: list[dict] = []
    if isinstance(data, dict):
        for country, items in data.items():
            if country.startswith("_") or not isinstance(items, list):
                continue
            for item in items:
                if isinstance(item, dict):
                    entries.append({"country": "" if country.upper() in ("XX", "INT", "ANY", "*") else country, **item})
    elif isinstance(data, list):
        entries = [item for item in data if isinstance(item, dict)]
    return entries or FALLBACK_RESOURCES


def _resource_fields(entry: dict, position: int) -> dict:
    name = entry.get("name")
    description = entry.get("description") or entry.get("what")
    country = str(entry.get("country") or "").upper()
    if country in ("XX", "INT", "ANY", "*"):
        country = ""
    return {
        "country": country[:2],
        "name_es": (entry.get("name_es") or _text(name, "es"))[:120] or "—",
        "name_en": (entry.get("name_en") or _text(name, "en"))[:120] or "—",
        "description_es": (entry.get("description_es") or _text(description, "es"))[:300],
        "description_en": (entry.get("description_en") or _text(description, "en"))[:300],
        "phone": str(entry.get("phone") or "")[:40],
        "text_line": str(entry.get("text_line") or entry.get("text") or entry.get("sms") or "")[:80],
        "web": str(entry.get("web") or entry.get("url") or "")[:200],
        "hours": _text(entry.get("hours"), "es")[:80] if not isinstance(entry.get("hours"), dict)
        else _text(entry.get("hours"), "en")[:80],
        "is_emergency": bool(entry.get("is_emergency") or entry.get("emergency")),
        "position": position,
    }


def crisis_resources_ensure_defaults(*, force: bool = False) -> int:
    """Load the shipped defaults (unverified, community-less) unless they are already there."""
    if not force and CrisisResource.objects.filter(community__isnull=True).exists():
        return 0
    created = 0
    with transaction.atomic():
        for position, entry in enumerate(_default_entries()):
            fields = _resource_fields(entry, position)
            key = str(entry.get("key") or entry.get("id") or f"{fields['country']}:{fields['name_en']}")[:80]
            _resource, was_created = CrisisResource.objects.update_or_create(
                community=None, source_key=key, defaults=fields,
            )
            created += int(was_created)
    return created


# ---------------------------------------------------------------- alerts

def _alert_url(alert: Alert) -> str:
    return f"/safety/alerts/{alert.pk}/"


def _notify_coordinator(alert: Alert, recipient, *, escalated: bool) -> None:
    from ayni.notifications.services import notify

    notify(
        recipient, "safety.alert_escalated" if escalated else "safety.alert",
        context={"community": alert.community.name, "level": alert.level, "alert": alert.pk},
        url=_alert_url(alert), community=alert.community,
    )


def _escalation_time(alert: Alert, now):
    minutes = safety_settings_for(alert.community).escalation_minutes or 15
    return now + timedelta(minutes=minutes)


def alert_raise(*, community, kind: str, level: str, person=None, raised_by=None, source: str = "",
                source_id="", reasons=None, excerpt: str = "", note: str = "") -> Alert:
    """Raise an alert and tell the first coordinator on duty (in the app and by e-mail).

    A new detection about a person who already has an alert that is not closed is added to
    that alert (raising its level if needed) instead of opening another one.
    """
    if level not in (Alert.Level.CONCERN, Alert.Level.URGENT):
        raise ValidationError(_("Not one of the allowed values."))
    now = timezone.now()
    with transaction.atomic():
        if kind == Alert.Kind.DETECTION and person is not None:
            existing = (
                Alert.objects.select_for_update()
                .filter(community=community, person=person, kind=Alert.Kind.DETECTION)
                .exclude(status=Alert.Status.CLOSED).order_by("-created_at").first()
            )
            if existing is not None:
                updates = ["reasons", "excerpt"]
                existing.reasons = list(existing.reasons) + list(reasons or [])
                existing.excerpt = (existing.excerpt + "\n---\n" + excerpt[:1000])[-4000:]
                if level == Alert.Level.URGENT and existing.level != level:
                    existing.level = level
                    updates.append("level")
                existing.save(update_fields=updates)
                AlertEvent.objects.create(alert=existing, kind=AlertEvent.Kind.ACTION, text=_("New words of crisis detected."))
                audit_log(actor=None, action="safety.alert_updated", target=existing, community=community,
                          details={"source": source, "source_id": str(source_id), "level": level})
                return existing
        ladder = duty_ladder(community)
        first = ladder[0] if ladder else None
        alert = Alert.objects.create(
            community=community, kind=kind, level=level, person=person, raised_by=raised_by,
            source=source[:30], source_id=str(source_id or "")[:40], reasons=list(reasons or []),
            excerpt=(excerpt or "")[:4000], note=note, assigned_to=first, created_at=now,
        )
        alert.escalate_at = _escalation_time(alert, now) if first is not None else None
        alert.save(update_fields=["escalate_at"])
        AlertEvent.objects.create(alert=alert, kind=AlertEvent.Kind.ALERTED if first else AlertEvent.Kind.NO_ONE,
                                  recipient=first, actor=raised_by)
        audit_log(actor=raised_by, action="safety.alert_raised", target=alert, community=community,
                  details={"kind": kind, "level": level, "source": source, "source_id": str(source_id),
                           "assigned_to": getattr(first, "pk", None)})
        if first is not None:
            transaction.on_commit(lambda: _notify_coordinator(alert, first, escalated=False))
    return alert


def alert_escalate(*, alert: Alert, now=None) -> bool:
    """Move an unacknowledged alert to the next coordinator on the ladder (round the ladder
    again after the last one). Claimed by a conditional UPDATE: True for exactly one caller."""
    now = now or timezone.now()
    ladder = duty_ladder(alert.community)
    if not ladder:
        return False
    next_step = alert.step + 1
    recipient = ladder[next_step % len(ladder)]
    claimed = Alert.objects.filter(
        pk=alert.pk, status=Alert.Status.OPEN, step=alert.step, escalate_at__lte=now,
    ).update(step=F("step") + 1, assigned_to=recipient, escalate_at=_escalation_time(alert, now))
    if not claimed:
        return False
    alert.refresh_from_db()
    with transaction.atomic():
        AlertEvent.objects.create(alert=alert, kind=AlertEvent.Kind.ESCALATED, recipient=recipient, created_at=now)
        audit_log(actor=None, action="safety.alert_escalated", target=alert, community=alert.community,
                  details={"step": alert.step, "assigned_to": recipient.pk})
        transaction.on_commit(lambda: _notify_coordinator(alert, recipient, escalated=True))
    return True


def escalate_alerts(*, now=None) -> int:
    """The periodic job: escalate every open alert whose time ran out. Returns how many moved."""
    now = now or timezone.now()
    moved = 0
    due = Alert.objects.filter(status=Alert.Status.OPEN, escalate_at__lte=now).select_related("community")
    for alert in due.order_by("escalate_at")[:500]:
        try:
            moved += int(alert_escalate(alert=alert, now=now))
        except Exception:
            logger.exception("could not escalate alert %s", alert.pk)
    return moved


def _require_coordinator(actor, community) -> None:
    from ayni.communities.models import Membership

    if actor.is_staff:
        return
    if not Membership.objects.filter(community=community, user=actor, is_coordinator=True,
                                     status=Membership.Status.ACTIVE).exists():
        raise PermissionDenied(_("Only the community's coordinators can do this."))


def alert_acknowledge(*, actor, alert: Alert) -> Alert:
    _require_coordinator(actor, alert.community)
    now = timezone.now()
    with transaction.atomic():
        changed = Alert.objects.filter(pk=alert.pk, status=Alert.Status.OPEN).update(
            status=Alert.Status.ACKNOWLEDGED, acknowledged_by=actor, acknowledged_at=now, escalate_at=None,
        )
        alert.refresh_from_db()
        if not changed:
            if alert.status == Alert.Status.CLOSED:
                raise ValidationError(_("This alert is already closed."))
            return alert
        AlertEvent.objects.create(alert=alert, kind=AlertEvent.Kind.ACKNOWLEDGED, actor=actor, created_at=now)
        audit_log(actor=actor, action="safety.alert_acknowledged", target=alert, community=alert.community)
    return alert


def alert_record_action(*, actor, alert: Alert, text: str) -> Alert:
    _require_coordinator(actor, alert.community)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": [_("Write what was done.")]})
    if alert.status == Alert.Status.CLOSED:
        raise ValidationError(_("This alert is already closed."))
    with transaction.atomic():
        if alert.status == Alert.Status.OPEN:
            alert = alert_acknowledge(actor=actor, alert=alert)
        alert.actions_taken = (alert.actions_taken + "\n" if alert.actions_taken else "") + text[:2000]
        alert.save(update_fields=["actions_taken"])
        AlertEvent.objects.create(alert=alert, kind=AlertEvent.Kind.ACTION, actor=actor, text=text[:2000])
        audit_log(actor=actor, action="safety.alert_action", target=alert, community=alert.community)
    return alert


def alert_close(*, actor, alert: Alert, outcome: str, note: str = "") -> Alert:
    _require_coordinator(actor, alert.community)
    if outcome not in Alert.Outcome.values:
        raise ValidationError({"outcome": [_("Choose the outcome.")]})
    if alert.status == Alert.Status.CLOSED:
        raise ValidationError(_("This alert is already closed."))
    now = timezone.now()
    with transaction.atomic():
        if alert.status == Alert.Status.OPEN:
            alert = alert_acknowledge(actor=actor, alert=alert)
        if note.strip():
            alert.actions_taken = (alert.actions_taken + "\n" if alert.actions_taken else "") + note.strip()[:2000]
        alert.status = Alert.Status.CLOSED
        alert.outcome = outcome
        alert.closed_by = actor
        alert.closed_at = now
        alert.escalate_at = None
        alert.save(update_fields=["status", "outcome", "closed_by", "closed_at", "escalate_at", "actions_taken"])
        AlertEvent.objects.create(alert=alert, kind=AlertEvent.Kind.CLOSED, actor=actor, text=alert.get_outcome_display())
        audit_log(actor=actor, action="safety.alert_closed", target=alert, community=alert.community,
                  details={"outcome": outcome})
    return alert
