import re

import pytest
from django.urls import reverse

from ayni.insights import services
from ayni.insights.models import Occasion, SurveyAssignment
from conftest import membership

PAGES = ["dashboard", "gaps", "outcomes", "network", "report", "instruments"]
LIMITS = {"dashboard": 40, "report": 45}  # a fixed number of aggregate queries per figure


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_a_coordinator_sees_each_insights_page(client_for, alice, aurora_people, page):
    response = client_for(alice).get(reverse(f"insights:{page}", args=["aurora"]))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("page", [*PAGES, "report_pdf"])
def test_a_member_who_is_not_a_coordinator_is_refused(client_for, bob, aurora, page):
    assert client_for(bob).get(reverse(f"insights:{page}", args=["aurora"])).status_code == 403


@pytest.mark.django_db
def test_another_communitys_coordinator_never_sees_aurora(client_for, dana, aurora):
    response = client_for(dana).get(reverse("insights:dashboard", args=["aurora"]))
    assert response.status_code == 403  # aurora is listed: it exists, but she may not see its figures
    assert client_for(dana).get(reverse("insights:figure_list", args=["aurora", "seekers"])).status_code == 403


@pytest.mark.django_db
def test_someone_with_no_membership_cannot_see_an_unlisted_communitys_dashboard(client_for, charlie, boreal):
    assert client_for(charlie).get(reverse("insights:dashboard", args=["boreal"])).status_code == 404


@pytest.mark.django_db
def test_the_dashboard_links_each_figure_to_the_people_behind_it(client_for, alice, aurora_people):
    client = client_for(alice)
    page = client.get(reverse("insights:dashboard", args=["aurora"])).content.decode()
    seekers_link = reverse("insights:figure_list", args=["aurora", "seekers"])
    assert seekers_link in page
    listing = client.get(seekers_link).content.decode()
    for seeker in aurora_people["seekers"]:
        assert seeker.user.display_name in listing
    assert "Alice" not in listing


@pytest.mark.django_db
def test_small_counts_read_under_5_on_the_dashboard(client_for, alice, bob, aurora):
    page = client_for(alice).get(reverse("insights:dashboard", args=["aurora"])).content.decode()
    assert "menos de 5" in page


@pytest.mark.django_db
def test_an_unknown_list_is_not_found(client_for, alice, aurora):
    assert client_for(alice).get(reverse("insights:figure_list", args=["aurora", "everyone"])).status_code == 404
    assert client_for(alice).get(
        reverse("insights:figure_list", args=["aurora", "waiting"]) + "?topic=abc").status_code == 404


@pytest.mark.django_db
def test_the_gap_page_names_the_shortfall_and_suggests_a_message(client_for, alice, aurora_people):
    page = client_for(alice).get(reverse("insights:gaps", args=["aurora"])).content.decode()
    assert "Duelo" in page
    assert "quechua" in page  # seekers speak Quechua, no supporter does
    assert "mailto:" in page


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["es", "en"])
def test_the_report_downloads_as_a_pdf_in_either_language(client_for, alice, aurora_people, language):
    response = client_for(alice).get(f"/{language}/insights/aurora/report.pdf?period=2026")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f"-{language}.pdf" in response["Content-Disposition"]


@pytest.mark.django_db
def test_a_table_exports_as_csv_with_small_counts_hidden(client_for, alice, aurora_people):
    response = client_for(alice).get(reverse("insights:export_csv", args=["aurora", "members"]))
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Mes,")
    assert "menos de 5" in text  # one coordinator
    assert client_for(alice).get(reverse("insights:export_csv", args=["aurora", "nothing"])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_each_page_needs_few_queries_however_many_members(client_for, alice, aurora_people, page,
                                                           django_assert_max_num_queries):
    client = client_for(alice)
    url = reverse(f"insights:{page}", args=["aurora"])
    client.get(url)
    with django_assert_max_num_queries(LIMITS.get(page, 25)):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_a_person_answers_their_own_survey_and_nobody_elses(client_for, aurora_people, charlie):
    seeker = aurora_people["seekers"][0]
    services.surveys_assign(membership=seeker, occasion=Occasion.JOINING)
    assignment = SurveyAssignment.objects.get(membership=seeker, measure="belonging")
    url = reverse("insights:survey_answer", args=[assignment.pk])
    assert client_for(charlie).get(url).status_code == 404
    other = aurora_people["seekers"][1].user
    assert client_for(other).get(url).status_code == 404
    client = client_for(seeker.user)
    assert "Aquí se entiende lo que he vivido." in client.get(url).content.decode()
    response = client.post(url, {"someone_to_turn_to": "4", "experience_understood": "5", "feel_an_outsider": "2",
                                 "contribution_matters": "3", "would_be_missed": "4", "hard_to_be_myself": "1"})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == "completed"
    assert assignment.score == pytest.approx(25 / 6)
    assert assignment.band == "high"
    assert client.post(url, {"someone_to_turn_to": "1"}).status_code == 200  # closed: said on the page


@pytest.mark.django_db
def test_an_impossible_answer_is_refused_with_a_message(client_for, aurora_people):
    seeker = aurora_people["seekers"][0]
    services.surveys_assign(membership=seeker, occasion=Occasion.JOINING)
    assignment = SurveyAssignment.objects.get(membership=seeker, measure="belonging")
    response = client_for(seeker.user).post(reverse("insights:survey_answer", args=[assignment.pk]),
                                            {"someone_to_turn_to": "9"})
    assert response.status_code == 200
    assignment.refresh_from_db()
    assert assignment.status == "pending"


@pytest.mark.django_db
def test_my_surveys_lists_only_my_own(client_for, aurora_people, bob, aurora):
    services.surveys_assign(membership=aurora_people["seekers"][0], occasion=Occasion.JOINING)
    services.surveys_assign(membership=membership(bob, aurora), occasion=Occasion.JOINING)
    page = client_for(bob).get(reverse("insights:my_surveys")).content.decode()
    mine = set(SurveyAssignment.objects.filter(membership__user=bob).values_list("pk", flat=True))
    linked = {int(pk) for pk in re.findall(r"/insights/surveys/(\d+)/", page)}
    assert linked == mine and len(mine) == 3


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_the_number_of_queries_does_not_grow_with_the_community(client_for, alice, aurora, aurora_people, more_people,
                                                                 page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ayni.insights.tests.conftest import add_relationships

    client = client_for(alice)
    url = reverse(f"insights:{page}", args=["aurora"])
    add_relationships(aurora, aurora_people, closed=2)
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    bigger = more_people(seekers=12, supporters=9)
    add_relationships(aurora, bigger, closed=5, sessions=4)
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after) <= len(before)


def _pdf_text(content: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.django_db
def test_names_outside_latin_1_are_printed_in_the_pdf_not_replaced(client_for, alice, aurora, aurora_people):
    aurora.name = "Ñusta Quispe Ĉ 王"
    aurora.save(update_fields=["name"])
    aurora.topics.filter(key="grief").update(name_es="Duelo · Ўладзімір Ĉ 王")
    response = client_for(alice).get("/es/insights/aurora/report.pdf")
    assert response.status_code == 200
    text = _pdf_text(response.content)
    assert "Ñusta Quispe Ĉ 王" in text
    assert "Ўладзімір Ĉ 王" in text  # a topic name, in the gaps table
    assert "?" not in text.replace("¿", "")


@pytest.mark.django_db
def test_a_character_no_shipped_font_has_becomes_a_question_mark_and_the_pdf_still_downloads(
        client_for, alice, aurora, aurora_people):
    aurora.name = "Aurora \U0001FAE0"  # an emoji neither DejaVu Sans nor Droid Sans Fallback draws
    aurora.save(update_fields=["name"])
    response = client_for(alice).get("/en/insights/aurora/report.pdf")
    assert response.status_code == 200
    assert "Aurora ?" in _pdf_text(response.content)


@pytest.mark.django_db
def test_every_chart_of_the_report_is_drawn_in_the_pdf(client_for, alice, aurora, aurora_people, caplog):
    from ayni.insights.tests.conftest import add_relationships

    add_relationships(aurora, aurora_people, closed=3)
    response = client_for(alice).get("/es/insights/aurora/report.pdf")
    assert response.status_code == 200
    assert not [record for record in caplog.records if "chart not drawn" in record.getMessage()]
    # Axis labels and legends are text in the PDF (set in DejaVu Sans). Sections with several charts
    # draw them all: requests (open requests, then days to match), relationships (four, the last
    # the closures by kind).
    text = _pdf_text(response.content)
    # The last month's label (whatever month the suite runs in) ends the first chart.
    assert re.search(r"\b[a-z]{3}\.?( \d{4})? solicitudes Mediana de días hasta el emparejamiento", text)
    assert "previsto imprevisto" in text
