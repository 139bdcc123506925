import pytest

from ayni.communities.tests.factories import MembershipFactory


@pytest.fixture
def erin(aurora):
    """A trained supporter of aurora (eligible to facilitate)."""
    from ayni.training.testing import certify

    supporter = MembershipFactory(community=aurora, user__display_name="Erin", user__email="erin@example.org",
                                  user__language="en", is_supporter=True)
    certify(supporter)
    return supporter.user


@pytest.fixture
def frank(aurora):
    """Another seeker of aurora."""
    return MembershipFactory(community=aurora, user__display_name="Frank", user__email="frank@example.org",
                             is_seeker=True).user


@pytest.fixture
def circle(aurora, alice, bob, erin):
    from ayni.circles import services
    from conftest import membership

    return services.circle_create(actor=alice, community=aurora, name="Círculo de duelo",
                                  topic=aurora.topics.get(key="grief"), facilitators=[membership(erin, aurora)],
                                  members=[membership(bob, aurora)])


@pytest.fixture
def conversation(circle):
    from ayni.messaging.services import conversation_for_circle

    return conversation_for_circle(circle)
