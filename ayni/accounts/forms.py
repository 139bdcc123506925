import zoneinfo
from functools import cache

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ayni.accounts import services
from ayni.accounts.models import ApiToken, User, normalize_email
from ayni.core.emails import queue_email


@cache
def timezone_choices() -> list[tuple[str, str]]:
    zones = sorted(zone for zone in zoneinfo.available_timezones() if "/" in zone and not zone.startswith(("Etc/", "SystemV/")))
    return [(zone, zone.replace("_", " ")) for zone in ["UTC", *zones]]


class TimezoneSelect(forms.Select):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.attrs["data-detect-timezone"] = "true"


class ServiceFormMixin:
    """Show a service's ValidationError on the form fields it names."""

    def apply_service_error(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)


class SignUpForm(ServiceFormMixin, forms.Form):
    display_name = forms.CharField(
        label=_("Display name"), max_length=60,
        help_text=_("How others see you. A first name or a pseudonym is fine; you do not have to give your legal name."),
    )
    email = forms.EmailField(label=_("E-mail address"), help_text=_("We send a confirmation link here. Nobody else sees it."))
    pronouns = forms.CharField(label=_("Pronouns (optional)"), max_length=40, required=False,
                               help_text=_("For example: she/her, él, elle."))
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text=_("At least 10 characters; not a common password."))
    password_again = forms.CharField(label=_("Password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    timezone = forms.ChoiceField(label=_("Time zone"), choices=timezone_choices, widget=TimezoneSelect)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password") and cleaned.get("password") != cleaned.get("password_again"):
            self.add_error("password_again", _("The two passwords are not the same."))
        return cleaned


class LoginForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}))
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))


class AccountSettingsForm(ServiceFormMixin, forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=60)
    pronouns = forms.CharField(label=_("Pronouns (optional)"), max_length=40, required=False)
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES,
                                 help_text=_("Pages and e-mails use this language."))
    timezone = forms.ChoiceField(label=_("Time zone"), choices=timezone_choices)


class ApiTokenForm(ServiceFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80, help_text=_("For example: “phone app” or “council report script”."))
    scope = forms.ChoiceField(label=_("Access"), choices=ApiToken.Scope.choices, initial=ApiToken.Scope.READ)


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, sending the link in the recipient's own language through our outbox."""

    def get_users(self, email):
        email = normalize_email(email)
        return (user for user in User.objects.filter(email=email, is_active=True) if user.has_usable_password() or user.email_verified_at is None)

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        user = context["user"]
        from django.urls import reverse
        from django.utils import translation

        with translation.override(user.language):
            path = reverse("accounts:password_reset_confirm",
                           kwargs={"uidb64": context["uid"], "token": context["token"]})
        queue_email(
            to=to_email, language=user.language, kind="password_reset",
            subject_template="accounts/email/password_reset_subject.txt",
            body_template="accounts/email/password_reset_body.txt",
            context={"user": user, "link": services.absolute_url(path)},
        )


class SetPasswordForm(auth_forms.SetPasswordForm):
    reason = "reset"

    def save(self, commit=True):
        services.user_set_password(actor=self.user, user=self.user,
                                   password=self.cleaned_data["new_password1"], reason=self.reason)
        return self.user


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def save(self, commit=True):
        services.user_set_password(actor=self.user, user=self.user,
                                   password=self.cleaned_data["new_password1"], reason="change")
        return self.user
