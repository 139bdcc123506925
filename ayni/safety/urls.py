from django.urls import path

from ayni.safety import views

app_name = "safety"

urlpatterns = [
    path("c/<slug:slug>/help/", views.help_form, name="help"),
    path("c/<slug:slug>/refer/", views.refer, name="refer"),
    path("c/<slug:slug>/alerts/", views.alert_list, name="alerts"),
    path("alerts/<int:alert_id>/", views.alert_detail, name="alert"),
    path("alerts/<int:alert_id>/<slug:action>/", views.alert_action, name="alert_action"),
    path("c/<slug:slug>/resources/", views.resources, name="resources"),
    path("c/<slug:slug>/resources/new/", views.resource_edit, name="resource_new"),
    path("c/<slug:slug>/resources/adopt/", views.resources_adopt, name="resources_adopt"),
    path("c/<slug:slug>/resources/<int:resource_id>/", views.resource_edit, name="resource_edit"),
    path("c/<slug:slug>/resources/<int:resource_id>/<slug:action>/", views.resource_action, name="resource_action"),
    path("c/<slug:slug>/rota/", views.rota, name="rota"),
    path("c/<slug:slug>/settings/", views.settings_view, name="settings"),
    path("c/<slug:slug>/report/<slug:source_kind>/<str:source_id>/", views.report_create, name="report"),
    path("c/<slug:slug>/reports/", views.report_list, name="reports"),
    path("c/<slug:slug>/reports/<int:report_id>/", views.report_detail, name="report_detail"),
    path("c/<slug:slug>/minors/", views.minors_list, name="minors"),
    path("c/<slug:slug>/minors/<int:membership_id>/consent/", views.consent_record, name="consent"),
    path("blocks/", views.blocks, name="blocks"),
    path("my-data/", views.my_data, name="my_data"),
    path("delete-account/", views.delete_account, name="delete_account"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("blocks/<int:user_id>/", views.block, name="block"),
]
