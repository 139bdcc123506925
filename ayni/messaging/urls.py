from django.urls import path

from ayni.messaging import views

app_name = "messaging"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:conversation_id>/", views.conversation_detail, name="conversation"),
    path("<int:conversation_id>/poll/", views.conversation_poll, name="poll"),
    path("<int:conversation_id>/send/", views.message_send, name="send"),
    path("<int:conversation_id>/share/", views.share_resource, name="share"),
    path("<int:conversation_id>/m/<int:message_id>/report/", views.message_report, name="report"),
    path("<int:conversation_id>/m/<int:message_id>/hide/", views.message_hide, name="hide"),
]
