"""Safety over HTTP: the same services and permissions as the pages."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from ayni.communities.access import access_community_as_coordinator, access_community_as_member
from ayni.core.api import Pagination
from ayni.safety import access, services
from ayni.safety.models import Alert, Block, Report

router = Router(tags=["safety"])


class ResourceOut(Schema):
    id: int
    name: str
    description: str
    country: str
    phone: str
    text_line: str
    web: str
    hours: str
    is_emergency: bool
    verified: bool


class HelpIn(Schema):
    text: str


class ScreeningOut(Schema):
    level: str
    resources: list[ResourceOut]
    coordinator_alerted: bool


class AlertOut(Schema):
    id: int
    community: str
    kind: str
    level: str
    status: str
    person: str | None
    raised_by: str | None
    assigned_to: str | None
    source: str
    source_id: str
    excerpt: str
    note: str
    actions_taken: str
    outcome: str
    created_at: datetime
    acknowledged_at: datetime | None
    closed_at: datetime | None


class ActionIn(Schema):
    text: str


class CloseIn(Schema):
    outcome: str
    note: str = ""


class ReferIn(Schema):
    note: str
    level: str = "urgent"
    person_id: int | None = None
    source: str = ""
    source_id: str = ""


class ReportIn(Schema):
    source_kind: str
    source_id: str
    reason: str
    details: str = ""


class ReportOut(Schema):
    id: int
    community: str
    source_kind: str
    source_id: str
    reason: str
    details: str
    person: str | None
    status: str
    action: str
    created_at: datetime


class ResolveIn(Schema):
    action: str
    note: str = ""


class BlockIn(Schema):
    user_id: int


class BlockOut(Schema):
    user_id: int
    display_name: str
    created_at: datetime


def resource_out(resource) -> dict:
    return {"id": resource.pk, "name": resource.name, "description": resource.description,
            "country": resource.country, "phone": resource.phone, "text_line": resource.text_line,
            "web": resource.web, "hours": resource.hours, "is_emergency": resource.is_emergency,
            "verified": resource.is_verified}


def _name(user) -> str | None:
    return user.display_name if user is not None else None


def alert_out(alert: Alert) -> dict:
    return {"id": alert.pk, "community": alert.community.slug, "kind": alert.kind, "level": alert.level,
            "status": alert.status, "person": _name(alert.person), "raised_by": _name(alert.raised_by),
            "assigned_to": _name(alert.assigned_to), "source": alert.source, "source_id": alert.source_id,
            "excerpt": alert.excerpt, "note": alert.note, "actions_taken": alert.actions_taken,
            "outcome": alert.outcome, "created_at": alert.created_at, "acknowledged_at": alert.acknowledged_at,
            "closed_at": alert.closed_at}


def report_out(report: Report) -> dict:
    return {"id": report.pk, "community": report.community.slug, "source_kind": report.source_kind,
            "source_id": report.source_id, "reason": report.reason, "details": report.details,
            "person": _name(report.person), "status": report.status, "action": report.action,
            "created_at": report.created_at}


@router.get("/communities/{slug}/resources", response=list[ResourceOut], summary="Crisis resources shown in a community")
def community_resources(request, slug: str):
    from ayni.safety.selectors import resources_for

    community, _membership = access_community_as_member(request.user, slug)
    return [resource_out(resource) for resource in resources_for(community)]


@router.post("/communities/{slug}/help", response={201: ScreeningOut}, summary="Write to the coordinators")
def send_help(request, slug: str, payload: HelpIn):
    community, _membership = access_community_as_member(request.user, slug)
    _message, screening = services.help_message_send(actor=request.user, community=community, text=payload.text)
    return Status(201, {"level": screening.level, "resources": [resource_out(r) for r in screening.resources],
                        "coordinator_alerted": screening.alert is not None})


@router.post("/communities/{slug}/refer", response={201: AlertOut}, summary="Refer a situation to the coordinator on duty")
def refer(request, slug: str, payload: ReferIn):
    community, _membership = access_community_as_member(request.user, slug)
    person = None
    if payload.person_id is not None:
        from ayni.communities.models import Membership

        found = Membership.objects.select_related("user").filter(community=community, user_id=payload.person_id).first()
        if found is None:
            raise Http404(_("No such member."))
        person = found.user
    alert = services.referral_raise(actor=request.user, community=community, person=person, source=payload.source,
                                    source_id=payload.source_id, note=payload.note, level=payload.level)
    return Status(201, alert_out(alert))


@router.get("/communities/{slug}/alerts", response=list[AlertOut], summary="Safety alerts (coordinators)")
@paginate(Pagination)
def list_alerts(request, slug: str, closed: bool = False):
    community, _membership = access_community_as_coordinator(request.user, slug)
    alerts = Alert.objects.filter(community=community).select_related("community", "person", "raised_by",
                                                                      "assigned_to")
    alerts = alerts.filter(status=Alert.Status.CLOSED) if closed else alerts.exclude(status=Alert.Status.CLOSED)
    return [alert_out(alert) for alert in alerts]


@router.get("/alerts/{alert_id}", response=AlertOut, summary="One alert (coordinators)")
def get_alert(request, alert_id: int):
    return alert_out(access.access_alert(request.user, alert_id))


@router.post("/alerts/{alert_id}/acknowledge", response=AlertOut, summary="Take an alert")
def acknowledge_alert(request, alert_id: int):
    alert = access.access_alert(request.user, alert_id)
    return alert_out(services.alert_acknowledge(actor=request.user, alert=alert))


@router.post("/alerts/{alert_id}/actions", response=AlertOut, summary="Record what was done")
def record_alert_action(request, alert_id: int, payload: ActionIn):
    alert = access.access_alert(request.user, alert_id)
    return alert_out(services.alert_record_action(actor=request.user, alert=alert, text=payload.text))


@router.post("/alerts/{alert_id}/close", response=AlertOut, summary="Close an alert with its outcome")
def close_alert(request, alert_id: int, payload: CloseIn):
    alert = access.access_alert(request.user, alert_id)
    return alert_out(services.alert_close(actor=request.user, alert=alert, outcome=payload.outcome, note=payload.note))


@router.post("/communities/{slug}/reports", response={201: ReportOut}, summary="Report a message, a person or a circle")
def create_report(request, slug: str, payload: ReportIn):
    community, _membership = access_community_as_member(request.user, slug)
    report = services.report_create(actor=request.user, community=community, source_kind=payload.source_kind,
                                    source_id=payload.source_id, reason=payload.reason, details=payload.details)
    return Status(201, report_out(report))


@router.get("/communities/{slug}/reports", response=list[ReportOut], summary="Moderation queue (coordinators)")
@paginate(Pagination)
def list_reports(request, slug: str, resolved: bool = False):
    community, _membership = access_community_as_coordinator(request.user, slug)
    status = Report.Status.RESOLVED if resolved else Report.Status.OPEN
    return [report_out(report) for report in
            Report.objects.filter(community=community, status=status).select_related("community", "person")]


@router.post("/communities/{slug}/reports/{report_id}/resolve", response=ReportOut, summary="Act on a report (coordinators)")
def resolve_report(request, slug: str, report_id: int, payload: ResolveIn):
    community, _membership = access_community_as_coordinator(request.user, slug)
    report = access.access_report_as_coordinator(request.user, community, report_id)
    return report_out(services.report_resolve(actor=request.user, report=report, action=payload.action,
                                              note=payload.note))


@router.get("/blocks", response=list[BlockOut], summary="People I blocked")
@paginate(Pagination)
def list_blocks(request):
    return [{"user_id": block.blocked_id, "display_name": block.blocked.display_name, "created_at": block.created_at}
            for block in Block.objects.filter(blocker=request.user).select_related("blocked")]


def _blockable(request, user_id: int):
    other = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if other is None or other.pk == request.user.pk or not access.shares_a_community(request.user, other):
        raise Http404(_("No such person."))
    return other


@router.post("/blocks", response={201: BlockOut}, summary="Block someone")
def create_block(request, payload: BlockIn):
    other = _blockable(request, payload.user_id)
    block = services.block_create(actor=request.user, blocked=other)
    return Status(201, {"user_id": other.pk, "display_name": other.display_name, "created_at": block.created_at})


@router.delete("/blocks/{user_id}", response={204: None}, summary="Unblock someone")
def delete_block(request, user_id: int):
    other = _blockable(request, user_id)
    services.block_remove(actor=request.user, blocked=other)
    return Status(204, None)


@router.get("/my-data", response=dict, summary="Download all my data (JSON)")
def my_data(request):
    from ayni.safety.privacy import data_export

    return data_export(actor=request.user, user=request.user)
