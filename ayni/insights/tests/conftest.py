import datetime as dt

import pytest
from django.utils import timezone

from ayni.communities.tests.factories import MembershipFactory


def _add_people(aurora, *, seekers=8, supporters=6, days_ago=100):
    from ayni.people.models import Experience, Need, Profile
    from ayni.support.models import SupportRequest

    grief = aurora.topics.get(key="grief")
    joined = timezone.now() - dt.timedelta(days=days_ago)
    found = {"seekers": [], "supporters": [], "grief": grief}
    for index in range(seekers):
        member = MembershipFactory(community=aurora, is_seeker=True, joined_at=joined, status="active",
                                   group="north" if index % 2 else "south")
        Profile.objects.update_or_create(user=member.user, defaults={"languages": ["es", "qu"],
                                                                     "meeting_mode": "in_person", "area": "Delicias"})
        Need.objects.create(membership=member, topic=grief, is_sensitive=True, consent_at=timezone.now())
        request = SupportRequest.objects.create(community=aurora, seeker=member, situation="…",
                                                language="qu" if index % 2 else "es", mode="in_person",
                                                waiting_since=joined, created_at=joined)
        request.topics.add(grief)
        found["seekers"].append(member)
    for _index in range(supporters):
        member = MembershipFactory(community=aurora, is_supporter=True, joined_at=joined, status="active", capacity=2)
        Profile.objects.update_or_create(user=member.user, defaults={"languages": ["es"], "meeting_mode": "online"})
        Experience.objects.create(membership=member, topic=grief, story="…", is_sensitive=True,
                                  consent_at=timezone.now())
        found["supporters"].append(member)
    return found


@pytest.fixture
def aurora_people(aurora, alice, bob):
    """Aurora with eight seekers waiting on grief (half in Quechua) and six supporters."""
    return _add_people(aurora)


@pytest.fixture
def more_people(aurora):
    """Call to add people (and their requests) to aurora: query counts must not grow."""
    return lambda **options: _add_people(aurora, **options)


def add_relationships(aurora, people, *, closed=0, sessions=2):
    """Relationships between the given seekers and supporters, with sessions, check-ins and goals."""
    from ayni.relationships.models import CheckIn, Goal, Relationship, Session

    now = timezone.now()
    made = []
    for index, seeker in enumerate(people["seekers"]):
        supporter = people["supporters"][index % len(people["supporters"])]
        started = now - dt.timedelta(days=80)
        is_closed = index < closed
        relationship = Relationship.objects.create(
            community=aurora, seeker=seeker, supporter=supporter, status="closed" if is_closed else "active",
            started_at=started, closed_at=now - dt.timedelta(days=5) if is_closed else None,
            closure_kind=("planned" if index % 2 else "unplanned") if is_closed else "",
            last_session_at=now - dt.timedelta(days=60 if index % 3 == 0 else 3))
        for session_index in range(sessions):
            day = (now - dt.timedelta(days=10 + session_index * 7))
            Session.objects.create(relationship=relationship, status="held", starts_at=day, held_on=day.date())
        CheckIn.objects.create(relationship=relationship, user=seeker.user, sequence=1,
                               due_at=now - dt.timedelta(days=20),
                               answered_at=now - dt.timedelta(days=19) if index % 4 else None, answer="well")
        if is_closed:
            Goal.objects.create(relationship=relationship, title="Volver a dormir bien", attainment=3 + index % 2)
        made.append(relationship)
    return made


@pytest.fixture(autouse=True)
def _fresh_figures(settings):
    """Figures computed on every request in tests (snapshots have their own test)."""
    settings.AYNI_INSIGHTS_SNAPSHOT_SECONDS = 0
