"""Permission-checked fetchers for safety. 404 for what the person may not know exists."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
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


def may_read_conversation_as_coordinator(*, user, community, participants, reason: str = "minor",
                                         target=None, report=None) -> bool:
    """Coordinators see relationship status, not messages, except:

    - the conversation involves a minor (the minor rule; both sides are told so), or
    - a report about it is being handled (`report` open, in this community).

    When access is granted it is audited (`safety.coordinator_read`), so every read by a
    coordinator leaves a trace. `participants` are the conversation's Memberships (or users).
    """
    from ayni.core.audit import audit_log
    from ayni.safety.minors import is_minor

    if not is_coordinator_of(user, community):
        return False
    allowed = False
    why = ""
    if report is not None and report.community_id == community.pk and report.status == Report.Status.OPEN:
        allowed, why = True, "report"
    else:
        for participant in participants:
            membership = participant
            if not isinstance(participant, Membership):
                membership = Membership.objects.select_related("user", "community").filter(
                    community=community, user=participant).first()
            if membership is not None and is_minor(membership):
                allowed, why = True, "minor"
                break
    if allowed:
        audit_log(actor=user, action="safety.coordinator_read", target=target, community=community,
                  details={"why": why, "reason": reason,
                           "report": getattr(report, "pk", None)})
    return allowed


def conversation_involves_minor(participants) -> bool:
    """For the notice both sides see: "coordinators can read this conversation"."""
    from ayni.safety.minors import is_minor

    return any(is_minor(participant) for participant in participants if isinstance(participant, Membership))
