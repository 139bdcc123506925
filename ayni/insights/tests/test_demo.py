import pytest

from ayni.insights import demo, selectors
from ayni.insights.models import SurveyAssignment


@pytest.mark.django_db
def test_the_demo_answers_show_change_and_load_once(aurora_people, aurora):
    first = demo.load(communities={"aurora": aurora})
    assert first["survey_answers"] > 0
    assert demo.load(communities={"aurora": aurora}) == {"survey_answers": 0}
    assert not SurveyAssignment.objects.filter(status="pending", occasion="joining").exists()
    outcomes = selectors.figure_outcomes(aurora, selectors.period_from("24m"))
    belonging = next(row for row in outcomes["rows"] if row["measure"] == "belonging")
    assert belonging["change"] is not None and belonging["change"].mean_change > 0
