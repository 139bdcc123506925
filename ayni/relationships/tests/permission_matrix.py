"""Permission-matrix rows for relationships, on a real relationship of Bob's (the person
concerned) with a supporter, Sofía. Strangers (an outsider, another member, staff) are refused
on the real object, not on a missing id; the coordinator sees the status but not what only the
two people do.
"""

from datetime import timedelta

from ayni.safety.tests.permission_matrix import expect

# The two people: served; everyone else but the coordinator: refused.
PEOPLE = expect("deny", anonymous="login", concerned="ok")
PEOPLE_AND_COORDINATOR = expect("deny", anonymous="login", concerned="ok", coordinator="ok")
COORDINATOR_ONLY = expect("deny", anonymous="login", coordinator="ok")

R = {"pk": "relationship"}
API = "/api/v1/relationships"


def matrix_objects(*, community, users, objects):
    from django.utils import timezone

    from ayni.communities.tests.factories import MembershipFactory
    from ayni.relationships import services
    from ayni.relationships.models import CheckIn
    from ayni.relationships.monitoring import ask_check_ins
    from conftest import membership

    bob = users["concerned"]
    sofia = MembershipFactory(community=community, user__display_name="Sofía", user__email="sofia.matrix@example.org",
                              is_supporter=True, capacity=2)
    relationship = services.relationship_start(actor=users["coordinator"], seeker=membership(bob, community),
                                               supporter=sofia, topics=[objects["topic"]])
    for person in (bob, sofia.user):
        services.agreement_acknowledge(actor=person, relationship=relationship, frequency="weekly",
                                       session_minutes=60, planned_months=3)
    relationship.refresh_from_db()
    session = services.session_schedule(actor=bob, relationship=relationship, place="Biblioteca",
                                        starts_at=timezone.now() + timedelta(days=2))
    held = services.session_schedule(actor=bob, relationship=relationship, place="Café",
                                     starts_at=timezone.now() + timedelta(hours=1))
    services.session_log(actor=sofia.user, relationship=relationship, session=held, held_on=timezone.localdate(),
                         duration_minutes=45, kind="in_person")
    goal = services.goal_create(actor=bob, relationship=relationship, title="Volver a buscar trabajo",
                                milestones=["CV"])
    ask_check_ins(now=relationship.started_at + timedelta(hours=49))
    # Bob's calendar address before he asked for a new one: it must serve nobody any more.
    replaced_feed_token = services.calendar_feed_for(bob).token
    services.calendar_feed_regenerate(actor=bob)
    return {"replaced_feed_token": replaced_feed_token, "relationship": relationship.pk, "session": session.pk, "held_session": held.pk, "goal": goal.pk,
            "milestone": goal.milestones.get().pk, "supporter_membership": sofia.pk,
            "check_in": CheckIn.objects.get(relationship=relationship, user=bob).pk}


PAGES = {
    # The address is the secret (no log-in), so a replaced one is refused to everyone.
    "relationships:calendar_feed": {"kwargs": {"token": "replaced_feed_token"}, "expect": expect("deny")},
    "relationships:detail": {"kwargs": R, "expect": PEOPLE_AND_COORDINATOR},
    "relationships:agreement": {"kwargs": R, "expect": PEOPLE},
    "relationships:change_status": {"method": "post", "kwargs": {**R, "action": "pause"},
                                    "expect": PEOPLE_AND_COORDINATOR},
    "relationships:rematch": {"kwargs": R, "expect": COORDINATOR_ONLY},
    "relationships:session_new": {"kwargs": R, "expect": PEOPLE},
    "relationships:session": {"kwargs": {**R, "session_id": "held_session"}, "expect": PEOPLE},
    "relationships:session_cancel": {"method": "post", "kwargs": {**R, "session_id": "session"}, "expect": PEOPLE},
    "relationships:session_ics": {"kwargs": {**R, "session_id": "session"}, "expect": PEOPLE},
    "relationships:goal_new": {"method": "post", "kwargs": R, "data": {"title": "Otro objetivo"}, "expect": PEOPLE},
    "relationships:goal": {"kwargs": {**R, "goal_id": "goal"}, "expect": PEOPLE},
    "relationships:check_in": {"kwargs": R, "expect": PEOPLE},
    "relationships:exit_survey": {"kwargs": R, "expect": PEOPLE},
}

LOG = {"held_on": "2026-01-15", "duration_minutes": 30, "kind": "phone"}

API = {
    f"GET {API}/{{relationship_id}}": {"path": {"relationship_id": "relationship"}, "expect": PEOPLE_AND_COORDINATOR},
    f"GET {API}/{{relationship_id}}/agreement": {"path": {"relationship_id": "relationship"}, "expect": PEOPLE},
    f"GET {API}/{{relationship_id}}/sessions": {"path": {"relationship_id": "relationship"}, "expect": PEOPLE},
    f"GET {API}/{{relationship_id}}/goals": {"path": {"relationship_id": "relationship"},
                                             "expect": PEOPLE_AND_COORDINATOR},
    f"GET {API}/{{relationship_id}}/check-ins": {"path": {"relationship_id": "relationship"},
                                                 "expect": PEOPLE_AND_COORDINATOR},
    f"POST {API}/{{relationship_id}}/acknowledge": {
        "path": {"relationship_id": "relationship"},
        "body": {"frequency": "weekly", "session_minutes": 60, "planned_months": 3}, "expect": PEOPLE},
    f"POST {API}/{{relationship_id}}/sessions": {
        "path": {"relationship_id": "relationship"}, "body": {"starts_at": "2030-01-15T18:00:00Z", "place": "Casa"},
        "expect": PEOPLE},
    f"POST {API}/{{relationship_id}}/sessions/log": {"path": {"relationship_id": "relationship"}, "body": LOG,
                                                     "expect": PEOPLE},
    f"POST {API}/{{relationship_id}}/sessions/{{session_id}}/log": {
        "path": {"relationship_id": "relationship", "session_id": "session"}, "body": LOG, "expect": PEOPLE},
    f"POST {API}/{{relationship_id}}/sessions/{{session_id}}/cancel": {
        "path": {"relationship_id": "relationship", "session_id": "session"}, "body": {}, "expect": PEOPLE},
    f"POST {API}/{{relationship_id}}/sessions/{{session_id}}/feedback": {
        "path": {"relationship_id": "relationship", "session_id": "held_session"},
        "body": {"usefulness": 5, "feeling": "good"}, "expect": PEOPLE},
    f"POST {API}/{{relationship_id}}/goals": {"path": {"relationship_id": "relationship"},
                                              "body": {"title": "Otro objetivo"}, "expect": PEOPLE},
    f"POST {API}/{{relationship_id}}/goals/{{goal_id}}/progress": {
        "path": {"relationship_id": "relationship", "goal_id": "goal"}, "body": {"text": "Avanzo", "progress": 50},
        "expect": PEOPLE},
    f"POST {API}/{{relationship_id}}/goals/{{goal_id}}/milestones": {
        "path": {"relationship_id": "relationship", "goal_id": "goal"}, "body": {"title": "LinkedIn"},
        "expect": PEOPLE},
    f"POST {API}/{{relationship_id}}/goals/{{goal_id}}/milestones/{{milestone_id}}": {
        "path": {"relationship_id": "relationship", "goal_id": "goal", "milestone_id": "milestone"},
        "body": {"done": True}, "expect": PEOPLE},
    f"POST {API}/{{relationship_id}}/check-ins/{{check_in_id}}": {
        "path": {"relationship_id": "relationship", "check_in_id": "check_in"}, "body": {"answer": "well"},
        "expect": PEOPLE},
    f"POST {API}/{{relationship_id}}/exit-survey": {"path": {"relationship_id": "relationship"},
                                                    "body": {"would_continue": "no"}, "expect": PEOPLE},
    f"POST {API}/{{relationship_id}}/rematch": {
        "path": {"relationship_id": "relationship"},
        "body": {"supporter_membership_id": "supporter_membership", "reason": "Horarios"}, "expect": COORDINATOR_ONLY},
    f"POST {API}/{{relationship_id}}/{{action}}": {"path": {"relationship_id": "relationship", "action": "pause"},
                                                   "body": {"reason": "Vacaciones"},
                                                   "expect": PEOPLE_AND_COORDINATOR},
}
