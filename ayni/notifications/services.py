"""notify(): the one way any part of Ayni tells a person something.

It stores an in-app notification and, unless the person turned that category off, queues an
e-mail in the person's language once the transaction commits.
"""

from django.conf import settings
from django.utils import timezone, translation

from ayni.core.emails import queue_email
from ayni.notifications.kinds import get_kind
from ayni.notifications.models import Notification


def wants_email(recipient, category: str) -> bool:
    """Preferences live on the user as a dict {category: bool}; everything is on by default."""
    preferences = getattr(recipient, "notification_preferences", None) or {}
    return bool(preferences.get(category, True))


def notify(recipient, kind: str, *, context: dict | None = None, url: str = "", community=None,
           email: bool | None = None) -> Notification:
    """Tell `recipient` about something. `context` must be JSON-serialisable (names, dates as text).

    `url` is a path without the language prefix (for example "/support/requests/12/"); it is
    shown with the reader's language prefix.
    """
    context = dict(context or {})
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, community=community, context=context, url=url,
    )
    registered = get_kind(kind)
    send = registered.email if email is None else email
    if send and recipient.is_active and recipient.email and wants_email(recipient, registered.category):
        language = getattr(recipient, "language", "") or settings.LANGUAGE_CODE
        with translation.override(language):
            title = notification.title
        queue_email(
            to=recipient.email, language=language,
            subject_template="notifications/email_subject.txt",
            body_template="notifications/email_body.txt",
            context={"notification": notification, "title": title, "recipient": recipient,
                     "link": localized_link(url, language)},
            kind=f"notification:{kind}",
        )
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return notification


def localized_link(url: str, language: str) -> str:
    if not url:
        return ""
    if url.startswith("http"):
        return url
    return f"{settings.SITE_URL}/{language}{url if url.startswith('/') else '/' + url}"


def mark_read(recipient, notification_ids=None) -> int:
    queryset = Notification.objects.filter(recipient=recipient, read_at__isnull=True)
    if notification_ids is not None:
        queryset = queryset.filter(pk__in=list(notification_ids))
    return queryset.update(read_at=timezone.now())


def unread_count(recipient) -> int:
    return Notification.objects.filter(recipient=recipient, read_at__isnull=True).count()


def preferences_set(*, actor, preferences: dict) -> dict:
    """Which categories the person also wants by e-mail ({category: bool}); unknown categories are refused."""
    from django.core.exceptions import ValidationError
    from django.db import transaction
    from django.utils.translation import gettext as _

    from ayni.core.audit import audit_log
    from ayni.notifications.kinds import CATEGORIES

    unknown = sorted(set(preferences) - set(CATEGORIES))
    if unknown:
        raise ValidationError({"preferences": [_("Unknown categories: %(names)s") % {"names": ", ".join(unknown)}]})
    if any(not isinstance(value, bool) for value in preferences.values()):
        raise ValidationError({"preferences": [_("Each category must be true or false.")]})
    merged = {**(actor.notification_preferences or {}), **preferences}
    with transaction.atomic():
        actor.notification_preferences = merged
        actor.save(update_fields=["notification_preferences"])
        audit_log(actor=actor, action="notifications.preferences_changed", target=actor, details={"preferences": merged})
    return merged


def notifications_of(recipient, *, unread_only: bool = False):
    queryset = Notification.objects.filter(recipient=recipient).select_related("community")
    return queryset.filter(read_at__isnull=True) if unread_only else queryset
