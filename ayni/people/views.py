from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ayni.communities.selectors import topics_of
from ayni.people import access, forms, services
from ayni.people.models import Experience, Need


@login_required
def profile(request):
    profile = services.profile_for(request.user)
    known = {code for code, _label in forms.COMMON_LANGUAGES}
    form = forms.ProfileForm(request.POST or None, initial={
        "languages": [code for code in profile.languages if code in known],
        "other_languages": ", ".join(code for code in profile.languages if code not in known),
        "meeting_mode": profile.meeting_mode, "city": profile.city, "area": profile.area,
        "availability": profile.availability, "date_of_birth": profile.date_of_birth,
        "age_band": profile.age_band, "gender": profile.gender,
    })
    if request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key != "other_languages"}
        try:
            services.profile_update(actor=request.user, user=request.user, **data)
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("people:profile")
    return render(request, "people/profile.html", {"form": form, "profile": profile})


@login_required
def membership_profile(request, slug: str):
    membership = access.access_own_membership(request.user, slug)
    community = membership.community
    topics = list(topics_of(community))
    experience_form = forms.ExperienceForm(topics=topics, prefix="experience")
    need_form = forms.NeedForm(topics=topics, prefix="need")
    settings_form = forms.SupporterSettingsForm(prefix="settings", initial={
        "capacity": membership.capacity, "away_until": membership.away_until})
    if request.method == "POST":
        kind = request.POST.get("form")
        try:
            if kind == "experience":
                experience_form = forms.ExperienceForm(request.POST, topics=topics, prefix="experience")
                if experience_form.is_valid():
                    data = experience_form.cleaned_data
                    services.experience_save(actor=request.user, membership=membership, topic=int(data["topic"]),
                                             story=data["story"], started_on=data["started_on"], ended_on=data["ended_on"],
                                             visibility=data["visibility"], sensitive_consent=data["sensitive_consent"])
                    messages.success(request, _("Your experience is saved. Thank you for sharing it."))
                    return redirect("people:membership_profile", slug=slug)
            elif kind == "need":
                need_form = forms.NeedForm(request.POST, topics=topics, prefix="need")
                if need_form.is_valid():
                    data = need_form.cleaned_data
                    services.need_save(actor=request.user, membership=membership, topic=int(data["topic"]),
                                       note=data["note"], sensitive_consent=data["sensitive_consent"])
                    messages.success(request, _("Saved. Your coordinator can now look for support for you."))
                    return redirect("people:membership_profile", slug=slug)
            elif kind == "settings":
                settings_form = forms.SupporterSettingsForm(request.POST, prefix="settings")
                if settings_form.is_valid():
                    services.supporter_settings_update(actor=request.user, membership=membership,
                                                       **settings_form.cleaned_data)
                    messages.success(request, _("Your availability as a supporter is saved."))
                    return redirect("people:membership_profile", slug=slug)
        except ValidationError as error:
            target = {"experience": experience_form, "need": need_form, "settings": settings_form}[kind]
            target.apply_service_error(error)
    experiences = membership.experiences.select_related("topic").order_by("topic__position")
    needs = membership.needs.select_related("topic").order_by("topic__position")
    return render(request, "people/membership_profile.html", {
        "community": community, "membership": membership, "experiences": experiences, "needs": needs,
        "experience_form": experience_form, "need_form": need_form, "settings_form": settings_form,
        "profile": services.profile_for(request.user),
    })


@login_required
def experience_edit(request, slug: str, experience_id: int):
    membership = access.access_own_membership(request.user, slug)
    experience = get_object_or_404(Experience, membership=membership, pk=experience_id)
    topics = list(topics_of(membership.community))
    form = forms.ExperienceForm(request.POST or None, topics=topics, initial={
        "topic": str(experience.topic_id), "story": experience.story, "started_on": experience.started_on,
        "ended_on": experience.ended_on, "visibility": experience.visibility,
        "sensitive_consent": experience.consent_at is not None})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if int(data["topic"]) != experience.topic_id:
                raise ValidationError({"topic": [_("To change the topic, add a new experience and delete this one.")]})
            services.experience_save(actor=request.user, membership=membership, topic=experience.topic,
                                     story=data["story"], started_on=data["started_on"], ended_on=data["ended_on"],
                                     visibility=data["visibility"], sensitive_consent=data["sensitive_consent"])
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("Your experience is saved."))
            return redirect("people:membership_profile", slug=slug)
    return render(request, "people/experience_edit.html", {
        "community": membership.community, "experience": experience, "form": form})


@login_required
@require_POST
def experience_delete(request, slug: str, experience_id: int):
    membership = access.access_own_membership(request.user, slug)
    experience = get_object_or_404(Experience, membership=membership, pk=experience_id)
    services.experience_delete(actor=request.user, experience=experience)
    messages.success(request, _("The experience is deleted."))
    return redirect("people:membership_profile", slug=slug)


@login_required
@require_POST
def need_delete(request, slug: str, need_id: int):
    membership = access.access_own_membership(request.user, slug)
    need = get_object_or_404(Need, membership=membership, pk=need_id)
    services.need_delete(actor=request.user, need=need)
    messages.success(request, _("Removed."))
    return redirect("people:membership_profile", slug=slug)


@login_required
def member(request, slug: str, membership_id: int):
    member, own, privileged = access.access_member(request.user, slug, membership_id)
    experiences = access.visible_experiences(member, privileged=privileged)
    needs = member.needs.select_related("topic") if privileged else []
    profile = services.profile_for(member.user) if privileged else None
    return render(request, "people/member.html", {
        "community": member.community, "member": member, "own": own, "privileged": privileged,
        "experiences": experiences, "needs": needs, "profile": profile,
    })
