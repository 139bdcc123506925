import pytest
from django.core.management import call_command

from ayni.accounts.models import User
from ayni.communities.models import Community, Membership
from ayni.core.models import AuditEvent
from ayni.demo.loader import DEMO_PASSWORD, demo_logins, load_demo
from ayni.people.models import Experience, Need, Profile


def table_counts():
    return [model.objects.count() for model in (User, Community, Membership, Experience, Need, Profile)]


@pytest.mark.django_db
def test_the_demo_loads_about_two_hundred_people_and_a_second_run_changes_nothing():
    first = load_demo()
    assert first["communities"] >= 3 and 180 <= first["people"] <= 230
    counts = table_counts()
    second = load_demo()
    assert set(second.values()) == {0}
    assert table_counts() == counts
    assert AuditEvent.objects.filter(action="demo.load").count() == 1


@pytest.mark.django_db
def test_every_printed_demo_login_works():
    load_demo()
    for login in demo_logins():
        user = User.objects.get(email=login["email"])
        assert user.check_password(DEMO_PASSWORD) and user.email_verified


@pytest.mark.django_db
def test_sensitive_demo_experiences_carry_consent():
    load_demo()
    assert Experience.objects.filter(is_sensitive=True).exists()
    assert not Experience.objects.filter(is_sensitive=True, consent_at__isnull=True).exists()


@pytest.mark.django_db
def test_the_demo_command_prepares_without_serving(capsys):
    call_command("demo", "--no-serve")
    output = capsys.readouterr().out
    assert "ayni-demo" in output and "http://127.0.0.1:8000" in output
