from django.urls import path

from ayni.training import views

app_name = "training"

urlpatterns = [
    path("", views.course_list, name="list"),
    path("courses/<int:course_id>/", views.course_detail, name="course"),
    path("courses/<int:course_id>/renew/", views.renewal_start, name="renew"),
    path("courses/<int:course_id>/modules/<int:module_id>/", views.module_detail, name="module"),
    path("courses/<int:course_id>/modules/<int:module_id>/read/", views.module_read, name="module_read"),
    path("courses/<int:course_id>/modules/<int:module_id>/quiz/", views.quiz, name="quiz"),
    path("courses/<int:course_id>/modules/<int:module_id>/practice/<slug:key>/", views.scenario,
         name="scenario"),
    path("certificates/<int:certification_id>/", views.certificate, name="certificate"),
    path("<slug:slug>/talk/", views.talk, name="talk"),
    path("<slug:slug>/manage/", views.manage_completion, name="manage"),
    path("<slug:slug>/manage/remind/", views.manage_remind, name="manage_remind"),
    path("<slug:slug>/manage/requirements/", views.manage_requirements, name="manage_requirements"),
    path("<slug:slug>/manage/checks/", views.manage_checks, name="manage_checks"),
    path("<slug:slug>/manage/sessions/", views.manage_sessions, name="manage_sessions"),
    path("<slug:slug>/manage/courses/", views.manage_courses, name="manage_courses"),
    path("<slug:slug>/manage/courses/<int:course_id>/", views.manage_course, name="manage_course"),
    path("<slug:slug>/manage/courses/<int:course_id>/modules/<int:module_id>/lessons/new/",
         views.manage_lesson_add, name="manage_lesson_add"),
    path("<slug:slug>/manage/talk/", views.manage_talk, name="manage_talk"),
    path("<slug:slug>/manage/talk/<int:talk_id>/handled/", views.manage_talk_handle,
         name="manage_talk_handle"),
]
