"""Who may read what of a relationship.

- The two people (seeker and supporter) read everything of theirs, except each other's private
  notes: those are only ever shown to their writer.
- Coordinators of the community read the status: people, topics, dates, how many sessions and
  when, goal titles and attainment, check-in answers. Never notes, feedback comments or messages.
- Anyone else gets 404 (they may not know it exists).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from ayni.communities.models import Membership
from ayni.relationships.models import Relationship


@dataclass(frozen=True)
class RelationshipAccess:
    relationship: Relationship
    is_participant: bool
    is_coordinator: bool

    @property
    def roles(self) -> set[str]:
        from ayni.relationships import lifecycle

        roles = set()
        if self.is_participant:
            roles.add(lifecycle.PARTICIPANT)
        if self.is_coordinator:
            roles.add(lifecycle.COORDINATOR)
        return roles


def _is_coordinator(user, community_id: int) -> bool:
    return Membership.objects.filter(community_id=community_id, user=user, is_coordinator=True,
                                     status=Membership.Status.ACTIVE).exists()


def access_relationship(user, relationship_id) -> RelationshipAccess:
    """The relationship for one of its two people or a coordinator of its community; 404 otherwise."""
    if not getattr(user, "is_authenticated", False):
        raise Http404(_("No such relationship."))
    relationship = (
        Relationship.objects.select_related("community", "seeker__user", "supporter__user")
        .filter(pk=relationship_id).first()
    )
    if relationship is None:
        raise Http404(_("No such relationship."))
    is_participant = user.pk in (relationship.seeker.user_id, relationship.supporter.user_id)
    is_coordinator = _is_coordinator(user, relationship.community_id)
    if not (is_participant or is_coordinator):
        raise Http404(_("No such relationship."))
    return RelationshipAccess(relationship, is_participant, is_coordinator)


def access_relationship_as_participant(user, relationship_id) -> Relationship:
    """Only the two people: a coordinator knows it exists but may not read its contents (403)."""
    access = access_relationship(user, relationship_id)
    if not access.is_participant:
        raise PermissionDenied(_("Only the two people in this relationship can see this."))
    return access.relationship


def access_session(user, relationship_id, session_id):
    relationship = access_relationship_as_participant(user, relationship_id)
    session = relationship.sessions.filter(pk=session_id).first()
    if session is None:
        raise Http404(_("No such session."))
    return relationship, session


def access_goal(user, relationship_id, goal_id):
    relationship = access_relationship_as_participant(user, relationship_id)
    goal = relationship.goals.filter(pk=goal_id).first()
    if goal is None:
        raise Http404(_("No such goal."))
    return relationship, goal
