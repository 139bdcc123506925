import pytest

from ayni.safety.models import Alert, Block, Report
from ayni.safety.screening import screen_text

pytestmark = pytest.mark.django_db


def test_help_over_the_api_returns_resources_and_alerts(aurora, alice, bob, client_for):
    response = client_for(bob).post("/api/v1/safety/communities/aurora/help", {"text": "quiero morir"},
                                    content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["level"] == "urgent" and body["resources"] and body["coordinator_alerted"]


def test_alerts_over_the_api_follow_the_page_rules(aurora, alice, bob, dana, client_for):
    alert = screen_text(author=bob, text="quiero morir", community=aurora, source="message", source_id=1).alert
    assert client_for(alice).get("/api/v1/safety/communities/aurora/alerts").json()["count"] == 1
    assert client_for(bob).get("/api/v1/safety/communities/aurora/alerts").status_code == 403
    assert client_for(dana).get(f"/api/v1/safety/alerts/{alert.pk}").status_code == 404
    assert client_for(dana).post(f"/api/v1/safety/alerts/{alert.pk}/acknowledge").status_code == 404
    client = client_for(alice)
    assert client.post(f"/api/v1/safety/alerts/{alert.pk}/acknowledge").json()["status"] == "acknowledged"
    bad = client.post(f"/api/v1/safety/alerts/{alert.pk}/close", {"outcome": "maybe"}, content_type="application/json")
    assert bad.status_code == 400 and bad.json()["errors"]["outcome"]
    closed = client.post(f"/api/v1/safety/alerts/{alert.pk}/close", {"outcome": "safe"}, content_type="application/json")
    assert closed.json()["outcome"] == "safe"
    assert Alert.objects.get().status == "closed"


def test_reports_and_moderation_over_the_api(aurora, alice, bob, dana, client_for):
    response = client_for(bob).post("/api/v1/safety/communities/aurora/reports",
                                    {"source_kind": "person", "source_id": str(alice.pk), "reason": "nonsense"},
                                    content_type="application/json")
    assert response.status_code == 400 and "reason" in response.json()["errors"]
    response = client_for(bob).post("/api/v1/safety/communities/aurora/reports",
                                    {"source_kind": "person", "source_id": str(alice.pk), "reason": "spam"},
                                    content_type="application/json")
    assert response.status_code == 201
    report_id = response.json()["id"]
    assert client_for(bob).get("/api/v1/safety/communities/aurora/reports").status_code == 403
    assert client_for(dana).post(f"/api/v1/safety/communities/aurora/reports/{report_id}/resolve",
                                 {"action": "dismiss"}, content_type="application/json").status_code == 403
    done = client_for(alice).post(f"/api/v1/safety/communities/aurora/reports/{report_id}/resolve",
                                  {"action": "dismiss"}, content_type="application/json")
    assert done.json()["action"] == "dismiss" and Report.objects.get().status == "resolved"


def test_blocks_over_the_api(aurora, alice, bob, dana, client_for):
    client = client_for(bob)
    assert client.post("/api/v1/safety/blocks", {"user_id": dana.pk}, content_type="application/json").status_code == 404
    assert client.post("/api/v1/safety/blocks", {"user_id": alice.pk}, content_type="application/json").status_code == 201
    assert client.get("/api/v1/safety/blocks").json()["items"][0]["user_id"] == alice.pk
    assert client.delete(f"/api/v1/safety/blocks/{alice.pk}").status_code == 204
    assert not Block.objects.exists()


def test_my_data_over_the_api_is_mine_only(aurora, bob, client_for, client):
    assert client_for(bob).get("/api/v1/safety/my-data").json()["sections"]["account"]["email"] == "bob@example.org"
    client.logout()
    assert client.get("/api/v1/safety/my-data").status_code == 401


def test_huge_page_numbers_are_a_clear_422_not_a_500(aurora, alice, client_for):
    client = client_for(alice)
    response = client.get("/api/v1/communities?page=99999999999999999999")
    assert response.status_code == 422 and response.json()["errors"]["page"]
    assert client.get("/api/v1/safety/communities/aurora/alerts?page=1000000").status_code == 200
