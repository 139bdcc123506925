import json

import pytest

from ayni.support import services
from ayni.support.models import Proposal, SupportRequest

pytestmark = pytest.mark.django_db


def test_a_seeker_asks_from_the_page(client_for, bob, bob_membership, aurora, job_loss):
    client = client_for(bob)
    page = client.get("/es/support/aurora/ask/")
    assert (page.status_code == 200 and "Cuéntanos" in page.content.decode()) or page.status_code == 200
    response = client.post("/es/support/aurora/ask/", {
        "kinds": ["emotional"], "topics": [str(job_loss.pk)], "situation": "Me quedé sin trabajo en octubre.",
        "language": "es", "mode": "online", "urgency": "normal", "choice": "propose"})
    support_request = SupportRequest.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/support/requests/{support_request.pk}/")
    detail = client.get(response["Location"])
    assert detail.status_code == 200


def test_a_bad_form_says_what_is_wrong_and_saves_nothing(client_for, bob, bob_membership):
    response = client_for(bob).post("/en/support/aurora/ask/", {"situation": "x"})
    assert response.status_code == 200
    assert b"Please correct" in response.content or b"Please check" in response.content
    assert not SupportRequest.objects.exists()


def test_outsiders_cannot_ask_or_read_a_request(client_for, charlie, dana, bob_request):
    client = client_for(charlie)
    assert client.get("/es/support/aurora/ask/").status_code == 403
    assert client.get(f"/es/support/requests/{bob_request.pk}/").status_code == 404
    assert client.get(f"/api/v1/support/requests/{bob_request.pk}").status_code == 404
    client = client_for(dana)
    assert client.get(f"/es/support/requests/{bob_request.pk}/").status_code == 404


def test_a_coordinator_reads_but_does_not_change_a_request(client_for, alice, bob_request):
    client = client_for(alice)
    assert client.get(f"/es/support/aurora/coordinate/requests/{bob_request.pk}/").status_code == 200
    assert client.post(f"/es/support/requests/{bob_request.pk}/withdraw/").status_code == 403


def test_the_coordinator_pages_are_for_coordinators(client_for, alice, bob, bob_request):
    assert client_for(alice).get("/es/support/aurora/coordinate/").status_code == 200
    assert client_for(bob).get("/es/support/aurora/coordinate/").status_code == 403


def test_the_proposal_page_for_each_side_and_nobody_else(client_for, alice, bob, charlie, bob_request, teresa):
    proposal = services.proposal_create(actor=alice, request=bob_request, supporter=teresa)
    services.proposal_decline(actor=teresa.user, proposal=proposal, reason="No tengo tiempo este mes.")
    seen_by_bob = client_for(bob).get(f"/es/support/proposals/{proposal.pk}/").content.decode()
    assert "Teresa" in seen_by_bob and "No tengo tiempo" not in seen_by_bob
    seen_by_alice = client_for(alice).get(f"/es/support/proposals/{proposal.pk}/").content.decode()
    assert "No tengo tiempo" in seen_by_alice
    assert client_for(charlie).get(f"/es/support/proposals/{proposal.pk}/").status_code == 404
    assert client_for(charlie).get(f"/api/v1/support/proposals/{proposal.pk}").status_code == 404
    api_bob = client_for(bob).get(f"/api/v1/support/proposals/{proposal.pk}").json()
    assert api_bob["decline_reason"] is None and api_bob["status"] == "declined"


def test_the_consent_flow_through_the_pages(client_for, alice, bob, bob_request, teresa, started):
    proposal = services.proposal_create(actor=alice, request=bob_request, supporter=teresa)
    assert client_for(alice).post(f"/es/support/proposals/{proposal.pk}/accept/").status_code == 403
    client_for(teresa.user).post(f"/es/support/proposals/{proposal.pk}/accept/")
    client_for(bob).post(f"/es/support/proposals/{proposal.pk}/accept/")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED


def test_the_api_asks_and_withdraws_and_refuses_bad_input(client_for, bob, bob_membership, job_loss, charlie):
    client = client_for(bob)
    bad = client.post("/api/v1/support/communities/aurora/requests", data=json.dumps({
        "kinds": ["cosmic"], "topics": [job_loss.pk], "situation": "Necesito hablar con alguien."}),
        content_type="application/json")
    assert bad.status_code == 400 and "kinds" in bad.json()["errors"]
    created = client.post("/api/v1/support/communities/aurora/requests", data=json.dumps({
        "kinds": ["emotional"], "topics": [job_loss.pk], "situation": "Necesito hablar con alguien."}),
        content_type="application/json")
    assert created.status_code == 201, created.content
    request_id = created.json()["id"]
    assert client.get("/api/v1/support/requests").json()["count"] == 1
    assert client_for(charlie).post(f"/api/v1/support/requests/{request_id}/withdraw").status_code == 404
    assert client_for(bob).post(f"/api/v1/support/requests/{request_id}/withdraw").json()["status"] == "withdrawn"


def test_rounds_are_for_coordinators_in_the_api(client_for, bob, dana):
    assert client_for(bob).post("/api/v1/support/communities/aurora/rounds").status_code == 403
    assert client_for(dana).post("/api/v1/support/communities/aurora/rounds").status_code == 403


def test_lists_do_not_query_per_row(client_for, alice, aurora, job_loss, django_assert_max_num_queries):
    from ayni.support.tests.conftest import make_person

    for index in range(8):
        seeker = make_person(aurora, name=f"Lista{index}", seeker=True)
        services.request_create(actor=seeker.user, membership=seeker, kinds=["social"], topics=[job_loss.pk],
                                situation="Busco a alguien con quien hablar.", language="es")
    client = client_for(alice)
    with django_assert_max_num_queries(20):
        assert client.get("/es/support/aurora/coordinate/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/api/v1/support/requests").status_code == 200
