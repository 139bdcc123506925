"""Shared test fixtures: a fixed cast, as in the house style.

Alice coordinates the community "aurora"; Bob is an active member (seeker); Charlie belongs to
nothing. Dana coordinates another community, "boreal", and must never see aurora's people.
"""

import os

import pytest

os.environ.setdefault("AYNI_TESTING", "1")


@pytest.fixture(autouse=True)
def _test_site(settings):
    settings.LANGUAGE_CODE = "es"
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def aurora(db):
    from ayni.communities.tests.factories import CommunityFactory, TopicFactory

    community = CommunityFactory(slug="aurora", name="Aurora", join_policy="approval")
    TopicFactory(community=community, key="grief", name_es="Duelo", name_en="Grief", is_sensitive=True)
    TopicFactory(community=community, key="job-loss", name_es="Pérdida de empleo", name_en="Job loss")
    return community


@pytest.fixture
def boreal(db):
    from ayni.communities.tests.factories import CommunityFactory, TopicFactory

    community = CommunityFactory(slug="boreal", name="Boreal", visibility="unlisted", join_policy="invitation")
    TopicFactory(community=community, key="exams", name_es="Exámenes", name_en="Exams")
    return community


@pytest.fixture
def alice(aurora):
    from ayni.communities.tests.factories import MembershipFactory

    return MembershipFactory(community=aurora, user__display_name="Alice", user__email="alice@example.org",
                             is_coordinator=True).user


@pytest.fixture
def bob(aurora):
    from ayni.communities.tests.factories import MembershipFactory

    return MembershipFactory(community=aurora, user__display_name="Bob", user__email="bob@example.org",
                             is_seeker=True).user


@pytest.fixture
def charlie(db):
    from ayni.accounts.tests.factories import UserFactory

    return UserFactory(display_name="Charlie", email="charlie@example.org")


@pytest.fixture
def dana(boreal):
    from ayni.communities.tests.factories import MembershipFactory

    return MembershipFactory(community=boreal, user__display_name="Dana", user__email="dana@example.org",
                             is_coordinator=True).user


def membership(user, community):
    from ayni.communities.models import Membership

    return Membership.objects.get(user=user, community=community)


@pytest.fixture
def client_for(client):
    """A client logged in as the given person."""

    def login(user):
        client.force_login(user, backend="ayni.accounts.backends.EmailBackend")
        return client

    return login
