"""When the relationship a request led to ends, the request closes; a rematch keeps it matched."""

import pytest

from ayni.core.models import AuditEvent
from ayni.relationships import services as relationship_services
from ayni.relationships.models import Relationship
from ayni.support import services
from ayni.support.capacity import free_places
from ayni.support.models import SupportRequest
from ayni.support.tests.conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def matched(alice, bob, bob_request, teresa):
    """Bob's request, accepted by both: the relationship is active (both acknowledged the agreement)."""
    proposal = services.proposal_create(actor=alice, request=bob_request, supporter=teresa)
    services.proposal_accept(actor=teresa.user, proposal=proposal)
    proposal = services.proposal_accept(actor=bob, proposal=proposal)
    relationship = Relationship.objects.get(pk=proposal.relationship_id)
    for person in (bob, teresa.user):
        relationship_services.agreement_acknowledge(
            actor=person, relationship=relationship, frequency="weekly", session_minutes=60, planned_months=3,
            expectations="", language="es")
    relationship.refresh_from_db()
    assert relationship.status == "active"
    return relationship


def test_closing_the_relationship_closes_the_request_and_frees_the_place(alice, bob, bob_request, teresa, matched):
    assert free_places(teresa) == 0
    relationship_services.relationship_start_closing(actor=bob, relationship=matched, kind="planned",
                                                     reason="Encontré trabajo")
    bob_request.refresh_from_db()
    assert bob_request.status == SupportRequest.Status.MATCHED  # still matched while it is closing
    relationship_services.relationship_close(actor=bob, relationship=matched)
    bob_request.refresh_from_db()
    assert bob_request.status == SupportRequest.Status.CLOSED
    assert bob_request.closed_at == Relationship.objects.get(pk=matched.pk).closed_at
    assert free_places(teresa) == 1
    event = AuditEvent.objects.get(action="support.request_close")
    assert event.target_id == str(bob_request.pk) and event.details["relationship"] == matched.pk


def test_a_rematch_keeps_the_request_matched_until_the_new_relationship_ends(alice, aurora, bob_request, matched,
                                                                             job_loss):
    julio = make_person(aurora, name="Julio", supporter=True, topics=[job_loss])
    following = relationship_services.relationship_rematch(actor=alice, relationship=matched, supporter=julio,
                                                           reason="Horarios incompatibles")
    bob_request.refresh_from_db()
    assert bob_request.status == SupportRequest.Status.MATCHED
    relationship_services.relationship_cancel(actor=alice, relationship=following, reason="No empezó")
    bob_request.refresh_from_db()
    assert bob_request.status == SupportRequest.Status.CLOSED


def test_a_coordinator_closing_at_once_closes_the_request_and_others_stay_untouched(
        alice, aurora, bob_request, matched, job_loss):
    eva = make_person(aurora, name="Eva", seeker=True)
    other, _screening = services.request_create(
        actor=eva.user, membership=eva, kinds=["social"], topics=[job_loss.pk],
        situation="Busco compañía para no rendirme.", language="es")
    relationship_services.relationship_close(actor=alice, relationship=matched, kind="unplanned",
                                             reason="Dejó de responder")
    bob_request.refresh_from_db()
    other.refresh_from_db()
    assert bob_request.status == SupportRequest.Status.CLOSED
    assert other.status == SupportRequest.Status.WAITING


def test_the_seeker_sees_the_closed_request_on_the_request_page_and_at_home(bob, bob_request, matched, client_for,
                                                                          charlie):
    client = client_for(bob)
    page = client.get(f"/en/support/requests/{bob_request.pk}/").content.decode()
    assert f"/en/relationships/{matched.pk}/" in page and "You are matched" in page
    relationship_services.relationship_start_closing(actor=bob, relationship=matched, kind="planned",
                                                     reason="I found a job")
    relationship_services.relationship_close(actor=bob, relationship=matched)
    page = client.get(f"/en/support/requests/{bob_request.pk}/").content.decode()
    assert 'data-status="closed"' in page and "Teresa ended on" in page
    assert "/en/support/aurora/ask/" in page  # ask again
    assert "Withdraw my request" not in page
    home = client.get("/en/").content.decode()
    assert f"/en/support/requests/{bob_request.pk}/" in home and 'data-status="closed"' in home
    # Someone else still cannot read it.
    assert client_for(charlie).get(f"/en/support/requests/{bob_request.pk}/").status_code == 404


def test_the_migration_closes_requests_whose_relationship_ended_before(alice, aurora, bob_request, matched, job_loss):
    import importlib

    from django.apps import apps
    from django.utils import timezone

    migration = importlib.import_module("ayni.support.migrations.0002_request_closed_at")
    # Rows as they were before this change: the relationship ended, the request stayed "matched".
    ended_at = timezone.now()
    Relationship.objects.filter(pk=matched.pk).update(status="closed", closed_at=ended_at)
    eva = make_person(aurora, name="Eva", seeker=True)
    waiting, _screening = services.request_create(
        actor=eva.user, membership=eva, kinds=["social"], topics=[job_loss.pk],
        situation="Busco compañía para no rendirme.", language="es")
    migration.close_requests_of_ended_relationships(apps, None)
    bob_request.refresh_from_db()
    waiting.refresh_from_db()
    assert bob_request.status == SupportRequest.Status.CLOSED and bob_request.closed_at == ended_at
    assert waiting.status == SupportRequest.Status.WAITING


def test_the_migration_leaves_a_request_whose_rematched_relationship_goes_on(alice, aurora, bob_request, matched,
                                                                             job_loss):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("ayni.support.migrations.0002_request_closed_at")
    julio = make_person(aurora, name="Julio", supporter=True, topics=[job_loss])
    relationship_services.relationship_rematch(actor=alice, relationship=matched, supporter=julio,
                                               reason="Horarios incompatibles")
    migration.close_requests_of_ended_relationships(apps, None)
    bob_request.refresh_from_db()
    assert bob_request.status == SupportRequest.Status.MATCHED


def test_the_api_shows_the_closed_request_to_its_seeker_only(bob, bob_request, matched, client_for, frank):
    relationship_services.relationship_start_closing(actor=bob, relationship=matched, kind="planned",
                                                     reason="Encontré trabajo")
    relationship_services.relationship_close(actor=bob, relationship=matched)
    answer = client_for(bob).get(f"/api/v1/support/requests/{bob_request.pk}").json()
    assert answer["status"] == "closed" and answer["closed_at"]
    assert client_for(frank).get(f"/api/v1/support/requests/{bob_request.pk}").status_code == 404


@pytest.fixture
def frank(aurora):
    """Another member of the community, outside the request."""
    return make_person(aurora, name="Frank", seeker=True).user


def test_a_relationship_that_never_started_puts_the_request_back_in_the_queue(alice, bob, bob_request, teresa):
    proposal = services.proposal_create(actor=alice, request=bob_request, supporter=teresa)
    services.proposal_accept(actor=teresa.user, proposal=proposal)
    proposal = services.proposal_accept(actor=bob, proposal=proposal)
    relationship = Relationship.objects.get(pk=proposal.relationship_id)
    bob_request.refresh_from_db()
    assert relationship.started_at is None and bob_request.status == SupportRequest.Status.MATCHED

    relationship_services.relationship_cancel(actor=alice, relationship=relationship, reason="No aceptó el acuerdo")

    bob_request.refresh_from_db()
    assert bob_request.status == SupportRequest.Status.WAITING
    assert bob_request.closed_at is None
    assert free_places(teresa) == 1
    event = AuditEvent.objects.get(action="support.request_reopen")
    assert event.target_id == str(bob_request.pk) and event.details["relationship"] == relationship.pk
