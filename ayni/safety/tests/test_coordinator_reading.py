"""One rule for a coordinator reading a conversation they are not in, and one audit row per
coordinator, conversation and hour (used by messaging's pages and API)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.communities.models import Membership
from ayni.communities.tests.factories import MembershipFactory
from ayni.core.models import AuditEvent
from ayni.people.models import Profile
from ayni.safety.access import (
    COORDINATOR_READ_ACTION,
    COORDINATOR_READ_AUDIT_EVERY,
    access_conversation_as_coordinator,
    coordinator_read_reason,
)
from conftest import membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def frida(aurora):
    """A trained supporter of aurora who facilitates the circle."""
    from ayni.training.testing import certify

    supporter = MembershipFactory(community=aurora, user__display_name="Frida", user__email="frida@example.org",
                                  is_supporter=True)
    certify(supporter)
    return supporter.user


@pytest.fixture
def conversation(aurora, alice, bob, frida):
    from ayni.circles import services as circles
    from ayni.messaging.services import conversation_for_circle

    circle = circles.circle_create(actor=alice, community=aurora, name="Círculo", topic=aurora.topics.get(key="grief"),
                                   facilitators=[membership(frida, aurora)], members=[membership(bob, aurora)])
    return conversation_for_circle(circle)


def _make_minor(user):
    Profile.objects.update_or_create(user=user, defaults={"date_of_birth": timezone.localdate() - timedelta(days=15 * 365)})


def _readings(user):
    return AuditEvent.objects.filter(action=COORDINATOR_READ_ACTION, actor=user)


def test_a_coordinator_may_not_read_a_conversation_of_adults_without_a_report(aurora, alice, bob, frida, conversation):
    assert coordinator_read_reason(user=alice, community=aurora, participants=[bob, frida]) == ""
    assert access_conversation_as_coordinator(user=alice, community=aurora, target=conversation,
                                              involves_minor=False, open_report=False) == ""
    assert not _readings(alice).exists()


def test_the_minor_rule_lets_the_communitys_coordinator_read_and_refuses_everyone_else(
        aurora, boreal, alice, bob, charlie, dana, frida, conversation):
    _make_minor(bob)
    assert coordinator_read_reason(user=alice, community=aurora, participants=[bob, frida]) == "minor"
    # A coordinator of another community, a member who is not a coordinator, a stranger.
    assert coordinator_read_reason(user=dana, community=aurora, participants=[bob, frida]) == ""
    assert coordinator_read_reason(user=frida, community=aurora, participants=[bob, frida]) == ""
    assert coordinator_read_reason(user=charlie, community=aurora, involves_minor=True) == ""
    # A coordinator who stepped down (a fresh user object: memberships are cached per request).
    Membership.objects.filter(user=alice, community=aurora).update(is_coordinator=False)
    alice = type(alice).objects.get(pk=alice.pk)
    assert coordinator_read_reason(user=alice, community=aurora, involves_minor=True) == ""


def test_an_open_report_in_the_same_community_lets_a_coordinator_read_until_it_is_resolved(aurora, alice, bob, frida):
    from ayni.safety.services import report_create, report_resolve

    report = report_create(actor=bob, community=aurora, source_kind="person", source_id=frida.pk, reason="other")
    assert coordinator_read_reason(user=alice, community=aurora, participants=[bob, frida], report=report) == "report"
    report_resolve(actor=alice, report=report, action="dismiss")
    report.refresh_from_db()
    assert coordinator_read_reason(user=alice, community=aurora, participants=[bob, frida], report=report) == ""


def test_a_report_from_another_community_opens_nothing(aurora, boreal, alice, bob, dana):
    from ayni.safety.services import report_create

    MembershipFactory(community=boreal, user=bob, is_seeker=True)
    report = report_create(actor=bob, community=boreal, source_kind="person", source_id=dana.pk, reason="other")
    assert coordinator_read_reason(user=alice, community=aurora, participants=[bob], report=report) == ""


def test_a_reading_is_audited_once_per_coordinator_and_conversation_each_hour(aurora, alice, bob, conversation, erin):
    for _ in range(5):  # a page that polls
        assert access_conversation_as_coordinator(user=alice, community=aurora, target=conversation,
                                                  involves_minor=True) == "minor"
    assert _readings(alice).count() == 1
    row = _readings(alice).get()
    assert (row.target_type, row.target_id, row.details["why"]) == ("messaging.conversation", str(conversation.pk), "minor")
    # Another coordinator gets a row of their own.
    access_conversation_as_coordinator(user=erin, community=aurora, target=conversation, involves_minor=True)
    assert _readings(erin).count() == 1
    # An hour later the next reading is recorded again.
    _readings(alice).update(created_at=timezone.now() - COORDINATOR_READ_AUDIT_EVERY - timedelta(seconds=1))
    access_conversation_as_coordinator(user=alice, community=aurora, target=conversation, involves_minor=True)
    assert _readings(alice).count() == 2


def test_messaging_pages_and_api_use_the_rule_and_audit_one_row_for_many_polls(aurora, alice, bob, dana, conversation, client_for):
    from ayni.messaging.services import conversation_for_circle

    url = f"/en/messages/{conversation.pk}/"
    api = f"/api/v1/messages/{conversation.pk}/messages"
    assert client_for(alice).get(url).status_code == 404  # adults, no report
    _make_minor(bob)
    conversation_for_circle(conversation.circle)  # refreshes the conversation's minor flag
    client = client_for(alice)
    assert client.get(url).status_code == 200
    for _ in range(3):
        assert client.get(api).status_code == 200
    assert _readings(alice).count() == 1
    # The coordinator of another community is refused, and leaves no reading behind.
    assert client_for(dana).get(url).status_code == 404
    assert client_for(dana).get(api).status_code == 404
    assert not _readings(dana).exists()
