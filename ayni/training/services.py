"""Writes about training. Each service checks permission, validates, is atomic and audited."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ayni.communities.models import Membership
from ayni.core.audit import audit_log
from ayni.training.models import STARTER_COURSE_KEY, BackgroundCheck, Certification, Course


def _require_coordinator(actor, community) -> Membership:
    membership = Membership.objects.filter(
        community=community, user=actor, status=Membership.Status.ACTIVE, is_coordinator=True
    ).first()
    if membership is None:
        raise PermissionDenied(_("Only the community's coordinators can do this."))
    return membership


# Courses ------------------------------------------------------------------------------------


def starter_course_ensure() -> Course:
    """The starter course, loaded from the shipped files if the database lacks it."""
    course = Course.objects.filter(community__isnull=True, key=STARTER_COURSE_KEY).first()
    if course is not None:
        return course
    from ayni.training.curriculum.loader import load_course
    from ayni.training.sync import sync_course

    try:
        with transaction.atomic():
            sync_course(load_course(), is_starter=True)
    except IntegrityError:  # someone else loaded it at the same moment
        pass
    return Course.objects.get(community__isnull=True, key=STARTER_COURSE_KEY)


# Certifications and checks ------------------------------------------------------------------


@transaction.atomic
def certification_record(
    *, actor, user, course: Course, certified_on: date | None = None, community=None
) -> Certification:
    """Record that ``user`` passed ``course`` (for example at an in-person training).

    ``actor`` must coordinate ``community`` (which ``user`` belongs to), or be ``user``'s own
    completion of the course on Ayni (``actor is None``: called by ``quiz_attempt_submit``).
    """
    today = timezone.localdate()
    certified_on = certified_on or today
    if certified_on > today:
        raise ValidationError({"certified_on": [_("The date cannot be in the future.")]})
    source = Certification.Source.COURSE
    if actor is not None:
        if community is None:
            raise PermissionDenied(_("Only the community's coordinators can do this."))
        _require_coordinator(actor, community)
        if not Membership.objects.filter(community=community, user=user).exists():
            raise ValidationError(_("This person is not a member of the community."))
        if course.community_id not in (None, community.pk):
            raise ValidationError(_("This course belongs to another community."))
        source = Certification.Source.RECORDED
    certification = Certification.objects.create(
        user=user, course=course, certified_on=certified_on, source=source, recorded_by=actor
    )
    audit_log(
        actor=actor or user, action="training.certification_recorded", target=certification,
        community=community,
        details={"course": course.key, "certified_on": certified_on.isoformat(), "source": source},
    )
    return certification


@transaction.atomic
def background_check_record(
    *, actor, membership: Membership, checked_on: date, expires_on: date | None = None
) -> BackgroundCheck:
    """Record that a background check was done (never its content)."""
    _require_coordinator(actor, membership.community)
    errors: dict[str, list[str]] = {}
    if checked_on > timezone.localdate():
        errors["checked_on"] = [_("The date of the check cannot be in the future.")]
    if expires_on is not None and expires_on <= checked_on:
        errors["expires_on"] = [_("The check must be valid until a date after it was done.")]
    if errors:
        raise ValidationError(errors)
    check = BackgroundCheck.objects.create(
        membership=membership, checked_on=checked_on, expires_on=expires_on, recorded_by=actor
    )
    audit_log(
        actor=actor, action="training.background_check_recorded", target=check,
        community=membership.community,
        details={"membership": membership.pk, "checked_on": checked_on.isoformat(),
                 "expires_on": expires_on.isoformat() if expires_on else None},
    )
    return check
