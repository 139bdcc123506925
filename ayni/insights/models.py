"""Surveys: which instrument a community uses, who is asked what and when, and the answers.

Instruments themselves are plain data checked by ``ayni.insights.analytics.scoring``; a
community's own (licensed) instrument is stored as that data in canonical JSON form.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ayni.insights.analytics.scoring import Instrument, validate_instrument

# The three measures every community has. A community may replace each with its own instrument.
MEASURES = {
    "belonging": "ayni_belonging",
    "loneliness": "ayni_loneliness",
    "wellbeing": "ayni_wellbeing",
}


class Occasion(models.TextChoices):
    JOINING = "joining", _("On joining")
    THREE_MONTHS = "three_months", _("Three months later")
    CLOSURE = "closure", _("At the close of a support relationship")


class CommunityInstrument(models.Model):
    """An instrument a coordinator entered: it replaces one of the three measures, or adds questions."""

    class Role(models.TextChoices):
        BELONGING = "belonging", _("Replaces: belonging to the community")
        LONELINESS = "loneliness", _("Replaces: loneliness")
        WELLBEING = "wellbeing", _("Replaces: wellbeing")
        EXTRA = "extra", _("Adds questions of our own")

    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE, related_name="instruments")
    role = models.CharField(_("use"), max_length=12, choices=Role.choices)
    key = models.CharField(max_length=60)
    version = models.PositiveIntegerField(default=1)
    definition = models.JSONField(_("definition"))
    languages = models.JSONField(default=list)  # the languages its texts are in: ["es", "en"] or one
    licence_note = models.CharField(_("licence"), max_length=300, blank=True)
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("survey instrument")
        verbose_name_plural = _("survey instruments")
        ordering = ["community", "role", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["community", "role"], condition=Q(is_active=True) & ~Q(role="extra"),
                                    name="insights_one_active_instrument_per_measure"),
        ]

    def __str__(self) -> str:
        return f"{self.key} v{self.version} ({self.community})"

    @cached_property
    def instrument(self) -> Instrument:
        return validate_instrument(self.definition, languages=self.languages or ("es", "en"))


class SurveyAssignment(models.Model):
    """One person asked one instrument on one occasion (per relationship for closures)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for answers")
        COMPLETED = "completed", _("Answered")
        EXPIRED = "expired", _("Expired")
        DECLINED = "declined", _("Declined")

    membership = models.ForeignKey("communities.Membership", on_delete=models.CASCADE,
                                   related_name="survey_assignments")
    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE,
                                  related_name="survey_assignments")
    occasion = models.CharField(_("occasion"), max_length=14, choices=Occasion.choices)
    measure = models.CharField(max_length=12)  # belonging, loneliness, wellbeing or extra
    instrument_key = models.CharField(max_length=60)
    instrument_version = models.PositiveIntegerField(default=1)
    # A copy of the instrument as asked, so later edits never change how old answers score.
    definition = models.JSONField()
    languages = models.JSONField(default=list)
    # The relationship a closure survey is about (0 otherwise), kept as a number so surveys
    # outlive the relationship rows and the app does not depend on their schema.
    relationship_ref = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    score = models.FloatField(null=True, blank=True)
    score_valid = models.BooleanField(default=False)
    band = models.CharField(max_length=60, blank=True)
    answered_items = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-due_at"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "instrument_key", "occasion", "relationship_ref"],
                                    name="insights_one_assignment_per_occasion"),
        ]
        indexes = [
            models.Index(fields=["community", "status", "occasion"]),
            models.Index(fields=["membership", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.instrument_key} · {self.occasion} · {self.membership_id}"

    @cached_property
    def instrument(self) -> Instrument:
        return validate_instrument(self.definition, languages=self.languages or ("es", "en"))

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PENDING and self.expires_at > timezone.now()


class FigureSnapshot(models.Model):
    """A figure computed for a community, period and language, kept for a few minutes.

    The dashboard of a large community reads its figures from here (one query) instead of
    recomputing them on every page view; a periodic job refreshes the default period's. The
    payload is a pickle written only by ``ayni.insights.snapshots`` (as Django's own database
    cache does), never anything a person typed in as such.
    """

    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE, related_name="+")
    period_key = models.CharField(max_length=12)
    language = models.CharField(max_length=8)
    figure = models.CharField(max_length=40)
    payload = models.BinaryField()
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["community", "period_key", "language", "figure"],
                                               name="insights_one_snapshot_per_figure")]

    def __str__(self) -> str:
        return f"{self.figure} {self.period_key} {self.language} @ {self.community_id}"
