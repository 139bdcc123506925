from django.urls import path

from ayni.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("staff/operations/", views.operations, name="operations"),
]
