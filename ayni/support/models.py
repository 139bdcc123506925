"""Requests for support, proposals with consent on both sides, and matching rounds."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ayni.people.models import MeetingMode


class SupportSettings(models.Model):
    """A community's choices about proposals and matching. Missing row: the defaults."""

    community = models.OneToOneField(
        "communities.Community", on_delete=models.CASCADE, related_name="support_settings"
    )
    proposal_expiry_days = models.PositiveSmallIntegerField(
        _("days a proposal waits for an answer"), default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    avoid_same_group = models.BooleanField(
        _("never pair people of the same team, class or area"), default=False,
    )
    avoid_reporting_line = models.BooleanField(
        _("never pair someone with their manager or a direct report"), default=True,
    )
    suggestions_shown = models.PositiveSmallIntegerField(
        _("suggestions shown to a seeker"), default=5,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )

    class Meta:
        verbose_name = _("support settings")
        verbose_name_plural = _("support settings")

    def __str__(self) -> str:
        return str(self.community)


class SupportKind(models.TextChoices):
    EMOTIONAL = "emotional", _("Emotional support")
    PRACTICAL = "practical", _("Practical help")
    SOCIAL = "social", _("Company and connection")


class SupportRequest(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        WAITING = "waiting", _("Waiting for a proposal")
        PROPOSED = "proposed", _("Someone was proposed")
        MATCHED = "matched", _("Matched")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        CLOSED = "closed", _("Closed")

    class Urgency(models.TextChoices):
        LOW = "low", _("It can wait a few weeks")
        NORMAL = "normal", _("In the next days")
        HIGH = "high", _("As soon as possible")

    class Choice(models.TextChoices):
        PROPOSE = "propose", _("Let the coordinator or Ayni propose someone")
        PICK = "pick", _("Show me suggestions and I pick")

    OPEN_STATUSES = (Status.WAITING, Status.PROPOSED)

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="support_requests"
    )
    seeker = models.ForeignKey(
        "communities.Membership", on_delete=models.CASCADE, related_name="support_requests",
        verbose_name=_("seeker"),
    )
    kinds = models.JSONField(_("kind of support"), default=list)
    topics = models.ManyToManyField("communities.Topic", related_name="support_requests",
                                    verbose_name=_("topics"))
    situation = models.TextField(_("your situation, in your own words"), max_length=3000)
    language = models.CharField(_("preferred language"), max_length=8, default="es")
    mode = models.CharField(_("how you would like to meet"), max_length=10, choices=MeetingMode.choices,
                            default=MeetingMode.ONLINE)
    urgency = models.CharField(_("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL)
    prefer_similar_age = models.BooleanField(_("someone of a similar age"), default=False)
    prefer_same_gender = models.BooleanField(_("someone of the same gender"), default=False)
    choice = models.CharField(_("how you want to find someone"), max_length=8, choices=Choice.choices,
                              default=Choice.PROPOSE)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    terms = models.JSONField(default=list, blank=True)  # stemmed terms of the situation, for matching
    screening_level = models.CharField(max_length=10, blank=True)  # "" not screened; none/concern/urgent
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    waiting_since = models.DateTimeField(default=timezone.now)
    matched_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)  # the relationship it led to ended

    class Meta:
        verbose_name = _("request for support")
        verbose_name_plural = _("requests for support")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["community", "status"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.seeker_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def kind_labels(self) -> list[str]:
        labels = dict(SupportKind.choices)
        return [labels[kind] for kind in self.kinds if kind in labels]


class Proposal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for answers")
        ACCEPTED = "accepted", _("Both accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Answer(models.TextChoices):
        PENDING = "pending", _("Not answered yet")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        NEEDS_INFO = "needs_info", _("Asked for more information")

    class Origin(models.TextChoices):
        ROUND = "round", _("Matching round")
        PICKED = "picked", _("Chosen by the seeker")
        MANUAL = "manual", _("Proposed by a coordinator")
        NEXT = "next", _("Next best after an expiry or a decline")

    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE, related_name="proposals")
    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="proposals")
    seeker = models.ForeignKey("communities.Membership", on_delete=models.CASCADE, related_name="+")
    supporter = models.ForeignKey("communities.Membership", on_delete=models.CASCADE,
                                  related_name="support_proposals")
    score = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])
    reasons = models.JSONField(default=list, blank=True)  # the engine's structured reasons
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.MANUAL)
    matching_round = models.ForeignKey("MatchingRound", null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="proposals")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    seeker_answer = models.CharField(max_length=10, choices=Answer.choices, default=Answer.PENDING)
    supporter_answer = models.CharField(max_length=10, choices=Answer.choices, default=Answer.PENDING)
    decline_reason = models.TextField(blank=True)  # private to coordinators
    declined_by = models.CharField(max_length=10, blank=True)  # "seeker" | "supporter"
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    supporter_answered_at = models.DateTimeField(null=True, blank=True)
    seeker_answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    relationship_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One open proposal per request: publishing twice, or picking twice, cannot double it.
            models.UniqueConstraint(fields=["request"], condition=Q(status="open"),
                                    name="proposal_one_open_per_request"),
            models.CheckConstraint(condition=~Q(seeker=models.F("supporter")), name="proposal_not_self"),
        ]
        indexes = [
            models.Index(fields=["supporter", "status"]),
            models.Index(fields=["status", "expires_at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.seeker_id}→{self.supporter_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def side_of(self, membership) -> str | None:
        if membership is None:
            return None
        if membership.pk == self.seeker_id:
            return "seeker"
        if membership.pk == self.supporter_id:
            return "supporter"
        return None


class ProposalQuestion(models.Model):
    """'I need more information': a question to the other side (or the coordinator), not a decline."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.CharField(max_length=10)  # "seeker" | "supporter"
    text = models.TextField(max_length=1000)
    answer = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.text[:40]}"


class MatchingRound(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        PREVIEW = "preview", _("Ready to review")
        PUBLISHED = "published", _("Published")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE,
                                  related_name="matching_rounds")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])
    step = models.CharField(max_length=40, blank=True)
    runs = models.PositiveIntegerField(default=0)
    locked_pairs = models.JSONField(default=list, blank=True)  # [[request_id, supporter_id], ...]
    vetoed_pairs = models.JSONField(default=list, blank=True)
    pairs = models.JSONField(default=list, blank=True)
    # [{"request": id, "seeker": membership id, "supporter": id, "score": n, "reasons": [...], "locked": bool}]
    unmatched = models.JSONField(default=list, blank=True)  # [{"request": id, "seeker": id, "reason": ...}]
    seekers_count = models.PositiveIntegerField(default=0)
    supporters_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        verbose_name = _("matching round")
        verbose_name_plural = _("matching rounds")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.community} #{self.pk} ({self.status})"

    @property
    def is_working(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}


class SuggestionIndex(models.Model):
    """The matching engine's supporter index of a community, built in the background.

    The worker builds it (``matching.index_refresh``) when supporters' data changes and on a
    schedule; web processes load the stored copy and keep it in memory while its version holds,
    so a suggestion never waits for a build of thousands of supporters.
    """

    # Derived runtime data (never archived, rebuilt by the worker): a plain id, not a foreign key.
    community_id = models.PositiveBigIntegerField(unique=True)
    version = models.PositiveIntegerField(default=0)  # 0: never built
    stale = models.BooleanField(default=True)  # data changed since the build; a refresh is queued
    built_at = models.DateTimeField(null=True, blank=True)
    built_for = models.DateField(null=True, blank=True)  # the day years and ages were counted for
    supporters_count = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    data = models.BinaryField(default=b"", editable=False)  # zlib-compressed pickle, written only by Ayni

    class Meta:
        verbose_name = _("suggestion index")
        verbose_name_plural = _("suggestion indexes")

    def __str__(self) -> str:
        return f"{self.community_id} v{self.version}"


class TextVector(models.Model):
    """The embedding of a free text for semantic matching (``AYNI_MATCHING_TEXT=semantic``):
    a supporter's lived experiences (kind "supporter", the membership) or a request's situation
    (kind "request"). Computed in the worker when the text changes; ``digest`` tells whether it
    still belongs to the current text."""

    kind = models.CharField(max_length=10)
    object_id = models.PositiveBigIntegerField()
    digest = models.CharField(max_length=64)
    vector = models.BinaryField()  # float32, unit length
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("text vector")
        verbose_name_plural = _("text vectors")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="support_textvector_unique")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
