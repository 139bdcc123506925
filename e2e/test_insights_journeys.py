"""A coordinator reads the programme dashboard in Spanish, follows a figure to its people,
downloads the period report as a PDF and switches to English."""

import datetime as dt

import pytest
from django.utils import timezone

from ayni.accounts.tests.factories import PASSWORD
from ayni.communities.tests.factories import MembershipFactory
from ayni.insights import demo
from ayni.people.models import Experience, Need, Profile
from e2e.conftest import log_in

pytestmark = pytest.mark.xdist_group("e2e")


def _demo_like(aurora):
    """Aurora with twelve seekers waiting on grief (in Spanish and Quechua), six supporters, and the
    demo's survey answers at joining and three months later."""
    grief = aurora.topics.get(key="grief")
    joined = timezone.now() - dt.timedelta(days=150)
    for index in range(12):
        seeker = MembershipFactory(community=aurora, is_seeker=True, joined_at=joined,
                                   user__display_name=f"Persona {index:02d}")
        Profile.objects.update_or_create(user=seeker.user, defaults={
            "languages": ["es", "qu"], "meeting_mode": "in_person", "area": "Delicias"})
        Need.objects.create(membership=seeker, topic=grief, is_sensitive=True, consent_at=timezone.now())
    for index in range(6):
        supporter = MembershipFactory(community=aurora, is_supporter=True, joined_at=joined, capacity=2,
                                      user__display_name=f"Acompañante {index}")
        Profile.objects.update_or_create(user=supporter.user, defaults={"languages": ["es"], "meeting_mode": "online"})
        Experience.objects.create(membership=supporter, topic=grief, story="…", is_sensitive=True,
                                  consent_at=timezone.now())
    demo.load(communities={"aurora": aurora})


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_reads_the_dashboard_follows_a_figure_and_downloads_the_report(new_page, aurora, alice, bob):
    _demo_like(aurora)
    page = new_page(locale="es-ES")
    page.set_default_timeout(60_000)  # a cold live server on a busy machine: pages, charts and a PDF
    log_in(page, alice.email, PASSWORD, "es")
    page.goto("/es/insights/aurora/")
    assert "Panel del programa" in page.locator("h1").inner_text()
    charts = page.locator("main .chart svg[role=img]")
    assert charts.count() >= 2
    assert "Miembros por rol" in charts.first.get_attribute("aria-label")

    # The seekers figure leads to the seekers themselves.
    page.locator("#section-members a.figure-link", has_text="Personas que buscan apoyo").click()
    assert "Personas que buscan apoyo" in page.locator("h1").inner_text()
    rows = page.locator("main table tbody tr")
    assert rows.count() == 13  # twelve plus Bob
    assert page.get_by_role("link", name="Persona 00").is_visible()

    page.goto("/es/insights/aurora/outcomes/")
    assert "Pertenencia a la comunidad" in page.locator("main").inner_text()

    page.goto("/es/insights/aurora/report/?period=24m")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Descargar en PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith("-es.pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    page.get_by_role("button", name="English").click()
    assert page.url.split("?")[0].endswith("/en/insights/aurora/report/")
    assert "Period report" in page.locator("h1").inner_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as PDF").click()
    assert download_info.value.suggested_filename.endswith("-en.pdf")
