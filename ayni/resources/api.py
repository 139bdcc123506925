from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from ayni.communities.access import access_community_as_member
from ayni.core.api import Pagination
from ayni.resources import selectors, services
from ayni.resources.models import Resource

router = Router(tags=["resources"])


class ResourceOut(Schema):
    id: int
    community: str
    topic: str | None
    url: str
    title: str
    note: str
    title_es: str
    title_en: str
    note_es: str
    note_en: str
    created_at: datetime


class ResourceIn(Schema):
    title_es: str = ""
    title_en: str = ""
    note_es: str = ""
    note_en: str = ""
    url: str = ""
    topic_id: int | None = None


class ResourcePatch(Schema):
    title_es: str | None = None
    title_en: str | None = None
    note_es: str | None = None
    note_en: str | None = None
    url: str | None = None
    topic_id: int | None = None
    is_archived: bool | None = None


def resource_out(resource: Resource) -> dict:
    return {"id": resource.pk, "community": resource.community.slug, "topic": resource.topic.key if resource.topic else None,
            "url": resource.url, "title": resource.title, "note": resource.note, "title_es": resource.title_es,
            "title_en": resource.title_en, "note_es": resource.note_es, "note_en": resource.note_en,
            "created_at": resource.created_at}


def _topic(community, topic_id):
    if topic_id is None:
        return None
    topic = community.topics.filter(pk=topic_id).first()
    if topic is None:
        raise Http404(_("No such topic."))
    return topic


@router.get("/community/{slug}", response=list[ResourceOut], summary="The community's library (members)")
@paginate(Pagination)
def library(request, slug: str, topic: str = ""):
    community, _membership = access_community_as_member(request.user, slug)
    return [resource_out(r) for r in selectors.library(community, topic_key=topic).select_related("community")]


@router.post("/community/{slug}", response={201: ResourceOut}, summary="Add a resource (coordinators, supporters)")
def create(request, slug: str, payload: ResourceIn):
    community, _membership = access_community_as_member(request.user, slug)
    data = payload.dict()
    topic = _topic(community, data.pop("topic_id"))
    return Status(201, resource_out(services.resource_create(actor=request.user, community=community, topic=topic, **data)))


@router.patch("/{resource_id}", response=ResourceOut, summary="Change or archive a resource (coordinators, supporters)")
def update(request, resource_id: int, payload: ResourcePatch):
    resource = Resource.objects.select_related("community").filter(pk=resource_id).first()
    if resource is None:
        raise Http404(_("No such resource."))
    access_community_as_member(request.user, resource.community.slug)
    if not services.can_edit(request.user, resource.community):
        raise PermissionDenied(_("Only coordinators and supporters can change the library."))
    data = payload.dict(exclude_unset=True)
    archived = data.pop("is_archived", None)
    if "topic_id" in data:
        data["topic"] = _topic(resource.community, data.pop("topic_id"))
    data = {key: value for key, value in data.items() if value is not None or key == "topic"}
    if data:
        resource = services.resource_update(actor=request.user, resource=resource, **data)
    if archived is not None:
        resource = services.resource_set_archived(actor=request.user, resource=resource, archived=archived)
    return resource_out(resource)
