"""Permission-checked fetchers for safety. 404 for what the person may not know exists."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ayni.communities.access import membership_of
from ayni.communities.models import Membership
from ayni.safety.models import Alert, Report


def is_coordinator_of(user, community) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    membership = membership_of(user, community)
    return membership is not None and membership.is_coordinator and membership.status == Membership.Status.ACTIVE


def access_alert(user, alert_id: int) -> Alert:
    """An alert, for the coordinators of its community (and staff)."""
    alert = Alert.objects.select_related("community", "person", "raised_by", "assigned_to",
                                         "acknowledged_by", "closed_by").filter(pk=alert_id).first()
    if alert is None or not (user.is_staff or is_coordinator_of(user, alert.community)):
        raise Http404(_("No such alert."))
    return alert


def access_report_as_coordinator(user, community, report_id: int) -> Report:
    if not is_coordinator_of(user, community) and not user.is_staff:
        raise PermissionDenied(_("Only the community's coordinators can do this."))
    report = Report.objects.select_related("reporter", "person", "resolved_by", "community").filter(
        community=community, pk=report_id).first()
    if report is None:
        raise Http404(_("No such report."))
    return report


def shares_a_community(first_user, second_user) -> bool:
    """Two people who belong (now or before) to the same community may know each other exists."""
    first_ids = set(Membership.objects.filter(user=first_user).exclude(
        status=Membership.Status.REJECTED).values_list("community_id", flat=True))
    return Membership.objects.filter(user=second_user, community_id__in=first_ids).exclude(
        status=Membership.Status.REJECTED).exists()


COORDINATOR_READ_ACTION = "safety.coordinator_read"
# One audit row per coordinator, conversation and hour: a page that polls every few seconds
# would otherwise bury the trail under identical rows; the first reading of each hour stays.
COORDINATOR_READ_AUDIT_EVERY = timedelta(hours=1)


def coordinator_read_reason(*, user, community, participants=(), involves_minor: bool | None = None,
                            report=None, open_report: bool | None = None) -> str:
    """The one rule for a coordinator reading a conversation they do not take part in.

    Coordinators see the status of relationships, not their messages, except where:

    - a minor takes part ("minor"; both sides are told so): ``involves_minor`` when the caller
      keeps that flag (messaging does), otherwise worked out from ``participants`` (Memberships
      or users of ``community``);
    - a report about it is being handled ("report"): ``report`` open and in this community, or
      ``open_report`` when the caller has looked it up.

    Returns the reason, or "" when the user may not read it (not an active coordinator of
    ``community``, or neither rule applies). Writes nothing: see
    :func:`access_conversation_as_coordinator`.
    """
    from ayni.safety.minors import is_minor

    if not is_coordinator_of(user, community):
        return ""
    if involves_minor is None:
        involves_minor = False
        for participant in participants:
            membership = participant
            if not isinstance(participant, Membership):
                membership = Membership.objects.select_related("user", "community").filter(
                    community=community, user=participant).first()
            if membership is not None and is_minor(membership):
                involves_minor = True
                break
    if involves_minor:
        return "minor"
    if report is not None and report.community_id == community.pk and report.status == Report.Status.OPEN:
        return "report"
    if open_report:
        return "report"
    return ""


def coordinator_read_audit(*, user, community, target, reason: str, report=None) -> bool:
    """Record that a coordinator read ``target`` under ``reason``: at most one row per
    coordinator and target every :data:`COORDINATOR_READ_AUDIT_EVERY`. True if a row was written."""
    from ayni.core.audit import audit_log
    from ayni.core.models import AuditEvent

    recent = AuditEvent.objects.filter(
        actor=user, action=COORDINATOR_READ_ACTION, community_id=getattr(community, "pk", community),
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        created_at__gte=timezone.now() - COORDINATOR_READ_AUDIT_EVERY,
    ).filter(details__why=reason).exists()
    if recent:
        return False
    audit_log(actor=user, action=COORDINATOR_READ_ACTION, target=target, community=community,
              details={"why": reason, "report": getattr(report, "pk", None)})
    return True


def access_conversation_as_coordinator(*, user, community, target, participants=(),
                                       involves_minor: bool | None = None, report=None,
                                       open_report: bool | None = None) -> str:
    """:func:`coordinator_read_reason`, and when it allows the reading, the (rate-limited)
    audit row. Returns the reason or ""."""
    reason = coordinator_read_reason(user=user, community=community, participants=participants,
                                     involves_minor=involves_minor, report=report, open_report=open_report)
    if reason:
        coordinator_read_audit(user=user, community=community, target=target, reason=reason, report=report)
    return reason


def may_read_conversation_as_coordinator(*, user, community, participants, target=None, report=None) -> bool:
    """True when :func:`access_conversation_as_coordinator` allows the reading (audited)."""
    return bool(access_conversation_as_coordinator(user=user, community=community, target=target,
                                                   participants=participants, report=report))


def conversation_involves_minor(participants) -> bool:
    """For the notice both sides see: "coordinators can read this conversation"."""
    from ayni.safety.minors import is_minor

    return any(is_minor(participant) for participant in participants if isinstance(participant, Membership))
