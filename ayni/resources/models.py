"""A community's library of links and short notes by topic, in both languages."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ayni.core.i18n import localized


class Resource(models.Model):
    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE, related_name="resources",
                                  verbose_name=_("community"))
    topic = models.ForeignKey("communities.Topic", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="resources", verbose_name=_("topic"))
    url = models.URLField(_("link"), max_length=500, blank=True,
                          help_text=_("Leave empty for a short note without a link."))
    title_es = models.CharField(_("title (Spanish)"), max_length=160, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=160, blank=True)
    note_es = models.TextField(_("note (Spanish)"), max_length=2000, blank=True)
    note_en = models.TextField(_("note (English)"), max_length=2000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    is_archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["community", "topic__position", "title_es", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(title_es="") | ~Q(title_en=""), name="resource_has_a_title"),
        ]
        indexes = [models.Index(fields=["community", "is_archived"])]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def note(self) -> str:
        return localized(self, "note")
