import io

import pytest

from ayni.circles.models import Circle, CircleMeeting
from ayni.demo.loader import load_demo
from ayni.messaging.models import Message
from ayni.resources.models import Resource


@pytest.mark.django_db
def test_the_demo_loads_circles_meetings_messages_and_resources_once():
    load_demo(stdout=io.StringIO())
    counts = (Circle.objects.count(), CircleMeeting.objects.count(), Message.objects.count(), Resource.objects.count())
    assert counts[0] == 3 and counts[1] == 9 and counts[2] >= 13 and counts[3] >= 10
    load_demo(stdout=io.StringIO())
    assert (Circle.objects.count(), CircleMeeting.objects.count(), Message.objects.count(),
            Resource.objects.count()) == counts
    caring = Circle.objects.get(name="Cuidar a quien cuida")
    assert caring.circle_memberships.filter(status="requested").count() == 1
    assert caring.conversation.participants.count() >= 3
    from ayni.relationships.models import Relationship

    started = Relationship.objects.exclude(status="proposed")
    assert started.exists()
    assert all(hasattr(relationship, "conversation") for relationship in started)
    assert Message.objects.filter(conversation__kind="relationship").count() >= 4 * started.count()
