"""Download my data, delete my account, and retention of closed relationships' messages.

Each app registers, from its AppConfig.ready():

    from ayni.safety.registry import register_exporter, register_eraser, register_retention_eraser
    register_exporter("messaging", lambda user: {...})            # JSON-serialisable
    register_eraser("messaging", lambda user: {"messages": 12})   # removes the person's content
    register_retention_eraser("messaging", purge)                 # (*, community, closed_before) -> int

The apps Ayni started with (accounts, communities, people, notifications, audit, safety) are
registered here, so they need no change.
"""

import logging
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ayni.core.audit import audit_log
from ayni.safety import registry

logger = logging.getLogger("ayni.safety")

EXPORT_FORMAT = "ayni-export-1"


def _iso(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _row(obj, fields) -> dict:
    return {name: _iso(getattr(obj, name)) for name in fields}


# ---------------------------------------------------------------- built-in exporters

def export_account(user) -> dict:
    return {
        **_row(user, ("email", "display_name", "pronouns", "language", "timezone", "date_joined",
                      "last_seen_at", "email_verified_at")),
        "notification_preferences": user.notification_preferences,
        "api_tokens": [_row(token, ("name", "scope", "created_at")) for token in user.api_tokens.all()],
    }


def export_communities(user) -> dict:
    return {"memberships": [
        {"community": membership.community.name, "slug": membership.community.slug,
         "seeker": membership.is_seeker, "supporter": membership.is_supporter,
         "coordinator": membership.is_coordinator,
         **_row(membership, ("status", "group", "capacity", "away_until", "values_agreed_at", "requested_at",
                             "joined_at"))}
        for membership in user.memberships.select_related("community")
    ]}


def export_people(user) -> dict:
    from ayni.people.models import Experience, Need, Profile

    profile = Profile.objects.filter(user=user).first()
    return {
        "profile": _row(profile, ("languages", "city", "area", "meeting_mode", "availability", "date_of_birth",
                                  "age_band", "gender")) if profile else None,
        "experiences": [
            {"community": experience.membership.community.slug, "topic": experience.topic.key,
             **_row(experience, ("story", "started_on", "ended_on", "visibility", "is_sensitive", "consent_at"))}
            for experience in Experience.objects.filter(membership__user=user).select_related(
                "membership__community", "topic")
        ],
        "needs": [
            {"community": need.membership.community.slug, "topic": need.topic.key,
             **_row(need, ("note", "is_sensitive", "consent_at"))}
            for need in Need.objects.filter(membership__user=user).select_related("membership__community", "topic")
        ],
    }


def export_notifications(user) -> dict:
    return {"notifications": [
        {"kind": notification.kind, "title": notification.title, "created_at": _iso(notification.created_at),
         "read_at": _iso(notification.read_at)}
        for notification in user.notifications.order_by("-created_at")[:5000]
    ]}


def export_audit(user) -> dict:
    from ayni.core.models import AuditEvent

    return {"my_actions": [
        {"action": event.action, "at": _iso(event.created_at), "target": event.target_type}
        for event in AuditEvent.objects.filter(actor=user).order_by("-created_at")[:5000]
    ]}


def export_safety(user) -> dict:
    from ayni.safety.models import Block, HelpMessage, Report

    return {
        "blocked": [block.blocked.display_name for block in Block.objects.filter(blocker=user).select_related("blocked")],
        "reports_made": [
            {"community": report.community.slug, "about": report.source_kind, "reason": report.reason,
             "details": report.details, "created_at": _iso(report.created_at), "status": report.status}
            for report in Report.objects.filter(reporter=user).select_related("community")
        ],
        "messages_to_coordinators": [
            {"community": message.community.slug, "text": message.text, "created_at": _iso(message.created_at)}
            for message in HelpMessage.objects.filter(author=user).select_related("community")
        ],
        "two_factor_enabled": hasattr(user, "two_factor") and user.two_factor.confirmed_at is not None,
    }


def export_user_data(user) -> dict:
    """Everything Ayni keeps about `user`, one section per registered exporter."""
    sections = {}
    for name, exporter in sorted(registry.EXPORTERS.items()):
        try:
            sections[name] = exporter(user)
        except Exception:
            logger.exception("exporter %s failed", name)
            sections[name] = {"error": "this part could not be exported; contact the coordinators"}
    return {"format": EXPORT_FORMAT, "generated_at": timezone.now().isoformat(), "user_id": user.pk,
            "sections": sections}


def data_export(*, actor, user) -> dict:
    if actor.pk != user.pk:
        raise PermissionDenied(_("You can only download your own data."))
    data = export_user_data(user)
    audit_log(actor=actor, action="privacy.export", target=user, details={"sections": sorted(data["sections"])})
    return data


# ---------------------------------------------------------------- built-in erasers

def erase_people(user) -> dict:
    from ayni.people import domain
    from ayni.people.models import Experience, Need, Profile

    experiences, _ = Experience.objects.filter(membership__user=user).delete()
    needs, _ = Need.objects.filter(membership__user=user).delete()
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        # Keep only the age band: anonymous, and what the community's statistics count.
        band = profile.age_band
        if profile.date_of_birth and not band:
            age = domain.age_on(profile.date_of_birth, timezone.localdate())
            band = next((key for key, low, high in domain.AGE_BANDS if age >= low and (high is None or age <= high)), "")
        Profile.objects.filter(pk=profile.pk).update(
            languages=[], city="", area="", availability=[], date_of_birth=None, age_band=band, gender="")
    return {"experiences": experiences, "needs": needs}


def erase_communities(user) -> dict:
    from ayni.communities.models import Membership

    left = Membership.objects.filter(user=user).exclude(status=Membership.Status.LEFT).update(
        status=Membership.Status.LEFT, status_reason="", group="", away_until=None, updated_at=timezone.now())
    return {"memberships_left": left}


def erase_notifications(user) -> dict:
    deleted, _ = user.notifications.all().delete()
    return {"notifications": deleted}


def erase_safety(user) -> dict:
    from django.db.models import Q

    from ayni.safety.models import Alert, Block, HelpMessage, Report, TwoFactorDevice

    blocks, _ = Block.objects.filter(Q(blocker=user) | Q(blocked=user)).delete()
    TwoFactorDevice.objects.filter(user=user).delete()
    help_messages = HelpMessage.objects.filter(author=user).update(text="")
    reports = Report.objects.filter(reporter=user).update(details="")
    # Safeguarding records keep what was done and the outcome, not the person's words.
    alerts = Alert.objects.filter(person=user).update(excerpt="", reasons=[])
    return {"blocks": blocks, "help_messages": help_messages, "reports": reports, "alerts": alerts}


def erase_account(user) -> dict:
    """Last: the account row stays (so counts stay right), with nothing that identifies the person."""
    from ayni.core.models import OutboundEmail

    OutboundEmail.objects.filter(to__iexact=user.email, status=OutboundEmail.Status.QUEUED).delete()
    user.api_tokens.all().delete()
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.display_name = "—"
    user.pronouns = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.notification_preferences = {}
    user.last_seen_at = None
    user.set_unusable_password()
    user.save()
    return {"account": 1}


def account_delete(*, actor, user, password: str) -> dict:
    """Delete `user`'s account: every registered eraser removes the person's content, then the
    account row is anonymised. Anonymous aggregates (memberships, relationship counts) stay."""
    if actor.pk != user.pk:
        raise PermissionDenied(_("You can only delete your own account."))
    if not user.check_password(password or ""):
        raise ValidationError({"password": [_("That is not your password.")]})
    User = get_user_model()
    counts = {}
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        for name, eraser in sorted(registry.ERASERS.items()):
            counts[name] = eraser(user)
        counts["account"] = erase_account(user)
        audit_log(actor=None, action="privacy.account_deleted", target=user, details={"erased": counts})
    return counts


# ---------------------------------------------------------------- retention

def apply_retention(*, now=None) -> int:
    """The periodic job: for every community with a retention setting, ask each registered
    retention eraser to remove the messages of relationships closed before the cut-off."""
    from ayni.safety.models import SafetySettings

    now = now or timezone.now()
    total = 0
    for settings_row in SafetySettings.objects.filter(message_retention_days__isnull=False).select_related("community"):
        closed_before = now - timedelta(days=settings_row.message_retention_days)
        for name, eraser in sorted(registry.RETENTION_ERASERS.items()):
            try:
                with transaction.atomic():
                    removed = int(eraser(community=settings_row.community, closed_before=closed_before) or 0)
                    if removed:
                        audit_log(actor=None, action="privacy.retention", target=settings_row,
                                  community=settings_row.community,
                                  details={"eraser": name, "removed": removed, "closed_before": closed_before.isoformat()})
            except Exception:
                logger.exception("retention eraser %s failed for %s", name, settings_row.community_id)
                continue
            total += removed
    return total


def register_builtins() -> None:
    for name, exporter in (("account", export_account), ("communities", export_communities),
                           ("people", export_people), ("notifications", export_notifications),
                           ("audit", export_audit), ("safety", export_safety)):
        registry.EXPORTERS.setdefault(name, exporter)
    for name, eraser in (("people", erase_people), ("communities", erase_communities),
                         ("notifications", erase_notifications), ("safety", erase_safety)):
        registry.ERASERS.setdefault(name, eraser)
