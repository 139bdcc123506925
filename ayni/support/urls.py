from django.urls import path

from ayni.support import views

app_name = "support"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("requests/<int:request_id>/", views.request_detail, name="request_detail"),
    path("requests/<int:request_id>/edit/", views.request_edit, name="request_edit"),
    path("requests/<int:request_id>/withdraw/", views.request_withdraw, name="request_withdraw"),
    path("requests/<int:request_id>/pick/", views.request_pick, name="request_pick"),
    path("proposals/<int:proposal_id>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:proposal_id>/questions/<int:question_id>/answer/", views.proposal_answer,
         name="proposal_answer"),
    path("proposals/<int:proposal_id>/<str:action>/", views.proposal_action, name="proposal_action"),
    path("<slug:slug>/ask/", views.request_create, name="request_create"),
    path("<slug:slug>/coordinate/", views.coordinate, name="coordinate"),
    path("<slug:slug>/coordinate/requests/<int:request_id>/", views.coordinate_request, name="coordinate_request"),
    path("<slug:slug>/coordinate/rounds/new/", views.round_start, name="round_start"),
    path("<slug:slug>/coordinate/rounds/<int:round_id>/", views.round_detail, name="round_detail"),
    path("<slug:slug>/coordinate/rounds/<int:round_id>/<str:action>/", views.round_action, name="round_action"),
]
