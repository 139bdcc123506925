from django.urls import path

from ayni.people import views

app_name = "people"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("c/<slug:slug>/me/", views.membership_profile, name="membership_profile"),
    path("c/<slug:slug>/me/experiences/<int:experience_id>/", views.experience_edit, name="experience_edit"),
    path("c/<slug:slug>/me/experiences/<int:experience_id>/delete/", views.experience_delete, name="experience_delete"),
    path("c/<slug:slug>/me/needs/<int:need_id>/delete/", views.need_delete, name="need_delete"),
    path("c/<slug:slug>/members/<int:membership_id>/", views.member, name="member"),
]
