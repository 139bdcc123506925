import pytest

from ayni.communities.tests.factories import MembershipFactory


@pytest.fixture
def starter(db):
    from ayni.training.services import starter_course_ensure

    return starter_course_ensure()


@pytest.fixture
def teresa(aurora):
    """An active supporter in aurora, not trained yet."""
    return MembershipFactory(
        community=aurora, user__display_name="Teresa", user__email="teresa@example.org",
        is_supporter=True,
    )
