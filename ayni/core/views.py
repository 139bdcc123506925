from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ayni.communities import selectors as community_selectors


def home(request):
    if request.user.is_authenticated:
        # The signed-in dashboard lives with the relationships.
        from ayni.relationships.home import home_page

        return home_page(request)
    listed = community_selectors.communities_listed()[:6]
    return render(request, "core/landing.html", {"communities": listed})


def about(request):
    return render(request, "core/about.html")


def healthz(request):
    """Liveness: the process answers."""
    return JsonResponse({"status": "ok"})


def readyz(request):
    """Readiness: the database answers and a worker sent a heartbeat recently."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as error:
        checks["database"] = f"error: {error.__class__.__name__}"
    if checks["database"] == "ok" and settings.AYNI["WORKER_HEARTBEAT_SECONDS"]:
        from ayni.core.heartbeat import live_workers

        checks["worker"] = "ok" if live_workers().exists() else "no heartbeat"
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if ready else "unavailable", "checks": checks},
                        status=200 if ready else 503)


@require_POST
def set_language(request):
    """Switch language, stay on the same page, and remember the choice for a signed-in person."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = "/"
    if language not in dict(settings.LANGUAGES):
        return HttpResponseRedirect(next_url)
    next_url = translate_url(next_url, language)
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE, secure=settings.SESSION_COOKIE_SECURE,
    )
    if request.user.is_authenticated and request.user.language != language:
        from ayni.accounts.services import user_set_language

        user_set_language(actor=request.user, user=request.user, language=language)
    translation.activate(language)
    return response


def _error(request, status: int, title: str, message: str):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    return render(request, "core/error.html", {"title": title, "message": message}, status=status)


def bad_request(request, exception=None):
    return _error(request, 400, _("Bad request"), _("We could not understand that request."))


def permission_denied(request, exception=None):
    message = str(exception) if exception and str(exception) else _(
        "You do not have permission to do this."
    )
    return _error(request, 403, _("Not allowed"), message)


def page_not_found(request, exception=None):
    return _error(request, 404, _("Page not found"),
                  _("This page does not exist, or you do not have access to it."))


def server_error(request):
    return _error(request, 500, _("Something went wrong"),
                  _("We are sorry: an error happened on our side. Please try again in a moment."))


@staff_member_required
def operations(request):
    """For staff: workers, the task queue, scheduled jobs, e-mail and error counts."""
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from ayni.core.heartbeat import live_workers
    from ayni.core.models import ErrorCount, OutboundEmail, ScheduledJob, WorkerHeartbeat
    from ayni.core.scheduler import JOBS

    context = {
        "workers": WorkerHeartbeat.objects.all()[:50],
        "live_workers": live_workers().count(),
        "queue": DBTaskResult.objects.values("status").annotate(count=Count("id")).order_by("status"),
        "recent_tasks": DBTaskResult.objects.order_by("-enqueued_at")[:20],
        "jobs": ScheduledJob.objects.all(),
        "registered_jobs": sorted(JOBS),
        "emails": OutboundEmail.objects.values("status").annotate(count=Count("id")).order_by("status"),
        "errors": ErrorCount.objects.all()[:14],
    }
    return render(request, "core/operations.html", context)
