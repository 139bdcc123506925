from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelationshipsConfig(AppConfig):
    name = "ayni.relationships"
    label = "relationships"
    verbose_name = _("Relationships")

    def ready(self) -> None:
        from ayni.core.scheduler import register_job
        from ayni.relationships.notifications import register_kinds

        register_kinds()
        register_job("relationships.monitoring", "ayni.relationships.monitoring.run_monitoring",
                     every=timedelta(hours=1))
