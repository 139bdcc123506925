import io

import pytest

from ayni.relationships.models import Relationship


def _messaging_ready() -> bool:
    from ayni.messaging.models import Conversation

    return any(field.name == "relationship" for field in Conversation._meta.get_fields())


@pytest.mark.skipif(not _messaging_ready(), reason="the messaging demo needs Conversation.relationship (17:00 merge)")
@pytest.mark.django_db
def test_the_demo_has_every_state_in_each_community_and_loads_once(settings):
    from ayni.demo.loader import load_demo

    counts = load_demo(stdout=io.StringIO())
    assert counts["relationships"] > 0
    from ayni.communities.models import Community

    for community in Community.objects.all():
        statuses = set(Relationship.objects.filter(community=community).values_list("status", flat=True))
        assert statuses >= {"proposed", "active", "paused", "closing", "closed", "rematched"}, community.slug
    total = Relationship.objects.count()
    again = load_demo(stdout=io.StringIO())
    assert again.get("relationships", 0) == 0 and Relationship.objects.count() == total
