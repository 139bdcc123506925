from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ayni.communities import access, forms, imports, selectors, services
from ayni.communities.models import Community, MemberImport, Membership, Topic
from ayni.core.pagination import paginate, paginate_grouped


def community_list(request):
    communities = selectors.communities_listed()
    mine = selectors.memberships_of(user=request.user) if request.user.is_authenticated else []
    return render(request, "communities/list.html", {
        "page_obj": paginate(request, communities), "memberships": mine,
    })


@login_required
def community_create(request):
    form = forms.CommunityForm(request.POST or None, initial={
        "languages": ["es"], "visibility": Community.Visibility.LISTED,
        "join_policy": Community.JoinPolicy.APPROVAL})
    if request.method == "POST" and form.is_valid():
        try:
            community = services.community_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_service_error(error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your community is ready. Invite people or adjust its topics."))
            return redirect("communities:detail", slug=community.slug)
    return render(request, "communities/create.html", {"form": form})


def community_detail(request, slug: str):
    community = access.access_community(request.user, slug)
    membership = access.membership_of(request.user, community)
    context = {
        "community": community, "membership": membership,
        "topics": selectors.topics_of(community),
        "counts": selectors.community_counts(community),
    }
    return render(request, "communities/detail.html", context)


@login_required
def community_join(request, slug: str):
    community = access.access_community(request.user, slug)
    membership = access.membership_of(request.user, community)
    if membership is not None and membership.status in {Membership.Status.ACTIVE, Membership.Status.PENDING}:
        return redirect("communities:detail", slug=slug)
    form = forms.JoinForm(request.POST or None, community=community,
                          initial={"invite_code": request.GET.get("code", "")})
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.community_join(
                actor=request.user, community=community, agree_values=form.cleaned_data["agree_values"],
                as_seeker=form.cleaned_data["as_seeker"], as_supporter=form.cleaned_data["as_supporter"],
                invite_code=form.cleaned_data.get("invite_code", ""),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        except PermissionDenied as error:
            form.add_error("invite_code" if "invite_code" in form.fields else None, str(error))
        else:
            if membership.is_active:
                messages.success(request, _("Welcome! Now tell the community what you have lived and what you are looking for."))
                return redirect("people:membership_profile", slug=slug)
            messages.info(request, _("Thank you. A coordinator will review your request; we will write to you."))
            return redirect("communities:detail", slug=slug)
    return render(request, "communities/join.html", {"community": community, "form": form})


@login_required
@require_POST
def community_leave(request, slug: str):
    community, membership = access.access_community_as_member(request.user, slug)
    try:
        services.membership_leave(actor=request.user, membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("communities:detail", slug=slug)
    messages.info(request, _("You have left %(community)s.") % {"community": community.name})
    return redirect("core:home")


def invitation(request, token: str):
    invitation = services.invitation_by_token(token)
    if invitation is None:
        raise Http404(_("This invitation does not exist."))
    if not request.user.is_authenticated:
        return render(request, "communities/invitation.html", {"invitation": invitation, "anonymous": True})
    form = forms.JoinForm(request.POST or None, community=invitation.community)
    form.fields.pop("invite_code", None)
    form.fields.pop("as_seeker", None)
    form.fields.pop("as_supporter", None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_accept(actor=request.user, invitation=invitation,
                                       agree_values=form.cleaned_data["agree_values"])
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, _("Welcome to %(community)s!") % {"community": invitation.community.name})
            return redirect("people:membership_profile", slug=invitation.community.slug)
    return render(request, "communities/invitation.html", {"invitation": invitation, "form": form})


@login_required
def member_directory(request, slug: str):
    community, membership = access.access_community_as_member(request.user, slug)
    query = request.GET.get("q", "").strip()
    topic_key = request.GET.get("topic", "").strip()
    members = selectors.member_directory(community, query=query, topic_key=topic_key)
    return render(request, "communities/directory.html", {
        "community": community, "membership": membership, "page_obj": paginate(request, members),
        "topics": selectors.topics_of(community), "query": query, "topic_key": topic_key,
    })


# Coordinators -------------------------------------------------------------------------------


@login_required
def manage_settings(request, slug: str):
    community, membership = access.access_community_as_coordinator(request.user, slug)
    initial = {field: getattr(community, field) for field in services.COMMUNITY_FIELDS}
    initial["slug"] = community.slug
    form = forms.CommunityForm(request.POST or None, initial=initial)
    form.fields["slug"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key in services.COMMUNITY_FIELDS}
        try:
            services.community_update(actor=request.user, community=community, **data)
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("The community's settings are saved."))
            return redirect("communities:manage_settings", slug=slug)
    return render(request, "communities/manage/settings.html", {
        "community": community, "membership": membership, "form": form, "tab": "settings"})


@login_required
def manage_members(request, slug: str):
    community, membership = access.access_community_as_coordinator(request.user, slug)
    filters = forms.MemberFilterForm(request.GET or None)
    filters.is_valid()
    data = getattr(filters, "cleaned_data", {}) or {}
    members = selectors.memberships_for_coordinator(
        community, status=data.get("status", ""), role=data.get("role", ""), query=data.get("q", ""))
    page = paginate_grouped(request, members, group="status")
    # Unfiltered, the page counted every member by status already: the headline reuses that.
    by_status = (selectors.member_status_counts(community) if any(data.get(key) for key in ("status", "role", "q"))
                 else page.group_counts)
    counts = {"active": by_status.get(Membership.Status.ACTIVE, 0), "pending": by_status.get(Membership.Status.PENDING, 0)}
    return render(request, "communities/manage/members.html", {
        "community": community, "membership": membership, "filters": filters,
        "page_obj": page, "counts": counts, "tab": "members",
    })


@login_required
def manage_member(request, slug: str, membership_id: int):
    community, member = access.access_membership_as_coordinator(request.user, slug, membership_id)
    own = access.membership_of(request.user, community)
    roles_form = forms.RolesForm(request.POST or None, initial={
        "is_seeker": member.is_seeker, "is_supporter": member.is_supporter,
        "is_coordinator": member.is_coordinator, "group": member.group})
    if request.method == "POST" and roles_form.is_valid():
        try:
            services.membership_set_roles(actor=request.user, membership=member, **roles_form.cleaned_data)
        except ValidationError as error:
            roles_form.apply_service_error(error)
        else:
            messages.success(request, _("Roles saved."))
            return redirect("communities:manage_member", slug=slug, membership_id=member.pk)
    return render(request, "communities/manage/member.html", {
        "community": community, "membership": own, "member": member, "roles_form": roles_form,
        "reason_form": forms.ReasonForm(), "tab": "members",
    })


MEMBER_ACTIONS = {
    "approve": (services.membership_approve, False, _("%(name)s is now an active member.")),
    "reject": (services.membership_reject, True, _("The request from %(name)s was declined.")),
    "suspend": (services.membership_suspend, True, _("%(name)s is suspended.")),
    "reactivate": (services.membership_reactivate, False, _("%(name)s is active again.")),
}


@login_required
@require_POST
def manage_member_action(request, slug: str, membership_id: int, action: str):
    if action not in MEMBER_ACTIONS:
        raise Http404
    _community, member = access.access_membership_as_coordinator(request.user, slug, membership_id)
    service, takes_reason, success = MEMBER_ACTIONS[action]
    kwargs = {"actor": request.user, "membership": member}
    if takes_reason:
        kwargs["reason"] = request.POST.get("reason", "")
    try:
        service(**kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success % {"name": member.user.display_name})
    if request.POST.get("back") == "list":
        return redirect(reverse("communities:manage_members", kwargs={"slug": slug}) + "?status=pending")
    return redirect("communities:manage_member", slug=slug, membership_id=member.pk)


@login_required
def manage_invitations(request, slug: str):
    community, membership = access.access_community_as_coordinator(request.user, slug)
    form = forms.InvitationForm(request.POST or None)
    if request.method == "POST" and request.POST.get("action") == "regenerate":
        services.community_regenerate_invite_code(actor=request.user, community=community)
        messages.success(request, _("There is a new invitation code; the old one no longer works."))
        return redirect("communities:manage_invitations", slug=slug)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_send(actor=request.user, community=community, **form.cleaned_data)
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
            return redirect("communities:manage_invitations", slug=slug)
    invitations = community.invitations.select_related("invited_by").order_by("-created_at")
    join_link = request.build_absolute_uri(
        reverse("communities:join", kwargs={"slug": community.slug}) + f"?code={community.invite_code}")
    return render(request, "communities/manage/invitations.html", {
        "community": community, "membership": membership, "form": form,
        "page_obj": paginate(request, invitations), "join_link": join_link, "tab": "invitations",
    })


@login_required
@require_POST
def manage_invitation_revoke(request, slug: str, invitation_id: int):
    community, _membership = access.access_community_as_coordinator(request.user, slug)
    invitation = get_object_or_404(community.invitations, pk=invitation_id)
    services.invitation_revoke(actor=request.user, invitation=invitation)
    messages.success(request, _("The invitation is withdrawn."))
    return redirect("communities:manage_invitations", slug=slug)


@login_required
def manage_import(request, slug: str):
    community, membership = access.access_community_as_coordinator(request.user, slug)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > imports.MAX_FILE_BYTES:
                raise ValidationError(_("The file is larger than 5 MB. Split it into smaller files."))
            member_import = imports.member_import_preview(
                actor=request.user, community=community, filename=upload.name, raw=upload.read())
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            return redirect("communities:manage_import_detail", slug=slug, import_id=member_import.pk)
    recent = community.imports.order_by("-created_at")[:10]
    return render(request, "communities/manage/import.html", {
        "community": community, "membership": membership, "form": form, "recent": recent, "tab": "import"})


@login_required
def manage_import_detail(request, slug: str, import_id: int):
    community, membership = access.access_community_as_coordinator(request.user, slug)
    member_import = get_object_or_404(MemberImport, community=community, pk=import_id)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "cancel":
                imports.member_import_cancel(actor=request.user, member_import=member_import)
                messages.info(request, _("The import is cancelled; nothing was written."))
                return redirect("communities:manage_import", slug=slug)
            imports.member_import_confirm(actor=request.user, member_import=member_import)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("communities:manage_import_detail", slug=slug, import_id=member_import.pk)
    template = "communities/partials/import_progress.html" if request.htmx else "communities/manage/import_detail.html"
    return render(request, template, {
        "community": community, "membership": membership, "member_import": member_import, "tab": "import"})


@login_required
def manage_topics(request, slug: str):
    community, membership = access.access_community_as_coordinator(request.user, slug)
    form = forms.TopicForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action", "create")
        if action == "starter":
            created = services.community_load_starter_topics(actor=request.user, community=community)
            messages.success(request, ngettext("%(count)d starter topic added.", "%(count)d starter topics added.", created) % {"count": created})
            return redirect("communities:manage_topics", slug=slug)
        if action in {"archive", "restore"}:
            topic = get_object_or_404(Topic, community=community, pk=request.POST.get("topic"))
            services.topic_set_archived(actor=request.user, topic=topic, archived=action == "archive")
            return redirect("communities:manage_topics", slug=slug)
        if form.is_valid():
            try:
                services.topic_create(actor=request.user, community=community, **form.cleaned_data)
            except ValidationError as error:
                form.apply_service_error(error)
            else:
                messages.success(request, _("Topic added."))
                return redirect("communities:manage_topics", slug=slug)
    return render(request, "communities/manage/topics.html", {
        "community": community, "membership": membership, "form": form,
        "topics": selectors.topics_of(community, include_archived=True), "tab": "topics"})


@login_required
def manage_topic_edit(request, slug: str, topic_id: int):
    community, membership = access.access_community_as_coordinator(request.user, slug)
    topic = get_object_or_404(Topic, community=community, pk=topic_id)
    form = forms.TopicForm(request.POST or None, initial={
        key: getattr(topic, key) for key in ("name_es", "name_en", "description_es", "description_en", "is_sensitive")})
    if request.method == "POST" and form.is_valid():
        try:
            services.topic_update(actor=request.user, topic=topic, **form.cleaned_data)
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("Topic saved."))
            return redirect("communities:manage_topics", slug=slug)
    return render(request, "communities/manage/topic_edit.html", {
        "community": community, "membership": membership, "form": form, "topic": topic, "tab": "topics"})
