"""Fifty supporters' yeses racing for one free place: exactly one wins, on SQLite and PostgreSQL."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection

from ayni.support import services
from ayni.support.models import Proposal
from ayni.support.tests.conftest import make_person

RACERS = 50


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_accepts_against_one_free_place_yield_exactly_one(alice, aurora, job_loss, teresa, started):
    proposals = []
    for index in range(RACERS):
        seeker = make_person(aurora, name=f"Seeker{index}", seeker=True)
        request, _ = services.request_create(actor=seeker.user, membership=seeker, kinds=["emotional"],
                                             topics=[job_loss.pk], situation="Perdí mi trabajo este mes.",
                                             language="es")
        proposal = services.proposal_create(actor=alice, request=request, supporter=teresa, notify_people=False)
        services.proposal_accept(actor=seeker.user, proposal=proposal)
        proposals.append(proposal)
    supporter_user = teresa.user
    barrier = threading.Barrier(RACERS)
    outcomes = []
    lock = threading.Lock()

    def accept(proposal):
        try:
            barrier.wait(timeout=30)
            accept_retrying(proposal)
            result = "accepted"
        except ValidationError:
            result = "refused"
        except Exception as error:
            result = f"error: {error!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    def accept_retrying(proposal):
        # The test database on SQLite is in memory with a shared cache, where a busy writer makes
        # the others fail at once ("table is locked") instead of waiting as busy_timeout makes them
        # wait on a file. Each attempt is a whole transaction, so retrying is what waiting does.
        for _attempt in range(2000):
            try:
                return services.proposal_accept(actor=supporter_user, proposal=proposal)
            except OperationalError as error:
                if "locked" not in str(error):
                    raise
                time.sleep(0.005)
        raise AssertionError("never got the database")

    threads = [threading.Thread(target=accept, args=(proposal,)) for proposal in proposals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(set(outcomes)) == ["accepted", "refused"], outcomes
    assert outcomes.count("accepted") == 1
    assert Proposal.objects.filter(status=Proposal.Status.ACCEPTED).count() == 1
    if started:
        assert len(started) == 1
    else:
        from ayni.relationships.models import Relationship

        assert Relationship.objects.filter(supporter=teresa).count() == 1
