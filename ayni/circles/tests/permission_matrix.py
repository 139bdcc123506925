"""Permission-matrix rows for circles, on a real circle Bob belongs to (Erin facilitates it; Gema
asked to join), with a meeting. Any member of the community may see a circle and
ask to join it; only its facilitators and the coordinators manage it."""

from ayni.safety.tests.permission_matrix import expect

CI = {"circle_id": "circle"}
MEMBERS = expect("ok", anonymous="login", outsider="deny", staff="deny")
IN_THE_CIRCLE = expect("deny", anonymous="login", concerned="ok", coordinator="ok")
MANAGERS = expect("deny", anonymous="login", coordinator="ok")


def matrix_objects(*, community, users, objects):
    from datetime import timedelta

    from django.utils import timezone

    from ayni.circles import services
    from ayni.communities.tests.factories import MembershipFactory
    from ayni.training.testing import certify
    from conftest import membership

    erin = MembershipFactory(community=community, user__display_name="Erin", user__email="erin.matrix@example.org",
                             is_supporter=True)
    certify(erin)
    circle = services.circle_create(actor=users["coordinator"], community=community, name="Empezar de nuevo",
                                    facilitators=[erin], members=[membership(users["concerned"], community)])
    gema = MembershipFactory(community=community, user__display_name="Gema", user__email="gema.matrix@example.org",
                             is_seeker=True)
    seat = services.circle_request_join(actor=gema.user, circle=circle, message="Me vendría bien.")
    meeting = services.meeting_create(actor=erin.user, circle=circle, starts_at=timezone.now() + timedelta(days=3),
                                      place="Centro cívico")
    return {"circle": circle.pk, "requested_seat": seat.pk, "meeting": meeting.pk, "erin": erin.pk}


PAGES = {
    "circles:detail": {"kwargs": CI, "expect": MEMBERS},
    "circles:join": {"method": "post", "kwargs": CI, "data": {"message": "Hola"}, "expect": MEMBERS},
    # The page answers everyone in the community with a redirect (a message says "you are not in
    # this circle"); the API row below tells the refusal apart.
    "circles:leave": {"method": "post", "kwargs": CI, "expect": MEMBERS},
    "circles:close": {"method": "post", "kwargs": CI, "expect": MANAGERS},
    "circles:manage": {"kwargs": CI, "expect": MANAGERS},
    "circles:add_facilitator": {"method": "post", "kwargs": CI, "data": {"membership": "erin"}, "expect": MANAGERS},
    "circles:decide": {"method": "post", "kwargs": {**CI, "seat_id": "requested_seat", "decision": "accept"},
                       "expect": MANAGERS},
    "circles:attendance": {"kwargs": {**CI, "meeting_id": "meeting"}, "expect": MANAGERS},
}

API = {
    "GET /api/v1/circles/{circle_id}": {"path": CI, "expect": MEMBERS},
    "GET /api/v1/circles/{circle_id}/members": {"path": CI, "expect": IN_THE_CIRCLE},
    "GET /api/v1/circles/{circle_id}/meetings": {"path": CI, "expect": IN_THE_CIRCLE},
    "POST /api/v1/circles/{circle_id}/join": {"path": CI, "body": {"message": "Hola"}, "expect": MEMBERS},
    # Bob leaves; the other member and the coordinator may see the circle but are not in it.
    "POST /api/v1/circles/{circle_id}/leave": {"path": CI, "body": {}, "expect": expect(
        "deny", anonymous="login", member="invalid", concerned="ok", coordinator="invalid")},
    "POST /api/v1/circles/{circle_id}/meetings": {"path": CI, "body": {"starts_at": "2030-01-15T18:00:00Z"},
                                                  "expect": MANAGERS},
    "POST /api/v1/circles/{circle_id}/requests/{seat_id}": {"path": {**CI, "seat_id": "requested_seat"},
                                                            "body": {"accept": True}, "expect": MANAGERS},
    "PUT /api/v1/circles/{circle_id}/meetings/{meeting_id}/attendance": {
        "path": {**CI, "meeting_id": "meeting"}, "body": {"present": []}, "expect": MANAGERS},
}
