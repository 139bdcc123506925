"""What the relationships work tells people, and the notification kinds it registers."""

from django.utils.translation import gettext_lazy as _

from ayni.communities.models import Membership
from ayni.notifications.kinds import register_kind
from ayni.notifications.services import notify

KINDS = {
    "relationships.proposed": (_("A new relationship with %(name)s: read and acknowledge the agreement"), "proposals"),
    "relationships.active": (_("Your relationship with %(name)s has started"), "proposals"),
    "relationships.paused": (_("Your relationship with %(name)s is paused"), "general"),
    "relationships.resumed": (_("Your relationship with %(name)s has resumed"), "general"),
    "relationships.closed": (_("Your relationship with %(name)s has ended"), "general"),
    "relationships.cancelled": (_("The relationship with %(name)s will not start"), "general"),
    "relationships.rematched": (_("Your relationship with %(name)s has ended with a rematch"), "general"),
    "relationships.exit_survey": (_("Your relationship with %(name)s is ending: tell us how it went"), "surveys"),
    "relationships.session_scheduled": (_("%(name)s scheduled a session for %(when)s"), "reminders"),
    "relationships.check_in": (_("How is it going with %(name)s? A short check-in"), "checkins"),
    "relationships.inactive_reminder": (_("No session with %(name)s for %(days)s days"), "reminders"),
    "relationships.inactive_alert": (_("%(seeker)s and %(supporter)s have had no session for %(days)s days"), "checkins"),
}


def register_kinds() -> None:
    for key, (title, category) in KINDS.items():
        register_kind(key, title=title, category=category)


def relationship_url(relationship) -> str:
    return f"/relationships/{relationship.pk}/"


def _both(relationship):
    return ((relationship.seeker.user, relationship.supporter.user),
            (relationship.supporter.user, relationship.seeker.user))


def coordinators(community):
    return [membership.user for membership in Membership.objects.filter(
        community=community, is_coordinator=True, status=Membership.Status.ACTIVE).select_related("user")]


def relationship_proposed(relationship) -> None:
    for recipient, other in _both(relationship):
        notify(recipient, "relationships.proposed", context={"name": other.display_name},
               url=relationship_url(relationship) + "agreement/", community=relationship.community)


def status_changed(relationship, *, actor, old: str, new: str) -> None:
    if new == "active" and old == "proposed":
        for recipient, other in _both(relationship):
            notify(recipient, "relationships.active", context={"name": other.display_name},
                   url=relationship_url(relationship), community=relationship.community)
        return
    if new == "closing":
        return  # exit_survey_requested says it
    kind = {"paused": "relationships.paused", "active": "relationships.resumed", "closed": "relationships.closed",
            "rematched": "relationships.rematched"}.get(new)
    if old == "proposed" and new == "closed":
        kind = "relationships.cancelled"
    if kind is None:
        return
    for recipient, other in _both(relationship):
        if actor is not None and recipient.pk == actor.pk:
            continue
        notify(recipient, kind, context={"name": other.display_name},
               url=relationship_url(relationship), community=relationship.community, email=False)


def exit_survey_requested(relationship) -> None:
    for recipient, other in _both(relationship):
        notify(recipient, "relationships.exit_survey", context={"name": other.display_name},
               url=relationship_url(relationship) + "exit-survey/", community=relationship.community)
