import pytest

from ayni.communities.models import Topic
from ayni.communities.tests.factories import MembershipFactory
from ayni.core.models import AuditEvent
from ayni.people.models import Experience, Need
from ayni.people.services import experience_save
from conftest import membership

STORY = "Perdí mi trabajo a los 50 y tardé un año en volver a encontrar algo estable."


@pytest.fixture
def eve(aurora):
    return MembershipFactory(community=aurora, user__display_name="Eve", is_supporter=True).user


def post_experience(client, topic, **extra):
    data = {"form": "experience", "experience-topic": topic.pk, "experience-story": STORY,
            "experience-visibility": "community", "experience-started_on": "2020-03", "experience-ended_on": "2021-02"}
    data.update({f"experience-{key}": value for key, value in extra.items()})
    return client.post("/en/c/aurora/me/", data)


@pytest.mark.django_db
def test_a_member_adds_an_experience_with_its_period(client_for, bob, aurora):
    topic = Topic.objects.get(community=aurora, key="job-loss")
    assert post_experience(client_for(bob), topic).status_code == 302
    experience = Experience.objects.get(membership__user=bob)
    assert experience.started_on.isoformat() == "2020-03-01" and experience.ended_on.isoformat() == "2021-02-01"
    assert experience.duration_months() == 11
    assert AuditEvent.objects.filter(action="experience.create").exists()


@pytest.mark.django_db
def test_a_sensitive_experience_is_refused_without_consent_and_stamped_with_it(client_for, bob, aurora):
    grief = Topic.objects.get(community=aurora, key="grief")
    client = client_for(bob)
    response = post_experience(client, grief)
    assert "sensitive topic" in response.content.decode()
    assert not Experience.objects.exists()
    post_experience(client, grief, sensitive_consent="on")
    experience = Experience.objects.get()
    assert experience.is_sensitive and experience.consent_at is not None


@pytest.mark.django_db
def test_the_end_cannot_come_before_the_start(client_for, bob, aurora):
    topic = Topic.objects.get(community=aurora, key="job-loss")
    response = post_experience(client_for(bob), topic, started_on="2022-01", ended_on="2021-01")
    assert "The end comes before the start" in response.content.decode()
    assert not Experience.objects.exists()


@pytest.mark.django_db
def test_private_experiences_are_for_coordinators_only_public_ones_for_members(client_for, alice, bob, eve, aurora):
    topic = Topic.objects.get(community=aurora, key="job-loss")
    bob_membership = membership(bob, aurora)
    experience_save(actor=bob, membership=bob_membership, topic=topic, story=STORY, visibility="private")
    url = f"/en/c/aurora/members/{bob_membership.pk}/"
    assert STORY not in client_for(eve).get(url).content.decode()
    assert STORY in client_for(alice).get(url).content.decode()
    Experience.objects.update(visibility="community")
    assert STORY in client_for(eve).get(url).content.decode()


@pytest.mark.parametrize("who, status", [("charlie", 403), ("dana", 403)])
@pytest.mark.django_db
def test_outsiders_never_see_a_communitys_members(client_for, request, bob, aurora, who, status):
    topic = Topic.objects.get(community=aurora, key="job-loss")
    bob_membership = membership(bob, aurora)
    experience_save(actor=bob, membership=bob_membership, topic=topic, story=STORY, visibility="community")
    client = client_for(request.getfixturevalue(who))
    response = client.get(f"/en/c/aurora/members/{bob_membership.pk}/")
    assert response.status_code == status and STORY not in response.content.decode()
    api = client.get(f"/api/v1/communities/aurora/members/{bob_membership.pk}")
    assert api.status_code == status and STORY not in api.content.decode()


@pytest.mark.django_db
def test_a_member_of_one_community_cannot_reach_a_member_of_another_by_id(client_for, dana, bob, aurora):
    bob_membership = membership(bob, aurora)
    response = client_for(dana).get(f"/en/c/boreal/members/{bob_membership.pk}/")
    assert response.status_code == 404


@pytest.mark.django_db
def test_needs_are_private_to_coordinators(client_for, alice, bob, eve, aurora):
    topic = Topic.objects.get(community=aurora, key="job-loss")
    client_for(bob).post("/en/c/aurora/me/", {"form": "need", "need-topic": topic.pk, "need-note": "Me acaban de despedir"})
    assert Need.objects.filter(membership__user=bob).exists()
    url = f"/en/c/aurora/members/{membership(bob, aurora).pk}/"
    assert "Me acaban de despedir" in client_for(alice).get(url).content.decode()
    assert "Me acaban de despedir" not in client_for(eve).get(url).content.decode()


@pytest.mark.django_db
def test_nobody_edits_someone_elses_experience(client_for, bob, eve, aurora):
    topic = Topic.objects.get(community=aurora, key="job-loss")
    experience = experience_save(actor=bob, membership=membership(bob, aurora), topic=topic, story=STORY)
    client = client_for(eve)
    assert client.get(f"/en/c/aurora/me/experiences/{experience.pk}/").status_code == 404
    assert client.post(f"/en/c/aurora/me/experiences/{experience.pk}/delete/").status_code == 404
    assert Experience.objects.filter(pk=experience.pk).exists()


@pytest.mark.django_db
def test_a_supporter_sets_capacity_and_an_away_date(client_for, eve, aurora):
    client_for(eve).post("/en/c/aurora/me/", {"form": "settings", "settings-capacity": "3", "settings-away_until": "2099-01-01"})
    own = membership(eve, aurora)
    assert own.capacity == 3 and own.away_until.year == 2099
    response = client_for(eve).post("/en/c/aurora/me/", {"form": "settings", "settings-capacity": "-1"})
    assert response.status_code == 200
    assert membership(eve, aurora).capacity == 3
