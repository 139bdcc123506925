"""Shared pieces of the HTTP API: authentication, errors in the reader's language, pagination."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import PageNumberPagination
from ninja.security import APIKeyCookie, HttpBearer

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class TokenAuth(HttpBearer):
    """Personal API tokens: `Authorization: Bearer ayni_<prefix>_<secret>`."""

    def authenticate(self, request, token):
        from ayni.accounts.services import api_token_authenticate

        found = api_token_authenticate(token)
        if found is None:
            return None
        user, api_token = found
        if request.method not in SAFE_METHODS and api_token.scope != "write":
            raise PermissionDenied(_("This token can only read. Create a token with write access to make changes."))
        request.user = user
        request.api_token = api_token
        return user


class SessionAuth(APIKeyCookie):
    """The browser session (CSRF-protected for changes)."""

    param_name = "sessionid"

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] | None = None


MAX_PAGE = 1_000_000
MAX_PAGE_SIZE = 1000


class Pagination(PageNumberPagination):
    class Input(PageNumberPagination.Input):
        # Bounded, so a huge page number is a clear 422 and not an SQL offset overflow (a 500).
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)

    def __init__(self, page_size: int = 25, **kwargs):
        super().__init__(page_size=page_size, **kwargs)


PYDANTIC_MESSAGES = {
    "missing": lambda: _("This field is required."),
    "int_parsing": lambda: _("Must be a whole number."),
    "int_type": lambda: _("Must be a whole number."),
    "bool_parsing": lambda: _("Must be true or false."),
    "bool_type": lambda: _("Must be true or false."),
    "string_type": lambda: _("Must be text."),
    "string_too_long": lambda: _("Too long."),
    "string_too_short": lambda: _("Too short."),
    "list_type": lambda: _("Must be a list."),
    "date_parsing": lambda: _("Must be a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": lambda: _("Must be a date as YYYY-MM-DD."),
    "date_type": lambda: _("Must be a date as YYYY-MM-DD."),
    "enum": lambda: _("Not one of the allowed values."),
    "literal_error": lambda: _("Not one of the allowed values."),
    "greater_than_equal": lambda: _("Too small."),
    "less_than_equal": lambda: _("Too large."),
    "json_invalid": lambda: _("The body is not valid JSON."),
    "model_attributes_type": lambda: _("Must be a JSON object."),
    "dict_type": lambda: _("Must be a JSON object."),
    "value_error": lambda: _("Invalid value."),
    "float_parsing": lambda: _("Must be a number."),
}


def _field_name(location) -> str:
    parts = [str(part) for part in location if part not in ("body", "payload", "query", "path")]
    return ".".join(parts) or "body"


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def schema_error(request, exc):
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            message = PYDANTIC_MESSAGES.get(error.get("type", ""), lambda: _("Invalid value."))()
            errors.setdefault(_field_name(error.get("loc", ())), []).append(message)
        return api.create_response(request, {"detail": _("Some fields are not valid."), "errors": errors}, status=422)

    @api.exception_handler(ValidationError)
    def service_error(request, exc):
        if hasattr(exc, "error_dict"):
            errors = exc.message_dict
            detail = " ".join(message for messages in errors.values() for message in messages)
            return api.create_response(request, {"detail": detail, "errors": errors}, status=400)
        return api.create_response(request, {"detail": " ".join(exc.messages)}, status=400)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return api.create_response(request, {"detail": str(exc) or _("You do not have permission to do this.")}, status=403)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"detail": str(exc) or _("Not found.")}, status=404)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return api.create_response(request, {"detail": _("Log in, or send a valid personal API token.")}, status=401)

    @api.exception_handler(OverflowError)
    @api.exception_handler(DataError)
    def number_too_large(request, exc):
        # A number larger than the database can hold (SQLite: 2^63) can name no row.
        return api.create_response(request, {"detail": _("A value in this request is too large.")}, status=422)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)
