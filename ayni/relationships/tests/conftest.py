import pytest

from conftest import membership


@pytest.fixture
def sofia(aurora):
    """A supporter in aurora."""
    from ayni.communities.tests.factories import MembershipFactory

    return MembershipFactory(community=aurora, user__display_name="Sofía", user__email="sofia@example.org",
                             is_supporter=True, capacity=2).user


@pytest.fixture
def tomas(aurora):
    """Another supporter in aurora, with no relationship."""
    from ayni.communities.tests.factories import MembershipFactory

    return MembershipFactory(community=aurora, user__display_name="Tomás", user__email="tomas@example.org",
                             is_supporter=True).user


@pytest.fixture
def proposed(alice, bob, sofia, aurora):
    from ayni.relationships.services import relationship_start

    return relationship_start(actor=alice, seeker=membership(bob, aurora), supporter=membership(sofia, aurora),
                              topics=list(aurora.topics.all()[:1]), note="Primer acompañamiento")


@pytest.fixture
def active(proposed, bob, sofia):
    from ayni.relationships.services import agreement_acknowledge

    for person in (bob, sofia):
        agreement_acknowledge(actor=person, relationship=proposed, frequency="weekly", session_minutes=60,
                              planned_months=3)
    proposed.refresh_from_db()
    return proposed
