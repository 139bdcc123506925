"""The periodic monitoring job: check-ins on each community's cadence and inactivity reminders.

Registered with the scheduler (hourly). Each step claims its work with the database so it is done
once even when two hosts run the job: a check-in row is unique per (relationship, person, step),
and the inactivity stamps are set with a conditional UPDATE whose row count is checked.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from ayni.notifications.services import notify
from ayni.relationships import lifecycle
from ayni.relationships.cadence import Cadence, due_at, latest_due
from ayni.relationships.models import CheckIn, MonitoringSettings, Relationship
from ayni.relationships.notifications import coordinators, relationship_url


def _settings_by_community(community_ids) -> dict[int, MonitoringSettings]:
    found = {row.community_id: row for row in MonitoringSettings.objects.filter(community_id__in=community_ids)}
    return {pk: found.get(pk) or MonitoringSettings(community_id=pk) for pk in community_ids}


def _active_relationships():
    return (Relationship.objects.filter(status=lifecycle.ACTIVE, started_at__isnull=False)
            .select_related("community", "seeker__user", "supporter__user"))


def ask_check_ins(*, now=None) -> int:
    """Create (and notify) the latest due check-in for each person of each active relationship."""
    now = now or timezone.now()
    relationships = list(_active_relationships())
    settings_map = _settings_by_community({r.community_id for r in relationships})
    existing = set(CheckIn.objects.filter(relationship__in=relationships)
                   .values_list("relationship_id", "user_id", "sequence"))
    asked = 0
    for relationship in relationships:
        row = settings_map[relationship.community_id]
        cadence = Cadence(row.first_contact_hours, row.first_month_check_ins, row.then_every_days)
        sequence = latest_due(relationship.started_at, now, cadence)
        if not sequence:
            continue
        for person, other in ((relationship.seeker.user, relationship.supporter.user),
                              (relationship.supporter.user, relationship.seeker.user)):
            if (relationship.pk, person.pk, sequence) in existing:
                continue
            try:
                with transaction.atomic():
                    CheckIn.objects.create(relationship=relationship, user=person, sequence=sequence,
                                           due_at=due_at(sequence, relationship.started_at, cadence), asked_at=now)
            except IntegrityError:
                continue  # another host asked it first
            notify(person, "relationships.check_in", context={"name": other.display_name},
                   url=relationship_url(relationship) + "check-in/", community=relationship.community)
            asked += 1
    return asked


def watch_inactivity(*, now=None) -> tuple[int, int]:
    """Remind both people after N days without a session; alert the coordinators after M days."""
    now = now or timezone.now()
    relationships = list(_active_relationships())
    settings_map = _settings_by_community({r.community_id for r in relationships})
    reminders = alerts = 0
    for relationship in relationships:
        row = settings_map[relationship.community_id]
        since = max(filter(None, [relationship.last_session_at, relationship.started_at]))
        idle_days = (now - since).days
        stale = Q(inactivity_reminded_at__isnull=True) | Q(inactivity_reminded_at__lt=since)
        if idle_days >= row.inactivity_reminder_days and Relationship.objects.filter(
                stale, pk=relationship.pk).update(inactivity_reminded_at=now):
            for person, other in ((relationship.seeker.user, relationship.supporter.user),
                                  (relationship.supporter.user, relationship.seeker.user)):
                notify(person, "relationships.inactive_reminder", context={"name": other.display_name,
                                                                          "days": idle_days},
                       url=relationship_url(relationship), community=relationship.community)
            reminders += 1
        stale = Q(inactivity_alerted_at__isnull=True) | Q(inactivity_alerted_at__lt=since)
        if idle_days >= row.inactivity_alert_days and Relationship.objects.filter(
                stale, pk=relationship.pk).update(inactivity_alerted_at=now):
            for coordinator in coordinators(relationship.community):
                notify(coordinator, "relationships.inactive_alert",
                       context={"seeker": relationship.seeker.user.display_name,
                                "supporter": relationship.supporter.user.display_name, "days": idle_days},
                       url=f"/relationships/community/{relationship.community.slug}/",
                       community=relationship.community)
            alerts += 1
    return reminders, alerts


def run_monitoring(*, now=None) -> dict[str, int]:
    now = now or timezone.now()
    check_ins = ask_check_ins(now=now)
    reminders, alerts = watch_inactivity(now=now)
    return {"check_ins": check_ins, "reminders": reminders, "alerts": alerts}


def overdue_check_ins(community, *, now=None, older_than=timedelta(days=3)):
    """Check-ins asked more than `older_than` ago and still unanswered (for the coordinator)."""
    now = now or timezone.now()
    return (CheckIn.objects.filter(relationship__community=community, answered_at__isnull=True,
                                   asked_at__lte=now - older_than)
            .select_related("user", "relationship__seeker__user", "relationship__supporter__user")
            .order_by("asked_at"))
