from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "ayni.communities"
    label = "communities"
    verbose_name = _("Communities")
