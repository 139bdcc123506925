from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "ayni.messaging"
    label = "messaging"
    verbose_name = _("Messaging")

    def ready(self):
        from ayni.core.scheduler import register_job
        from ayni.messaging import privacy, signals

        signals.connect()
        register_job("messaging.digests", "ayni.messaging.tasks.send_digests", every=timedelta(minutes=10))
        privacy.register()
