from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ayni.communities.access import access_community_as_coordinator, access_community_as_member
from ayni.communities.models import Membership
from ayni.core.audit import audit_log
from ayni.core.pagination import paginate
from ayni.safety import access, forms, minors, selectors, services
from ayni.safety.models import Alert, Block, CrisisResource, DutyRota, ParentalConsent, Report
from ayni.safety.screening import Screening


def _coordinator_context(community, tab: str) -> dict:
    return {"community": community, "tab": tab}


# ---------------------------------------------------------------- members: ask for help, refer

@login_required
def help_form(request, slug: str):
    community, _membership = access_community_as_member(request.user, slug)
    form = forms.HelpForm(request.POST or None)
    screening = Screening()
    sent = False
    if request.method == "POST" and form.is_valid():
        try:
            _message, screening = services.help_message_send(actor=request.user, community=community,
                                                             text=form.cleaned_data["text"])
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            sent = True
            form = forms.HelpForm()
    context = {"community": community, "form": form, "screening": screening, "sent": sent,
               "resources": selectors.resources_for(community)}
    if request.htmx and request.method == "POST":
        return render(request, "safety/partials/help_result.html", context)
    return render(request, "safety/help.html", context)


@login_required
def refer(request, slug: str):
    """The guided "refer" page: what to say, whom to call, then the hand-off to a coordinator."""
    community, _membership = access_community_as_member(request.user, slug)
    source = request.GET.get("source", "")[:30]
    source_id = request.GET.get("source_id", "")[:40]
    person = None
    person_id = request.GET.get("person", "")
    if person_id:
        if not person_id.isdigit():
            raise Http404(_("No such member."))
        found = Membership.objects.select_related("user").filter(community=community, user_id=int(person_id)).first()
        if found is None:
            raise Http404(_("No such member."))
        person = found.user
    form = forms.ReferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"]
        if form.cleaned_data["told_person"]:
            note += "\n" + _("(The supporter told the person they were asking a coordinator for help.)")
        try:
            services.referral_raise(actor=request.user, community=community, person=person, source=source,
                                    source_id=source_id, note=note, level=form.cleaned_data["level"])
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("A coordinator has been alerted and will take over. Thank you for asking for help."))
            return redirect(request.path + "?" + request.GET.urlencode() + ("&" if request.GET else "") + "sent=1")
    return render(request, "safety/refer.html", {
        "community": community, "form": form, "person": person,
        "resources": selectors.resources_for(community), "sent": request.GET.get("sent") == "1",
    })


# ---------------------------------------------------------------- coordinators: alerts

@login_required
def alert_list(request, slug: str):
    community, _membership = access_community_as_coordinator(request.user, slug)
    status = request.GET.get("status", "active")
    alerts = Alert.objects.filter(community=community).select_related("person", "assigned_to", "raised_by")
    if status == "closed":
        alerts = alerts.filter(status=Alert.Status.CLOSED)
    else:
        status = "active"
        alerts = alerts.exclude(status=Alert.Status.CLOSED)
    alerts = alerts.annotate(urgency=Case(When(level="urgent", then=Value(0)), default=Value(1),
                                          output_field=IntegerField())).order_by("urgency", "-created_at")
    return render(request, "safety/alerts.html", {
        **_coordinator_context(community, "alerts"), "page_obj": paginate(request, alerts), "status": status,
    })


@login_required
def alert_detail(request, alert_id: int):
    alert = access.access_alert(request.user, alert_id)
    return render(request, "safety/alert.html", {
        **_coordinator_context(alert.community, "alerts"), "alert": alert,
        "events": alert.events.select_related("actor", "recipient"),
        "action_form": forms.AlertActionForm(), "close_form": forms.AlertCloseForm(),
        "resources": selectors.resources_for(alert.community),
    })


@login_required
@require_POST
def alert_action(request, alert_id: int, action: str):
    alert = access.access_alert(request.user, alert_id)
    try:
        if action == "acknowledge":
            services.alert_acknowledge(actor=request.user, alert=alert)
            messages.success(request, _("You have taken this alert. Others will see that you are on it."))
        elif action == "record":
            form = forms.AlertActionForm(request.POST)
            if not form.is_valid():
                raise ValidationError({"text": [_("Write what was done.")]})
            services.alert_record_action(actor=request.user, alert=alert, text=form.cleaned_data["text"])
            messages.success(request, _("Saved."))
        elif action == "close":
            form = forms.AlertCloseForm(request.POST)
            if not form.is_valid():
                raise ValidationError({"outcome": [_("Choose the outcome.")]})
            services.alert_close(actor=request.user, alert=alert, outcome=form.cleaned_data["outcome"],
                                 note=form.cleaned_data["note"])
            messages.success(request, _("The alert is closed. Thank you."))
        else:
            raise Http404(_("No such action."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("safety:alert", alert_id=alert.pk)


# ---------------------------------------------------------------- coordinators: resources, rota, settings

@login_required
def resources(request, slug: str):
    community, _membership = access_community_as_coordinator(request.user, slug)
    services.crisis_resources_ensure_defaults()
    own = CrisisResource.objects.filter(community=community).select_related("verified_by")
    return render(request, "safety/resources.html", {
        **_coordinator_context(community, "resources"), "own": own,
        "shown": selectors.resources_for(community),
        "defaults": CrisisResource.objects.filter(community__isnull=True).order_by("country", "position"),
    })


@login_required
def resource_edit(request, slug: str, resource_id: int | None = None):
    community, _membership = access_community_as_coordinator(request.user, slug)
    resource = None
    if resource_id is not None:
        resource = CrisisResource.objects.filter(community=community, pk=resource_id).first()
        if resource is None:
            raise Http404(_("No such resource."))
    form = forms.ResourceForm(request.POST or None, instance=resource,
                              initial={} if resource else {"country": community.country})
    if request.method == "POST" and form.is_valid():
        try:
            services.crisis_resource_save(actor=request.user, community=community, resource=resource,
                                          **{name: form.cleaned_data[name] for name in form.Meta.fields})
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("Saved and marked as checked by you."))
            return redirect("safety:resources", slug=slug)
    return render(request, "safety/resource_edit.html", {
        **_coordinator_context(community, "resources"), "form": form, "resource": resource})


@login_required
@require_POST
def resource_action(request, slug: str, resource_id: int, action: str):
    community, _membership = access_community_as_coordinator(request.user, slug)
    resource = CrisisResource.objects.filter(community=community, pk=resource_id).first()
    if resource is None:
        raise Http404(_("No such resource."))
    if action == "verify":
        services.crisis_resource_verify(actor=request.user, community=community, resource=resource)
        messages.success(request, _("Marked as checked."))
    elif action == "delete":
        services.crisis_resource_delete(actor=request.user, community=community, resource=resource)
        messages.success(request, _("Removed."))
    else:
        raise Http404(_("No such action."))
    return redirect("safety:resources", slug=slug)


@login_required
@require_POST
def resources_adopt(request, slug: str):
    community, _membership = access_community_as_coordinator(request.user, slug)
    copied = services.crisis_resources_adopt_defaults(actor=request.user, community=community,
                                                      country=request.POST.get("country", "")[:2])
    messages.success(request, _("%(count)d resources copied. Check each one and mark it as checked.") % {"count": copied})
    return redirect("safety:resources", slug=slug)


@login_required
def rota(request, slug: str):
    community, _membership = access_community_as_coordinator(request.user, slug)
    coordinators = list(Membership.objects.filter(
        community=community, is_coordinator=True, status=Membership.Status.ACTIVE).select_related("user"))
    current = {entry.coordinator_id: entry for entry in DutyRota.objects.filter(community=community)}
    errors = []
    if request.method == "POST":
        entries = []
        for coordinator in coordinators:
            user_id = coordinator.user_id
            raw_position = request.POST.get(f"position_{user_id}", "").strip()
            on_duty = request.POST.get(f"on_duty_{user_id}") == "on"
            if not raw_position and not on_duty:
                continue
            if not raw_position.isdigit() or not 1 <= int(raw_position) <= 99:
                errors.append(_("%(name)s: the order must be a number from 1 to 99.") % {"name": coordinator.user.display_name})
                continue
            entries.append((user_id, int(raw_position), on_duty))
        if not errors:
            try:
                services.duty_rota_set(actor=request.user, community=community, entries=entries)
            except ValidationError as error:
                errors.extend(error.messages)
            else:
                messages.success(request, _("The duty rota is saved."))
                return redirect("safety:rota", slug=slug)
    rows = [{
        "membership": coordinator,
        "position": request.POST.get(f"position_{coordinator.user_id}") if request.method == "POST"
        else (current[coordinator.user_id].position if coordinator.user_id in current else ""),
        "on_duty": (request.POST.get(f"on_duty_{coordinator.user_id}") == "on") if request.method == "POST"
        else (current[coordinator.user_id].on_duty if coordinator.user_id in current else False),
    } for coordinator in coordinators]
    return render(request, "safety/rota.html", {
        **_coordinator_context(community, "rota"), "rows": rows, "errors": errors,
        "ladder": selectors.duty_ladder(community),
        "minutes": selectors.safety_settings_for(community).escalation_minutes,
    })


@login_required
def settings_view(request, slug: str):
    community, _membership = access_community_as_coordinator(request.user, slug)
    instance = selectors.safety_settings_for(community)
    form = forms.SafetySettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.safety_settings_update(actor=request.user, community=community,
                                            **{name: form.cleaned_data[name] for name in form.Meta.fields})
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("Saved."))
            return redirect("safety:settings", slug=slug)
    return render(request, "safety/settings.html", {**_coordinator_context(community, "settings"), "form": form})


# ---------------------------------------------------------------- reports and blocks (everyone)

@login_required
def report_create(request, slug: str, source_kind: str, source_id: str):
    community, _membership = access_community_as_member(request.user, slug)
    if source_kind not in Report.SourceKind.values:
        raise Http404(_("There is nothing to report here."))
    target = services.report_target(community=community, source_kind=source_kind, source_id=source_id)
    if target is None:
        raise Http404(_("There is nothing to report here."))
    form = forms.ReportForm(request.POST or None)
    if target.person is None:
        form.fields.pop("also_block")
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(actor=request.user, community=community, source_kind=source_kind,
                                   source_id=source_id, reason=form.cleaned_data["reason"],
                                   details=form.cleaned_data["details"])
            if form.cleaned_data.get("also_block") and target.person is not None:
                services.block_create(actor=request.user, blocked=target.person)
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("Thank you. A coordinator will look at it and tell you when it is handled."))
            return redirect("communities:detail", slug=slug)
    return render(request, "safety/report.html", {
        "community": community, "form": form, "target": target, "source_kind": source_kind,
        "source_label": Report.SourceKind(source_kind).label,
    })


def _user_or_404(user_id: int):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise Http404(_("No such person."))
    return user


@login_required
def blocks(request):
    my_blocks = Block.objects.filter(blocker=request.user).select_related("blocked").order_by("-created_at")
    return render(request, "safety/blocks.html", {"page_obj": paginate(request, my_blocks)})


@login_required
def block(request, user_id: int):
    other = _user_or_404(user_id)
    if other.pk == request.user.pk or not access.shares_a_community(request.user, other):
        raise Http404(_("No such person."))
    if request.method == "POST":
        if request.POST.get("unblock"):
            services.block_remove(actor=request.user, blocked=other)
            messages.success(request, _("%(name)s is no longer blocked.") % {"name": other.display_name})
        else:
            services.block_create(actor=request.user, blocked=other)
            messages.success(request, _("You have blocked %(name)s.") % {"name": other.display_name})
        return redirect("safety:blocks")
    return render(request, "safety/block.html", {
        "other": other, "is_blocked": Block.objects.filter(blocker=request.user, blocked=other).exists()})


# ---------------------------------------------------------------- coordinators: moderation queue

@login_required
def report_list(request, slug: str):
    community, _membership = access_community_as_coordinator(request.user, slug)
    status = "resolved" if request.GET.get("status") == "resolved" else "open"
    reports = Report.objects.filter(community=community, status=status).select_related("reporter", "person",
                                                                                        "resolved_by")
    return render(request, "safety/reports.html", {
        **_coordinator_context(community, "reports"), "page_obj": paginate(request, reports), "status": status})


@login_required
def report_detail(request, slug: str, report_id: int):
    community, _membership = access_community_as_coordinator(request.user, slug)
    report = access.access_report_as_coordinator(request.user, community, report_id)
    form = forms.ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_resolve(actor=request.user, report=report, action=form.cleaned_data["action"],
                                    note=form.cleaned_data["note"])
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("Done. The person who reported it has been told."))
            return redirect("safety:reports", slug=slug)
    target = None
    if report.status == Report.Status.OPEN:
        # Reading the reported content while handling a report is allowed, and audited.
        target = services.report_target(community=community, source_kind=report.source_kind,
                                        source_id=report.source_id)
        audit_log(actor=request.user, action="safety.report_content_viewed", target=report, community=community)
    return render(request, "safety/report_detail.html", {
        **_coordinator_context(community, "reports"), "report": report, "form": form, "target": target})


# ---------------------------------------------------------------- coordinators: young members

@login_required
def minors_list(request, slug: str):
    community, _membership = access_community_as_coordinator(request.user, slug)
    settings_row = selectors.safety_settings_for(community)
    members = Membership.objects.filter(community=community).exclude(
        status__in=[Membership.Status.REJECTED, Membership.Status.LEFT]).select_related(
        "user", "user__profile", "community").prefetch_related(
        Prefetch("parental_consents", queryset=ParentalConsent.objects.filter(withdrawn_at__isnull=True),
                 to_attr="active_consents"))
    rows = []
    for member in members:
        status = minors.minor_status(member)
        needs = minors.needs_parental_consent(member)
        if status or status is None or needs:
            rows.append({"membership": member, "minor": status, "needs_consent": needs,
                         "consents": member.active_consents})
    return render(request, "safety/minors.html", {
        **_coordinator_context(community, "minors"), "page_obj": paginate(request, rows),
        "safety_settings": settings_row, "age_of_majority": selectors.age_of_majority_for(community)})


@login_required
def consent_record(request, slug: str, membership_id: int):
    community, _membership = access_community_as_coordinator(request.user, slug)
    member = Membership.objects.select_related("user", "community").filter(
        community=community, pk=membership_id).first()
    if member is None:
        raise Http404(_("No such member."))
    if request.method == "POST" and request.POST.get("withdraw"):
        consent = ParentalConsent.objects.filter(membership=member, pk=request.POST.get("withdraw")).first()
        if consent is None:
            raise Http404(_("No such consent."))
        services.parental_consent_withdraw(actor=request.user, consent=consent)
        messages.success(request, _("Consent marked as withdrawn."))
        return redirect("safety:consent", slug=slug, membership_id=member.pk)
    form = forms.ParentalConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.parental_consent_record(actor=request.user, membership=member, **form.cleaned_data)
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("Consent recorded."))
            return redirect("safety:minors", slug=slug)
    return render(request, "safety/consent.html", {
        **_coordinator_context(community, "minors"), "member": member, "form": form,
        "consents": member.parental_consents.select_related("recorded_by")})


# ---------------------------------------------------------------- privacy: my data, delete my account

@login_required
def my_data(request):
    from ayni.safety.privacy import data_export

    if request.GET.get("download") == "1":
        data = data_export(actor=request.user, user=request.user)
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = 'attachment; filename="ayni-my-data.json"'
        return response
    return render(request, "safety/my_data.html", {})


@login_required
def delete_account(request):
    from django.contrib.auth import logout

    from ayni.safety.privacy import account_delete

    form = forms.DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_delete(actor=request.user, user=request.user, password=form.cleaned_data["password"])
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            logout(request)
            messages.success(request, _("Your account has been deleted. Take care."))
            return redirect("core:home")
    return render(request, "safety/delete_account.html", {"form": form})


# ---------------------------------------------------------------- two-factor authentication

def _qr_data_uri(uri: str) -> str:
    import segno

    return segno.make(uri, error="m").svg_data_uri(scale=5, border=2)


@login_required
def two_factor(request):
    from ayni.safety import totp
    from ayni.safety.middleware import SESSION_SETUP
    from ayni.safety.models import TwoFactorDevice

    device = TwoFactorDevice.objects.filter(user=request.user).first()
    form = forms.TwoFactorCodeForm(request.POST or None)
    recovery_codes = None
    action = request.POST.get("action", "")
    if request.method == "POST":
        if action == "begin":
            try:
                device = services.two_factor_begin(actor=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            form = forms.TwoFactorCodeForm()
        elif action in ("confirm", "disable") and form.is_valid():
            try:
                if action == "confirm":
                    recovery_codes = services.two_factor_confirm(actor=request.user, code=form.cleaned_data["code"])
                    request.session.pop(SESSION_SETUP, None)
                    messages.success(request, _("Two-factor authentication is on."))
                else:
                    services.two_factor_disable(actor=request.user, code=form.cleaned_data["code"])
                    messages.success(request, _("Two-factor authentication is off."))
                    return redirect("safety:two_factor")
            except ValidationError as error:
                for field, errors in error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]:
                    form.add_error(field if field in form.fields else None, errors)
            device = TwoFactorDevice.objects.filter(user=request.user).first()
    context = {"device": device, "form": form, "recovery_codes": recovery_codes,
               "required": services.two_factor_required_for(request.user)}
    if device is not None and device.confirmed_at is None:
        uri = totp.provisioning_uri(device.secret, account=request.user.email)
        context.update({"qr": _qr_data_uri(uri), "secret": device.secret})
    return render(request, "safety/two_factor.html", context)


@login_required
def two_factor_verify(request):
    from django.contrib.auth import logout
    from django.utils.http import url_has_allowed_host_and_scheme

    from ayni.safety.middleware import SESSION_PENDING

    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    if not request.session.get(SESSION_PENDING):
        return redirect(next_url or "core:home")
    form = forms.TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and request.POST.get("cancel"):
        logout(request)
        return redirect("accounts:login")
    if request.method == "POST" and form.is_valid():
        try:
            ok = services.two_factor_verify(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as error:
            ok = False
            form.add_error(None, error.messages)
        else:
            if not ok:
                form.add_error("code", _("That code is not right. Check your phone's clock and try the new code."))
        if ok:
            request.session.pop(SESSION_PENDING, None)
            request.session.cycle_key()
            return redirect(next_url or "core:home")
    return render(request, "safety/two_factor_verify.html", {"form": form, "next": next_url})
