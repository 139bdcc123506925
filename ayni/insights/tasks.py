"""Background work of the insights app (run by the worker, see ayni/core/tasks.py)."""

from django_tasks import task


@task()
def refresh_figures(community_id: int, period_key: str, language: str) -> int:
    """Recompute the figure store of one community, period and language (asked for by a page that
    showed stale figures)."""
    from ayni.communities.models import Community
    from ayni.insights.snapshots import refresh_community

    community = Community.objects.filter(pk=community_id).first()
    if community is None:
        return 0
    return refresh_community(community, period_key, language)
