"""Survey scoring on known answer sets, assignment scheduling, and coordinators' own instruments."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ayni.communities.tests.factories import MembershipFactory
from ayni.core.models import AuditEvent
from ayni.insights import services
from ayni.insights.models import CommunityInstrument, Occasion, SurveyAssignment
from conftest import membership

LICENSED = """
key = "licensed_three_items"
version = 2
higher_is_better = false
source = "Publisher, 2020; licence 123"
name = { es = "Escala breve", en = "Brief scale" }

[scale]
min = 1
max = 3
anchors = [ { value = 1, es = "Casi nunca", en = "Hardly ever" }, { value = 3, es = "A menudo", en = "Often" } ]

[scoring]
method = "sum"
min_answered = 2

[[items]]
key = "first"
es = "Primera"
en = "First"

[[items]]
key = "second"
reversed = true
es = "Segunda"
en = "Second"

[[items]]
key = "third"
es = "Tercera"
en = "Third"
"""


def _answer(membership, measure, answers):
    assignment = SurveyAssignment.objects.get(membership=membership, measure=measure, occasion=Occasion.JOINING)
    return services.survey_submit(actor=membership.user, assignment=assignment, answers=answers)


@pytest.mark.django_db
def test_belonging_scores_reversed_items_the_other_way_round(bob, aurora):
    seeker = membership(bob, aurora)
    services.surveys_assign(membership=seeker, occasion=Occasion.JOINING)
    # Items 3 and 6 are reversed: 2 counts as 4 and 1 as 5, so (4+5+4+3+4+5)/6.
    result = _answer(seeker, "belonging", {"someone_to_turn_to": 4, "experience_understood": 5, "feel_an_outsider": 2,
                                           "contribution_matters": 3, "would_be_missed": 4, "hard_to_be_myself": 1})
    assert result.score == pytest.approx(25 / 6)
    assert result.score_valid and result.band == "high" and result.answered_items == 6


@pytest.mark.django_db
def test_one_missing_answer_is_scored_on_the_rest_and_two_make_the_response_invalid(bob, aurora, alice):
    seeker = membership(bob, aurora)
    services.surveys_assign(membership=seeker, occasion=Occasion.JOINING)
    result = _answer(seeker, "belonging", {"someone_to_turn_to": 4, "experience_understood": 5, "feel_an_outsider": 2,
                                           "contribution_matters": 3, "would_be_missed": None, "hard_to_be_myself": 1})
    assert result.score == pytest.approx(21 / 5) and result.score_valid
    # Loneliness: 5 items, at least 4 needed; only 3 answered gives no score.
    result = _answer(seeker, "loneliness", {"no_one_to_talk_to": 1, "alone_among_people": 2,
                                            "someone_to_ask_for_help": 5})
    assert result.score is None and not result.score_valid and result.status == "completed"


@pytest.mark.django_db
def test_loneliness_reverses_its_two_positive_items(bob, aurora):
    seeker = membership(bob, aurora)
    services.surveys_assign(membership=seeker, occasion=Occasion.JOINING)
    result = _answer(seeker, "loneliness", {"no_one_to_talk_to": 1, "alone_among_people": 1,
                                            "someone_to_ask_for_help": 5, "not_really_known": 1,
                                            "time_with_people_i_enjoy": 5})
    assert result.score == pytest.approx(1.0)


@pytest.mark.django_db
def test_an_answer_off_the_scale_is_refused_and_nothing_is_written(bob, aurora):
    seeker = membership(bob, aurora)
    services.surveys_assign(membership=seeker, occasion=Occasion.JOINING)
    assignment = SurveyAssignment.objects.get(membership=seeker, measure="wellbeing")
    with pytest.raises(ValidationError):
        services.survey_submit(actor=bob, assignment=assignment, answers={"able_to_cope": 7})
    assignment.refresh_from_db()
    assert assignment.status == "pending" and assignment.answers == {}


@pytest.mark.django_db
def test_nobody_answers_someone_elses_survey(bob, alice, aurora):
    services.surveys_assign(membership=membership(bob, aurora), occasion=Occasion.JOINING)
    assignment = SurveyAssignment.objects.filter(membership__user=bob).first()
    with pytest.raises(PermissionDenied):
        services.survey_submit(actor=alice, assignment=assignment, answers={})


@pytest.mark.django_db
def test_assigning_twice_creates_each_survey_once(bob, aurora):
    seeker = membership(bob, aurora)
    assert services.surveys_assign(membership=seeker, occasion=Occasion.JOINING) == 3
    assert services.surveys_assign(membership=seeker, occasion=Occasion.JOINING) == 0
    assert SurveyAssignment.objects.filter(membership=seeker).count() == 3


@pytest.mark.django_db
def test_the_periodic_job_asks_newcomers_and_three_month_members_once(aurora, alice):
    now = timezone.now()
    newcomer = MembershipFactory(community=aurora, is_seeker=True, joined_at=now - dt.timedelta(days=2))
    three_months = MembershipFactory(community=aurora, is_supporter=True, joined_at=now - dt.timedelta(days=95))
    long_ago = MembershipFactory(community=aurora, is_seeker=True, joined_at=now - dt.timedelta(days=400))
    pending = MembershipFactory(community=aurora, is_seeker=True, status="pending", joined_at=None)
    counts = services.schedule_surveys(now=now)
    assert counts["joining"] == 1 and counts["three_months"] == 1
    assert SurveyAssignment.objects.filter(membership=newcomer, occasion="joining").count() == 3
    assert SurveyAssignment.objects.filter(membership=three_months, occasion="three_months").count() == 3
    assert not SurveyAssignment.objects.filter(membership__in=[long_ago, pending]).exists()
    # alice only coordinates: she runs the programme and is not surveyed.
    assert not SurveyAssignment.objects.filter(membership__user=alice).exists()
    assert services.schedule_surveys(now=now) == {"joining": 0, "three_months": 0, "expired": 0}


@pytest.mark.django_db
def test_the_job_expires_surveys_left_unanswered(bob, aurora):
    past = timezone.now() - dt.timedelta(days=40)
    services.surveys_assign(membership=membership(bob, aurora), occasion=Occasion.JOINING, now=past)
    counts = services.schedule_surveys()
    assert counts["expired"] == 3
    assert set(SurveyAssignment.objects.values_list("status", flat=True)) == {"expired"}


@pytest.mark.django_db
def test_the_job_is_registered_with_the_scheduler():
    from ayni.core.scheduler import JOBS

    assert JOBS["insights.schedule_surveys"].target == "ayni.insights.services.schedule_surveys"


@pytest.mark.django_db
def test_a_closed_relationship_asks_both_people_once(bob, aurora):
    from types import SimpleNamespace

    supporter = MembershipFactory(community=aurora, is_supporter=True)
    relationship = SimpleNamespace(pk=41, seeker=membership(bob, aurora), supporter=supporter)
    services.on_relationship_status_changed(None, relationship=relationship, old="active", new="paused")
    assert not SurveyAssignment.objects.exists()
    for _twice in range(2):
        services.on_relationship_status_changed(None, relationship=relationship, old="closing", new="closed")
    assert SurveyAssignment.objects.filter(occasion="closure", relationship_ref=41).count() == 6


@pytest.mark.django_db
def test_a_coordinator_replaces_an_instrument_with_a_licensed_one(alice, bob, aurora):
    row = services.instrument_define(actor=alice, community=aurora, role="loneliness", text=LICENSED,
                                     languages=["es", "en"], licence_note="Licence 123")
    assert AuditEvent.objects.filter(action="insights.instrument_define").exists()
    seeker = membership(bob, aurora)
    services.surveys_assign(membership=seeker, occasion=Occasion.JOINING)
    assignment = SurveyAssignment.objects.get(membership=seeker, measure="loneliness")
    assert assignment.instrument_key == "licensed_three_items" and assignment.instrument_version == 2
    # Sum method, 1 to 3, item 2 reversed (1 -> 3); one missing: prorated (3 + 3) / 2 * 3 = 9.
    result = services.survey_submit(actor=bob, assignment=assignment, answers={"first": 3, "second": 1})
    assert result.score == pytest.approx(9.0)
    services.instrument_retire(actor=alice, instrument=row)
    assert [m for m, instrument, _l in services.instruments_for(aurora)
            if instrument.key == "ayni_loneliness"] == ["loneliness"]


@pytest.mark.django_db
def test_a_faulty_definition_names_every_problem(alice, aurora):
    with pytest.raises(ValidationError) as caught:
        services.instrument_define(actor=alice, community=aurora, role="wellbeing",
                                   text=LICENSED.replace("reversed = true", "reverse = true"), languages=["es", "en"])
    assert any("items[1]" in message for message in caught.value.message_dict["text"])
    with pytest.raises(ValidationError):
        services.instrument_define(actor=alice, community=aurora, role="wellbeing", text="key = [", languages=["es"])
    assert not CommunityInstrument.objects.exists()


@pytest.mark.django_db
def test_only_a_coordinator_defines_instruments(bob, dana, aurora):
    for person in (bob, dana):
        with pytest.raises(PermissionDenied):
            services.instrument_define(actor=person, community=aurora, role="wellbeing", text=LICENSED,
                                       languages=["es", "en"])


@pytest.mark.django_db
def test_the_instruments_page_shows_each_error_and_saves_a_good_definition(client_for, alice, aurora):
    from django.urls import reverse

    client = client_for(alice)
    url = reverse("insights:instruments", args=["aurora"])
    response = client.post(url, {"role": "wellbeing", "languages": ["es", "en"], "text": "key = ["})
    assert response.status_code == 200 and "TOML" in response.content.decode()
    response = client.post(url, {"role": "wellbeing", "languages": ["es", "en"], "text": LICENSED})
    assert response.status_code == 302
    assert CommunityInstrument.objects.get(community=aurora).key == "licensed_three_items"


@pytest.mark.django_db
def test_closing_a_relationship_through_its_service_asks_both_people(alice, bob, aurora):
    from ayni.relationships.services import (
        agreement_acknowledge,
        relationship_close,
        relationship_start,
    )

    supporter = MembershipFactory(community=aurora, is_supporter=True, capacity=2)
    relationship = relationship_start(actor=alice, seeker=membership(bob, aurora), supporter=supporter,
                                      topics=list(aurora.topics.all()[:1]))
    for person in (bob, supporter.user):
        agreement_acknowledge(actor=person, relationship=relationship, frequency="weekly", session_minutes=60,
                              planned_months=3)
    relationship.refresh_from_db()
    assert not SurveyAssignment.objects.filter(occasion="closure").exists()
    relationship_close(actor=alice, relationship=relationship, kind="unplanned", reason="Se mudó de ciudad")
    asked = set(SurveyAssignment.objects.filter(occasion="closure", relationship_ref=relationship.pk)
                .values_list("membership_id", flat=True))
    assert asked == {membership(bob, aurora).pk, supporter.pk}
