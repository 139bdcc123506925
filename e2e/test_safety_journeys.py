"""A seeker writes an urgent message in Spanish: resources at once, an alert to the coordinator
on duty; nobody answers, the clock moves, the next coordinator gets it, acknowledges it and
records what was done and the outcome."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.accounts.tests.factories import PASSWORD
from ayni.communities.tests.factories import MembershipFactory
from ayni.safety import services
from ayni.safety.models import Alert, DutyRota
from e2e.conftest import log_in

pytestmark = pytest.mark.xdist_group("e2e")


@pytest.mark.django_db(transaction=True)
def test_an_urgent_message_reaches_a_coordinator_and_escalates(new_page, aurora, alice, bob):
    erin = MembershipFactory(community=aurora, user__display_name="Erin", user__email="erin@example.org",
                             is_coordinator=True).user
    DutyRota.objects.create(community=aurora, coordinator=alice, position=1)
    DutyRota.objects.create(community=aurora, coordinator=erin, position=2)

    # The seeker writes, on a phone, in Spanish; the resources appear at once, without a reload.
    seeker = new_page(locale="es-ES", phone=True)
    seeker.set_default_timeout(40_000)  # the shared machine is slow at times
    log_in(seeker, bob.email, PASSWORD, "es")
    seeker.goto("/es/safety/c/aurora/help/")
    seeker.get_by_label("¿Qué está pasando?").fill("Ya no puedo más. Esta noche me quiero matar.")
    seeker.get_by_role("button", name="Enviar a los coordinadores").click()
    resources = seeker.get_by_test_id("crisis-resources")
    resources.wait_for()
    assert "024" in resources.inner_text()
    assert "coordinador/a de tu comunidad" in resources.inner_text()
    assert seeker.url.endswith("/es/safety/c/aurora/help/"), "no page load: the form answered in place"

    alert = Alert.objects.get()
    assert alert.level == "urgent" and alert.assigned_to == alice

    # Alice, first on duty, is told in the app.
    first = new_page(locale="es-ES")
    first.set_default_timeout(40_000)
    log_in(first, alice.email, PASSWORD, "es")
    first.goto("/es/notifications/")
    first.get_by_text("Alerta de seguridad en Aurora").first.wait_for()

    # She does not answer; the clock moves past the escalation time and the job runs.
    assert services.escalate_alerts(now=timezone.now() + timedelta(minutes=16)) == 1

    second = new_page(locale="es-ES")
    second.set_default_timeout(40_000)
    log_in(second, erin.email, PASSWORD, "es")
    second.goto("/es/notifications/")
    second.get_by_text("nadie la ha atendido todavía").first.click()
    assert second.get_by_test_id("alert-assigned").inner_text().strip() == "Erin"
    second.get_by_role("button", name="Me encargo yo").click()
    assert second.get_by_test_id("alert-status").inner_text().strip() == "Atendida"
    second.get_by_label("¿Qué has hecho?").fill("Llamé a Bob; su hermana está con él y mañana va al centro de salud.")
    second.get_by_role("button", name="Guardar").click()
    second.get_by_label("La persona está a salvo por ahora").check()
    second.get_by_role("button", name="Cerrar con este resultado").click()
    assert second.get_by_test_id("alert-outcome").inner_text().strip() == "La persona está a salvo por ahora"

    alert.refresh_from_db()
    assert (alert.status, alert.acknowledged_by, alert.outcome) == ("closed", erin, "safe")
    assert "hermana" in alert.actions_taken
    assert [event.kind for event in alert.events.order_by("pk")] == ["alerted", "escalated", "acknowledged", "action", "closed"]
