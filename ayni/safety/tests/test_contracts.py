from datetime import date, timedelta

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from ayni.safety import masking, minors, selectors
from ayni.safety.models import Alert, Block, SafetySettings
from ayni.safety.screening import screen_text
from conftest import membership

pytestmark = pytest.mark.django_db


def test_an_urgent_text_returns_resources_and_alerts_the_coordinator(aurora, alice, bob, django_capture_on_commit_callbacks):
    from ayni.notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        screening = screen_text(author=bob, text="Ya no puedo más, quiero morir", community=aurora,
                                source="message", source_id=7)
    assert screening.level == "urgent"
    assert screening.resources, "the writer must see whom to call"
    alert = screening.alert
    assert alert.assigned_to == alice and alert.person == bob and alert.source_id == "7"
    assert alert.status == Alert.Status.OPEN and alert.escalate_at is not None
    assert Notification.objects.filter(recipient=alice, kind="safety.alert").exists()


def test_an_ordinary_text_is_left_alone(aurora, alice, bob):
    screening = screen_text(author=bob, text="Hoy fue un buen día", community=aurora, source="message", source_id=1)
    assert screening.level == "none" and not screening.resources and screening.alert is None
    assert not Alert.objects.exists()


def test_a_second_detection_joins_the_open_alert(aurora, alice, bob):
    first = screen_text(author=bob, text="estoy triste", community=aurora, source="message", source_id=1)
    second = screen_text(author=bob, text="quiero morir", community=aurora, source="message", source_id=2)
    assert first.alert.pk == second.alert.pk
    assert Alert.objects.get().level == "urgent"


def test_screening_never_raises_even_when_the_detector_fails(aurora, bob, monkeypatch):
    def broken(text, language=None):
        raise RuntimeError("boom")

    monkeypatch.setattr("ayni.safety.screening.run_detection", broken)
    screening = screen_text(author=bob, text="quiero morir", community=aurora, source="message", source_id=1)
    assert screening.level == "none"


def test_the_partial_shows_the_resources_only_on_a_detection(aurora, alice, bob):
    urgent = screen_text(author=bob, text="quiero morir", community=aurora, source="message", source_id=1)
    html = render_to_string("safety/partials/crisis_resources.html", {"screening": urgent})
    assert 'role="alert"' in html and "tel:" in html
    quiet = screen_text(author=bob, text="hola", community=aurora, source="message", source_id=2)
    assert render_to_string("safety/partials/crisis_resources.html", {"screening": quiet}).strip() == ""


def test_blocks_work_both_ways_and_per_community(aurora, alice, bob, charlie, dana):
    Block.objects.create(blocker=bob, blocked=alice)
    Block.objects.create(blocker=charlie, blocked=dana)
    assert selectors.is_blocked(alice, bob) and selectors.is_blocked(bob, alice)
    assert not selectors.is_blocked(alice, charlie)
    assert selectors.blocked_user_pairs(aurora) == {frozenset({alice.pk, bob.pk})}


def _profile(user, **fields):
    from ayni.people.models import Profile

    Profile.objects.update_or_create(user=user, defaults=fields)
    user.refresh_from_db()


def test_a_minor_follows_the_date_of_birth_and_the_community_age(aurora, bob):
    today = timezone.localdate()
    _profile(bob, date_of_birth=date(today.year - 17, 1, 1) - timedelta(days=1))
    assert minors.is_minor(membership(bob, aurora))
    _profile(bob, date_of_birth=date(today.year - 19, 1, 1))
    assert not minors.is_minor(membership(bob, aurora))
    SafetySettings.objects.create(community=aurora, age_of_majority=21)
    assert minors.is_minor(membership(bob, aurora))


def test_an_age_band_straddling_majority_counts_as_minor_and_unknown_is_not(aurora, bob):
    assert minors.minor_status(membership(bob, aurora)) is None
    assert not minors.is_minor(membership(bob, aurora))
    _profile(bob, age_band="16-17")
    assert minors.is_minor(membership(bob, aurora))


@pytest.mark.parametrize("text", [
    "Llámame al 612 345 678 mañana", "my number is +44 7700 900123.", "escríbeme a ana.perez@gmail.com",
    "ana arroba gmail punto com", "mi insta es @lu_garcia99", "ig: lugarcia", "sígueme en instagram.com/lugarcia",
    "whatsapp 600112233", "call (555) 123-4567 now", "add me on snap lu_garcia",
])
def test_contacts_are_masked(text):
    masked = masking.mask_contacts(text)
    assert masking.MASK in masked
    for secret in ("612", "7700", "ana.perez", "gmail", "lu_garcia", "lugarcia", "600112233", "123-4567"):
        assert secret not in masked


@pytest.mark.parametrize("text", [
    "Nos vemos el 12/05/2024 a las 17:30", "cuesta 25 euros", "in 2019 2020 and 2021",
    "I saw it on insta and laughed", "meet at 10.30", "page 3 of 12", "mi código postal es 50001",
    "a signal that matters", "whatsapp tomorrow?",
])
def test_ordinary_text_is_not_masked(text):
    assert masking.mask_contacts(text) == text


def test_the_real_detector_and_the_shipped_resources_work_together(aurora, alice, bob, monkeypatch):
    from ayni.safety import screening as screening_module

    monkeypatch.setattr(screening_module, "run_detection", screening_module.__dict__["_real_detection"])
    screening = screen_text(author=bob, text="ya no quiero vivir, esta noche me mato", community=aurora,
                            source="message", source_id=3)
    assert screening.level == "urgent" and screening.alert is not None
    phones = [resource.phone for resource in screening.resources]
    assert "024" in phones and phones[0] == "024", "the suicide line comes first in Spain"
    assert all(not resource.is_verified for resource in screening.resources), "defaults are marked unverified"
    quiet = screen_text(author=bob, text="me muero de risa con este vídeo", community=aurora, source="message",
                        source_id=4)
    assert quiet.level == "none"
