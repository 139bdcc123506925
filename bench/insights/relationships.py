"""Requests, relationships, sessions, check-ins, goals and certifications for the insights benchmark."""

import datetime as dt
import secrets
import time

from django.db import transaction
from django.utils import timezone


def generate(community, rng, *, relationships: int, sessions: int) -> None:
    from ayni.communities.models import Membership
    from ayni.relationships.models import CheckIn, Goal, Relationship, Session
    from ayni.support.models import SupportRequest
    from ayni.training.eligibility import requirement_for
    from ayni.training.models import Certification

    started = time.perf_counter()
    now = timezone.now()
    topics = list(community.topics.all())
    members = list(Membership.objects.filter(community=community, status="active").values_list(
        "pk", "user_id", "is_seeker", "is_supporter"))
    seekers = [row for row in members if row[2]]
    supporters = [row for row in members if row[3]]
    with transaction.atomic():
        # Certifications for most supporters, some close to expiring.
        courses = requirement_for(community).courses
        Certification.objects.bulk_create([
            Certification(user_id=user_id, course=course, certified_on=now.date() - dt.timedelta(days=rng.randint(10, 400)))
            for _pk, user_id, _s, _p in supporters if rng.random() < 0.8 for course in courses], batch_size=2000)
        # Requests: one per seeker for 9,000 seekers; the first `relationships` are matched.
        requests = []
        for index, (pk, _user, _s, _p) in enumerate(seekers[:9000]):
            created = now - dt.timedelta(days=rng.randint(1, 700))
            matched = index < relationships
            requests.append(SupportRequest(
                community=community, seeker_id=pk, situation="…", language=rng.choice(["es", "es", "en", "qu"]),
                mode=rng.choice(["online", "in_person", "either"]), status="matched" if matched else
                rng.choice(["waiting", "waiting", "proposed", "withdrawn", "closed"]),
                created_at=created, waiting_since=created,
                matched_at=created + dt.timedelta(days=rng.randint(1, 60)) if matched else None))
        requests = SupportRequest.objects.bulk_create(requests, batch_size=2000)
        through = SupportRequest.topics.through
        through.objects.bulk_create([through(supportrequest_id=request.pk, topic_id=rng.choice(topics).pk)
                                     for request in requests], batch_size=2000)
        rows = []
        for index, request in enumerate(requests[:relationships]):
            supporter = supporters[index % len(supporters)]
            if supporter[0] == request.seeker_id:
                supporter = supporters[(index + 1) % len(supporters)]
            begun = request.matched_at + dt.timedelta(days=rng.randint(1, 10))
            closed = begun + dt.timedelta(days=rng.randint(30, 300)) if rng.random() < 0.5 else None
            if closed and closed > now:
                closed = None
            rows.append(Relationship(
                community=community, seeker_id=request.seeker_id, supporter_id=supporter[0],
                status="closed" if closed else rng.choice(["active", "active", "active", "paused"]),
                started_at=begun, closed_at=closed, closure_kind=rng.choice(["planned", "unplanned"]) if closed else "",
                last_session_at=now - dt.timedelta(days=rng.randint(0, 90)), created_at=begun))
        rows = Relationship.objects.bulk_create(rows, batch_size=2000)
        session_rows, check_ins, goals = [], [], []
        per_relationship = sessions // len(rows)
        for relationship in rows:
            end = relationship.closed_at or now
            span = max(1, (end - relationship.started_at).days)
            for _i in range(per_relationship):
                day = relationship.started_at + dt.timedelta(days=rng.randint(0, span))
                session_rows.append(Session(relationship=relationship, status="held", starts_at=day, held_on=day.date(),
                                            uid=secrets.token_hex(8)))
            for sequence in range(1, 4):
                due = relationship.started_at + dt.timedelta(days=30 * sequence)
                if due < now:
                    answered = due + dt.timedelta(days=rng.randint(0, 14)) if rng.random() < 0.8 else None
                    check_ins.append(CheckIn(relationship=relationship, user_id=None, sequence=sequence, due_at=due,
                                             answered_at=answered, answer="well" if answered else ""))
            if relationship.closed_at:
                goals.append(Goal(relationship=relationship, title="…", attainment=rng.randint(1, 4)))
        seeker_users = dict(Membership.objects.filter(community=community).values_list("pk", "user_id"))
        for check_in in check_ins:
            check_in.user_id = seeker_users[check_in.relationship.seeker_id]
        Session.objects.bulk_create(session_rows, batch_size=5000)
        CheckIn.objects.bulk_create(check_ins, batch_size=5000)
        Goal.objects.bulk_create(goals, batch_size=5000)
    print(f"generated {len(requests)} requests, {len(rows)} relationships, {len(session_rows)} sessions, "
          f"{len(check_ins)} check-ins in {time.perf_counter() - started:.1f} s")
