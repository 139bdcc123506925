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
    prefix_default_language=True,
)

handler400 = "ayni.core.views.bad_request"
handler403 = "ayni.core.views.permission_denied"
handler404 = "ayni.core.views.page_not_found"
handler500 = "ayni.core.views.server_error"
