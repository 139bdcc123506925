"""A request's text goes through the safety check: resources shown at once, nothing blocked."""

from types import SimpleNamespace

import pytest

from ayni.support.models import SupportRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def detector(monkeypatch):
    from ayni.safety import screening

    level = {"value": "none"}
    monkeypatch.setattr(screening, "run_detection",
                        lambda text, language=None: SimpleNamespace(level=level["value"], reasons=[], language="es"))
    return level


def post_request(client, topic, situation):
    return client.post("/es/support/aurora/ask/", {
        "kinds": ["emotional"], "topics": [str(topic.pk)], "situation": situation, "language": "es",
        "mode": "online", "urgency": "high", "choice": "propose"})


def test_an_urgent_text_shows_the_crisis_resources_and_is_still_saved(client_for, bob, bob_membership, job_loss,
                                                                       detector):
    detector["value"] = "urgent"
    response = post_request(client_for(bob), job_loss, "No quiero seguir viviendo así, ya no puedo más.")
    assert response.status_code == 200  # shown at once, not redirected away
    support_request = SupportRequest.objects.get()
    assert support_request.screening_level == "urgent" and support_request.status == "waiting"
    assert 'data-testid="crisis-resources"' in response.content.decode()


def test_a_calm_text_redirects_without_resources(client_for, bob, bob_membership, job_loss, detector):
    response = post_request(client_for(bob), job_loss, "Me despidieron y busco consejo para el currículum.")
    assert response.status_code == 302
    assert SupportRequest.objects.get().screening_level == "none"
