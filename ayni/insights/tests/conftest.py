import datetime as dt

import pytest
from django.utils import timezone

from ayni.communities.tests.factories import MembershipFactory


@pytest.fixture
def aurora_people(aurora, alice, bob):
    """Aurora with a dozen seekers and supporters (so counts pass the suppression threshold)."""
    from ayni.people.models import Experience, Need, Profile

    grief = aurora.topics.get(key="grief")
    joined = timezone.now() - dt.timedelta(days=100)
    seekers, supporters = [], []
    for index in range(8):
        member = MembershipFactory(community=aurora, is_seeker=True, joined_at=joined, status="active",
                                   group="north" if index % 2 else "south")
        Profile.objects.update_or_create(user=member.user, defaults={"languages": ["es", "qu"],
                                                                     "meeting_mode": "in_person", "area": "Delicias"})
        Need.objects.create(membership=member, topic=grief, is_sensitive=True, consent_at=timezone.now())
        seekers.append(member)
    for _index in range(6):
        member = MembershipFactory(community=aurora, is_supporter=True, joined_at=joined, status="active", capacity=2)
        Profile.objects.update_or_create(user=member.user, defaults={"languages": ["es"], "meeting_mode": "online"})
        Experience.objects.create(membership=member, topic=grief, story="…", is_sensitive=True,
                                  consent_at=timezone.now())
        supporters.append(member)
    return {"seekers": seekers, "supporters": supporters, "grief": grief}
