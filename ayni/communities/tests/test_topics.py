import pytest

from ayni.communities.models import Topic
from ayni.communities.services import starter_topics
from ayni.communities.tests.factories import CommunityFactory


@pytest.mark.django_db
def test_a_coordinator_adds_and_archives_a_topic(client_for, alice, aurora):
    client = client_for(alice)
    client.post("/en/c/aurora/manage/topics/", {"action": "create", "name_es": "Soledad", "name_en": "Loneliness"})
    topic = Topic.objects.get(community=aurora, key="loneliness")
    client.post("/en/c/aurora/manage/topics/", {"action": "archive", "topic": topic.pk})
    topic.refresh_from_db()
    assert topic.is_archived


@pytest.mark.django_db
def test_a_topic_needs_both_names(client_for, alice, aurora):
    response = client_for(alice).post("/en/c/aurora/manage/topics/", {"action": "create", "name_es": "Soledad"})
    assert "name in English" in response.content.decode() or "required" in response.content.decode()
    assert not Topic.objects.filter(name_es="Soledad").exists()


@pytest.mark.parametrize("who", ["bob", "charlie"])
@pytest.mark.django_db
def test_members_cannot_manage_topics(client_for, request, aurora, who):
    response = client_for(request.getfixturevalue(who)).post(
        "/en/c/aurora/manage/topics/", {"action": "create", "name_es": "X", "name_en": "X"})
    assert response.status_code == 403
    assert not Topic.objects.filter(name_en="X").exists()


@pytest.mark.django_db
def test_a_new_community_starts_with_the_starter_topics_of_its_kind(client_for, charlie):
    client_for(charlie).post("/en/c/new/", {
        "name": "IES Las Viñas", "kind": "school", "languages": "es, en", "visibility": "listed",
        "join_policy": "invitation"})
    topics = set(Topic.objects.filter(community__slug="ies-las-vinas").values_list("key", flat=True))
    assert topics == {entry["key"] for entry in starter_topics()["school"]}
    assert topics


def test_every_kind_has_starter_topics_in_both_languages():
    from ayni.communities.models import Community

    lists = starter_topics()
    for kind in Community.Kind.values:
        assert lists.get(kind), kind
        for entry in lists[kind]:
            assert entry["name"]["es"] and entry["name"]["en"], entry


@pytest.mark.django_db
def test_community_creation_refuses_bad_languages_and_duplicate_slugs(client_for, charlie):
    CommunityFactory(slug="taken")
    response = client_for(charlie).post("/en/c/new/", {
        "name": "Taken", "slug": "taken", "kind": "school", "languages": "spanish!", "visibility": "listed",
        "join_policy": "open"})
    page = response.content.decode()
    assert "is not a language code" in page
