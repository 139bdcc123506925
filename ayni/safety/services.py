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
    """The crisis package's defaults ({"countries": {code: {"emergency", "resources": [...]}}}),
    plus one international line, each entry with its country."""
    entries = list(FALLBACK_RESOURCES)
    try:
        data = json.loads(DEFAULT_RESOURCES_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        logger.exception("could not read %s", DEFAULT_RESOURCES_PATH)
        return entries
    for country, block in (data.get("countries") or {}).items():
        if not isinstance(block, dict):
            continue
        for item in block.get("resources") or []:
            if isinstance(item, dict):
                entries.append({**item, "country": country})
    return entries


def _resource_fields(entry: dict, position: int) -> dict:
    name = entry.get("name")
    description = entry.get("description")
    hours = entry.get("hours")
    categories = [str(category) for category in entry.get("categories") or []]
    return {
        "country": str(entry.get("country") or "").upper()[:2],
        "name_es": (entry.get("name_es") or _text(name, "es"))[:120] or "—",
        "name_en": (entry.get("name_en") or _text(name, "en"))[:120] or "—",
        "description_es": (entry.get("description_es") or _text(description, "es"))[:300],
        "description_en": (entry.get("description_en") or _text(description, "en"))[:300],
        "phone": str(entry.get("phone") or "")[:40],
        "text_line": str(entry.get("text_line") or entry.get("text") or "")[:80],
        "web": str(entry.get("web") or "")[:200],
        "hours_es": _text(hours, "es")[:80],
        "hours_en": _text(hours, "en")[:80],
        "categories": categories,
        "is_emergency": bool(entry.get("is_emergency")) or "acute_danger" in categories,
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


# ---------------------------------------------------------------- community settings, resources, rota

RESOURCE_FIELDS = ("country", "name_es", "name_en", "description_es", "description_en", "phone", "text_line",
                   "web", "hours_es", "hours_en", "is_emergency", "position", "is_active")
SETTINGS_FIELDS = ("escalation_minutes", "age_of_majority", "parental_consent_required",
                   "parental_consent_below_age", "message_retention_days")


def safety_settings_update(*, actor, community, **fields):
    from ayni.safety.models import SafetySettings

    _require_coordinator(actor, community)
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown settings: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    with transaction.atomic():
        settings_row, _created = SafetySettings.objects.select_for_update().get_or_create(community=community)
        before = {name: getattr(settings_row, name) for name in fields}
        for name, value in fields.items():
            setattr(settings_row, name, value)
        settings_row.full_clean(exclude=["community"])
        settings_row.save()
        community._safety_settings_cache = settings_row
        audit_log(actor=actor, action="safety.settings_update", target=settings_row, community=community,
                  details={"before": before, "after": fields})
    return settings_row


def crisis_resource_save(*, actor, community, resource: CrisisResource | None = None, **fields) -> CrisisResource:
    """Create or edit one of the community's own resources. Editing marks it verified by `actor`."""
    _require_coordinator(actor, community)
    if resource is not None and resource.community_id != community.pk:
        raise PermissionDenied(_("Only the community's coordinators can do this."))
    fields["country"] = (fields.get("country") or "").strip().upper()
    if not any((fields.get("phone"), fields.get("text_line"), fields.get("web"))):
        raise ValidationError({"phone": [_("Give at least a phone, a text line or a web address.")]})
    with transaction.atomic():
        resource = resource or CrisisResource(community=community)
        for name in RESOURCE_FIELDS:
            if name in fields:
                setattr(resource, name, fields[name])
        resource.verified_at = timezone.now()
        resource.verified_by = actor
        resource.full_clean(exclude=["community", "verified_by"])
        resource.save()
        audit_log(actor=actor, action="safety.resource_save", target=resource, community=community,
                  details={name: str(fields.get(name, "")) for name in ("name_en", "phone", "web")})
    return resource


def crisis_resource_verify(*, actor, community, resource: CrisisResource) -> CrisisResource:
    _require_coordinator(actor, community)
    if resource.community_id != community.pk:
        raise PermissionDenied(_("Only the community's coordinators can do this."))
    with transaction.atomic():
        resource.verified_at = timezone.now()
        resource.verified_by = actor
        resource.save(update_fields=["verified_at", "verified_by"])
        audit_log(actor=actor, action="safety.resource_verify", target=resource, community=community)
    return resource


def crisis_resource_delete(*, actor, community, resource: CrisisResource) -> None:
    _require_coordinator(actor, community)
    if resource.community_id != community.pk:
        raise PermissionDenied(_("Only the community's coordinators can do this."))
    with transaction.atomic():
        audit_log(actor=actor, action="safety.resource_delete", target=resource, community=community,
                  details={"name_en": resource.name_en, "phone": resource.phone})
        resource.delete()


def crisis_resources_adopt_defaults(*, actor, community, country: str = "") -> int:
    """Copy the shipped defaults for a country into the community, unverified, to check and edit."""
    _require_coordinator(actor, community)
    crisis_resources_ensure_defaults()
    country = (country or community.country or "").upper()
    defaults = CrisisResource.objects.filter(community__isnull=True, country=country)
    if not defaults.exists():
        defaults = CrisisResource.objects.filter(community__isnull=True, country="")
    copied = 0
    with transaction.atomic():
        for default in defaults:
            if CrisisResource.objects.filter(community=community, source_key=default.source_key).exists():
                continue
            CrisisResource.objects.create(
                community=community, source_key=default.source_key, categories=default.categories,
                **{name: getattr(default, name) for name in RESOURCE_FIELDS},
            )
            copied += 1
        audit_log(actor=actor, action="safety.resources_adopt_defaults", target=None, community=community,
                  details={"country": country, "copied": copied})
    return copied


def duty_rota_set(*, actor, community, entries: list[tuple[int, int, bool]]):
    """Replace the rota with [(coordinator user id, position, on duty)]; only active coordinators."""
    from ayni.communities.models import Membership
    from ayni.safety.models import DutyRota

    _require_coordinator(actor, community)
    coordinator_ids = set(Membership.objects.filter(
        community=community, is_coordinator=True, status=Membership.Status.ACTIVE).values_list("user_id", flat=True))
    for user_id, _position, _on_duty in entries:
        if user_id not in coordinator_ids:
            raise ValidationError(_("Only active coordinators can be on the duty rota."))
    with transaction.atomic():
        DutyRota.objects.filter(community=community).delete()
        DutyRota.objects.bulk_create([
            DutyRota(community=community, coordinator_id=user_id, position=position, on_duty=on_duty)
            for user_id, position, on_duty in entries
        ])
        audit_log(actor=actor, action="safety.rota_set", target=None, community=community,
                  details={"entries": [[user_id, position, on_duty] for user_id, position, on_duty in entries]})
    return list(DutyRota.objects.filter(community=community).select_related("coordinator"))


# ---------------------------------------------------------------- asking for help, referring

def help_message_send(*, actor, community, text: str):
    """A member writes to the coordinators. Always delivered; screened for crisis wording."""
    from ayni.communities.models import Membership
    from ayni.safety.models import HelpMessage
    from ayni.safety.screening import screen_text

    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": [_("Write your message.")]})
    if len(text) > 4000:
        raise ValidationError({"text": [_("Too long: at most 4000 characters.")]})
    if not Membership.objects.filter(community=community, user=actor, status=Membership.Status.ACTIVE).exists():
        raise PermissionDenied(_("Only active members of this community can see this."))
    with transaction.atomic():
        message = HelpMessage.objects.create(community=community, author=actor, text=text)
        audit_log(actor=actor, action="safety.help_message", target=message, community=community)
    screening = screen_text(author=actor, text=text, community=community, source="help_message", source_id=message.pk)
    if screening.alert is None:
        # Not detected as a crisis, but someone asked for help: a coordinator must still read it.
        with transaction.atomic():
            screening.alert = alert_raise(community=community, kind=Alert.Kind.REFERRAL, level=Alert.Level.CONCERN,
                                          person=actor, raised_by=actor, source="help_message",
                                          source_id=message.pk, excerpt=text)
    HelpMessage.objects.filter(pk=message.pk).update(level=screening.level, alert=screening.alert)
    message.level, message.alert = screening.level, screening.alert
    return message, screening


def referral_raise(*, actor, community, person=None, source: str = "", source_id="", note: str = "",
                   level: str = Alert.Level.URGENT) -> Alert:
    """A supporter hands a situation to the coordinators ("refer"): an alert with their note."""
    from ayni.communities.models import Membership

    if not Membership.objects.filter(community=community, user=actor, status=Membership.Status.ACTIVE).exists():
        raise PermissionDenied(_("Only active members of this community can see this."))
    if person is not None and not Membership.objects.filter(community=community, user=person).exists():
        raise ValidationError({"person": [_("This person is not in the community.")]})
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": [_("Tell the coordinator briefly what is happening.")]})
    if level not in Alert.Level.values:
        raise ValidationError({"level": [_("Not one of the allowed values.")]})
    with transaction.atomic():
        alert = alert_raise(community=community, kind=Alert.Kind.REFERRAL, level=level, person=person,
                            raised_by=actor, source=source, source_id=source_id, note=note[:4000])
        audit_log(actor=actor, action="safety.referral", target=alert, community=community,
                  details={"source": source, "source_id": str(source_id)})
    return alert


# ---------------------------------------------------------------- reports, blocks, moderation

REPORT_LIMIT = 10
REPORT_PERIOD = timedelta(hours=1)


def report_target(*, community, source_kind: str, source_id):
    """Resolve what is reported through the registry (the person concerned, a preview)."""
    from ayni.communities.models import Membership
    from ayni.safety import registry
    from ayni.safety.models import Report

    if source_kind not in Report.SourceKind.values:
        raise ValidationError({"source_kind": [_("Not one of the allowed values.")]})
    if source_kind == Report.SourceKind.PERSON:
        if not str(source_id).isdigit():
            return None
        membership = Membership.objects.select_related("user").filter(
            community=community, user_id=int(source_id)).first()
        return registry.ReportTarget(person=membership.user) if membership else None
    resolve = registry.REPORT_SOURCES.get(source_kind)
    if resolve is None:
        # The app that owns this kind has not registered yet: keep the report, without a preview.
        return registry.ReportTarget()
    return resolve(str(source_id), community)


def _notify_coordinators_of_report(report) -> None:
    from ayni.notifications.services import notify

    for coordinator in duty_ladder(report.community):
        notify(coordinator, "safety.report", context={"community": report.community.name},
               url=f"/safety/c/{report.community.slug}/reports/{report.pk}/", community=report.community)


def report_create(*, actor, community, source_kind: str, source_id, reason: str, details: str = ""):
    """Anyone in the community can report a message, a person or a circle. Rate limited."""
    from ayni.communities.models import Membership
    from ayni.core.ratelimit import rate_limit_hit
    from ayni.safety.models import Report

    if not Membership.objects.filter(community=community, user=actor).exclude(
            status=Membership.Status.REJECTED).exists():
        raise PermissionDenied(_("Only active members of this community can see this."))
    if reason not in Report.Reason.values:
        raise ValidationError({"reason": [_("Choose a reason.")]})
    details = (details or "").strip()
    if len(details) > 2000:
        raise ValidationError({"details": [_("Too long: at most 2000 characters.")]})
    target = report_target(community=community, source_kind=source_kind, source_id=source_id)
    if target is None:
        raise ValidationError({"source_id": [_("There is nothing to report here.")]})
    if target.person is not None and target.person.pk == actor.pk:
        raise ValidationError(_("You cannot report yourself."))
    limit = rate_limit_hit(f"safety.report:{actor.pk}", limit=REPORT_LIMIT, period=REPORT_PERIOD)
    if not limit.allowed:
        raise ValidationError(_("You have sent many reports in a short time. Please wait %(minutes)d minutes.")
                              % {"minutes": max(1, limit.retry_after_seconds // 60)})
    with transaction.atomic():
        report = Report.objects.create(
            community=community, reporter=actor, source_kind=source_kind, source_id=str(source_id)[:40],
            person=target.person, reason=reason, details=details,
        )
        audit_log(actor=actor, action="safety.report", target=report, community=community,
                  details={"source_kind": source_kind, "source_id": str(source_id), "reason": reason})
        transaction.on_commit(lambda: _notify_coordinators_of_report(report))
    return report


def _remove_from_community(*, actor, membership, reason: str) -> None:
    from ayni.communities.models import Membership

    if membership.user_id == actor.pk:
        raise ValidationError(_("You cannot do this to your own membership."))
    changed = Membership.objects.filter(pk=membership.pk).exclude(status=Membership.Status.REJECTED).update(
        status=Membership.Status.REJECTED, status_reason=reason[:300], is_coordinator=False,
        updated_at=timezone.now(),
    )
    if changed:
        audit_log(actor=actor, action="safety.member_removed", target=membership,
                  community=membership.community_id, details={"reason": reason[:300]})


def report_resolve(*, actor, report, action: str, note: str = ""):
    """Take one moderation action on an open report, audit it and tell the reporter the outcome."""
    from ayni.communities.models import Membership
    from ayni.communities.services import membership_suspend
    from ayni.notifications.services import notify
    from ayni.safety import registry
    from ayni.safety.models import Report

    _require_coordinator(actor, report.community)
    if action not in Report.Action.values:
        raise ValidationError({"action": [_("Choose an action.")]})
    note = (note or "").strip()
    if report.status != Report.Status.OPEN:
        raise ValidationError(_("This report has already been handled."))
    needs_person = action in (Report.Action.WARN, Report.Action.SUSPEND, Report.Action.REMOVE)
    if needs_person and report.person is None:
        raise ValidationError({"action": [_("This report is not about a person, so this action does not apply.")]})
    if action in (Report.Action.WARN, Report.Action.SUSPEND, Report.Action.REMOVE) and not note:
        raise ValidationError({"note": [_("Say briefly why: the person will read it.")]})
    if action == Report.Action.HIDE and (report.source_kind != Report.SourceKind.MESSAGE
                                         or Report.SourceKind.MESSAGE not in registry.HIDERS):
        raise ValidationError({"action": [_("Only messages can be hidden, and messages cannot be hidden here yet.")]})
    now = timezone.now()
    with transaction.atomic():
        claimed = Report.objects.filter(pk=report.pk, status=Report.Status.OPEN).update(
            status=Report.Status.RESOLVED, action=action, resolution_note=note[:2000],
            resolved_by=actor, resolved_at=now,
        )
        if not claimed:
            raise ValidationError(_("This report has already been handled."))
        membership = None
        if report.person is not None:
            membership = Membership.objects.filter(community=report.community, user=report.person).first()
        if action == Report.Action.WARN:
            transaction.on_commit(lambda: notify(
                report.person, "safety.warning", context={"community": report.community.name, "note": note[:500]},
                url=f"/c/{report.community.slug}/", community=report.community))
        elif action == Report.Action.HIDE:
            registry.HIDERS[Report.SourceKind.MESSAGE](actor=actor, source_id=report.source_id,
                                                      community=report.community, reason=note)
        elif action == Report.Action.SUSPEND:
            if membership is None or membership.status != Membership.Status.ACTIVE:
                raise ValidationError(_("This person is not an active member any more."))
            membership_suspend(actor=actor, membership=membership, reason=note)
        elif action == Report.Action.REMOVE:
            if membership is None:
                raise ValidationError(_("This person is not in the community."))
            _remove_from_community(actor=actor, membership=membership, reason=note)
        elif action == Report.Action.ESCALATE:
            alert = alert_raise(community=report.community, kind=Alert.Kind.REPORT, level=Alert.Level.URGENT,
                                person=report.person, raised_by=actor, source="report", source_id=report.pk,
                                note="\n".join(part for part in (report.get_reason_display(), report.details, note) if part))
            Report.objects.filter(pk=report.pk).update(alert=alert)
        report.refresh_from_db()
        audit_log(actor=actor, action=f"safety.report_{action}", target=report, community=report.community,
                  details={"note": note[:300], "person": getattr(report.person, "pk", None)})
        reporter = report.reporter
        if reporter is not None and reporter.is_active:
            # The reporter learns that the report was handled, not what happened to the other person.
            kind = "safety.report_dismissed" if action == Report.Action.DISMISS else "safety.report_acted"
            transaction.on_commit(lambda: notify(
                reporter, kind, context={"community": report.community.name}, community=report.community))
    return report


def block_create(*, actor, blocked):
    """Block someone: no proposals, messages or circle invitations between the two of you."""
    from ayni.safety.access import shares_a_community
    from ayni.safety.models import Block

    if blocked.pk == actor.pk:
        raise ValidationError(_("You cannot block yourself."))
    if not shares_a_community(actor, blocked):
        raise ValidationError(_("You can only block people from your communities."))
    with transaction.atomic():
        block, created = Block.objects.get_or_create(blocker=actor, blocked=blocked)
        if created:
            audit_log(actor=actor, action="safety.block", target=block, details={"blocked": blocked.pk})
    return block


def block_remove(*, actor, blocked) -> bool:
    from ayni.safety.models import Block

    with transaction.atomic():
        block = Block.objects.filter(blocker=actor, blocked=blocked).first()
        if block is None:
            return False
        audit_log(actor=actor, action="safety.unblock", target=block, details={"blocked": blocked.pk})
        block.delete()
    return True


# ---------------------------------------------------------------- minors

def parental_consent_record(*, actor, membership, guardian_name: str, method: str, given_on,
                            guardian_contact: str = ""):
    from ayni.safety.models import ParentalConsent

    _require_coordinator(actor, membership.community)
    errors = {}
    if not (guardian_name or "").strip():
        errors["guardian_name"] = [_("Write the name of the parent or guardian.")]
    if not (method or "").strip():
        errors["method"] = [_("Say how consent was given.")]
    if given_on is None:
        errors["given_on"] = [_("Give the date of consent.")]
    elif given_on > timezone.localdate():
        errors["given_on"] = [_("The date cannot be in the future.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        consent = ParentalConsent.objects.create(
            membership=membership, guardian_name=guardian_name.strip()[:120],
            guardian_contact=(guardian_contact or "").strip()[:160], method=method.strip()[:160],
            given_on=given_on, recorded_by=actor,
        )
        audit_log(actor=actor, action="safety.parental_consent", target=membership,
                  community=membership.community, details={"consent": consent.pk})
    return consent


def parental_consent_withdraw(*, actor, consent):
    _require_coordinator(actor, consent.membership.community)
    with transaction.atomic():
        if consent.withdrawn_at is None:
            consent.withdrawn_at = timezone.now()
            consent.save(update_fields=["withdrawn_at"])
            audit_log(actor=actor, action="safety.parental_consent_withdrawn", target=consent.membership,
                      community=consent.membership.community, details={"consent": consent.pk})
    return consent


# ---------------------------------------------------------------- two-factor authentication

def two_factor_begin(*, actor):
    """Start (or restart) setting up an authenticator app: a new, unconfirmed secret."""
    from ayni.safety import totp
    from ayni.safety.models import TwoFactorDevice

    with transaction.atomic():
        device = TwoFactorDevice.objects.select_for_update().filter(user=actor).first()
        if device is not None and device.confirmed_at is not None:
            raise ValidationError(_("Two-factor authentication is already on."))
        if device is None:
            device = TwoFactorDevice(user=actor)
        device.secret = totp.new_secret()
        device.last_step = 0
        device.save()
    return device


def _check_code(device, code: str, *, allow_recovery: bool) -> bool:
    import time

    from ayni.safety import totp
    from ayni.safety.models import TwoFactorDevice

    step = totp.matching_step(device.secret, code, time.time())
    if step is not None:
        # A code is good once: claim its step with a conditional update.
        return bool(TwoFactorDevice.objects.filter(pk=device.pk, last_step__lt=step).update(last_step=step))
    if allow_recovery and device.recovery_codes:
        hashed = totp.hash_recovery_code(code)
        if hashed in device.recovery_codes:
            remaining = [value for value in device.recovery_codes if value != hashed]
            return bool(TwoFactorDevice.objects.filter(pk=device.pk, recovery_codes=device.recovery_codes)
                        .update(recovery_codes=remaining))
    return False


def two_factor_confirm(*, actor, code: str) -> list[str]:
    """Confirm the app with a first code. Returns recovery codes, shown once."""
    from ayni.safety import totp
    from ayni.safety.models import TwoFactorDevice

    device = TwoFactorDevice.objects.filter(user=actor, confirmed_at__isnull=True).first()
    if device is None:
        raise ValidationError(_("Start the set-up again."))
    if not _check_code(device, code, allow_recovery=False):
        raise ValidationError({"code": [_("That code is not right. Check your phone's clock and try the new code.")]})
    codes = totp.new_recovery_codes()
    with transaction.atomic():
        TwoFactorDevice.objects.filter(pk=device.pk).update(
            confirmed_at=timezone.now(), recovery_codes=[totp.hash_recovery_code(value) for value in codes])
        audit_log(actor=actor, action="security.two_factor_on", target=actor)
    return codes


def two_factor_verify(*, user, code: str) -> bool:
    """Check a login code (or a recovery code, used up). Audited when it fails."""
    from ayni.core.ratelimit import rate_limit_hit
    from ayni.safety.models import TwoFactorDevice

    device = TwoFactorDevice.objects.filter(user=user, confirmed_at__isnull=False).first()
    if device is None:
        return False
    if not rate_limit_hit(f"safety.2fa:{user.pk}", limit=10, period=timedelta(minutes=15)).allowed:
        raise ValidationError({"code": [_("Too many attempts. Wait a few minutes and try again.")]})
    ok = _check_code(device, code, allow_recovery=True)
    if not ok:
        audit_log(actor=user, action="security.two_factor_failed", target=user)
    return ok


def two_factor_disable(*, actor, code: str) -> None:
    from ayni.safety.models import TwoFactorDevice

    device = TwoFactorDevice.objects.filter(user=actor, confirmed_at__isnull=False).first()
    if device is None:
        return
    if not _check_code(device, code, allow_recovery=True):
        raise ValidationError({"code": [_("That code is not right. Check your phone's clock and try the new code.")]})
    with transaction.atomic():
        device.delete()
        audit_log(actor=actor, action="security.two_factor_off", target=actor)


def two_factor_required_for(user) -> bool:
    """Coordinators and staff must use two-factor authentication when AYNI["TWO_FACTOR_REQUIRED"]."""
    from django.conf import settings

    from ayni.communities.models import Membership

    if not settings.AYNI.get("TWO_FACTOR_REQUIRED", False):
        return False
    return user.is_staff or Membership.objects.filter(
        user=user, is_coordinator=True, status=Membership.Status.ACTIVE).exists()
