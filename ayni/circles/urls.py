from django.urls import path

from ayni.circles import views

app_name = "circles"

urlpatterns = [
    path("", views.my_circles, name="mine"),
    path("c/<slug:slug>/", views.community_circles, name="community"),
    path("c/<slug:slug>/new/", views.circle_create, name="create"),
    path("c/<slug:slug>/form/", views.circle_form_groups, name="form_groups"),
    path("<int:circle_id>/", views.circle_detail, name="detail"),
    path("<int:circle_id>/join/", views.circle_join, name="join"),
    path("<int:circle_id>/leave/", views.circle_leave, name="leave"),
    path("<int:circle_id>/manage/", views.circle_manage, name="manage"),
    path("<int:circle_id>/manage/close/", views.circle_close, name="close"),
    path("<int:circle_id>/manage/facilitator/", views.circle_add_facilitator, name="add_facilitator"),
    path("<int:circle_id>/manage/requests/<int:seat_id>/<str:decision>/", views.circle_decide, name="decide"),
    path("<int:circle_id>/meetings/<int:meeting_id>/attendance/", views.meeting_attendance, name="attendance"),
]
