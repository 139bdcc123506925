"""Outgoing e-mail: rendered in the recipient's language, stored, then sent by a task."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ayni.core.models import OutboundEmail


def queue_email(
    *, to: str, language: str, subject_template: str, body_template: str, context: dict,
    kind: str = "",
) -> OutboundEmail:
    """Render a plain-text e-mail in `language` and send it once the transaction commits."""
    with translation.override(language):
        subject = " ".join(render_to_string(subject_template, context).split())[:200]
        body = render_to_string(body_template, context).strip() + "\n"
    email = OutboundEmail.objects.create(
        to=to, subject=subject, body=body, language=language, kind=kind
    )
    transaction.on_commit(lambda: _enqueue_delivery(email.pk))
    return email


def _enqueue_delivery(email_id: int) -> None:
    from ayni.core.tasks import deliver_email

    deliver_email.enqueue(email_id)


def deliver(email_id: int) -> bool:
    """Send one queued e-mail. The claim is a conditional UPDATE, so it is sent at most once."""
    claimed = OutboundEmail.objects.filter(pk=email_id, status=OutboundEmail.Status.QUEUED).update(
        status=OutboundEmail.Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    email = OutboundEmail.objects.get(pk=email_id)
    try:
        EmailMessage(subject=email.subject, body=email.body, to=[email.to],
                     headers={"Message-ID": f"<ayni-outbound-{email.pk}@{settings.EMAIL_MESSAGE_ID_DOMAIN}>"}).send()
    except Exception as error:
        OutboundEmail.objects.filter(pk=email_id).update(
            status=OutboundEmail.Status.QUEUED if email.attempts < 5 else OutboundEmail.Status.FAILED,
            last_error=str(error)[:2000],
        )
        return False
    OutboundEmail.objects.filter(pk=email_id).update(
        status=OutboundEmail.Status.SENT, sent_at=timezone.now()
    )
    return True
