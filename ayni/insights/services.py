"""Writes of the insights app: instruments, survey assignments and answers. See docs/insights.md."""

import json
import logging
import tomllib
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ayni.communities.models import Community, Membership
from ayni.core.audit import audit_log
from ayni.insights.analytics.scoring import (
    AnswerError,
    Instrument,
    InstrumentError,
    instrument_as_dict,
    load_instruments,
    score_response,
    validate_instrument,
)
from ayni.insights.models import MEASURES, CommunityInstrument, Occasion, SurveyAssignment

logger = logging.getLogger("ayni.insights")

JOINING_WINDOW = timedelta(days=30)  # members who joined longer ago than this get no joining survey
THREE_MONTHS = timedelta(days=91)
FOLLOW_UP_WINDOW = timedelta(days=30)  # the three-month survey is created up to this long after it is due
ANSWER_WINDOW = timedelta(days=30)  # how long a survey stays open


# --------------------------------------------------------------------------- instruments


def instruments_for(community: Community, *, active=None) -> list[tuple[str, Instrument, list[str]]]:
    """The instruments a community asks now: [(measure, instrument, languages)], replacements applied.

    ``active`` may be given (the community's active CommunityInstrument rows) to save a query.
    """
    if active is None:
        active = list(CommunityInstrument.objects.filter(community=community, is_active=True).order_by("created_at"))
    shipped = load_instruments()
    replaced = {row.role: row for row in active if row.role != CommunityInstrument.Role.EXTRA}
    chosen: list[tuple[str, Instrument, list[str]]] = []
    for measure, key in MEASURES.items():
        row = replaced.get(measure)
        if row is not None:
            chosen.append((measure, row.instrument, list(row.languages or ["es", "en"])))
        else:
            chosen.append((measure, shipped[key], ["es", "en"]))
    for row in active:
        if row.role == CommunityInstrument.Role.EXTRA:
            chosen.append(("extra", row.instrument, list(row.languages or ["es", "en"])))
    return chosen


def parse_instrument_text(text: str) -> dict:
    """TOML or JSON text to data; a clear ValidationError when it is neither."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Enter the instrument's definition."), code="empty")
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValidationError(_("This is not valid JSON (line %(line)s: %(problem)s).") % {
                "line": error.lineno, "problem": error.msg}, code="json") from error
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ValidationError(_("This is not valid TOML: %(problem)s.") % {"problem": str(error)},
                                  code="toml") from error
    if not isinstance(data, dict):
        raise ValidationError(_("The definition must be a table of fields."), code="shape")
    return data


def _check_coordinator(actor, community: Community) -> None:
    if not Membership.objects.filter(community=community, user=actor, status=Membership.Status.ACTIVE,
                                     is_coordinator=True).exists():
        raise PermissionDenied(_("Only the community's coordinators can do this."))


@transaction.atomic
def instrument_define(*, actor, community: Community, role: str, text: str, languages: list[str],
                      licence_note: str = "") -> CommunityInstrument:
    """Store a coordinator's own instrument; it replaces the measure's current one from now on.

    Surveys already sent keep their copy of the instrument they were asked with.
    """
    _check_coordinator(actor, community)
    if role not in CommunityInstrument.Role.values:
        raise ValidationError({"role": _("Choose what the instrument is for.")})
    languages = [language for language in languages if language in ("es", "en")]
    if not languages:
        raise ValidationError({"languages": _("Choose at least one language.")})
    data = parse_instrument_text(text)
    try:
        instrument = validate_instrument(data, languages=languages)
    except InstrumentError as error:
        raise ValidationError({"text": [f"{problem.field}: {problem.message}" for problem in error.errors]}) from error
    if role != CommunityInstrument.Role.EXTRA and not instrument.is_scored:
        raise ValidationError({"text": _("An instrument that replaces a measure needs scored items and scoring rules.")})
    if instrument.key in MEASURES.values():
        raise ValidationError({"text": _("Give your instrument its own key, not one of Ayni's.")})
    if role != CommunityInstrument.Role.EXTRA:
        CommunityInstrument.objects.filter(community=community, role=role, is_active=True).update(is_active=False)
    row = CommunityInstrument.objects.create(
        community=community, role=role, key=instrument.key, version=instrument.version,
        definition=instrument_as_dict(instrument), languages=languages, licence_note=licence_note[:300],
        created_by=actor,
    )
    audit_log(actor=actor, action="insights.instrument_define", target=row, community=community,
              details={"role": role, "key": instrument.key, "version": instrument.version})
    return row


@transaction.atomic
def instrument_retire(*, actor, instrument: CommunityInstrument) -> None:
    """Stop asking a community's own instrument (Ayni's shipped one is asked again)."""
    _check_coordinator(actor, instrument.community)
    changed = CommunityInstrument.objects.filter(pk=instrument.pk, is_active=True).update(is_active=False)
    if changed:
        audit_log(actor=actor, action="insights.instrument_retire", target=instrument,
                  community=instrument.community, details={"key": instrument.key})


# --------------------------------------------------------------------------- assignments


def surveys_assign(*, membership: Membership, occasion: str, relationship_ref: int = 0, now=None,
                   instruments=None, notify_person: bool = True) -> int:
    """Ask `membership` every current instrument for `occasion`. Idempotent; returns how many were new."""
    now = now or timezone.now()
    instruments = instruments if instruments is not None else instruments_for(membership.community)
    rows = [
        SurveyAssignment(
            membership=membership, community_id=membership.community_id, occasion=occasion, measure=measure,
            instrument_key=instrument.key, instrument_version=instrument.version,
            definition=instrument_as_dict(instrument), languages=languages, relationship_ref=relationship_ref,
            due_at=now, expires_at=now + ANSWER_WINDOW, created_at=now,
        )
        for measure, instrument, languages in instruments
    ]
    with transaction.atomic():
        before = SurveyAssignment.objects.filter(membership=membership, occasion=occasion,
                                                 relationship_ref=relationship_ref).count()
        SurveyAssignment.objects.bulk_create(rows, ignore_conflicts=True)
        created = SurveyAssignment.objects.filter(membership=membership, occasion=occasion,
                                                  relationship_ref=relationship_ref).count() - before
        if created:
            audit_log(actor=None, action="insights.surveys_assign", target=membership,
                      community=membership.community_id,
                      details={"occasion": occasion, "relationship": relationship_ref, "created": created})
    if created and notify_person:
        transaction.on_commit(lambda: _tell(membership, occasion))
    return created


def _tell(membership: Membership, occasion: str) -> None:
    from ayni.notifications.services import notify

    try:
        notify(membership.user, "insights.survey_due", community=membership.community,
               context={"community": membership.community.name, "occasion": occasion},
               url="/insights/surveys/")
    except Exception:  # a notification problem must not undo the survey
        logger.exception("could not notify about a survey")


def _answerable(membership_queryset):
    """Seekers and supporters who are active; coordinators only run the programme."""
    return membership_queryset.filter(status=Membership.Status.ACTIVE).filter(
        Q(is_seeker=True) | Q(is_supporter=True)).select_related("community", "user")


def schedule_surveys(*, now=None) -> dict[str, int]:
    """The periodic job: joining and three-month surveys, closure surveys missed, expiry.

    Safe to run on several hosts at once: the unique constraint on assignments makes each
    survey exist once, and expiry is a conditional UPDATE.
    """
    now = now or timezone.now()
    counts = {"joining": 0, "three_months": 0, "expired": 0}
    instruments_cache: dict[int, list] = {}

    def instruments_of(community):
        if community.pk not in instruments_cache:
            instruments_cache[community.pk] = instruments_for(community)
        return instruments_cache[community.pk]

    joined_recently = _answerable(Membership.objects.filter(joined_at__gte=now - JOINING_WINDOW, joined_at__lte=now))
    joined_recently = joined_recently.exclude(survey_assignments__occasion=Occasion.JOINING)
    for membership in joined_recently.iterator(chunk_size=500):
        counts["joining"] += bool(surveys_assign(membership=membership, occasion=Occasion.JOINING, now=now,
                                                 instruments=instruments_of(membership.community)))
    follow_up = _answerable(Membership.objects.filter(joined_at__lte=now - THREE_MONTHS,
                                                      joined_at__gte=now - THREE_MONTHS - FOLLOW_UP_WINDOW))
    follow_up = follow_up.exclude(survey_assignments__occasion=Occasion.THREE_MONTHS)
    for membership in follow_up.iterator(chunk_size=500):
        counts["three_months"] += bool(surveys_assign(membership=membership, occasion=Occasion.THREE_MONTHS,
                                                      now=now, instruments=instruments_of(membership.community)))
    counts["expired"] = SurveyAssignment.objects.filter(
        status=SurveyAssignment.Status.PENDING, expires_at__lte=now).update(status=SurveyAssignment.Status.EXPIRED)
    return counts


def on_relationship_status_changed(sender, relationship=None, old=None, new=None, **kwargs) -> None:
    """Ask both people of a relationship that just closed for their closure surveys."""
    if new != "closed" or relationship is None:
        return
    for membership in (getattr(relationship, "seeker", None), getattr(relationship, "supporter", None)):
        if membership is not None and membership.status == Membership.Status.ACTIVE:
            surveys_assign(membership=membership, occasion=Occasion.CLOSURE, relationship_ref=relationship.pk)


# --------------------------------------------------------------------------- answering


def survey_submit(*, actor, assignment: SurveyAssignment, answers: dict) -> SurveyAssignment:
    """Record a person's answers to one of their surveys and its score. Answers once."""
    if assignment.membership.user_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("This survey is someone else's."))
    if not assignment.is_open:
        raise ValidationError(_("This survey is closed; thank you all the same."), code="closed")
    instrument = assignment.instrument
    clean = {key: value for key, value in answers.items() if value not in (None, "")}
    try:
        result = score_response(instrument, clean) if instrument.is_scored else None
        if result is None:
            from ayni.insights.analytics.scoring import check_answer

            for key, value in clean.items():
                check_answer(instrument, key, value)
    except AnswerError as error:
        raise ValidationError(_("One answer is not possible: %(problem)s") % {"problem": str(error)}) from error
    now = timezone.now()
    with transaction.atomic():
        changed = SurveyAssignment.objects.filter(pk=assignment.pk, status=SurveyAssignment.Status.PENDING).update(
            status=SurveyAssignment.Status.COMPLETED, completed_at=now, answers=clean,
            score=result.score if result else None, score_valid=bool(result and result.valid),
            band=result.band.key if result and result.band else "", answered_items=result.answered if result else 0,
        )
        if not changed:
            raise ValidationError(_("This survey is closed; thank you all the same."), code="closed")
        audit_log(actor=actor, action="insights.survey_submit", target=assignment,
                  community=assignment.community_id, details={"answered": len(clean)})
    assignment.refresh_from_db()
    return assignment


def survey_decline(*, actor, assignment: SurveyAssignment) -> None:
    if assignment.membership.user_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("This survey is someone else's."))
    with transaction.atomic():
        if SurveyAssignment.objects.filter(pk=assignment.pk, status=SurveyAssignment.Status.PENDING).update(
                status=SurveyAssignment.Status.DECLINED):
            audit_log(actor=actor, action="insights.survey_decline", target=assignment,
                      community=assignment.community_id)
