"""Writes about profiles, lived experiences and needs."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ayni.communities.models import Membership, Topic
from ayni.core.audit import audit_log
from ayni.people import domain
from ayni.people.access import check_owner
from ayni.people.models import (
    AGE_BAND_CHOICES,
    Experience,
    Gender,
    MeetingMode,
    Need,
    Profile,
    Visibility,
)


def profile_for(user) -> Profile:
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


def _clean_languages(languages) -> list[str]:
    cleaned = []
    for code in languages or []:
        code = str(code).strip().lower()
        if not code:
            continue
        if not (code.isalpha() and len(code) in (2, 3)):
            raise ValidationError({"languages": [_("“%(code)s” is not a language code. Use codes such as es, en or qu.") % {"code": code}]})
        if code not in cleaned:
            cleaned.append(code)
    return cleaned


@transaction.atomic
def profile_update(
    *, actor, user, languages: list[str], city: str = "", area: str = "", meeting_mode: str = MeetingMode.ONLINE,
    availability: list[str] | None = None, date_of_birth: datetime.date | None = None, age_band: str = "",
    gender: str = "",
) -> Profile:
    """Save what a person shares about themself everywhere."""
    if actor.pk != user.pk and not actor.is_staff:
        raise PermissionDenied(_("You can only change your own profile."))
    errors: dict[str, list[str]] = {}
    try:
        languages = _clean_languages(languages)
    except ValidationError as error:
        errors.update(error.message_dict)
        languages = []
    if not languages and "languages" not in errors:
        errors["languages"] = [_("Name at least one language you speak.")]
    if meeting_mode not in MeetingMode.values:
        errors["meeting_mode"] = [_("Choose online, in person, or both.")]
    if meeting_mode in {MeetingMode.IN_PERSON, MeetingMode.EITHER} and not (city or "").strip():
        errors["city"] = [_("To meet in person, say in which city or town.")]
    bad_slots = [slot for slot in availability or [] if slot not in domain.SLOTS]
    if bad_slots:
        errors["availability"] = [_("Unknown time slots: %(slots)s.") % {"slots": ", ".join(bad_slots)}]
    today = timezone.localdate()
    if date_of_birth is not None:
        if date_of_birth > today:
            errors["date_of_birth"] = [_("The date of birth cannot be in the future.")]
        elif domain.age_on(date_of_birth, today) > 120:
            errors["date_of_birth"] = [_("Check the year of birth.")]
        elif domain.age_on(date_of_birth, today) < 8:
            errors["date_of_birth"] = [_("Ayni is for people aged 8 or over.")]
    if age_band and age_band not in dict(AGE_BAND_CHOICES):
        errors["age_band"] = [_("Choose an age range from the list.")]
    if gender and gender not in Gender.values:
        errors["gender"] = [_("Choose an option from the list, or leave it empty.")]
    if errors:
        raise ValidationError(errors)
    profile = Profile.objects.select_for_update().get_or_create(user=user)[0]
    values = {
        "languages": languages, "city": (city or "").strip()[:80], "area": (area or "").strip()[:80],
        "meeting_mode": meeting_mode, "availability": [slot for slot in domain.SLOTS if slot in set(availability or [])],
        "date_of_birth": date_of_birth, "age_band": age_band or "", "gender": gender or "",
    }
    if date_of_birth is not None:
        values["age_band"] = ""  # the exact date wins; never keep two answers that may disagree
    changed = [key for key, value in values.items() if getattr(profile, key) != value]
    for key in changed:
        setattr(profile, key, values[key])
    if changed:
        profile.save(update_fields=[*changed, "updated_at"])
        audit_log(actor=actor, action="profile.update", target=profile, details={"fields": changed})
    return profile


def _active_topic(membership: Membership, topic: Topic | int) -> Topic:
    topic_id = getattr(topic, "pk", topic)
    found = Topic.objects.filter(pk=topic_id, community_id=membership.community_id, is_archived=False).first()
    if found is None:
        raise ValidationError({"topic": [_("Choose one of this community's topics.")]})
    return found


def _validate_period(started_on, ended_on) -> dict:
    errors = {}
    today = timezone.localdate()
    if started_on and started_on > today:
        errors["started_on"] = [_("The start cannot be in the future.")]
    if ended_on and ended_on > today:
        errors["ended_on"] = [_("The end cannot be in the future.")]
    if started_on and ended_on and ended_on < started_on:
        errors["ended_on"] = [_("The end comes before the start.")]
    return errors


@transaction.atomic
def experience_save(
    *, actor, membership: Membership, topic: Topic | int, story: str, started_on=None, ended_on=None,
    visibility: str = Visibility.PRIVATE, sensitive_consent: bool = False, is_sensitive: bool = False,
) -> Experience:
    """Add or update the lived experience a supporter offers on one topic.

    Sensitive experiences (on a sensitive topic, or marked so) are stored only with explicit consent.
    """
    check_owner(actor, membership)
    if membership.status != Membership.Status.ACTIVE:
        raise PermissionDenied(_("Only active members can add experiences."))
    topic = _active_topic(membership, topic)
    story = (story or "").strip()
    errors = _validate_period(started_on, ended_on)
    if len(story) < 20:
        errors["story"] = [_("Tell a little more (at least 20 characters): it helps us find the right person.")]
    elif len(story) > 2000:
        errors["story"] = [_("Keep it under 2,000 characters.")]
    if visibility not in Visibility.values:
        errors["visibility"] = [_("Choose who can see it.")]
    sensitive = topic.is_sensitive or is_sensitive
    if sensitive and not sensitive_consent:
        errors["sensitive_consent"] = [_("This is a sensitive topic. To save it, confirm that you agree to Ayni storing it.")]
    if errors:
        raise ValidationError(errors)
    experience = Experience.objects.filter(membership=membership, topic=topic).first()
    created = experience is None
    experience = experience or Experience(membership=membership, topic=topic)
    experience.story = story
    experience.started_on = started_on
    experience.ended_on = ended_on
    experience.visibility = visibility
    experience.is_sensitive = sensitive
    if sensitive and experience.consent_at is None:
        experience.consent_at = timezone.now()
    experience.save()
    audit_log(actor=actor, action="experience.create" if created else "experience.update", target=experience,
              community=membership.community_id,
              details={"topic": topic.key, "visibility": visibility, "sensitive": sensitive,
                       "consent_at": experience.consent_at.isoformat() if experience.consent_at else None})
    return experience


@transaction.atomic
def experience_delete(*, actor, experience: Experience) -> None:
    check_owner(actor, experience.membership)
    audit_log(actor=actor, action="experience.delete", target=experience,
              community=experience.membership.community_id, details={"topic": experience.topic.key})
    experience.delete()


@transaction.atomic
def need_save(*, actor, membership: Membership, topic: Topic | int, note: str = "",
              sensitive_consent: bool = False) -> Need:
    """Add or update a topic the person seeks support on. Needs are never public."""
    check_owner(actor, membership)
    if membership.status != Membership.Status.ACTIVE:
        raise PermissionDenied(_("Only active members can add needs."))
    topic = _active_topic(membership, topic)
    note = (note or "").strip()
    if len(note) > 2000:
        raise ValidationError({"note": [_("Keep it under 2,000 characters.")]})
    if topic.is_sensitive and not sensitive_consent:
        raise ValidationError({"sensitive_consent": [_("This is a sensitive topic. To save it, confirm that you agree to Ayni storing it.")]})
    need = Need.objects.filter(membership=membership, topic=topic).first()
    created = need is None
    need = need or Need(membership=membership, topic=topic)
    need.note = note
    need.is_sensitive = topic.is_sensitive
    if topic.is_sensitive and need.consent_at is None:
        need.consent_at = timezone.now()
    need.save()
    audit_log(actor=actor, action="need.create" if created else "need.update", target=need,
              community=membership.community_id, details={"topic": topic.key})
    return need


@transaction.atomic
def need_delete(*, actor, need: Need) -> None:
    check_owner(actor, need.membership)
    audit_log(actor=actor, action="need.delete", target=need, community=need.membership.community_id,
              details={"topic": need.topic.key})
    need.delete()


@transaction.atomic
def supporter_settings_update(*, actor, membership: Membership, capacity: int, away_until=None) -> Membership:
    """How many people a supporter takes at once, and a pause until a date."""
    check_owner(actor, membership)
    errors = {}
    if not isinstance(capacity, int) or not 0 <= capacity <= 20:
        errors["capacity"] = [_("Choose a number from 0 to 20.")]
    if away_until and away_until < timezone.localdate():
        errors["away_until"] = [_("The date is in the past. Leave it empty if you are available.")]
    if errors:
        raise ValidationError(errors)
    membership.capacity = capacity
    membership.away_until = away_until
    membership.save(update_fields=["capacity", "away_until", "updated_at"])
    audit_log(actor=actor, action="membership.supporter_settings", target=membership,
              community=membership.community_id,
              details={"capacity": capacity, "away_until": away_until.isoformat() if away_until else None})
    return membership


def age_of_majority() -> int:
    return settings.AYNI["AGE_OF_MAJORITY"]
