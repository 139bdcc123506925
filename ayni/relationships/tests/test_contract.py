import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ayni.core.models import AuditEvent
from ayni.relationships import signals
from ayni.relationships.models import Relationship
from ayni.relationships.selectors import occupied_places, people_are_matched
from ayni.relationships.services import (
    relationship_close,
    relationship_start,
    relationship_start_closing,
)
from conftest import membership

pytestmark = pytest.mark.django_db


def test_a_coordinator_starts_a_proposed_relationship_with_its_topics_and_an_audit_row(proposed, aurora):
    assert proposed.status == Relationship.Status.PROPOSED
    assert [topic.key for topic in proposed.topics.all()] == ["grief"]
    assert AuditEvent.objects.filter(action="relationship.start", target_id=str(proposed.pk)).exists()


def test_it_sends_relationship_started(alice, bob, sofia, aurora):
    received = []

    def receiver(sender, relationship, **kwargs):
        received.append(relationship)

    signals.relationship_started.connect(receiver)
    try:
        relationship = relationship_start(actor=alice, seeker=membership(bob, aurora),
                                          supporter=membership(sofia, aurora), topics=[])
    finally:
        signals.relationship_started.disconnect(receiver)
    assert received == [relationship]


def test_both_acknowledging_makes_it_active_and_sends_status_changed(proposed, bob, sofia):
    from ayni.relationships.services import agreement_acknowledge

    changes = []

    def receiver(sender, relationship, old, new, **kwargs):
        changes.append((old, new))

    signals.relationship_status_changed.connect(receiver)
    try:
        agreement_acknowledge(actor=bob, relationship=proposed, frequency="weekly", session_minutes=60, planned_months=3)
        assert changes == []
        agreement_acknowledge(actor=sofia, relationship=proposed, frequency="weekly", session_minutes=45, planned_months=3)
    finally:
        signals.relationship_status_changed.disconnect(receiver)
    assert changes == [("proposed", "active")]
    proposed.refresh_from_db()
    assert proposed.status == "active" and proposed.started_at is not None


def test_it_refuses_someone_outside_the_relationship(charlie, bob, sofia, aurora):
    with pytest.raises(PermissionDenied):
        relationship_start(actor=charlie, seeker=membership(bob, aurora), supporter=membership(sofia, aurora),
                           topics=[])
    assert not Relationship.objects.exists()


def test_it_refuses_a_second_current_relationship_between_the_same_two(proposed, alice, bob, sofia, aurora):
    with pytest.raises(ValidationError):
        relationship_start(actor=alice, seeker=membership(bob, aurora), supporter=membership(sofia, aurora),
                           topics=[])


def test_it_refuses_a_non_supporter_and_topics_of_another_community(alice, bob, tomas, aurora, boreal):
    with pytest.raises(ValidationError):
        relationship_start(actor=alice, seeker=membership(tomas, aurora), supporter=membership(bob, aurora),
                           topics=[])
    with pytest.raises(ValidationError):
        relationship_start(actor=alice, seeker=membership(bob, aurora), supporter=membership(tomas, aurora),
                           topics=list(boreal.topics.all()))
    assert not Relationship.objects.exists()


def test_people_are_matched_only_while_the_relationship_is_current(active, alice, bob, sofia, charlie, aurora, boreal):
    assert people_are_matched(community=aurora, first=bob, second=sofia)
    assert people_are_matched(community=aurora, first=sofia, second=bob)
    assert not people_are_matched(community=aurora, first=bob, second=charlie)
    assert not people_are_matched(community=boreal, first=bob, second=sofia)
    relationship_start_closing(actor=bob, relationship=active, kind="planned", reason="Hemos terminado")
    assert people_are_matched(community=aurora, first=bob, second=sofia)
    relationship_close(actor=sofia, relationship=active)
    assert not people_are_matched(community=aurora, first=bob, second=sofia)


def test_occupied_places_counts_relationships_holding_a_place_until_closed(active, bob, sofia, tomas, aurora):
    sofia_id, tomas_id = membership(sofia, aurora).pk, membership(tomas, aurora).pk
    assert occupied_places([sofia_id, tomas_id]) == {sofia_id: 1, tomas_id: 0}
    relationship_start_closing(actor=sofia, relationship=active, kind="planned", reason="Fin")
    assert occupied_places([sofia_id]) == {sofia_id: 1}
    relationship_close(actor=bob, relationship=active)
    assert occupied_places([sofia_id]) == {sofia_id: 0}
