from django.urls import path

from ayni.relationships import views

app_name = "relationships"

urlpatterns = [
    path("", views.relationship_list, name="list"),
    path("home/", views.home, name="home"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("community/<slug:slug>/", views.community_overview, name="community"),
    path("community/<slug:slug>/settings/", views.community_settings, name="community_settings"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/agreement/", views.agreement, name="agreement"),
    path("<int:pk>/status/<str:action>/", views.change_status, name="change_status"),
    path("<int:pk>/rematch/", views.rematch, name="rematch"),
    path("<int:pk>/sessions/new/", views.session_new, name="session_new"),
    path("<int:pk>/sessions/<int:session_id>/", views.session, name="session"),
    path("<int:pk>/sessions/<int:session_id>/cancel/", views.session_cancel, name="session_cancel"),
    path("<int:pk>/sessions/<int:session_id>/ics", views.session_ics, name="session_ics"),
    path("<int:pk>/goals/new/", views.goal_new, name="goal_new"),
    path("<int:pk>/goals/<int:goal_id>/", views.goal, name="goal"),
    path("<int:pk>/check-in/", views.check_in, name="check_in"),
    path("<int:pk>/exit-survey/", views.exit_survey, name="exit_survey"),
]
