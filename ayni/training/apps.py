from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "ayni.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from ayni.core.scheduler import register_job
        from ayni.notifications.kinds import register_kind

        register_kind("training.expiring",
                      title=_("Your certification for “%(course)s” expires on %(date)s"),
                      category="training")
        register_kind("training.reminder",
                      title=_("%(community)s reminds you to finish your supporter training"),
                      category="training")
        register_kind("training.talk_request",
                      title=_("%(name)s would like to talk to a coordinator"),
                      category="training")
        register_job("training.expiry_warnings",
                     "ayni.training.services.certification_send_expiry_warnings",
                     every=timedelta(hours=6))
