from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy, translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ayni.accounts import forms, services
from ayni.accounts.backends import EmailBackend
from ayni.accounts.models import ApiToken


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def signup(request):
    if request.user.is_authenticated:
        return redirect("core:home")
    form = forms.SignUpForm(request.POST or None, initial={"language": get_language(), "timezone": settings.TIME_ZONE})
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_sign_up(
                email=form.cleaned_data["email"], password=form.cleaned_data["password"],
                display_name=form.cleaned_data["display_name"], language=form.cleaned_data["language"],
                timezone_name=form.cleaned_data["timezone"], pronouns=form.cleaned_data["pronouns"],
            )
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            request.session["pending_confirmation_email"] = user.email
            return redirect("accounts:signup_done")
    return render(request, "accounts/signup.html", {"form": form})


def signup_done(request):
    return render(request, "accounts/signup_done.html",
                  {"email": request.session.get("pending_confirmation_email", "")})


def confirm_email(request, token: str):
    try:
        user = services.user_confirm_email(token=token)
    except ValidationError as error:
        return render(request, "accounts/confirm_failed.html",
                      {"message": error.messages[0], "form": forms.ResendConfirmationForm()}, status=400)
    messages.success(request, _("Your e-mail address is confirmed. Welcome to Ayni!"))
    if request.user.is_authenticated and request.user.pk == user.pk:
        return redirect("core:home")
    return redirect(f"{reverse('accounts:login')}?email={user.email}")


def resend_confirmation(request):
    form = forms.ResendConfirmationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_resend_confirmation(email=form.cleaned_data["email"])
        messages.info(request, _("If that address has an account waiting for confirmation, we have sent a new link."))
        return redirect("accounts:login")
    return render(request, "accounts/resend_confirmation.html", {"form": form})


def _safe_next(request, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return default


def login_view(request):
    if request.user.is_authenticated:
        return redirect("core:home")
    form = forms.LoginForm(request.POST or None, initial={"email": request.GET.get("email", "")})
    needs_confirmation = False
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        ip = client_ip(request)
        wait = services.login_lockout_seconds(email=email, ip=ip)
        if wait:
            minutes = max(1, (wait + 59) // 60)
            form.add_error(None, ngettext(
                "Too many failed attempts. For your safety this account is locked for %(minutes)d minute. "
                "Try again later, or reset your password.",
                "Too many failed attempts. For your safety this account is locked for %(minutes)d minutes. "
                "Try again later, or reset your password.",
                minutes,
            ) % {"minutes": minutes})
        else:
            user = EmailBackend().authenticate(request, email=email, password=form.cleaned_data["password"])
            if user is None:
                services.login_record_failure(email=email, ip=ip)
                form.add_error(None, _("That e-mail address and password do not match. Check both and try again."))
            elif not user.email_verified:
                needs_confirmation = True
                form.add_error(None, _("Please confirm your e-mail address first: open the link we sent you."))
            else:
                login(request, user, backend="ayni.accounts.backends.EmailBackend")
                services.login_record_success(user=user, ip=ip)
                target = translate_url(_safe_next(request, reverse("core:home")), user.language)
                response = HttpResponseRedirect(target)
                response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language,
                                    max_age=settings.LANGUAGE_COOKIE_AGE, samesite="Lax",
                                    secure=settings.SESSION_COOKIE_SECURE)
                return response
    return render(request, "accounts/login.html", {
        "form": form, "next": _safe_next(request, ""), "needs_confirmation": needs_confirmation,
    })


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, _("You have logged out."))
    return redirect("core:home")


@login_required
def account_settings(request):
    user = request.user
    form = forms.AccountSettingsForm(request.POST or None, initial={
        "display_name": user.display_name, "pronouns": user.pronouns,
        "language": user.language, "timezone": user.timezone,
    })
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update_account(
                actor=user, user=user, display_name=form.cleaned_data["display_name"],
                pronouns=form.cleaned_data["pronouns"], language=form.cleaned_data["language"],
                timezone_name=form.cleaned_data["timezone"],
            )
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("Your account settings are saved."))
            response = HttpResponseRedirect(translate_url(reverse("accounts:settings"), user.language))
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language,
                                max_age=settings.LANGUAGE_COOKIE_AGE, samesite="Lax",
                                secure=settings.SESSION_COOKIE_SECURE)
            return response
    return render(request, "accounts/settings.html", {"form": form})


@login_required
def api_tokens(request):
    form = forms.ApiTokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_secret = services.api_token_create(
                actor=request.user, name=form.cleaned_data["name"], scope=form.cleaned_data["scope"])
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            form = forms.ApiTokenForm()
    tokens = request.user.api_tokens.all()
    return render(request, "accounts/tokens.html", {"form": form, "tokens": tokens, "new_secret": new_secret})


@login_required
@require_POST
def api_token_revoke(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token “%(name)s” is revoked: it no longer works.") % {"name": token.name})
    return redirect("accounts:tokens")


class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.PasswordResetForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = forms.PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:settings")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, gettext_lazy("Your password is changed."))
        return response
