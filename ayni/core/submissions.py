"""Forms that do their work once, however many times they are sent.

A form carries a hidden one-time key (`{% submission_key %}`, included by the shared form
partial). The view runs its service through `submit_once`: the key is inserted in the same
transaction as the service's writes, under a unique constraint. A second send of the same form
(a double click, a browser retry, the back button) blocks on that row until the first commits,
then fails the insert and is told where the first one went. A send that fails (a validation
error) rolls back with its key, so the corrected form can be sent again. Requests without a key
(the API, scripts) run as before.
"""

import secrets
from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from ayni.core.models import FormSubmission

FIELD = "submission_key"
T = TypeVar("T")


class AlreadySubmitted(Exception):
    """This form was already sent; `outcome_url` is where the first send led ("" if unknown)."""

    def __init__(self, outcome_url: str = ""):
        super().__init__(outcome_url)
        self.outcome_url = outcome_url


def new_key() -> str:
    return secrets.token_hex(16)


def key_of(request) -> str:
    key = (request.POST.get(FIELD) or "").strip()
    return key if key and len(key) <= 64 and key.isalnum() else ""


def submit_once(request, action: Callable[[], T], *, outcome_url: Callable[[T], str] | None = None) -> T:
    """Run `action` once per form key of this person; raise AlreadySubmitted on a repeat."""
    key = key_of(request)
    user = getattr(request, "user", None)
    if not key or user is None or not user.is_authenticated:
        return action()
    with transaction.atomic():
        try:
            with transaction.atomic():
                claim = FormSubmission.objects.create(user=user, key=key, path=request.path[:200])
        except IntegrityError:
            first = FormSubmission.objects.filter(user=user, key=key).values_list("outcome_url", flat=True).first()
            raise AlreadySubmitted(first or "") from None
        result = action()
        if outcome_url is not None:
            FormSubmission.objects.filter(pk=claim.pk).update(outcome_url=(outcome_url(result) or "")[:300])
    return result


def submitted_before(request) -> AlreadySubmitted | None:
    """This form's key was already used (for views that find nothing left to do on a repeat)."""
    key = key_of(request)
    user = getattr(request, "user", None)
    if not key or user is None or not user.is_authenticated:
        return None
    first = FormSubmission.objects.filter(user=user, key=key).values_list("outcome_url", flat=True).first()
    return None if first is None else AlreadySubmitted(first)


def already_sent(request, repeat: AlreadySubmitted, *, fallback: str):
    """The answer to a repeat: where the first send led, saying nothing was done twice."""
    messages.info(request, _("This was already sent; it was not sent twice."))
    return redirect(repeat.outcome_url or fallback)
