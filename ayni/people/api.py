from datetime import date

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from ayni.people import access, services
from ayni.people.models import Experience, Need

router = Router(tags=["profile"])


class ProfileSchema(Schema):
    languages: list[str]
    city: str = ""
    area: str = ""
    meeting_mode: str = "online"
    availability: list[str] = []
    date_of_birth: date | None = None
    age_band: str = ""
    gender: str = ""


class ExperienceIn(Schema):
    topic_id: int
    story: str
    started_on: date | None = None
    ended_on: date | None = None
    visibility: str = "private"
    sensitive_consent: bool = False


class ExperienceOut(Schema):
    id: int
    topic_id: int
    topic_key: str
    topic: str
    story: str
    started_on: date | None
    ended_on: date | None
    visibility: str
    is_sensitive: bool


class NeedIn(Schema):
    topic_id: int
    note: str = ""
    sensitive_consent: bool = False


class NeedOut(Schema):
    id: int
    topic_id: int
    topic_key: str
    topic: str
    note: str


class SupporterSettings(Schema):
    capacity: int
    away_until: date | None = None


class MemberOut(Schema):
    id: int
    display_name: str
    pronouns: str
    is_seeker: bool
    is_supporter: bool
    is_coordinator: bool
    experiences: list[ExperienceOut]


def experience_out(experience: Experience) -> dict:
    return {"id": experience.pk, "topic_id": experience.topic_id, "topic_key": experience.topic.key,
            "topic": experience.topic.name, "story": experience.story, "started_on": experience.started_on,
            "ended_on": experience.ended_on, "visibility": experience.visibility, "is_sensitive": experience.is_sensitive}


def need_out(need: Need) -> dict:
    return {"id": need.pk, "topic_id": need.topic_id, "topic_key": need.topic.key, "topic": need.topic.name,
            "note": need.note}


@router.get("/me/profile", response=ProfileSchema, summary="My profile")
def get_profile(request):
    return services.profile_for(request.user)


@router.put("/me/profile", response=ProfileSchema, summary="Update my profile")
def put_profile(request, payload: ProfileSchema):
    return services.profile_update(actor=request.user, user=request.user, **payload.dict())


@router.get("/communities/{slug}/me/experiences", response=list[ExperienceOut], summary="My lived experiences here")
def my_experiences(request, slug: str):
    membership = access.access_own_membership(request.user, slug)
    return [experience_out(e) for e in membership.experiences.select_related("topic")]


@router.put("/communities/{slug}/me/experiences", response=ExperienceOut,
            summary="Add or update my lived experience on a topic")
def save_experience(request, slug: str, payload: ExperienceIn):
    membership = access.access_own_membership(request.user, slug)
    data = payload.dict()
    topic = data.pop("topic_id")
    return experience_out(services.experience_save(actor=request.user, membership=membership, topic=topic, **data))


@router.delete("/communities/{slug}/me/experiences/{experience_id}", response={204: None})
def delete_experience(request, slug: str, experience_id: int):
    membership = access.access_own_membership(request.user, slug)
    experience = membership.experiences.filter(pk=experience_id).first()
    if experience is None:
        raise Http404(_("No such experience."))
    services.experience_delete(actor=request.user, experience=experience)
    return Status(204, None)


@router.get("/communities/{slug}/me/needs", response=list[NeedOut], summary="What I seek support on here")
def my_needs(request, slug: str):
    membership = access.access_own_membership(request.user, slug)
    return [need_out(n) for n in membership.needs.select_related("topic")]


@router.put("/communities/{slug}/me/needs", response=NeedOut, summary="Add or update a need")
def save_need(request, slug: str, payload: NeedIn):
    membership = access.access_own_membership(request.user, slug)
    data = payload.dict()
    topic = data.pop("topic_id")
    return need_out(services.need_save(actor=request.user, membership=membership, topic=topic, **data))


@router.delete("/communities/{slug}/me/needs/{need_id}", response={204: None})
def delete_need(request, slug: str, need_id: int):
    membership = access.access_own_membership(request.user, slug)
    need = membership.needs.filter(pk=need_id).first()
    if need is None:
        raise Http404(_("No such need."))
    services.need_delete(actor=request.user, need=need)
    return Status(204, None)


@router.put("/communities/{slug}/me/supporter", response=SupporterSettings, summary="My capacity and away date")
def supporter_settings(request, slug: str, payload: SupporterSettings):
    membership = access.access_own_membership(request.user, slug)
    membership = services.supporter_settings_update(actor=request.user, membership=membership, **payload.dict())
    return {"capacity": membership.capacity, "away_until": membership.away_until}


@router.get("/communities/{slug}/members/{membership_id}", response=MemberOut,
            summary="A member, with the experiences I may see")
def member(request, slug: str, membership_id: int):
    member, _own, privileged = access.access_member(request.user, slug, membership_id)
    return {"id": member.pk, "display_name": member.user.display_name, "pronouns": member.user.pronouns,
            "is_seeker": member.is_seeker, "is_supporter": member.is_supporter,
            "is_coordinator": member.is_coordinator,
            "experiences": [experience_out(e) for e in access.visible_experiences(member, privileged=privileged)]}
