"""Demo surveys: answers at joining and three months later, so the outcomes page shows real change.

Deterministic (seeded by the person's e-mail), idempotent (assignments are unique and only
unanswered ones are filled), and scored with the same rules as real answers.
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from ayni.communities.models import Membership
from ayni.insights.analytics.scoring import score_response
from ayni.insights.models import Occasion, SurveyAssignment
from ayni.insights.services import instruments_for, surveys_assign

# Where people start (mean item level before reversal) and how they move by three months.
START = {"belonging": 2.6, "loneliness": 3.5, "wellbeing": 2.7}
CHANGE = {"belonging": 0.6, "loneliness": -0.55, "wellbeing": 0.45}


def _answers(instrument, level: float, rng: random.Random, *, skip: float) -> dict:
    scale = instrument.scale
    answers = {}
    for item in instrument.items:
        if rng.random() < skip:
            continue  # a question left blank now and then
        value = level + rng.gauss(0, 0.7)
        if item.reversed:
            value = scale.min + scale.max - value
        answers[item.key] = int(min(scale.max, max(scale.min, round(value))))
    return answers


def _fill(assignment: SurveyAssignment, answers: dict, completed_at) -> None:
    result = score_response(assignment.instrument, answers)
    SurveyAssignment.objects.filter(pk=assignment.pk, status=SurveyAssignment.Status.PENDING).update(
        status=SurveyAssignment.Status.COMPLETED, answers=answers, completed_at=completed_at, score=result.score,
        score_valid=result.valid, band=result.band.key if result.band else "", answered_items=result.answered,
    )


@transaction.atomic
def load(*, communities, stdout=None) -> dict[str, int]:
    now = timezone.now()
    before = SurveyAssignment.objects.filter(status=SurveyAssignment.Status.COMPLETED).count()
    for community in communities.values():
        instruments = [entry for entry in instruments_for(community) if entry[0] != "extra"]
        people = (Membership.objects.filter(community=community, status=Membership.Status.ACTIVE)
                  .filter(is_seeker=True) | Membership.objects.filter(
                      community=community, status=Membership.Status.ACTIVE, is_supporter=True))
        for membership in people.select_related("user", "community").order_by("pk"):
            rng = random.Random(f"{community.slug}:{membership.user.email}")
            joined = now - dt.timedelta(days=rng.randint(120, 240))
            follow_up = joined + dt.timedelta(days=91)
            surveys_assign(membership=membership, occasion=Occasion.JOINING, now=joined, instruments=instruments,
                           notify_person=False)
            answers_follow_up = rng.random() < 0.85
            if answers_follow_up:
                surveys_assign(membership=membership, occasion=Occasion.THREE_MONTHS, now=follow_up,
                               instruments=instruments, notify_person=False)
            assignments = SurveyAssignment.objects.filter(membership=membership, status=SurveyAssignment.Status.PENDING,
                                                          occasion__in=[Occasion.JOINING, Occasion.THREE_MONTHS])
            person_shift = rng.gauss(0, 0.35)
            for assignment in assignments:
                start = START.get(assignment.measure, 3.0) + person_shift * (-1 if assignment.measure == "loneliness" else 1)
                level = start
                when = joined + dt.timedelta(days=rng.randint(0, 6))
                if assignment.occasion == Occasion.THREE_MONTHS:
                    level = start + CHANGE.get(assignment.measure, 0) * rng.uniform(0.2, 1.8)
                    when = follow_up + dt.timedelta(days=rng.randint(0, 10))
                _fill(assignment, _answers(assignment.instrument, level, rng, skip=0.04), when)
    created = SurveyAssignment.objects.filter(status=SurveyAssignment.Status.COMPLETED).count() - before
    if stdout is not None and created:
        stdout.write(f"insights: {created} demo survey answers\n")
    return {"survey_answers": created}
