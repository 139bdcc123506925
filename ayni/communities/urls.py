from django.urls import path

from ayni.communities import views

app_name = "communities"

urlpatterns = [
    path("", views.community_list, name="list"),
    path("new/", views.community_create, name="create"),
    path("invite/<str:token>/", views.invitation, name="invitation"),
    path("<slug:slug>/", views.community_detail, name="detail"),
    path("<slug:slug>/join/", views.community_join, name="join"),
    path("<slug:slug>/leave/", views.community_leave, name="leave"),
    path("<slug:slug>/members/", views.member_directory, name="directory"),
    path("<slug:slug>/manage/", views.manage_settings, name="manage_settings"),
    path("<slug:slug>/manage/members/", views.manage_members, name="manage_members"),
    path("<slug:slug>/manage/members/<int:membership_id>/", views.manage_member, name="manage_member"),
    path("<slug:slug>/manage/members/<int:membership_id>/<str:action>/", views.manage_member_action,
         name="manage_member_action"),
    path("<slug:slug>/manage/invitations/", views.manage_invitations, name="manage_invitations"),
    path("<slug:slug>/manage/invitations/<int:invitation_id>/revoke/", views.manage_invitation_revoke,
         name="manage_invitation_revoke"),
    path("<slug:slug>/manage/import/", views.manage_import, name="manage_import"),
    path("<slug:slug>/manage/import/<int:import_id>/", views.manage_import_detail, name="manage_import_detail"),
    path("<slug:slug>/manage/topics/", views.manage_topics, name="manage_topics"),
    path("<slug:slug>/manage/topics/<int:topic_id>/", views.manage_topic_edit, name="manage_topic_edit"),
]
