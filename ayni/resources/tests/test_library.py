import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ayni.communities.tests.factories import MembershipFactory
from ayni.resources import services
from ayni.resources.models import Resource


@pytest.fixture
def erin(aurora):
    return MembershipFactory(community=aurora, user__display_name="Erin", is_supporter=True).user


@pytest.fixture
def guide(aurora, alice):
    return services.resource_create(actor=alice, community=aurora, title_es="Guía del duelo",
                                    title_en="A guide to grief", note_es="Para los primeros meses.",
                                    note_en="For the first months.", url="https://example.org/duelo",
                                    topic=aurora.topics.get(key="grief"))


@pytest.mark.django_db
def test_coordinators_and_supporters_add_but_seekers_do_not(aurora, alice, bob, erin):
    assert services.resource_create(actor=erin, community=aurora, title_es="Nota", note_es="Respira.").pk
    with pytest.raises(PermissionDenied):
        services.resource_create(actor=bob, community=aurora, title_es="Spam")


@pytest.mark.django_db
def test_bad_input_is_named_field_by_field(aurora, alice, boreal):
    with pytest.raises(ValidationError) as refused:
        services.resource_create(actor=alice, community=aurora, url="javascript:alert(1)",
                                 topic=boreal.topics.first())
    assert set(refused.value.message_dict) == {"title_es", "url", "topic"}
    assert not Resource.objects.exists()


@pytest.mark.django_db
def test_members_read_the_library_in_their_language(guide, bob, client_for, django_assert_max_num_queries):
    client = client_for(bob)
    with django_assert_max_num_queries(10):
        page = client.get("/en/resources/c/aurora/")
    assert "A guide to grief" in page.content.decode() and "Edit" not in page.content.decode()
    assert "Guía del duelo" in client.get("/es/resources/c/aurora/?topic=grief").content.decode()
    assert "Guía del duelo" not in client.get("/es/resources/c/aurora/?topic=job-loss").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["charlie", "dana"])
def test_outsiders_are_refused_in_pages_and_api(guide, request, client_for, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get("/es/resources/c/aurora/").status_code in (403, 404)
    assert client.get(f"/es/resources/{guide.pk}/edit/").status_code in (403, 404)
    assert client.get("/api/v1/resources/community/aurora").status_code in (403, 404)
    assert client.patch(f"/api/v1/resources/{guide.pk}", json.dumps({"title_es": "x"}),
                        content_type="application/json").status_code in (403, 404)
    guide.refresh_from_db()
    assert guide.title_es == "Guía del duelo"


@pytest.mark.django_db
def test_a_seeker_cannot_edit_or_archive(guide, bob, client_for):
    client = client_for(bob)
    assert client.get(f"/es/resources/{guide.pk}/edit/").status_code == 403
    assert client.post(f"/es/resources/{guide.pk}/archive/").status_code == 403
    assert client.patch(f"/api/v1/resources/{guide.pk}", json.dumps({"is_archived": True}),
                        content_type="application/json").status_code == 403


@pytest.mark.django_db
def test_pages_add_edit_and_archive(aurora, erin, client_for):
    client = client_for(erin)
    answer = client.post("/es/resources/c/aurora/new/", {"title_es": "Cuidarse", "note_es": "Dormir bien ayuda."})
    assert answer.status_code == 302
    resource = Resource.objects.get()
    client.post(f"/es/resources/{resource.pk}/edit/", {"title_es": "Cuidarse", "title_en": "Self-care",
                                                       "note_es": "Dormir bien ayuda."})
    resource.refresh_from_db()
    assert resource.title_en == "Self-care"
    bad = client.post("/es/resources/c/aurora/new/", {"url": "no es un enlace"})
    assert bad.status_code == 200 and Resource.objects.count() == 1
    client.post(f"/es/resources/{resource.pk}/archive/")
    resource.refresh_from_db()
    assert resource.is_archived


@pytest.mark.django_db
def test_the_api_lists_adds_and_archives(aurora, alice, client_for):
    client = client_for(alice)
    created = client.post("/api/v1/resources/community/aurora", json.dumps({
        "title_en": "Job centre", "url": "https://example.org/empleo",
        "topic_id": aurora.topics.get(key="job-loss").pk}), content_type="application/json")
    assert created.status_code == 201
    resource_id = created.json()["id"]
    assert client.get("/api/v1/resources/community/aurora?topic=job-loss").json()["count"] == 1
    client.patch(f"/api/v1/resources/{resource_id}", json.dumps({"is_archived": True}), content_type="application/json")
    assert client.get("/api/v1/resources/community/aurora").json()["count"] == 0
    bad = client.post("/api/v1/resources/community/aurora", json.dumps({"url": "ftp://x"}),
                      content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400 and "url" in bad.json()["errors"]
