from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ayni.core"
    label = "core"
    verbose_name = _("Ayni core")

    def ready(self):
        from datetime import timedelta

        from ayni.core.scheduler import register_job

        register_job("core.requeue_emails", "ayni.core.jobs.requeue_emails", every=timedelta(minutes=1))
        register_job("core.requeue_orphaned_tasks", "ayni.core.jobs.requeue_orphaned_tasks",
                     every=timedelta(minutes=1))
        register_job("core.prune", "ayni.core.jobs.prune", every=timedelta(hours=6))
