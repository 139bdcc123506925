"""Permission-matrix rows for support, on Bob's real request and an open proposal to him (with a
question from him)."""

from ayni.safety.tests.permission_matrix import expect

SEEKER = expect("deny", anonymous="login", concerned="ok")
SEEKER_AND_COORDINATOR = expect("deny", anonymous="login", concerned="ok", coordinator="ok")
COORDINATOR_ONLY = expect("deny", anonymous="login", coordinator="ok")
REQ = {"request_id": "request"}
P = {"proposal_id": "proposal"}
SLUG = {"slug": "aurora"}
ROUND = {"round_id": "matching_round"}
COORDINATOR_ANY = expect("deny", anonymous="login", coordinator="any")
# No topic: the seeker gets the service's 400, after the access check that refuses everyone else.
REQUEST_BODY = {"kinds": ["social"], "topics": [], "situation": "Me siento solo desde que perdí el trabajo.",
                "language": "es", "mode": "online", "urgency": "normal"}


def matrix_objects(*, community, users, objects):
    from datetime import timedelta

    from django.utils import timezone

    from ayni.communities.tests.factories import MembershipFactory
    from ayni.support.models import MatchingRound, Proposal, ProposalQuestion
    from ayni.support.services import request_create
    from conftest import membership

    bob = membership(users["concerned"], community)
    request, _screening = request_create(actor=bob.user, membership=bob, kinds=["emotional"],
                                         topics=[objects["topic"]], language="es",
                                         situation="Me despidieron hace un mes y no sé por dónde empezar.")
    teo = MembershipFactory(community=community, user__display_name="Teo", user__email="teo.matrix@example.org",
                            is_supporter=True)
    # Built directly: the matrix is about who may see and answer it, not about the matching rules.
    proposal = Proposal.objects.create(community=community, request=request, seeker=bob, supporter=teo,
                                       expires_at=timezone.now() + timedelta(days=7))
    request.status = "proposed"
    request.save(update_fields=["status"])
    question = ProposalQuestion.objects.create(proposal=proposal, asked_by="supporter", text="¿Prefieres tardes?")
    # A round the coordinator has run and not yet published: only coordinators may see or act on it.
    matching_round = MatchingRound.objects.create(community=community, started_by=users["coordinator"],
                                                  status=MatchingRound.Status.PREVIEW, progress=100)
    return {"request": request.pk, "proposal": proposal.pk, "question": question.pk, "teo": teo.pk,
            "matching_round": matching_round.pk}


PAGES = {
    "support:request_detail": {"kwargs": REQ, "expect": SEEKER_AND_COORDINATOR},
    "support:request_edit": {"kwargs": REQ, "expect": SEEKER},
    "support:request_withdraw": {"method": "post", "kwargs": REQ, "expect": SEEKER},
    "support:request_pick": {"method": "post", "kwargs": REQ, "data": {"supporter": "teo"}, "expect": SEEKER},
    "support:proposal_detail": {"kwargs": P, "expect": SEEKER_AND_COORDINATOR},
    "support:proposal_answer": {"method": "post", "kwargs": {**P, "question_id": "question"},
                                "data": {"answer": "Sí, las tardes."}, "expect": SEEKER_AND_COORDINATOR},
    "support:proposal_action": {"method": "post", "kwargs": {**P, "action": "accept"}, "expect": SEEKER},
    "support:coordinate_request": {"kwargs": {**SLUG, **REQ}, "expect": COORDINATOR_ONLY},
    "support:round_detail": {"kwargs": {**SLUG, **ROUND}, "expect": COORDINATOR_ONLY},
    # An unknown action is the coordinator's 400 or redirect; everyone else is refused first.
    "support:round_action": {"method": "post", "kwargs": {**SLUG, **ROUND, "action": "x"},
                             "expect": COORDINATOR_ANY},
}

API = {
    "GET /api/v1/support/requests/{request_id}": {"path": REQ, "expect": SEEKER_AND_COORDINATOR},
    "PUT /api/v1/support/requests/{request_id}": {"path": REQ, "body": REQUEST_BODY, "expect": SEEKER},
    "POST /api/v1/support/requests/{request_id}/withdraw": {"path": REQ, "body": {}, "expect": SEEKER},
    # Bob left the choice to the coordinator, so suggestions are theirs to see, not his.
    "GET /api/v1/support/requests/{request_id}/suggestions": {"path": REQ, "expect": COORDINATOR_ONLY},
    "POST /api/v1/support/requests/{request_id}/pick": {"path": REQ, "body": {"supporter_id": "teo"},
                                                        "expect": SEEKER},
    "GET /api/v1/support/proposals/{proposal_id}": {"path": P, "expect": SEEKER_AND_COORDINATOR},
    "POST /api/v1/support/proposals/{proposal_id}/accept": {"path": P, "body": {}, "expect": SEEKER},
    "POST /api/v1/support/proposals/{proposal_id}/decline": {"path": P, "body": {"reason": "No encaja"},
                                                             "expect": SEEKER},
    "POST /api/v1/support/proposals/{proposal_id}/questions": {"path": P, "body": {"question": "¿Horario?"},
                                                               "expect": SEEKER},
    "GET /api/v1/support/communities/{slug}/rounds/{round_id}": {"path": {**SLUG, **ROUND},
                                                                 "expect": COORDINATOR_ONLY},
    "POST /api/v1/support/communities/{slug}/rounds/{round_id}/pairs": {
        "path": {**SLUG, **ROUND}, "body": {"request_id": "request", "supporter_id": "teo", "action": "veto"},
        "expect": COORDINATOR_ANY},
    "POST /api/v1/support/communities/{slug}/rounds/{round_id}/rerun": {"path": {**SLUG, **ROUND}, "body": {},
                                                                       "expect": COORDINATOR_ANY},
    "POST /api/v1/support/communities/{slug}/rounds/{round_id}/publish": {"path": {**SLUG, **ROUND}, "body": {},
                                                                         "expect": COORDINATOR_ANY},
}
