"""Two-factor authentication at login, decided once per session (no query per request).

On login (`user_logged_in`) the session is marked:
- SESSION_PENDING when the person has a confirmed authenticator: every page redirects to the
  code page until the code is given;
- SESSION_SETUP when AYNI["TWO_FACTOR_REQUIRED"] and the person is a coordinator or staff with
  no authenticator yet: every page redirects to the set-up page.
API calls with a session in either state get 401; personal API tokens are separate credentials.
"""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

SESSION_PENDING = "ayni_two_factor_pending"
SESSION_SETUP = "ayni_two_factor_setup"

ALLOWED_PREFIXES = ("/static/", "/healthz", "/readyz", "/i18n/", "/favicon")
ALLOWED_NAMES = {"safety:two_factor_verify", "safety:two_factor", "accounts:logout", "set_language"}


def mark_session_on_login(sender, request, user, **kwargs):
    from ayni.safety.models import TwoFactorDevice
    from ayni.safety.services import two_factor_required_for

    if request is None or not hasattr(request, "session"):
        return
    request.session.pop(SESSION_PENDING, None)
    request.session.pop(SESSION_SETUP, None)
    if TwoFactorDevice.objects.filter(user=user, confirmed_at__isnull=False).exists():
        request.session[SESSION_PENDING] = True
    elif two_factor_required_for(user):
        request.session[SESSION_SETUP] = True


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is None or not (session.get(SESSION_PENDING) or session.get(SESSION_SETUP)):
            return self.get_response(request)
        path = request.path_info
        if path.startswith(ALLOWED_PREFIXES):
            return self.get_response(request)
        match = getattr(request, "resolver_match", None)
        try:
            from django.urls import resolve

            match = match or resolve(path)
            name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
        except Exception:
            name = ""
        if name in ALLOWED_NAMES:
            return self.get_response(request)
        if path.startswith("/api/"):
            return JsonResponse({"detail": _("Finish signing in with your two-factor code first.")}, status=401)
        target = "safety:two_factor_verify" if session.get(SESSION_PENDING) else "safety:two_factor"
        next_url = request.get_full_path()
        url = reverse(target)
        if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            url += "?" + urlencode({"next": next_url})
        return redirect(url)
