import pytest

from ayni.people.models import Profile


@pytest.mark.django_db
def test_a_person_saves_languages_place_availability_and_age(client_for, charlie):
    response = client_for(charlie).post("/en/profile/", {
        "languages": ["es", "qu"], "other_languages": "it", "meeting_mode": "either", "city": "Cusco",
        "area": "San Blas", "availability": ["tue-eve", "mon-am"], "date_of_birth": "2010-05-01", "age_band": "",
        "gender": "woman"})
    assert response.status_code == 302
    profile = Profile.objects.get(user=charlie)
    assert profile.languages == ["es", "qu", "it"]
    assert profile.availability == ["mon-am", "tue-eve"]
    assert profile.is_minor


@pytest.mark.django_db
def test_meeting_in_person_needs_a_city_and_nothing_is_saved_otherwise(client_for, charlie):
    response = client_for(charlie).post("/en/profile/", {"languages": ["es"], "meeting_mode": "in_person", "city": ""})
    assert "which city or town" in response.content.decode()
    assert not Profile.objects.filter(user=charlie, meeting_mode="in_person").exists()


@pytest.mark.django_db
def test_at_least_one_language_and_valid_codes(client_for, charlie):
    response = client_for(charlie).post("/en/profile/", {"meeting_mode": "online", "other_languages": "klingon!"})
    assert "is not a language code" in response.content.decode()


@pytest.mark.django_db
def test_a_future_birth_date_is_refused(client_for, charlie):
    response = client_for(charlie).post("/en/profile/", {"languages": ["es"], "meeting_mode": "online", "date_of_birth": "2999-01-01"})
    assert "cannot be in the future" in response.content.decode()
