"""Writes of the resource library: coordinators and supporters add and edit; anyone active in
the community reads (selectors.py)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from ayni.communities.models import Membership
from ayni.core.audit import audit_log
from ayni.resources.models import Resource

FIELDS = ("topic", "url", "title_es", "title_en", "note_es", "note_en")


def can_edit(actor, community) -> bool:
    return Membership.objects.filter(community=community, user=actor, status=Membership.Status.ACTIVE).filter(
        is_coordinator=True).exists() or Membership.objects.filter(
        community=community, user=actor, status=Membership.Status.ACTIVE, is_supporter=True).exists()


def _clean(community, values: dict) -> dict:
    errors: dict[str, list[str]] = {}
    cleaned = {key: (value.strip() if isinstance(value, str) else value) for key, value in values.items()}
    if not cleaned.get("title_es") and not cleaned.get("title_en"):
        errors["title_es"] = [_("Give a title in Spanish or in English.")]
    for field, limit in (("title_es", 160), ("title_en", 160), ("note_es", 2000), ("note_en", 2000), ("url", 500)):
        if len(cleaned.get(field) or "") > limit:
            errors[field] = [_("At most %(count)d characters.") % {"count": limit}]
    url = cleaned.get("url") or ""
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            errors["url"] = [_("Enter a full link starting with https:// or http://.")]
    topic = cleaned.get("topic")
    if topic is not None and topic.community_id != community.pk:
        errors["topic"] = [_("This topic belongs to another community.")]
    if errors:
        raise ValidationError(errors)
    return cleaned


def resource_create(*, actor, community, title_es: str = "", title_en: str = "", note_es: str = "",
                    note_en: str = "", url: str = "", topic=None) -> Resource:
    if not can_edit(actor, community):
        raise PermissionDenied(_("Only coordinators and supporters can add to the library."))
    values = _clean(community, {"topic": topic, "url": url, "title_es": title_es, "title_en": title_en,
                                "note_es": note_es, "note_en": note_en})
    with transaction.atomic():
        resource = Resource.objects.create(community=community, created_by=actor, **values)
        audit_log(actor=actor, action="resources.resource_created", target=resource, community=community)
    return resource


def resource_update(*, actor, resource: Resource, **changes) -> Resource:
    if not can_edit(actor, resource.community):
        raise PermissionDenied(_("Only coordinators and supporters can change the library."))
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be changed: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    values = {field: changes.get(field, getattr(resource, field)) for field in FIELDS}
    values = _clean(resource.community, values)
    with transaction.atomic():
        for field in changes:
            setattr(resource, field, values[field])
        resource.save(update_fields=[*changes, "updated_at"])
        audit_log(actor=actor, action="resources.resource_updated", target=resource, community=resource.community_id,
                  details={"fields": sorted(changes)})
    return resource


def resource_set_archived(*, actor, resource: Resource, archived: bool) -> Resource:
    if not can_edit(actor, resource.community):
        raise PermissionDenied(_("Only coordinators and supporters can change the library."))
    with transaction.atomic():
        Resource.objects.filter(pk=resource.pk).update(is_archived=archived)
        resource.refresh_from_db()
        audit_log(actor=actor, action="resources.resource_archived" if archived else "resources.resource_restored",
                  target=resource, community=resource.community_id)
    return resource
