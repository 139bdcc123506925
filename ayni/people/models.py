from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ayni.people import domain


class MeetingMode(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    EITHER = "either", _("Online or in person")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NONBINARY = "nonbinary", _("Non-binary")
    OTHER = "other", _("Another identity")


AGE_BAND_CHOICES = [
    ("under-14", _("Under 14")),
    ("14-15", _("14 to 15")),
    ("16-17", _("16 to 17")),
    ("18-24", _("18 to 24")),
    ("25-34", _("25 to 34")),
    ("35-44", _("35 to 44")),
    ("45-54", _("45 to 54")),
    ("55-64", _("55 to 64")),
    ("65+", _("65 or over")),
]


class Profile(models.Model):
    """What a person shares about themself in every community they belong to."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    city = models.CharField(_("city or town"), max_length=80, blank=True)
    area = models.CharField(_("area or neighbourhood"), max_length=80, blank=True)
    meeting_mode = models.CharField(
        _("how you can meet"), max_length=10, choices=MeetingMode.choices, default=MeetingMode.ONLINE
    )
    availability = models.JSONField(_("weekly availability"), default=list, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    age_band = models.CharField(_("age"), max_length=10, choices=AGE_BAND_CHOICES, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_minor(self) -> bool:
        minor = domain.is_minor(
            date_of_birth=self.date_of_birth,
            age_band=self.age_band,
            today=timezone.localdate(),
            age_of_majority=settings.AYNI["AGE_OF_MAJORITY"],
        )
        # Unknown age is not treated as adult where it matters: matching asks for a known age.
        return bool(minor)

    @property
    def age_known(self) -> bool:
        return self.date_of_birth is not None or bool(self.age_band)

    @property
    def availability_mask(self) -> int:
        return domain.slot_mask(self.availability)


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Only coordinators and the people I am matched with")
    COMMUNITY = "community", _("Everyone in the community")


class Experience(models.Model):
    """A topic someone can support others on, with their lived experience in their own words."""

    membership = models.ForeignKey(
        "communities.Membership", on_delete=models.CASCADE, related_name="experiences"
    )
    topic = models.ForeignKey("communities.Topic", on_delete=models.PROTECT, related_name="experiences")
    story = models.TextField(_("your experience, in your own words"), max_length=2000)
    started_on = models.DateField(_("when it started"), null=True, blank=True)
    ended_on = models.DateField(_("when it ended"), null=True, blank=True,
                                help_text=_("Leave empty if it is still part of your life."))
    visibility = models.CharField(
        _("who can see it"), max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    is_sensitive = models.BooleanField(_("sensitive"), default=False)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lived experience")
        verbose_name_plural = _("lived experiences")
        ordering = ["membership", "topic__position"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "topic"], name="experience_unique_topic"),
            models.CheckConstraint(
                condition=models.Q(is_sensitive=False) | models.Q(consent_at__isnull=False),
                name="experience_sensitive_needs_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership.user} · {self.topic}"

    def months_since_end(self, today=None) -> int | None:
        today = today or timezone.localdate()
        if self.ended_on is None:
            return 0 if self.started_on else None
        return max(0, (today.year - self.ended_on.year) * 12 + today.month - self.ended_on.month)

    def duration_months(self, today=None) -> int | None:
        if self.started_on is None:
            return None
        end = self.ended_on or today or timezone.localdate()
        return max(0, (end.year - self.started_on.year) * 12 + end.month - self.started_on.month)


class Need(models.Model):
    """A topic someone is looking for support on. Needs are private to coordinators and matches."""

    membership = models.ForeignKey(
        "communities.Membership", on_delete=models.CASCADE, related_name="needs"
    )
    topic = models.ForeignKey("communities.Topic", on_delete=models.PROTECT, related_name="needs")
    note = models.TextField(_("a few words about your situation"), max_length=2000, blank=True)
    is_sensitive = models.BooleanField(_("sensitive"), default=False)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["membership", "topic__position"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "topic"], name="need_unique_topic"),
            models.CheckConstraint(
                condition=models.Q(is_sensitive=False) | models.Q(consent_at__isnull=False),
                name="need_sensitive_needs_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership.user} · {self.topic}"
