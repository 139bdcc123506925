"""Background work of the insights app (run by the worker, see ayni/core/tasks.py)."""

from django_tasks import task


@task()
def refresh_figures(community_id: int, period_key: str, language: str) -> int:
    """Recompute the figure store of one community, period and language (asked for by a page that
    showed stale figures)."""
    from datetime import timedelta

    from django.utils import timezone

    from ayni.communities.models import Community
    from ayni.insights.models import FigureSnapshot
    from ayni.insights.snapshots import COMPUTE, max_age, refresh_community

    community = Community.objects.filter(pk=community_id).first()
    if community is None:
        return 0
    fresh = FigureSnapshot.objects.filter(
        community=community, period_key=period_key, language=language,
        computed_at__gte=timezone.now() - timedelta(seconds=max_age() / 2)).count()
    if fresh >= len(COMPUTE):  # another worker (or the periodic job) has just done it
        return 0
    return refresh_community(community, period_key, language)
