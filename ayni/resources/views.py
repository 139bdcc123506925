from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ayni.communities.access import access_community_as_member
from ayni.core.pagination import paginate
from ayni.resources import forms, selectors, services
from ayni.resources.models import Resource


@login_required
def library(request, slug: str):
    community, _membership = access_community_as_member(request.user, slug)
    topic_key = request.GET.get("topic", "")
    return render(request, "resources/library.html", {
        "community": community, "page_obj": paginate(request, selectors.library(community, topic_key=topic_key)),
        "topics": community.topics.filter(is_archived=False), "topic_key": topic_key,
        "can_edit": services.can_edit(request.user, community),
    })


def _resource_for_editor(user, resource_id: int) -> Resource:
    resource = Resource.objects.select_related("community").filter(pk=resource_id).first()
    if resource is None:
        raise Http404(_("No such resource."))
    access_community_as_member(user, resource.community.slug)
    if not services.can_edit(user, resource.community):
        raise PermissionDenied(_("Only coordinators and supporters can change the library."))
    return resource


@login_required
def resource_create(request, slug: str):
    community, _membership = access_community_as_member(request.user, slug)
    if not services.can_edit(request.user, community):
        raise PermissionDenied(_("Only coordinators and supporters can add to the library."))
    form = forms.ResourceForm(request.POST or None, community=community)
    if request.method == "POST" and form.is_valid():
        try:
            services.resource_create(actor=request.user, community=community, **form.cleaned_data)
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            flash.success(request, _("Added to the library."))
            return redirect("resources:library", slug=slug)
    return render(request, "resources/edit.html", {"community": community, "form": form, "resource": None})


@login_required
def resource_edit(request, resource_id: int):
    resource = _resource_for_editor(request.user, resource_id)
    initial = {field: getattr(resource, field) for field in services.FIELDS}
    form = forms.ResourceForm(request.POST or None, community=resource.community, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.resource_update(actor=request.user, resource=resource, **form.cleaned_data)
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            flash.success(request, _("Saved."))
            return redirect("resources:library", slug=resource.community.slug)
    return render(request, "resources/edit.html", {"community": resource.community, "form": form, "resource": resource})


@login_required
@require_POST
def resource_archive(request, resource_id: int):
    resource = _resource_for_editor(request.user, resource_id)
    services.resource_set_archived(actor=request.user, resource=resource, archived=True)
    flash.success(request, _("Removed from the library."))
    return redirect("resources:library", slug=resource.community.slug)
