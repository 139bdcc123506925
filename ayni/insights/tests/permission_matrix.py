"""The insights app's own permission rows, with real objects (they override the baseline in
ayni/safety/tests/permission_matrix_others.py)."""

from ayni.safety.tests.permission_matrix import API_COORDINATORS, COORDINATORS, expect

C = {"slug": "aurora"}


def matrix_objects(*, community, users, objects) -> dict:
    """A survey for the person concerned (Bob), and an instrument of the community's own."""
    from ayni.insights import services
    from ayni.insights.forms import EXAMPLE
    from ayni.insights.models import Occasion, SurveyAssignment
    from conftest import membership

    services.surveys_assign(membership=membership(users["concerned"], community), occasion=Occasion.JOINING,
                            notify_person=False)
    survey = SurveyAssignment.objects.filter(membership__user=users["concerned"]).order_by("pk").first()
    instrument = services.instrument_define(actor=users["coordinator"], community=community, role="extra",
                                            text=EXAMPLE, languages=["es", "en"])
    return {"survey_assignment": survey.pk, "community_instrument": instrument.pk}


PAGES = {
    # Only the person asked answers their survey; it does not exist for anyone else.
    "insights:survey_answer": {"kwargs": {"assignment_id": "survey_assignment"},
                               "expect": expect("deny", anonymous="login", concerned="ok")},
    "insights:figure_list": {"kwargs": {**C, "figure": "seekers"}, "expect": COORDINATORS},
    "insights:export_csv": {"kwargs": {**C, "table": "members"}, "expect": COORDINATORS},
    # The coordinator comes last in the matrix, so the others try to retire a live instrument.
    "insights:instrument_retire": {"method": "post", "kwargs": {**C, "instrument_id": "community_instrument"},
                                   "expect": COORDINATORS},
}

API = {
    "GET /api/v1/insights/{slug}/dashboard": {"path": C, "expect": API_COORDINATORS},
    "GET /api/v1/insights/{slug}/gaps": {"path": C, "expect": API_COORDINATORS},
    "GET /api/v1/insights/{slug}/outcomes": {"path": C, "expect": API_COORDINATORS},
    "GET /api/v1/insights/{slug}/network": {"path": C, "expect": API_COORDINATORS},
}
