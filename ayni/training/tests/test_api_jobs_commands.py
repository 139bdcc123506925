from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from ayni.notifications.models import Notification
from ayni.training.models import Certification, CertificationWarning, Course, Lesson, Module
from ayni.training.services import certification_send_expiry_warnings
from ayni.training.testing import certify

pytestmark = pytest.mark.django_db


def test_my_eligibility_through_the_api(client_for, teresa, starter, charlie):
    response = client_for(teresa.user).get("/api/v1/training/eligibility/aurora", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    body = response.json()
    assert body["eligible"] is False
    assert body["missing"] == ["Pass the course “Peer supporter foundations”."]
    assert client_for(charlie).get("/api/v1/training/eligibility/aurora").status_code == 403


def test_my_progress_through_the_api(client_for, teresa, starter):
    certify(teresa)
    body = client_for(teresa.user).get("/api/v1/training/progress").json()
    course = next(row for row in body["courses"] if row["key"] == "foundations")
    assert course["modules_total"] == 8 and course["certificate_id"] is not None
    assert body["hours"]["total"] == 0


def test_completion_through_the_api_for_coordinators_only(client_for, alice, bob, teresa, starter):
    certify(teresa)
    response = client_for(alice).get("/api/v1/training/communities/aurora/completion")
    assert response.status_code == 200
    assert [row["status"] for row in response.json()["items"]] == ["ready"]
    assert client_for(alice).get("/api/v1/training/communities/aurora/completion?status=bad").status_code == 400
    assert client_for(bob).get("/api/v1/training/communities/aurora/completion").status_code == 403
    url = f"/api/v1/training/communities/aurora/members/{teresa.pk}/eligibility"
    assert client_for(alice).get(url).json()["eligible"] is True
    assert client_for(bob).get(url).status_code == 403


def test_expiry_warnings_go_out_30_days_ahead_once(teresa, starter):
    today = timezone.localdate()
    certified_on = date(today.year - 1, today.month, today.day) + timedelta(days=20)
    Certification.objects.create(user=teresa.user, course=starter, certified_on=certified_on)
    assert certification_send_expiry_warnings(today=today) == 1
    assert certification_send_expiry_warnings(today=today) == 0
    assert certification_send_expiry_warnings(today=today + timedelta(days=1)) == 0
    notification = Notification.objects.get(recipient=teresa.user, kind="training.expiring")
    assert "Fundamentos" in notification.context["course"]
    assert CertificationWarning.objects.count() == 1


def test_no_warning_far_from_expiry(teresa, starter):
    certify(teresa)
    assert certification_send_expiry_warnings() == 0


def test_the_job_is_registered():
    from ayni.core.scheduler import JOBS

    assert "training.expiry_warnings" in JOBS
    assert JOBS["training.expiry_warnings"].function() is certification_send_expiry_warnings


def test_load_curriculum_is_idempotent():
    out = StringIO()
    call_command("load_curriculum", stdout=out)
    counts = (Course.objects.count(), Module.objects.count(), Lesson.objects.count())
    call_command("load_curriculum", stdout=out)
    assert (Course.objects.count(), Module.objects.count(), Lesson.objects.count()) == counts
    assert "created 0, updated 0" in out.getvalue().splitlines()[-1]


def test_load_curriculum_names_bad_flags(tmp_path, aurora):
    with pytest.raises(CommandError, match="--community"):
        call_command("load_curriculum", path=str(tmp_path))
    with pytest.raises(CommandError, match="No community"):
        call_command("load_curriculum", path=str(tmp_path), community="nowhere")
    with pytest.raises(CommandError, match=r"course\.toml"):
        call_command("load_curriculum", path=str(tmp_path), community="aurora")


def test_the_scheduler_runs_the_warning_job_once_per_period(teresa, starter):
    from ayni.core.scheduler import run_due_jobs
    from ayni.training.models import add_months

    today = timezone.localdate()
    Certification.objects.create(user=teresa.user, course=starter,
                                 certified_on=add_months(today, -12) + timedelta(days=10))
    assert run_due_jobs(only={"training.expiry_warnings"}) == {"training.expiry_warnings": "ok"}
    assert run_due_jobs(only={"training.expiry_warnings"}) == {}  # not due again yet
    assert Notification.objects.filter(recipient=teresa.user, kind="training.expiring").count() == 1
