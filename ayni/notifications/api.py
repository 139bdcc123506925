from datetime import datetime

from ninja import Router, Schema
from ninja.pagination import paginate

from ayni.core.api import Pagination
from ayni.notifications import services
from ayni.notifications.kinds import CATEGORIES, get_kind

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    category: str
    title: str
    community: str | None
    url: str
    created_at: datetime
    read_at: datetime | None


class CountsOut(Schema):
    unread_notifications: int
    unread_messages: int


class MarkReadIn(Schema):
    ids: list[int] | None = None


class MarkedOut(Schema):
    marked: int


class PreferenceOut(Schema):
    category: str
    label: str
    email: bool


class PreferencesIn(Schema):
    preferences: dict[str, bool]


def notification_out(notification) -> dict:
    return {
        "id": notification.pk, "kind": notification.kind, "category": get_kind(notification.kind).category,
        "title": notification.title, "community": notification.community.slug if notification.community else None,
        "url": notification.url, "created_at": notification.created_at, "read_at": notification.read_at,
    }


def preferences_out(user) -> list[dict]:
    return [{"category": key, "label": str(label), "email": services.wants_email(user, key)}
            for key, label in CATEGORIES.items()]


@router.get("", response=list[NotificationOut], summary="My notifications, newest first")
@paginate(Pagination)
def list_notifications(request, unread: bool = False):
    return [notification_out(n) for n in services.notifications_of(request.user, unread_only=unread)]


@router.get("/counts", response=CountsOut, summary="Unread notifications and messages")
def counts(request):
    from ayni.notifications.selectors import badge_counts

    return badge_counts(request.user)


@router.post("/read", response=MarkedOut, summary="Mark notifications as read (all when no ids are given)")
def mark_read(request, payload: MarkReadIn):
    return {"marked": services.mark_read(request.user, payload.ids)}


@router.get("/preferences", response=list[PreferenceOut], summary="Which categories I also get by e-mail")
def get_preferences(request):
    return preferences_out(request.user)


@router.put("/preferences", response=list[PreferenceOut], summary="Change which categories I get by e-mail")
def put_preferences(request, payload: PreferencesIn):
    services.preferences_set(actor=request.user, preferences=payload.preferences)
    return preferences_out(request.user)
