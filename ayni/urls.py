from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from ayni.api import api
from ayni.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", include("ayni.core.urls")),
    path("accounts/", include("ayni.accounts.urls")),
    path("c/", include("ayni.communities.urls")),
    path("", include("ayni.people.urls")),
    path("training/", include("ayni.training.urls")),
    path("safety/", include("ayni.safety.urls")),
    path("support/", include("ayni.support.urls")),
    path("relationships/", include("ayni.relationships.urls")),
    path("messages/", include("ayni.messaging.urls")),
    path("notifications/", include("ayni.notifications.urls")),
    path("circles/", include("ayni.circles.urls")),
    path("resources/", include("ayni.resources.urls")),
    path("insights/", include("ayni.insights.urls")),
    prefix_default_language=True,
)

handler400 = "ayni.core.views.bad_request"
handler403 = "ayni.core.views.permission_denied"
handler404 = "ayni.core.views.page_not_found"
handler500 = "ayni.core.views.server_error"
