"""Permission-checked fetchers for training. 404 for what the person may not know exists."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from ayni.communities.models import Membership
from ayni.training.models import Certification, Course, Lesson, Module, TalkRequest


def _active_community_ids(user) -> set[int]:
    return set(
        Membership.objects.filter(user=user, status=Membership.Status.ACTIVE)
        .values_list("community_id", flat=True)
    )


def access_course(user, course_id: int) -> Course:
    """Ayni's own courses for anyone signed in; a community's courses for its active members."""
    course = Course.objects.select_related("community").filter(pk=course_id).first()
    if course is None or (
        course.community_id is not None and course.community_id not in _active_community_ids(user)
    ):
        raise Http404(_("No such course."))
    return course


def access_module(user, course_id: int, module_id: int) -> Module:
    course = access_course(user, course_id)
    module = Module.objects.filter(course=course, pk=module_id).first()
    if module is None:
        raise Http404(_("No such module."))
    module.course = course
    return module


def access_certification(user, certification_id: int) -> Certification:
    """Only the certified person sees their certificate."""
    certification = (
        Certification.objects.select_related("course", "user").filter(pk=certification_id, user=user).first()
    )
    if certification is None:
        raise Http404(_("No such certificate."))
    return certification


def access_course_as_coordinator(user, community, course_id: int) -> Course:
    course = Course.objects.filter(pk=course_id, community=community).first()
    if course is None:
        raise Http404(_("No such course."))
    return course


def access_module_as_coordinator(course: Course, module_id: int) -> Module:
    """A module of a course already fetched with ``access_course_as_coordinator``."""
    module = Module.objects.filter(course=course, pk=module_id).first()
    if module is None:
        raise Http404(_("No such module."))
    module.course = course
    return module


def access_lesson_as_coordinator(module: Module, lesson_id: int) -> Lesson:
    """A lesson of a module already fetched with ``access_module_as_coordinator``."""
    lesson = Lesson.objects.filter(module=module, pk=lesson_id).first()
    if lesson is None:
        raise Http404(_("No such lesson."))
    lesson.module = module
    return lesson


def access_talk_request(community, talk_id: int) -> TalkRequest:
    talk = TalkRequest.objects.select_related("membership__community", "membership__user").filter(
        pk=talk_id, membership__community=community
    ).first()
    if talk is None:
        raise Http404(_("No such request."))
    return talk


def require_supporter_membership(membership) -> None:
    if not membership.is_supporter and not membership.is_coordinator:
        raise PermissionDenied(_("Only supporters and coordinators can do this."))
