from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "ayni.safety"
    label = "safety"
    verbose_name = _("Safety")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from ayni.safety.middleware import mark_session_on_login
        from ayni.safety.privacy import register_builtins

        register_builtins()
        user_logged_in.connect(mark_session_on_login, dispatch_uid="safety.two_factor_on_login")
        from ayni.core.scheduler import register_job
        from ayni.notifications.kinds import register_kind

        register_kind("safety.alert", title=_("Safety alert in %(community)s: someone may need help now"),
                      category="safety")
        register_kind("safety.alert_escalated",
                      title=_("Safety alert in %(community)s passed to you: nobody has answered yet"),
                      category="safety")
        register_kind("safety.report", title=_("New report to review in %(community)s"), category="safety")
        register_kind("safety.warning", title=_("A warning from the coordinators of %(community)s: %(note)s"),
                      category="safety")
        register_kind("safety.report_dismissed",
                      title=_("We reviewed your report in %(community)s. No action was needed this time; "
                              "thank you for telling us."), category="safety")
        register_kind("safety.report_acted",
                      title=_("We reviewed your report in %(community)s and took action. Thank you for telling us."),
                      category="safety")
        register_job("safety.apply_retention", "ayni.safety.privacy.apply_retention", every=timedelta(hours=6),
                     timeout=timedelta(hours=1))
        register_job("safety.escalate_alerts", "ayni.safety.services.escalate_alerts",
                     every=timedelta(minutes=1), timeout=timedelta(minutes=5))
