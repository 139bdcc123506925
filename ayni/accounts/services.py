"""Writes about people's accounts. Each is atomic and leaves an audit row."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ayni.accounts.models import ApiToken, User, normalize_email, validate_timezone
from ayni.core.audit import audit_log
from ayni.core.emails import queue_email
from ayni.core.ratelimit import rate_limit_hit, rate_limit_peek, rate_limit_reset

CONFIRM_SALT = "ayni.accounts.confirm-email"
TOKEN_PREFIX = "ayni_"  # noqa: S105 - a public prefix, not a secret


def _check_self_or_staff(actor: User, user: User) -> None:
    if actor.pk != user.pk and not actor.is_staff:
        raise PermissionDenied(_("You can only change your own account."))


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


# Sign-up and e-mail confirmation ------------------------------------------------------------


def user_sign_up(
    *, email: str, password: str, display_name: str, language: str, timezone_name: str,
    pronouns: str = "",
) -> User:
    """Create an account that can sign in once its e-mail address is confirmed."""
    email = normalize_email(email)
    display_name = (display_name or "").strip()
    errors: dict[str, list[str]] = {}
    if not display_name:
        errors["display_name"] = [_("Choose a display name: a first name or a pseudonym is fine.")]
    if User.objects.filter(email__iexact=email).exists():
        errors["email"] = [_("An account with this e-mail address already exists. Log in or reset your password.")]
    if language not in dict(settings.LANGUAGES):
        errors["language"] = [_("Choose Spanish or English.")]
    try:
        validate_timezone(timezone_name)
    except ValidationError as error:
        errors["timezone"] = error.messages
    candidate = User(email=email, display_name=display_name)
    try:
        password_validation.validate_password(password, candidate)
    except ValidationError as error:
        errors["password"] = error.messages
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email, password=password, display_name=display_name, language=language,
                timezone=timezone_name, pronouns=(pronouns or "").strip(),
            )
            audit_log(actor=user, action="account.sign_up", target=user)
            send_confirmation_email(user=user)
    except IntegrityError as error:  # two sign-ups racing for one address
        raise ValidationError(
            {"email": [_("An account with this e-mail address already exists. Log in or reset your password.")]}
        ) from error
    return user


def confirmation_token(user: User) -> str:
    return signing.dumps({"user": user.pk, "email": user.email}, salt=CONFIRM_SALT, compress=True)


def send_confirmation_email(*, user: User) -> None:
    with translation.override(user.language):
        link = absolute_url(reverse("accounts:confirm", kwargs={"token": confirmation_token(user)}))
    queue_email(
        to=user.email, language=user.language, kind="confirm_email",
        subject_template="accounts/email/confirm_subject.txt",
        body_template="accounts/email/confirm_body.txt",
        context={"user": user, "link": link,
                 "days": settings.AYNI["EMAIL_CONFIRMATION_DAYS"]},
    )


def user_confirm_email(*, token: str) -> User:
    """Confirm the address a link was sent to. Expired or altered links change nothing."""
    max_age = timedelta(days=settings.AYNI["EMAIL_CONFIRMATION_DAYS"])
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ValidationError(
            _("This confirmation link has expired. Ask for a new one below."), code="expired"
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(
            _("This confirmation link is not valid. Check that you copied all of it, or ask for a new one."),
            code="invalid",
        ) from error
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=data.get("user")).first()
        if user is None or user.email != data.get("email"):
            raise ValidationError(_("This confirmation link is not valid any more."), code="invalid")
        if user.email_verified_at is None:
            User.objects.filter(pk=user.pk, email_verified_at__isnull=True).update(
                email_verified_at=timezone.now()
            )
            user.refresh_from_db(fields=["email_verified_at"])
            audit_log(actor=user, action="account.confirm_email", target=user)
    return user


def user_resend_confirmation(*, email: str) -> None:
    """Send a new link if the address has an unconfirmed account; say nothing either way."""
    email = normalize_email(email)
    key = f"resend-confirmation:{email}"
    if not rate_limit_hit(key, limit=5, period=timedelta(hours=1)).allowed:
        return
    with transaction.atomic():
        user = User.objects.filter(email=email, email_verified_at__isnull=True, is_active=True).first()
        if user is not None:
            audit_log(actor=user, action="account.resend_confirmation", target=user)
            send_confirmation_email(user=user)


# Login throttling ---------------------------------------------------------------------------


def _login_keys(email: str, ip: str) -> list[str]:
    return [f"login-fail:email:{normalize_email(email)}", f"login-fail:ip:{ip or 'unknown'}"]


def login_lockout_seconds(*, email: str, ip: str) -> int:
    """Seconds until this address (or this IP, at ten times the limit) may try again; 0 if free."""
    limit = settings.AYNI["LOGIN_FAILURE_LIMIT"]
    period = timedelta(minutes=settings.AYNI["LOGIN_LOCKOUT_MINUTES"])
    email_key, ip_key = _login_keys(email, ip)
    wait = 0
    count, retry = rate_limit_peek(email_key, period=period)
    if count >= limit:
        wait = max(wait, retry)
    count, retry = rate_limit_peek(ip_key, period=period)
    if count >= limit * 10:
        wait = max(wait, retry)
    return wait


def login_record_failure(*, email: str, ip: str) -> None:
    period = timedelta(minutes=settings.AYNI["LOGIN_LOCKOUT_MINUTES"])
    for key in _login_keys(email, ip):
        rate_limit_hit(key, limit=settings.AYNI["LOGIN_FAILURE_LIMIT"], period=period)
    user = User.objects.filter(email=normalize_email(email)).first()
    if user is not None:
        audit_log(actor=None, action="account.login_failed", target=user, details={"ip": ip})


def login_record_success(*, user: User, ip: str) -> None:
    rate_limit_reset(_login_keys(user.email, ip)[0])
    audit_log(actor=user, action="account.login", target=user)


# Account settings ---------------------------------------------------------------------------


@transaction.atomic
def user_update_account(
    *, actor: User, user: User, display_name: str, pronouns: str, language: str, timezone_name: str
) -> User:
    _check_self_or_staff(actor, user)
    errors = {}
    display_name = (display_name or "").strip()
    if not display_name:
        errors["display_name"] = [_("Choose a display name: a first name or a pseudonym is fine.")]
    if language not in dict(settings.LANGUAGES):
        errors["language"] = [_("Choose Spanish or English.")]
    try:
        validate_timezone(timezone_name)
    except ValidationError as error:
        errors["timezone"] = error.messages
    if errors:
        raise ValidationError(errors)
    changed = {
        field: value
        for field, value in {
            "display_name": display_name[:60], "pronouns": (pronouns or "").strip()[:40],
            "language": language, "timezone": timezone_name,
        }.items()
        if getattr(user, field) != value
    }
    for field, value in changed.items():
        setattr(user, field, value)
    if changed:
        user.save(update_fields=list(changed))
        audit_log(actor=actor, action="account.update", target=user, details={"fields": sorted(changed)})
    return user


@transaction.atomic
def user_set_language(*, actor: User, user: User, language: str) -> None:
    _check_self_or_staff(actor, user)
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Choose Spanish or English."))
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language
    audit_log(actor=actor, action="account.set_language", target=user, details={"language": language})


@transaction.atomic
def user_set_password(*, actor: User, user: User, password: str, reason: str = "change") -> None:
    _check_self_or_staff(actor, user)
    password_validation.validate_password(password, user)
    user.set_password(password)
    fields = ["password"]
    if reason in {"reset", "invitation"} and user.email_verified_at is None:
        # Following a link sent to the address proves the address.
        user.email_verified_at = timezone.now()
        fields.append("email_verified_at")
    user.save(update_fields=fields)
    audit_log(actor=actor, action=f"account.password_{reason}", target=user)


# API tokens ---------------------------------------------------------------------------------


@transaction.atomic
def api_token_create(*, actor: User, name: str, scope: str = ApiToken.Scope.READ) -> tuple[ApiToken, str]:
    """A new token. The plain secret is returned once and never stored."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Give the token a name, so you recognise it later.")]})
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": [_("Choose read-only access, or read and write access.")]})
    if actor.api_tokens.filter(revoked_at__isnull=True).count() >= 20:
        raise ValidationError(_("You already have 20 active tokens. Revoke one first."))
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor, name=name[:80], prefix=prefix, scope=scope,
        secret_hash=ApiToken.hash_secret(secret),
    )
    audit_log(actor=actor, action="api_token.create", target=token, details={"scope": scope})
    return token, f"{TOKEN_PREFIX}{prefix}_{secret}"


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> None:
    if token.user_id != actor.pk:
        raise PermissionDenied(_("This token is not yours."))
    if ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now()):
        audit_log(actor=actor, action="api_token.revoke", target=token)


def api_token_authenticate(raw: str) -> tuple[User, ApiToken] | None:
    """The person and token behind a bearer string, or None. Updates last use now and then."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or raw.count("_") < 2:
        return None
    prefix, _sep, secret = raw[len(TOKEN_PREFIX):].partition("_")
    token = ApiToken.objects.select_related("user").filter(prefix=prefix, revoked_at__isnull=True).first()
    if token is None or not secrets.compare_digest(token.secret_hash, ApiToken.hash_secret(secret)):
        return None
    if not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user, token
