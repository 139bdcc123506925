import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ayni.notifications.kinds import register_kind
from ayni.notifications.models import Notification
from ayni.notifications.services import mark_read, notify, unread_count

register_kind("test.hello", title=_("%(name)s was proposed to you"), category="proposals")


@pytest.mark.django_db(transaction=True)
def test_notify_stores_it_and_mails_it_in_the_recipients_language(bob):
    bob.language = "en"
    bob.save()
    notify(bob, "test.hello", context={"name": "Rosa"}, url="/support/")
    notification = Notification.objects.get(recipient=bob)
    with translation.override("en"):
        assert notification.title == "Rosa was proposed to you"
    with translation.override("es"):
        assert notification.title.startswith("Te han propuesto") and "Rosa" in notification.title
    assert unread_count(bob) == 1
    assert len(mail.outbox) == 1 and "Rosa was proposed to you" in mail.outbox[0].subject
    assert "/en/support/" in mail.outbox[0].body
    assert mark_read(bob) == 1 and unread_count(bob) == 0


@pytest.mark.django_db(transaction=True)
def test_a_person_who_turned_a_category_off_gets_no_email(bob):
    bob.notification_preferences = {"proposals": False}
    notify(bob, "test.hello", context={"name": "Rosa"})
    assert Notification.objects.filter(recipient=bob).count() == 1
    assert mail.outbox == []
