"""Figures kept for a few minutes, so a large community's dashboard is one query away.

``figures(community, period, names)`` returns {name: data}: fresh snapshots are read in one
query; missing or stale ones are computed with their selector and stored. ``refresh_snapshots``
(a periodic job) recomputes the default period for every community with a coordinator, so
coordinators rarely wait. ``AYNI_INSIGHTS_SNAPSHOT_SECONDS`` (default 600; 0 turns snapshots
off) sets how old a figure may be.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
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
}


def max_age() -> int:
    return int(getattr(settings, "AYNI_INSIGHTS_SNAPSHOT_SECONDS", 600))


class Figures:
    """The figures of one page: read together, computed when missing."""

    def __init__(self, community: Community, period: Period):
        self.community, self.period = community, period
        self.language = current_language()
        self.values: dict[str, object] = {}
        if max_age() > 0:
            fresh_after = timezone.now() - timedelta(seconds=max_age())
            for figure, payload in FigureSnapshot.objects.filter(
                    community=community, period_key=period.key, language=self.language,
                    computed_at__gte=fresh_after).values_list("figure", "payload"):
                try:
                    self.values[figure] = pickle.loads(bytes(payload))  # noqa: S301 - written by this module only
                except Exception:  # a snapshot from an older version of the code: compute again
                    logger.warning("unreadable insights snapshot %s", figure)

    def get(self, name: str):
        if name not in self.values:
            self.values[name] = COMPUTE[name](self.community, self.period)
            if max_age() > 0:
                _store(self.community, self.period, self.language, name, self.values[name])
        return self.values[name]


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
            with translation.override(language):
                for name, compute in COMPUTE.items():
                    _store(community, period, language, name, compute(community, period))
                    done += 1
    FigureSnapshot.objects.filter(computed_at__lt=timezone.now() - timedelta(days=1)).delete()
    return done
