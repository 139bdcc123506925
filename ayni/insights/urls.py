from django.urls import path

from ayni.insights import views

app_name = "insights"

urlpatterns = [
    path("surveys/", views.my_surveys, name="my_surveys"),
    path("surveys/<int:assignment_id>/", views.survey_answer, name="survey_answer"),
    path("<slug:slug>/", views.dashboard, name="dashboard"),
    path("<slug:slug>/people/<str:figure>/", views.figure_list, name="figure_list"),
    path("<slug:slug>/gaps/", views.gaps, name="gaps"),
    path("<slug:slug>/outcomes/", views.outcomes, name="outcomes"),
    path("<slug:slug>/network/", views.network, name="network"),
    path("<slug:slug>/report/", views.report, name="report"),
    path("<slug:slug>/report.pdf", views.report_pdf, name="report_pdf"),
    path("<slug:slug>/export/<str:table>.csv", views.export_csv, name="export_csv"),
    path("<slug:slug>/instruments/", views.instruments, name="instruments"),
    path("<slug:slug>/instruments/<int:instrument_id>/retire/", views.instrument_retire, name="instrument_retire"),
]
