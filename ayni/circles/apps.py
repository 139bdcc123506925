from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirclesConfig(AppConfig):
    name = "ayni.circles"
    label = "circles"
    verbose_name = _("Circles")

    def ready(self):
        from ayni.notifications.kinds import register_kind

        register_kind("circles.added", title=_("You are now in the circle %(circle)s"), category="circles")
        register_kind("circles.join_request", title=_("%(name)s asks to join the circle %(circle)s"), category="circles")
        register_kind("circles.accepted", title=_("Welcome to the circle %(circle)s"), category="circles")
        register_kind("circles.declined", title=_("Your request to join %(circle)s was not accepted"), category="circles")
        register_kind("circles.meeting", title=_("A new meeting of the circle %(circle)s"), category="circles")
