from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "ayni.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self) -> None:
        from ayni.core.scheduler import register_job
        from ayni.notifications.kinds import register_kind

        register_job("insights.schedule_surveys", "ayni.insights.services.schedule_surveys",
                     every=timedelta(hours=1))
        register_job("insights.refresh_snapshots", "ayni.insights.snapshots.refresh_snapshots",
                     every=timedelta(minutes=10), timeout=timedelta(minutes=30))
        register_kind("insights.survey_due", title=_("A short survey from %(community)s is waiting for you"),
                      category="surveys")
        try:
            from ayni.relationships.signals import relationship_status_changed
        except ImportError:  # the relationships app has no signals yet
            return
        from ayni.insights.services import on_relationship_status_changed

        relationship_status_changed.connect(on_relationship_status_changed,
                                            dispatch_uid="insights.closure_surveys")
