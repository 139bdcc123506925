from django.urls import path

from ayni.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:notification_id>/", views.notification_open, name="open"),
    path("read/", views.notification_mark_read, name="mark_read"),
    path("preferences/", views.preferences, name="preferences"),
    path("counts/", views.nav_counts, name="nav_counts"),
]
