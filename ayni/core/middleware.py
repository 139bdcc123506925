import contextvars
import uuid
import zoneinfo
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

LAST_SEEN_RESOLUTION = timedelta(minutes=5)

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


def current_request_id() -> str | None:
    return _request_id.get()


class RequestIdMiddleware:
    """Give every request an id (or keep the proxy's X-Request-ID) for logs and audit rows."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming[:36] if incoming.replace("-", "").isalnum() else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class PersonPreferencesMiddleware:
    """Use the signed-in person's time zone, and note when they were last active."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.timezone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
            now = timezone.now()
            if user.last_seen_at is None or now - user.last_seen_at > LAST_SEEN_RESOLUTION:
                # A conditional update: concurrent requests write at most once.
                get_user_model().objects.filter(pk=user.pk).exclude(
                    last_seen_at__gt=now - LAST_SEEN_RESOLUTION
                ).update(last_seen_at=now)
        else:
            timezone.deactivate()
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Content-Security-Policy and a few headers Django does not set by itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/v1/docs"):
            # The interactive API docs page loads its own inline bootstrap script.
            response.setdefault(
                "Content-Security-Policy",
                CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
                .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
            )
        else:
            response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class RequestSizeLimitMiddleware:
    """Refuse bodies larger than AYNI_MAX_REQUEST_BYTES (plus room for multipart framing) with 413
    before anything reads them. Django's own limit leaves file uploads unbounded on disk."""

    def __init__(self, get_response):
        self.get_response = get_response
        from django.conf import settings

        self.limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 64 * 1024

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if self.limit and length > self.limit:
            from django.utils.translation import gettext as _

            from ayni.core.views import _error

            megabytes = round(self.limit / (1024 * 1024), 1)
            return _error(request, 413, _("Too large"),
                          _("What you sent is larger than %(size)s MB, the most Ayni accepts.") % {"size": megabytes})
        return self.get_response(request)
