import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ayni.circles import forming, services
from ayni.circles.models import Attendance, CircleMembership
from ayni.communities.tests.factories import MembershipFactory
from ayni.core.models import AuditEvent
from ayni.messaging.models import Participant
from ayni.people.models import Need, Profile
from conftest import membership


@pytest.mark.django_db
def test_only_coordinators_create_circles_and_facilitators_must_be_supporters(aurora, alice, bob, erin):
    with pytest.raises(PermissionDenied):
        services.circle_create(actor=bob, community=aurora, name="Mío")
    with pytest.raises(ValidationError) as refused:
        services.circle_create(actor=alice, community=aurora, name="Con Bob", facilitators=[membership(bob, aurora)])
    assert "facilitators" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.circle_create(actor=alice, community=aurora, name="Tamaños", min_size=6, max_size=4)


@pytest.mark.django_db
def test_facilitators_the_training_does_not_count_as_eligible_are_refused(aurora, alice, erin, monkeypatch):
    from ayni.messaging import integrations

    class NotYet:
        eligible = False
        missing = ["Complete the module on listening."]

    monkeypatch.setattr(integrations, "supporter_eligibility", lambda m: NotYet())
    with pytest.raises(ValidationError) as refused:
        services.circle_create(actor=alice, community=aurora, name="Duelo", facilitators=[membership(erin, aurora)])
    assert "listening" in str(refused.value)


@pytest.mark.django_db
def test_a_person_asks_to_join_and_a_facilitator_accepts(circle, aurora, erin, frank):
    seat = services.circle_request_join(actor=frank, circle=circle, message="Me vendría bien")
    assert seat.status == "requested"
    with pytest.raises(ValidationError):
        services.circle_request_join(actor=frank, circle=circle)
    with pytest.raises(PermissionDenied):
        services.circle_membership_decide(actor=frank, seat=seat, accept=True)
    services.circle_membership_decide(actor=erin, seat=seat, accept=True)
    seat.refresh_from_db()
    assert seat.status == "accepted"
    assert Participant.objects.filter(conversation=circle.conversation, user=frank, left_at__isnull=True).exists()
    with pytest.raises(ValidationError):
        services.circle_membership_decide(actor=erin, seat=seat, accept=False)  # already decided


@pytest.mark.django_db
def test_a_full_circle_accepts_nobody_else(circle, aurora, alice, frank):
    from ayni.circles.models import Circle

    Circle.objects.filter(pk=circle.pk).update(min_size=2, max_size=2)
    circle.refresh_from_db()
    services.circle_membership_decide(actor=alice, seat=services.circle_request_join(actor=frank, circle=circle),
                                      accept=True)
    latecomer = MembershipFactory(community=aurora, user__display_name="Gala", is_seeker=True).user
    seat = services.circle_request_join(actor=latecomer, circle=circle)
    with pytest.raises(ValidationError) as refused:
        services.circle_membership_decide(actor=alice, seat=seat, accept=True)
    assert "2" in str(refused.value)
    seat.refresh_from_db()
    assert seat.status == "requested"


@pytest.mark.django_db
def test_people_outside_the_community_cannot_ask_to_join(circle, charlie, dana):
    for outsider in (charlie, dana):
        with pytest.raises(PermissionDenied):
            services.circle_request_join(actor=outsider, circle=circle)


@pytest.mark.django_db
def test_leaving_keeps_history_but_removes_the_seat_in_the_conversation(circle, bob):
    services.circle_leave(actor=bob, circle=circle)
    assert CircleMembership.objects.get(circle=circle, membership__user=bob).status == "left"
    assert Participant.objects.get(conversation=circle.conversation, user=bob).left_at is not None


@pytest.mark.django_db
def test_meetings_and_attendance_are_recorded_by_facilitators(circle, erin, bob, frank):
    starts = timezone.now() + timedelta(days=2)
    with pytest.raises(PermissionDenied):
        services.meeting_create(actor=bob, circle=circle, starts_at=starts)
    meeting = services.meeting_create(actor=erin, circle=circle, starts_at=starts, place="Centro cívico")
    circle.refresh_from_db()
    assert circle.next_meeting_at == starts and circle.status == "active"
    bob_seat = CircleMembership.objects.get(circle=circle, membership__user=bob)
    services.attendance_record(actor=erin, meeting=meeting, present_ids=[bob_seat.pk])
    assert Attendance.objects.get(meeting=meeting, circle_membership=bob_seat).present
    assert Attendance.objects.filter(meeting=meeting, present=False).count() == 1  # Erin herself
    with pytest.raises(ValidationError):
        services.attendance_record(actor=erin, meeting=meeting, present_ids=[999999])
    assert AuditEvent.objects.filter(action="circles.attendance_recorded").exists()


def _seeker(community, name, topic, *, languages=("es",), availability=("tue-eve",)):
    member = MembershipFactory(community=community, user__display_name=name, is_seeker=True)
    Profile.objects.update_or_create(user=member.user, defaults={"languages": list(languages), "meeting_mode": "online",
                                                                 "availability": list(availability)})
    Need.objects.create(membership=member, topic=topic)
    return member


@pytest.mark.django_db
def test_forming_groups_waiting_seekers_by_topic_language_and_time_without_the_engine(aurora, monkeypatch):
    from ayni.messaging import integrations

    monkeypatch.setattr(integrations, "form_circles_engine", lambda: None)
    job_loss = aurora.topics.get(key="job-loss")
    spanish = [_seeker(aurora, f"Persona {i}", job_loss) for i in range(5)]
    english = [_seeker(aurora, f"Person {i}", job_loss, languages=("en",)) for i in range(2)]
    result = forming.propose_circles(aurora)
    assert result.method == "fallback"
    assert len(result.proposals) == 1
    proposal = result.proposals[0]
    assert proposal.language == "es" and set(proposal.membership_ids) == {m.pk for m in spanish}
    assert "tue-eve" in proposal.shared_slots
    assert {m.pk for m in english} <= set(result.waiting)


@pytest.mark.django_db
def test_the_matching_engine_forms_circles_with_an_eligible_facilitator(aurora, erin):
    from ayni.people.models import Experience

    job_loss = aurora.topics.get(key="job-loss")
    facilitator = membership(erin, aurora)
    Experience.objects.create(membership=facilitator, topic=job_loss, story="Perdí mi trabajo en 2019.")
    Profile.objects.update_or_create(user=erin, defaults={"languages": ["es", "en"], "availability": ["tue-eve"], "age_band": "35-44",
                                                          "meeting_mode": "online"})
    spanish = [_seeker(aurora, f"Persona {i}", job_loss) for i in range(5)]
    result = forming.propose_circles(aurora)
    assert result.method == "engine"
    assert len(result.proposals) == 1
    proposal = result.proposals[0]
    assert set(proposal.membership_ids) == {m.pk for m in spanish}
    assert proposal.facilitator_id == facilitator.pk and proposal.topic_id == job_loss.pk


@pytest.mark.django_db
def test_a_coordinator_creates_a_circle_from_a_proposal(aurora, alice, erin, client_for, monkeypatch):
    from ayni.messaging import integrations

    monkeypatch.setattr(integrations, "form_circles_engine", lambda: None)
    job_loss = aurora.topics.get(key="job-loss")
    seekers = [_seeker(aurora, f"Persona {i}", job_loss) for i in range(4)]
    client = client_for(alice)
    page = client.get("/en/circles/c/aurora/form/")
    assert "Persona 0" in page.content.decode()
    answer = client.post("/en/circles/c/aurora/form/", {
        "topic": job_loss.pk, "language": "es", "member": [m.pk for m in seekers], "name": "Empleo",
        "facilitator": membership(erin, aurora).pk})
    assert answer.status_code == 302
    circle = job_loss.circles.get()
    assert circle.formed_by_ayni and services.accepted_members_count(circle) == 4


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["charlie", "dana"])
def test_outsiders_never_see_a_circle_in_pages_or_api(circle, request, client_for, who):
    client = client_for(request.getfixturevalue(who))
    for url in (f"/es/circles/{circle.pk}/", f"/es/circles/{circle.pk}/manage/", "/es/circles/c/aurora/new/"):
        assert client.get(url).status_code in (403, 404), url
    assert client.post(f"/es/circles/{circle.pk}/join/").status_code == 404
    assert client.get(f"/api/v1/circles/{circle.pk}").status_code == 404
    assert client.get(f"/api/v1/circles/{circle.pk}/members").status_code == 404
    assert client.post(f"/api/v1/circles/{circle.pk}/join", "{}", content_type="application/json").status_code == 404


@pytest.mark.django_db
def test_a_member_who_is_not_in_the_circle_sees_it_but_not_its_people_and_cannot_manage(circle, frank, client_for):
    client = client_for(frank)
    page = client.get(f"/en/circles/{circle.pk}/")
    assert page.status_code == 200 and "Bob" not in page.content.decode()
    assert client.get(f"/en/circles/{circle.pk}/manage/").status_code == 403
    assert client.get(f"/api/v1/circles/{circle.pk}/members").status_code == 404
    seat = CircleMembership.objects.get(circle=circle, membership__user__display_name="Bob")
    assert client.post(f"/api/v1/circles/{circle.pk}/requests/{seat.pk}", json.dumps({"accept": False}),
                       content_type="application/json").status_code == 403


@pytest.mark.django_db
def test_the_journey_through_pages(circle, erin, frank, client_for):
    client = client_for(frank)
    client.post(f"/es/circles/{circle.pk}/join/", {"message": "Hola"})
    seat = CircleMembership.objects.get(circle=circle, membership__user=frank)
    client = client_for(erin)
    assert "Frank" in client.get(f"/es/circles/{circle.pk}/manage/").content.decode()
    client.post(f"/es/circles/{circle.pk}/manage/requests/{seat.pk}/accept/")
    seat.refresh_from_db()
    assert seat.status == "accepted"
    client.post(f"/es/circles/{circle.pk}/manage/", {"starts_at": "2027-01-12T19:00", "place": "En línea"})
    meeting = circle.meetings.get()
    client.post(f"/es/circles/{circle.pk}/meetings/{meeting.pk}/attendance/", {"present": [seat.pk]})
    assert Attendance.objects.get(meeting=meeting, circle_membership=seat).present


@pytest.mark.django_db
def test_the_api_creates_a_circle_and_explains_bad_input(aurora, alice, erin, client_for):
    client = client_for(alice)
    created = client.post("/api/v1/circles/community/aurora", json.dumps({
        "name": "Duelo", "facilitator_ids": [membership(erin, aurora).pk]}), content_type="application/json")
    assert created.status_code == 201 and created.json()["conversation_id"]
    bad = client.post("/api/v1/circles/community/aurora", json.dumps({"name": "", "min_size": 5, "max_size": 3}),
                      content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400 and set(bad.json()["errors"]) >= {"name", "max_size"}
    listed = client.get("/api/v1/circles/community/aurora").json()
    assert listed["count"] == 1


@pytest.mark.django_db
def test_closing_a_circle_makes_its_conversation_read_only(circle, erin, bob, client_for):
    assert client_for(bob).post(f"/es/circles/{circle.pk}/manage/close/").status_code == 403
    assert client_for(erin).post(f"/es/circles/{circle.pk}/manage/close/").status_code == 302
    circle.refresh_from_db()
    circle.conversation.refresh_from_db()
    assert circle.status == "closed" and circle.conversation.is_read_only


def test_a_debrief_group_is_listed_only_to_supporters_and_coordinators(client_for, aurora, alice, bob, erin):
    from django.urls import reverse

    from ayni.training.services import debrief_group_create

    other = MembershipFactory(community=aurora, user__display_name="Olga", user__email="olga@example.org",
                              is_supporter=True)
    group = debrief_group_create(actor=alice, community=aurora, name="Supervisión mensual",
                                 members=[membership(erin, aurora), other])
    url = reverse("circles:community", kwargs={"slug": aurora.slug})

    assert "Supervisión mensual" in client_for(alice).get(url).content.decode()
    assert "Supervisión mensual" in client_for(erin).get(url).content.decode()
    assert "Supervisión mensual" not in client_for(bob).get(url).content.decode()
    with pytest.raises(PermissionDenied):
        services.circle_request_join(actor=bob, circle=group.circle)
    assert not group.circle.circle_memberships.filter(membership__user=bob).exists()
