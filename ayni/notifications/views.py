from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ayni.core.pagination import paginate
from ayni.notifications.kinds import CATEGORIES
from ayni.notifications.models import Notification
from ayni.notifications.selectors import badge_counts
from ayni.notifications.services import (
    mark_read,
    notifications_of,
    preferences_set,
    unread_count,
    wants_email,
)


@login_required
def notification_list(request):
    unread_only = request.GET.get("unread") == "1"
    page = paginate(request, notifications_of(request.user, unread_only=unread_only))
    return render(request, "notifications/list.html", {
        "page_obj": page, "unread_only": unread_only, "unread": unread_count(request.user),
    })


@login_required
def notification_open(request, notification_id: int):
    """Mark one as read and follow its link (in the reader's language)."""
    notification = get_object_or_404(Notification, pk=notification_id, recipient=request.user)
    mark_read(request.user, [notification.pk])
    url = notification.url
    if url.startswith("http"):
        if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
            return redirect(url)
    elif url:
        return redirect(f"/{(get_language() or 'es')[:2]}{url if url.startswith('/') else '/' + url}")
    return redirect("notifications:list")


@login_required
@require_POST
def notification_mark_read(request):
    ids = request.POST.getlist("notification")
    count = mark_read(request.user, [int(i) for i in ids if i.isdigit()] if ids else None)
    if request.htmx:
        return render(request, "notifications/partials/nav_counts.html", _counts(request))
    flash.success(request, _("Marked as read.") if count else _("Nothing new to mark."))
    return redirect("notifications:list")


class PreferencesForm(forms.Form):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in CATEGORIES.items():
            self.fields[key] = forms.BooleanField(label=label, required=False, initial=wants_email(user, key))


@login_required
def preferences(request):
    form = PreferencesForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        preferences_set(actor=request.user, preferences={key: bool(form.cleaned_data[key]) for key in CATEGORIES})
        flash.success(request, _("Your e-mail preferences are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


def _counts(request) -> dict:
    return badge_counts(request.user)


def nav_counts(request):
    """The navigation's unread badges, loaded by htmx after the page (so pages pay no queries for it)."""
    if not request.user.is_authenticated:
        return HttpResponse("")
    return render(request, "notifications/partials/nav_counts.html", _counts(request))
