from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from ayni.communities import access, selectors, services
from ayni.communities.models import Membership, Topic
from ayni.core.api import Pagination
from ayni.core.pagination import GroupedRows, MappedRows

router = Router(tags=["communities"])


class CommunityOut(Schema):
    slug: str
    name: str
    kind: str
    description: str
    values_statement: str
    languages: list[str]
    country: str
    visibility: str
    join_policy: str


class JoinIn(Schema):
    agree_values: bool
    as_seeker: bool = True
    as_supporter: bool = False
    invite_code: str = ""


class MembershipOut(Schema):
    id: int
    community: str
    display_name: str
    is_seeker: bool
    is_supporter: bool
    is_coordinator: bool
    status: str
    group: str
    capacity: int
    away_until: str | None
    joined_at: datetime | None


class MemberForCoordinatorOut(MembershipOut):
    email: str
    status_reason: str
    requested_at: datetime


class RolesIn(Schema):
    is_seeker: bool
    is_supporter: bool
    is_coordinator: bool
    group: str | None = None


class ReasonIn(Schema):
    reason: str = ""


class TopicOut(Schema):
    id: int
    key: str
    name: str
    name_es: str
    name_en: str
    description_es: str
    description_en: str
    is_sensitive: bool
    is_archived: bool


class TopicIn(Schema):
    key: str = ""
    name_es: str
    name_en: str
    description_es: str = ""
    description_en: str = ""
    is_sensitive: bool = False


class TopicPatch(Schema):
    name_es: str | None = None
    name_en: str | None = None
    description_es: str | None = None
    description_en: str | None = None
    is_sensitive: bool | None = None
    is_archived: bool | None = None


def membership_out(membership: Membership, *, for_coordinator: bool = False) -> dict:
    data = {
        "id": membership.pk, "community": membership.community.slug, "display_name": membership.user.display_name,
        "is_seeker": membership.is_seeker, "is_supporter": membership.is_supporter,
        "is_coordinator": membership.is_coordinator, "status": membership.status, "group": membership.group,
        "capacity": membership.capacity,
        "away_until": membership.away_until.isoformat() if membership.away_until else None,
        "joined_at": membership.joined_at,
    }
    if for_coordinator:
        data.update(email=membership.user.email, status_reason=membership.status_reason,
                    requested_at=membership.requested_at)
    return data


def topic_out(topic: Topic) -> dict:
    return {"id": topic.pk, "key": topic.key, "name": topic.name, "name_es": topic.name_es, "name_en": topic.name_en,
            "description_es": topic.description_es, "description_en": topic.description_en,
            "is_sensitive": topic.is_sensitive, "is_archived": topic.is_archived}


@router.get("", response=list[CommunityOut], summary="Listed communities")
@paginate(Pagination)
def list_communities(request):
    return selectors.communities_listed()


@router.get("/mine", response=list[MembershipOut], summary="My memberships")
@paginate(Pagination)
def my_memberships(request):
    return MappedRows(selectors.memberships_of(user=request.user).select_related("user"), transform=membership_out)


@router.get("/{slug}", response=CommunityOut, summary="One community")
def community_detail(request, slug: str):
    return access.access_community(request.user, slug)


@router.post("/{slug}/join", response={201: MembershipOut}, summary="Join, or ask to join, a community")
def join(request, slug: str, payload: JoinIn):
    community = access.access_community(request.user, slug)
    membership = services.community_join(actor=request.user, community=community, agree_values=payload.agree_values,
                                         as_seeker=payload.as_seeker, as_supporter=payload.as_supporter,
                                         invite_code=payload.invite_code)
    return Status(201, membership_out(membership))


@router.get("/{slug}/topics", response=list[TopicOut], summary="The community's topics")
def list_topics(request, slug: str, include_archived: bool = False):
    community = access.access_community(request.user, slug)
    if include_archived:
        access.access_community_as_coordinator(request.user, slug)
    return [topic_out(t) for t in selectors.topics_of(community, include_archived=include_archived)]


@router.post("/{slug}/topics", response={201: TopicOut}, summary="Add a topic (coordinators)")
def create_topic(request, slug: str, payload: TopicIn):
    community, _own = access.access_community_as_coordinator(request.user, slug)
    return Status(201, topic_out(services.topic_create(actor=request.user, community=community, **payload.dict())))


@router.patch("/{slug}/topics/{topic_id}", response=TopicOut, summary="Change a topic (coordinators)")
def update_topic(request, slug: str, topic_id: int, payload: TopicPatch):
    community, _own = access.access_community_as_coordinator(request.user, slug)
    topic = community.topics.filter(pk=topic_id).first()
    if topic is None:
        raise Http404(_("No such topic."))
    data = payload.dict(exclude_none=True)
    archived = data.pop("is_archived", None)
    if data:
        topic = services.topic_update(actor=request.user, topic=topic, **data)
    if archived is not None:
        topic = services.topic_set_archived(actor=request.user, topic=topic, archived=archived)
    return topic_out(topic)


@router.get("/{slug}/memberships", response=list[MemberForCoordinatorOut], summary="Members (coordinators)")
@paginate(Pagination)
def list_memberships(request, slug: str, status: str = "", role: str = "", q: str = ""):
    community, _own = access.access_community_as_coordinator(request.user, slug)
    if status and status not in Membership.Status.values:
        raise ValidationError({"status": [_("Unknown status. Use pending, active, suspended, left or rejected.")]})
    # Counted by status and read a page at a time in the database (as the members page is).
    members = selectors.memberships_for_coordinator(community, status=status, role=role, query=q)
    return GroupedRows(members, group="status", transform=lambda m: membership_out(m, for_coordinator=True))


@router.get("/{slug}/memberships/{membership_id}", response=MemberForCoordinatorOut, summary="One member (coordinators)")
def get_membership(request, slug: str, membership_id: int):
    _community, membership = access.access_membership_as_coordinator(request.user, slug, membership_id)
    return membership_out(membership, for_coordinator=True)


@router.put("/{slug}/memberships/{membership_id}/roles", response=MemberForCoordinatorOut, summary="Change roles (coordinators)")
def set_roles(request, slug: str, membership_id: int, payload: RolesIn):
    _community, membership = access.access_membership_as_coordinator(request.user, slug, membership_id)
    membership = services.membership_set_roles(actor=request.user, membership=membership, **payload.dict())
    return membership_out(membership, for_coordinator=True)


ACTIONS = {
    "approve": services.membership_approve,
    "reject": services.membership_reject,
    "suspend": services.membership_suspend,
    "reactivate": services.membership_reactivate,
}


@router.post("/{slug}/memberships/{membership_id}/{action}", response=MemberForCoordinatorOut,
             summary="approve, reject, suspend or reactivate a member (coordinators)")
def membership_action(request, slug: str, membership_id: int, action: str, payload: ReasonIn | None = None):
    if action not in ACTIONS:
        raise Http404(_("Unknown action. Use approve, reject, suspend or reactivate."))
    _community, membership = access.access_membership_as_coordinator(request.user, slug, membership_id)
    kwargs = {"actor": request.user, "membership": membership}
    if action in {"reject", "suspend"}:
        kwargs["reason"] = payload.reason if payload else ""
    return membership_out(ACTIONS[action](**kwargs), for_coordinator=True)
