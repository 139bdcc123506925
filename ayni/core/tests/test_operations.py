from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from ayni.accounts.models import User
from ayni.communities.models import Community
from ayni.core import scheduler
from ayni.core.heartbeat import beat
from ayni.core.models import ErrorCount, ScheduledJob


@pytest.fixture
def counting_job():
    calls = []
    scheduler.register_job("test.counting", lambda: calls.append(1) or len(calls), every=timedelta(minutes=5))
    yield calls
    scheduler.JOBS.pop("test.counting", None)


@pytest.mark.django_db
def test_a_due_job_is_claimed_by_one_host_only(counting_job):
    job = scheduler.JOBS["test.counting"]
    assert scheduler.claim(job, owner="host-a") is True
    assert scheduler.claim(job, owner="host-b") is False


@pytest.mark.django_db
def test_a_job_runs_once_per_period_and_records_how_it_went(counting_job):
    now = timezone.now()
    assert scheduler.run_due_jobs(now=now, only={"test.counting"}) == {"test.counting": "ok"}
    assert scheduler.run_due_jobs(now=now + timedelta(minutes=1), only={"test.counting"}) == {}
    assert scheduler.run_due_jobs(now=now + timedelta(minutes=6), only={"test.counting"}) == {"test.counting": "ok"}
    row = ScheduledJob.objects.get(name="test.counting")
    assert (row.runs, row.last_status, row.last_result, row.locked_until) == (2, "ok", "2", None)


@pytest.mark.django_db
def test_a_lock_left_by_a_dead_host_expires_and_the_job_runs_again(counting_job):
    job = scheduler.JOBS["test.counting"]
    now = timezone.now()
    assert scheduler.claim(job, now=now, owner="dead-host")
    assert not scheduler.claim(job, now=now + timedelta(minutes=1))
    assert scheduler.claim(job, now=now + job.timeout + timedelta(seconds=1))


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_does_not_stop_the_others():
    scheduler.register_job("test.failing", lambda: 1 / 0, every=timedelta(minutes=5))
    try:
        assert scheduler.run_due_jobs(only={"test.failing"}) == {"test.failing": "error"}
        row = ScheduledJob.objects.get(name="test.failing")
        assert row.failures == 1 and "ZeroDivisionError" in row.last_error
    finally:
        scheduler.JOBS.pop("test.failing")


@pytest.mark.django_db
def test_readiness_needs_a_recent_worker_heartbeat(client, settings):
    settings.AYNI = {**settings.AYNI, "WORKER_HEARTBEAT_SECONDS": 60}
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["checks"]["worker"] == "no heartbeat"
    beat("worker:test")
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json()["checks"] == {"database": "ok", "worker": "ok"}


@pytest.mark.django_db
def test_the_operations_page_is_for_staff_only(client_for, alice, charlie):
    assert client_for(charlie).get("/en/staff/operations/").status_code == 302
    staff = User.objects.create_superuser(email="staff@example.org", password="x" * 12)
    ErrorCount.objects.create(day=timezone.localdate(), count=3)
    response = client_for(staff).get("/en/staff/operations/")
    assert response.status_code == 200 and "core.requeue_emails" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_what_was_there(tmp_path, aurora):
    if connection.vendor != "sqlite":
        pytest.skip("the PostgreSQL round trip needs pg_dump against a separate database")
    path = tmp_path / "backup.sqlite3"
    call_command("backup", "--output", str(path))
    Community.objects.all().delete()
    assert not Community.objects.exists()
    call_command("restore", str(path), "--yes")
    assert Community.objects.filter(slug="aurora").exists()


@pytest.mark.django_db(transaction=True)
def test_restoring_something_that_is_not_a_backup_fails_clearly(tmp_path, aurora):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_text("not a database")
    with pytest.raises(Exception, match="not an Ayni SQLite backup"):
        call_command("restore", str(bogus), "--yes")
    assert Community.objects.filter(slug="aurora").exists()


@pytest.mark.django_db
def test_a_task_whose_worker_died_goes_back_to_the_queue_once():
    from datetime import timedelta

    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from ayni.core.jobs import requeue_orphaned_tasks

    long_ago = timezone.now() - timedelta(minutes=5)
    common = {"args_kwargs": {"args": [1], "kwargs": {}}, "task_path": "ayni.core.tasks.deliver_email",
              "backend_name": "default", "queue_name": "default", "run_after": long_ago,
              "status": TaskResultStatus.RUNNING, "started_at": long_ago}
    orphan = DBTaskResult.objects.create(worker_ids=["worker:dead:1:abc"], **common)
    beat("worker:alive:2:def")
    healthy = DBTaskResult.objects.create(worker_ids=["worker:alive:2:def"], **common)
    assert requeue_orphaned_tasks() == 1
    orphan.refresh_from_db()
    healthy.refresh_from_db()
    assert orphan.status == TaskResultStatus.READY and orphan.started_at is None
    assert healthy.status == TaskResultStatus.RUNNING
    assert requeue_orphaned_tasks() == 0
