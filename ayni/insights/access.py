"""Permission-checked fetchers for surveys: a person sees only their own."""

from django.http import Http404
from django.utils.translation import gettext as _

from ayni.insights.models import SurveyAssignment


def access_assignment(user, assignment_id: int) -> SurveyAssignment:
    """One of the person's own surveys; anyone else's is 404 (they may not know it exists)."""
    assignment = (SurveyAssignment.objects.select_related("membership", "community")
                  .filter(pk=assignment_id, membership__user=user).first())
    if assignment is None:
        raise Http404(_("No such survey."))
    return assignment
