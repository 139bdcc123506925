from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ayni.relationships import services
from ayni.relationships.models import CheckIn, Goal, Relationship, Session
from ayni.relationships.monitoring import overdue_check_ins, run_monitoring
from conftest import membership

pytestmark = pytest.mark.django_db


def test_acknowledging_twice_or_by_a_stranger_is_refused(proposed, bob, charlie, alice):
    services.agreement_acknowledge(actor=bob, relationship=proposed, frequency="weekly", session_minutes=60,
                                   planned_months=3)
    with pytest.raises(ValidationError):
        services.agreement_acknowledge(actor=bob, relationship=proposed, frequency="weekly", session_minutes=60,
                                       planned_months=3)
    for stranger in (charlie, alice):
        with pytest.raises(PermissionDenied):
            services.agreement_acknowledge(actor=stranger, relationship=proposed, frequency="weekly",
                                           session_minutes=60, planned_months=3)


@pytest.mark.parametrize("values", [
    {"frequency": "daily", "session_minutes": 60, "planned_months": 3},
    {"frequency": "weekly", "session_minutes": 5, "planned_months": 3},
    {"frequency": "weekly", "session_minutes": "una hora", "planned_months": 3},
    {"frequency": "weekly", "session_minutes": 60, "planned_months": 30},
])
def test_bad_agreement_answers_are_refused_and_nothing_is_written(proposed, bob, values):
    with pytest.raises(ValidationError):
        services.agreement_acknowledge(actor=bob, relationship=proposed, **values)
    assert not proposed.acknowledgements.exists()


def test_the_community_agreement_replaces_the_default_and_needs_both_languages(aurora, alice, bob):
    assert "menor" in services.agreement_text(aurora, "es")
    assert "minor" in services.agreement_text(aurora, "en")
    with pytest.raises(ValidationError):
        services.agreement_template_update(actor=alice, community=aurora, text_es="Hola", text_en="")
    with pytest.raises(PermissionDenied):
        services.agreement_template_update(actor=bob, community=aurora, text_es="Hola", text_en="Hello")
    services.agreement_template_update(actor=alice, community=aurora, text_es="Nuestro acuerdo", text_en="Our agreement")
    assert services.agreement_text(aurora, "en") == "Our agreement"


def test_pause_resume_and_who_may_do_what(active, bob, sofia, alice, charlie):
    services.relationship_pause(actor=bob, relationship=active, reason="Vacaciones")
    assert active.status == "paused"
    with pytest.raises(PermissionDenied):
        services.relationship_resume(actor=charlie, relationship=active)
    with pytest.raises(ValidationError):
        services.relationship_pause(actor=sofia, relationship=active)
    services.relationship_resume(actor=alice, relationship=active)
    assert Relationship.objects.get(pk=active.pk).status == "active"
    # A participant may not close at once; a coordinator may (unplanned, with a reason).
    with pytest.raises(PermissionDenied):
        services.relationship_close(actor=sofia, relationship=active, kind="unplanned", reason="x")
    with pytest.raises(ValidationError):
        services.relationship_close(actor=alice, relationship=active, kind="unplanned", reason="")
    services.relationship_close(actor=alice, relationship=active, kind="unplanned", reason="Se mudó")
    assert Relationship.objects.get(pk=active.pk).status == "closed"


def test_a_stale_copy_cannot_win_a_race(active, bob, sofia):
    stale = Relationship.objects.get(pk=active.pk)
    services.relationship_pause(actor=bob, relationship=active)
    with pytest.raises(ValidationError):
        services.relationship_start_closing(actor=sofia, relationship=stale, kind="planned", reason="Fin")
    assert Relationship.objects.get(pk=active.pk).status == "paused"


def test_sessions_are_scheduled_logged_with_private_notes_and_feedback(active, bob, sofia, charlie):
    when = timezone.now() + timedelta(days=2)
    with pytest.raises(ValidationError):
        services.session_schedule(actor=bob, relationship=active, starts_at=when)
    with pytest.raises(ValidationError):
        services.session_schedule(actor=bob, relationship=active, starts_at=when, online_link="no es un enlace")
    with pytest.raises(PermissionDenied):
        services.session_schedule(actor=charlie, relationship=active, starts_at=when, place="Biblioteca")
    session = services.session_schedule(actor=bob, relationship=active, starts_at=when, place="Biblioteca")
    with pytest.raises(ValidationError):
        services.session_feedback_give(actor=bob, session=session, usefulness=4, feeling="good")
    with pytest.raises(ValidationError):
        services.session_log(actor=sofia, relationship=active, session=session,
                             held_on=timezone.localdate() + timedelta(days=1), duration_minutes=50, kind="in_person")
    services.session_log(actor=sofia, relationship=active, session=session, held_on=timezone.localdate(),
                         duration_minutes=50, kind="in_person", shared_notes="Hablamos del trabajo",
                         private_notes="Bob parecía cansado")
    session.refresh_from_db()
    assert session.status == Session.Status.HELD
    assert session.private_notes.get().author == sofia
    active.refresh_from_db()
    assert active.last_session_at is not None
    with pytest.raises(ValidationError):
        services.session_feedback_give(actor=bob, session=session, usefulness=6, feeling="good")
    services.session_feedback_give(actor=bob, session=session, usefulness=4, feeling="good")
    with pytest.raises(ValidationError):
        services.session_feedback_give(actor=bob, session=session, usefulness=4, feeling="good")


def test_goals_milestones_and_progress(active, bob, charlie):
    goal = services.goal_create(actor=bob, relationship=active, title="Volver a buscar empleo",
                                milestones=["Actualizar el CV"])
    assert goal.milestones.count() == 1
    with pytest.raises(PermissionDenied):
        services.goal_create(actor=charlie, relationship=active, title="x")
    with pytest.raises(ValidationError):
        services.progress_update_add(actor=bob, goal=goal, text="Avancé", progress=140)
    services.progress_update_add(actor=bob, goal=goal, text="Envié tres solicitudes", progress=40)
    services.milestone_set_done(actor=bob, milestone=goal.milestones.get())
    goal.refresh_from_db()
    assert goal.progress == 40 and goal.milestones.get().done_at is not None


def test_closing_with_both_exit_surveys_closes_rates_goals_and_frees_the_place(active, bob, sofia, aurora):
    from ayni.relationships.selectors import occupied_places

    goal = services.goal_create(actor=bob, relationship=active, title="Dormir mejor")
    services.relationship_start_closing(actor=sofia, relationship=active, kind="planned", reason="Objetivos cumplidos")
    with pytest.raises(ValidationError):
        services.exit_survey_submit(actor=bob, relationship=active, would_continue="yes",
                                    goal_ratings={str(goal.pk): 9})
    services.exit_survey_submit(actor=bob, relationship=active, would_continue="no", helped="Escuchar",
                                goal_ratings={str(goal.pk): 4})
    assert Relationship.objects.get(pk=active.pk).status == "closing"
    services.exit_survey_submit(actor=sofia, relationship=active, would_continue="no",
                                goal_ratings={str(goal.pk): 3})
    assert Relationship.objects.get(pk=active.pk).status == "closed"
    assert Goal.objects.get(pk=goal.pk).attainment == 4  # round(3.5) is 4
    supporter_id = membership(sofia, aurora).pk
    assert occupied_places([supporter_id]) == {supporter_id: 0}


def test_a_rematch_keeps_the_history(active, alice, bob, tomas, aurora):
    services.goal_create(actor=bob, relationship=active, title="Dormir mejor")
    with pytest.raises(PermissionDenied):
        services.relationship_rematch(actor=bob, relationship=active, supporter=membership(tomas, aurora), reason="x")
    new = services.relationship_rematch(actor=alice, relationship=active, supporter=membership(tomas, aurora),
                                        reason="Horarios incompatibles")
    assert new.status == "proposed" and new.rematched_from_id == active.pk
    old = Relationship.objects.get(pk=active.pk)
    assert old.status == "rematched" and old.goals.count() == 1


def test_monitoring_asks_check_ins_on_the_cadence_once_and_watches_inactivity(active, bob, sofia, alice):
    from ayni.notifications.models import Notification

    start = active.started_at
    assert run_monitoring(now=start + timedelta(hours=47))["check_ins"] == 0
    assert run_monitoring(now=start + timedelta(hours=49))["check_ins"] == 2
    assert run_monitoring(now=start + timedelta(hours=50))["check_ins"] == 0
    check_in = CheckIn.objects.get(user=bob, sequence=1)
    with pytest.raises(PermissionDenied):
        services.check_in_answer(actor=sofia, check_in=check_in, answer="well")
    services.check_in_answer(actor=bob, check_in=check_in, answer="well", comment="Muy bien")
    with pytest.raises(ValidationError):
        services.check_in_answer(actor=bob, check_in=check_in, answer="well")
    unanswered = list(overdue_check_ins(active.community, now=start + timedelta(days=10)))
    assert [c.user for c in unanswered] == [sofia]
    result = run_monitoring(now=start + timedelta(days=22))
    assert result["reminders"] == 1 and result["alerts"] == 0
    assert run_monitoring(now=start + timedelta(days=23))["reminders"] == 0
    assert run_monitoring(now=start + timedelta(days=46))["alerts"] == 1
    assert Notification.objects.filter(recipient=alice, kind="relationships.inactive_alert").count() == 1


def test_monitoring_settings_are_validated(aurora, alice, bob):
    with pytest.raises(PermissionDenied):
        services.monitoring_settings_update(actor=bob, community=aurora, inactivity_reminder_days=10)
    with pytest.raises(ValidationError):
        services.monitoring_settings_update(actor=alice, community=aurora, inactivity_reminder_days=30,
                                            inactivity_alert_days=20)
    with pytest.raises(ValidationError):
        services.monitoring_settings_update(actor=alice, community=aurora, then_every_days="mensual")
    row = services.monitoring_settings_update(actor=alice, community=aurora, inactivity_reminder_days=14)
    assert row.inactivity_reminder_days == 14
