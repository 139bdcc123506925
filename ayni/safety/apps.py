from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "ayni.safety"
    label = "safety"
    verbose_name = _("Safety")

    def ready(self):
        from ayni.core.scheduler import register_job
        from ayni.notifications.kinds import register_kind

        register_kind("safety.alert", title=_("Safety alert in %(community)s: someone may need help now"),
                      category="safety")
        register_kind("safety.alert_escalated",
                      title=_("Safety alert in %(community)s passed to you: nobody has answered yet"),
                      category="safety")
        register_job("safety.escalate_alerts", "ayni.safety.services.escalate_alerts",
                     every=timedelta(minutes=1), timeout=timedelta(minutes=5))
