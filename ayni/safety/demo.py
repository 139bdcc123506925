"""Demo safety data: resources copied from the defaults (one checked), a duty rota, community
settings, one closed alert with its history and one open concern. Idempotent."""

from datetime import timedelta

from django.utils import timezone

from ayni.communities.models import Community, Membership
from ayni.safety.models import (
    Alert,
    AlertEvent,
    CrisisResource,
    DutyRota,
    HelpMessage,
    SafetySettings,
)
from ayni.safety.services import crisis_resources_ensure_defaults

SETTINGS_BY_KIND = {
    Community.Kind.SCHOOL: {"parental_consent_required": True, "parental_consent_below_age": 16,
                            "escalation_minutes": 10},
    Community.Kind.FIRST_RESPONDERS: {"escalation_minutes": 10, "message_retention_days": 365},
}


def load(*, communities, stdout=None) -> dict[str, int]:
    crisis_resources_ensure_defaults()
    counts = {"crisis resources": 0, "safety alerts": 0}
    now = timezone.now()
    for community in communities.values():
        SafetySettings.objects.get_or_create(community=community,
                                             defaults=SETTINGS_BY_KIND.get(community.kind, {}))
        coordinators = [membership.user for membership in Membership.objects.filter(
            community=community, is_coordinator=True, status=Membership.Status.ACTIVE).select_related("user")]
        for position, coordinator in enumerate(coordinators, start=1):
            DutyRota.objects.get_or_create(community=community, coordinator=coordinator,
                                           defaults={"position": position})
        if not CrisisResource.objects.filter(community=community).exists():
            defaults = CrisisResource.objects.filter(community__isnull=True, country=community.country or "")
            for index, default in enumerate(defaults):
                CrisisResource.objects.create(
                    community=community, source_key=default.source_key, categories=default.categories,
                    country=default.country, name_es=default.name_es, name_en=default.name_en,
                    description_es=default.description_es, description_en=default.description_en,
                    phone=default.phone, text_line=default.text_line, web=default.web, hours_es=default.hours_es,
                    hours_en=default.hours_en, is_emergency=default.is_emergency, position=default.position,
                    # The first one checked by the coordinator, the rest waiting: both states show.
                    verified_at=now if index == 0 and coordinators else None,
                    verified_by=coordinators[0] if index == 0 and coordinators else None,
                )
                counts["crisis resources"] += 1
        seeker = (Membership.objects.filter(community=community, is_seeker=True, status=Membership.Status.ACTIVE)
                  .exclude(is_coordinator=True).select_related("user").order_by("pk").first())
        if not coordinators or seeker is None or Alert.objects.filter(community=community).exists():
            continue
        closed = Alert.objects.create(
            community=community, kind=Alert.Kind.DETECTION, level=Alert.Level.URGENT, person=seeker.user,
            source="help_message", excerpt="Últimamente pienso que todos estarían mejor sin mí.",
            reasons=[{"category": "suicide", "expression": "estarían mejor sin mí"}],
            status=Alert.Status.CLOSED, assigned_to=coordinators[0], acknowledged_by=coordinators[0],
            acknowledged_at=now - timedelta(days=6, hours=23, minutes=50),
            actions_taken="Llamé por teléfono. Hablamos media hora y pidió cita con su médica de cabecera.",
            outcome=Alert.Outcome.SAFE, closed_by=coordinators[0], closed_at=now - timedelta(days=6),
            created_at=now - timedelta(days=7),
        )
        for kind, minutes in ((AlertEvent.Kind.ALERTED, 0), (AlertEvent.Kind.ACKNOWLEDGED, 10),
                              (AlertEvent.Kind.CLOSED, 24 * 60)):
            AlertEvent.objects.create(alert=closed, kind=kind, recipient=coordinators[0] if minutes == 0 else None,
                                      actor=coordinators[0] if minutes else None,
                                      created_at=closed.created_at + timedelta(minutes=minutes))
        message = HelpMessage.objects.create(
            community=community, author=seeker.user, level="none",
            text="¿Podría hablar con alguien esta semana? Me está costando dormir desde que empecé.",
        )
        concern = Alert.objects.create(
            community=community, kind=Alert.Kind.REFERRAL, level=Alert.Level.CONCERN, person=seeker.user,
            raised_by=seeker.user, source="help_message", source_id=str(message.pk), excerpt=message.text,
            assigned_to=coordinators[0], escalate_at=now + timedelta(minutes=15),
        )
        HelpMessage.objects.filter(pk=message.pk).update(alert=concern)
        AlertEvent.objects.create(alert=concern, kind=AlertEvent.Kind.ALERTED, recipient=coordinators[0])
        counts["safety alerts"] += 2
    return counts
