from django.urls import path

from ayni.resources import views

app_name = "resources"

urlpatterns = [
    path("c/<slug:slug>/", views.library, name="library"),
    path("c/<slug:slug>/new/", views.resource_create, name="create"),
    path("<int:resource_id>/edit/", views.resource_edit, name="edit"),
    path("<int:resource_id>/archive/", views.resource_archive, name="archive"),
]
