"""Figures kept in the database (the figure store), so every insights page is one query away.

``Figures(community, period, names)`` reads the page's snapshots in one query. A snapshot younger
than ``AYNI_INSIGHTS_SNAPSHOT_SECONDS`` (default 600; 0 turns snapshots off) is used as it is.
An older one, up to ``AYNI_INSIGHTS_STALE_SECONDS`` (default one day), is still shown, with its
age on the page, and a background task (the worker) recomputes that page's figures; only a
figure with no snapshot at all is computed while the coordinator waits. ``refresh_snapshots``
(a periodic job, every 10 minutes) recomputes the default period of every coordinated
community in both languages, so coordinators rarely see a figure older than that.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from ayni.communities.models import Community, Membership
from ayni.core.i18n import current_language
from ayni.insights import network_view, selectors
from ayni.insights.models import FigureSnapshot
from ayni.insights.selectors import Period

logger = logging.getLogger("ayni.insights")

COMPUTE: dict[str, Callable] = {
    "members": selectors.figure_members_by_role,
    "supporters_away": selectors.figure_supporters_away,
    "supporters_full": selectors.figure_supporters_full,
    "requests": selectors.figure_requests,
    "relationships": selectors.figure_relationships,
    "training": selectors.figure_training,
    "gaps": selectors.figure_gaps,
    "gaps_by_topic": selectors.figure_gaps_by_topic,
    "surveys": selectors.figure_surveys,
    "outcomes": selectors.figure_outcomes,
    "goals": selectors.figure_goals,
    "network_series": network_view.network_series,
    "network_page": network_view.network_context,
    "outcomes_closure": selectors.figure_outcomes_at_closure,
    "outcomes_quarters": selectors.figure_outcomes_by_quarter,
}

# The figures each page reads (one query for all of them).
PAGE_FIGURES = {
    "dashboard": ("members", "requests", "relationships", "supporters_away", "supporters_full", "training",
                  "gaps_by_topic", "surveys"),
    "gaps": ("gaps",),
    "outcomes": ("outcomes", "outcomes_closure", "outcomes_quarters"),
    "network": ("network_page",),
    "report": ("members", "requests", "relationships", "supporters_away", "supporters_full", "training", "gaps",
               "surveys", "outcomes", "goals", "network_series"),
}


def max_age() -> int:
    return int(getattr(settings, "AYNI_INSIGHTS_SNAPSHOT_SECONDS", 600))


def max_stale() -> int:
    return max(int(getattr(settings, "AYNI_INSIGHTS_STALE_SECONDS", 86400)), max_age())


class Figures:
    """The figures of one page: read together; a stale one is shown and refreshed in the background,
    a missing one is computed now.

    ``as_of`` is when the oldest figure shown was computed (None when all were computed now).
    """

    def __init__(self, community: Community, period: Period, names: tuple[str, ...] | None = None):
        self.community, self.period = community, period
        self.language = current_language()
        self.values: dict[str, object] = {}
        self.as_of = None
        self.stale = False
        if max_age() > 0:
            now = timezone.now()
            snapshots = FigureSnapshot.objects.filter(
                community=community, period_key=period.key, language=self.language,
                computed_at__gte=now - timedelta(seconds=max_stale()))
            if names is not None:
                snapshots = snapshots.filter(figure__in=names)
            for figure, payload, computed_at in snapshots.values_list("figure", "payload", "computed_at"):
                try:
                    self.values[figure] = pickle.loads(bytes(payload))  # noqa: S301 - written by this module only
                except Exception:  # a snapshot from an older version of the code: compute again
                    logger.warning("unreadable insights snapshot %s", figure)
                    continue
                self.as_of = computed_at if self.as_of is None else min(self.as_of, computed_at)
                if computed_at < now - timedelta(seconds=max_age()):
                    self.stale = True
            if self.stale:
                _refresh_later(community, period, self.language)

    def get(self, name: str):
        if name not in self.values:
            self.values[name] = COMPUTE[name](self.community, self.period)
            if max_age() > 0:
                _store(self.community, self.period, self.language, name, self.values[name])
        return self.values[name]

    @property
    def age_minutes(self) -> int | None:
        if self.as_of is None:
            return None
        return int((timezone.now() - self.as_of).total_seconds() // 60)


def _refresh_later(community: Community, period: Period, language: str) -> None:
    """Ask the worker to recompute a page's figures, at most once per snapshot lifetime."""
    key = f"insights-refresh:{community.pk}:{period.key}:{language}"
    if not cache.add(key, 1, timeout=max(max_age(), 60)):
        return
    from ayni.insights.tasks import refresh_figures

    def enqueue():
        try:
            refresh_figures.enqueue(community.pk, period.key, language)
        except Exception:  # no queue: the periodic job refreshes the default period anyway
            logger.exception("could not queue an insights refresh")

    transaction.on_commit(enqueue)


def refresh_community(community: Community, period_key: str, language: str) -> int:
    """Recompute every figure of one community, period and language (the worker's task)."""
    period = selectors.period_from(period_key)
    done = 0
    with translation.override(language):
        for name, compute in COMPUTE.items():
            _store(community, period, language, name, compute(community, period))
            done += 1
    return done


def _store(community, period, language, name, value) -> None:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        with transaction.atomic():
            FigureSnapshot.objects.update_or_create(
                community=community, period_key=period.key, language=language, figure=name,
                defaults={"payload": payload, "computed_at": timezone.now()})
    except IntegrityError:  # another request stored it at the same moment: theirs is as good
        pass


def refresh_snapshots(*, period_key: str = "12m") -> int:
    """The periodic job: recompute the default period's figures of every coordinated community."""
    if max_age() <= 0:
        return 0
    period = selectors.period_from(period_key)
    community_ids = set(Membership.objects.filter(is_coordinator=True, status=Membership.Status.ACTIVE)
                        .values_list("community_id", flat=True))
    done = 0
    for community in Community.objects.filter(pk__in=community_ids):
        for language in ("es", "en"):
            done += refresh_community(community, period.key, language)
    FigureSnapshot.objects.filter(computed_at__lt=timezone.now() - timedelta(seconds=max_stale())).delete()
    return done
