"""Demo relationships: in each demo community, one in every state, with sessions, goals and check-ins.

Pairs a seeker with a supporter who lived the topic the seeker asks about (the demo's experiences and
needs), through the same services people use; then moves dates into the past so the relationships
look lived in. Idempotent: a community that already holds demo relationships is left alone.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ayni.communities.models import Membership
from ayni.relationships import lifecycle, services
from ayni.relationships.models import CheckIn, Relationship, Session

DEMO_NOTE = "Acompañamiento de ejemplo (demo) · Example relationship (demo)"
# Featured demo logins, so that their home pages show a lived-in relationship.
FEATURED_SEEKERS = ["eva-zgz@demo.ayni.example"]
FEATURED_SUPPORTERS = ["teresa-zgz@demo.ayni.example"]

TEXT = {
    "goal": {"es": "Organizar mejor mi semana", "en": "Organise my week better"},
    "goal_description": {"es": "Tener tiempo para mí y no llegar agotada al viernes.",
                         "en": "Have time for myself and not reach Friday exhausted."},
    "milestones": {"es": ["Escribir qué me quita más tiempo", "Pedir ayuda una vez por semana"],
                   "en": ["Write down what takes most of my time", "Ask for help once a week"]},
    "progress": {"es": "Esta semana pedí ayuda a mi hermana y funcionó.",
                 "en": "This week I asked my sister for help and it worked."},
    "goal2": {"es": "Volver a dormir siete horas", "en": "Sleep seven hours again"},
    "shared": [
        {"es": "Nos conocimos y hablamos de cómo está siendo este tiempo. Acordamos vernos cada semana.",
         "en": "We met and talked about how this time has been. We agreed to meet every week."},
        {"es": "Repasamos la semana. Funcionó pedir ayuda; lo difícil sigue siendo descansar.",
         "en": "We went over the week. Asking for help worked; resting is still hard."},
        {"es": "Sesión corta por teléfono. Mejor ánimo; quedamos en probar una rutina de noche.",
         "en": "A short phone session. Better spirits; we will try an evening routine."},
    ],
    "private": {"es": "Recordar preguntar por su madre la próxima vez.",
                "en": "Remember to ask about her mother next time."},
    "expectations_seeker": {"es": "Alguien que me escuche y que haya pasado por algo parecido.",
                            "en": "Someone who listens and has been through something similar."},
    "expectations_supporter": {"es": "Escuchar sin juzgar y compartir lo que a mí me sirvió.",
                               "en": "Listen without judging and share what helped me."},
    "pause": {"es": "Vacaciones de las dos", "en": "We are both on holiday"},
    "closing": {"es": "Hemos llegado a lo que nos propusimos", "en": "We reached what we set out to do"},
    "unplanned": {"es": "Cambio de turno: ya no coinciden los horarios",
                  "en": "Shift change: their schedules no longer match"},
    "rematch": {"es": "Buscaba a alguien con experiencia más cercana a su situación",
                "en": "Was looking for someone whose experience is closer to theirs"},
    "helped": {"es": "Sentirme escuchada y tener una cita fija cada semana.",
               "en": "Feeling listened to and having a fixed weekly meeting."},
    "not_helped": {"es": "A veces nos costó cuadrar horarios.", "en": "Sometimes it was hard to find a time."},
    "check_in_comment": {"es": "Nos está viniendo muy bien.", "en": "It is doing us a lot of good."},
}

# The states to show, in the order the pairs are used (the first is the richest).
PLAN = ["active", "active_quiet", "proposed", "paused", "closing", "closed_planned", "closed_unplanned", "rematched"]


def _text(key: str, language: str):
    entry = TEXT[key]
    return entry.get(language) or entry["es"]


def _is_minor(membership: Membership) -> bool:
    from ayni.safety.minors import is_minor

    return is_minor(membership)


def _pairs(community, count: int) -> list[tuple[Membership, Membership, list]]:
    """Seekers with a need, each with a supporter who lived that topic (minors with minors)."""
    members = list(Membership.objects.filter(community=community, status=Membership.Status.ACTIVE)
                   .select_related("user", "user__profile")
                   .prefetch_related("needs__topic", "experiences__topic"))
    busy = set(Relationship.objects.filter(community=community, status__in=lifecycle.CURRENT)
               .values_list("seeker_id", flat=True))
    held = {}
    for supporter_id in Relationship.objects.filter(community=community, status__in=lifecycle.HOLDS_PLACE) \
            .values_list("supporter_id", flat=True):
        held[supporter_id] = held.get(supporter_id, 0) + 1
    seekers = [m for m in members if m.is_seeker and m.pk not in busy and m.needs.all()]
    seekers.sort(key=lambda m: (m.user.email not in FEATURED_SEEKERS, m.pk))
    supporters = [m for m in members if m.is_supporter and not m.is_away() and m.experiences.all()]
    supporters.sort(key=lambda m: (m.user.email not in FEATURED_SUPPORTERS, m.pk))
    pairs, used_supporters = [], set()
    for seeker in seekers:
        if len(pairs) >= count:
            break
        needed = {need.topic_id for need in seeker.needs.all()}
        for supporter in supporters:
            if supporter.user_id == seeker.user_id or supporter.pk in used_supporters:
                continue
            if held.get(supporter.pk, 0) >= max(supporter.capacity, 1):
                continue
            if _is_minor(seeker) != _is_minor(supporter):
                continue
            shared = [e.topic for e in supporter.experiences.all() if e.topic_id in needed]
            if shared:
                pairs.append((seeker, supporter, shared))
                used_supporters.add(supporter.pk)
                break
    return pairs


def _coordinator(community):
    membership = (Membership.objects.filter(community=community, is_coordinator=True, status=Membership.Status.ACTIVE)
                  .select_related("user").order_by("pk").first())
    return membership.user if membership else None


def _activate(relationship, days_ago: int) -> None:
    seeker, supporter = relationship.seeker.user, relationship.supporter.user
    for person, key in ((seeker, "expectations_seeker"), (supporter, "expectations_supporter")):
        services.agreement_acknowledge(actor=person, relationship=relationship, frequency="weekly", session_minutes=60,
                                       planned_months=4, expectations=_text(key, person.language),
                                       language=person.language)
    started = timezone.now() - timedelta(days=days_ago)
    Relationship.objects.filter(pk=relationship.pk).update(started_at=started, created_at=started - timedelta(days=2))
    relationship.refresh_from_db()


def _sessions(relationship, days_ago: list[int], *, upcoming: bool) -> int:
    seeker, supporter = relationship.seeker.user, relationship.supporter.user
    language = seeker.language
    count = 0
    for index, ago in enumerate(days_ago):
        held_on = timezone.localdate() - timedelta(days=ago)
        session = services.session_log(
            actor=supporter, relationship=relationship, held_on=held_on, duration_minutes=[60, 50, 25][index % 3],
            kind=[Session.Kind.IN_PERSON, Session.Kind.VIDEO, Session.Kind.PHONE][index % 3],
            shared_notes=TEXT["shared"][index % 3].get(language) or TEXT["shared"][index % 3]["es"],
            private_notes=_text("private", supporter.language) if index == 0 else "",
        )
        services.session_feedback_give(actor=seeker, session=session, usefulness=4 + (index % 2),
                                       feeling="good" if index else "okay")
        count += 1
    if upcoming:
        when = (timezone.localtime() + timedelta(days=3)).replace(hour=18, minute=0, second=0, microsecond=0)
        services.session_schedule(actor=seeker, relationship=relationship, starts_at=when, planned_minutes=60,
                                  place="Centro cívico Delicias, sala 2" if language == "es" else "",
                                  online_link="" if language == "es" else "https://meet.jit.si/ayni-demo")
        count += 1
    return count


def _goals(relationship) -> list:
    seeker = relationship.seeker.user
    language = seeker.language
    goal = services.goal_create(actor=seeker, relationship=relationship, title=_text("goal", language),
                                description=_text("goal_description", language),
                                milestones=_text("milestones", language))
    services.progress_update_add(actor=seeker, goal=goal, text=_text("progress", language), progress=40)
    services.milestone_set_done(actor=seeker, milestone=goal.milestones.first())
    second = services.goal_create(actor=seeker, relationship=relationship, title=_text("goal2", language))
    return [goal, second]


@transaction.atomic
def _load_community(community, stdout) -> dict[str, int]:
    counts = {"relationships": 0, "sessions": 0, "goals": 0, "check_ins": 0}
    coordinator = _coordinator(community)
    if coordinator is None:
        return counts
    pairs = _pairs(community, len(PLAN) + 1)
    spare_supporters = [supporter for _seeker, supporter, _topics in pairs[len(PLAN):]]
    for state, (seeker, supporter, topics) in zip(PLAN, pairs, strict=False):
        relationship = services.relationship_start(actor=coordinator, seeker=seeker, supporter=supporter,
                                                   topics=topics, note=DEMO_NOTE)
        counts["relationships"] += 1
        if state == "proposed":
            services.agreement_acknowledge(actor=supporter.user, relationship=relationship, frequency="fortnightly",
                                           session_minutes=45, planned_months=3, language=supporter.user.language)
            continue
        _activate(relationship, days_ago={"active": 40, "active_quiet": 50}.get(state, 70))
        if state == "active":
            counts["sessions"] += _sessions(relationship, [33, 19, 6], upcoming=True)
            counts["goals"] += len(_goals(relationship))
        elif state == "active_quiet":
            counts["sessions"] += _sessions(relationship, [47], upcoming=False)  # quiet for 47 days: alerts
        else:
            counts["sessions"] += _sessions(relationship, [60, 45, 30], upcoming=False)
            goals = _goals(relationship)
            counts["goals"] += len(goals)
        seeker_language = seeker.user.language
        if state == "paused":
            services.relationship_pause(actor=seeker.user, relationship=relationship,
                                        reason=_text("pause", seeker_language))
        elif state in {"closing", "closed_planned"}:
            services.relationship_start_closing(actor=supporter.user, relationship=relationship, kind="planned",
                                               reason=_text("closing", seeker_language))
            people = [seeker.user] if state == "closing" else [seeker.user, supporter.user]
            for person in people:
                services.exit_survey_submit(actor=person, relationship=relationship, would_continue="no",
                                            helped=_text("helped", person.language),
                                            did_not_help=_text("not_helped", person.language),
                                            goal_ratings={str(goals[0].pk): 3, str(goals[1].pk): 2})
        elif state == "closed_unplanned":
            services.relationship_close(actor=coordinator, relationship=relationship, kind="unplanned",
                                        reason=_text("unplanned", seeker_language))
        elif state == "rematched" and spare_supporters:
            new = services.relationship_rematch(actor=coordinator, relationship=relationship,
                                                supporter=spare_supporters[0], reason=_text("rematch", seeker_language))
            counts["relationships"] += 1
            _activate(new, days_ago=12)
            counts["sessions"] += _sessions(new, [5], upcoming=True)
        elif state == "rematched":
            services.relationship_close(actor=coordinator, relationship=relationship, kind="unplanned",
                                        reason=_text("rematch", seeker_language))
    counts["check_ins"] += _check_ins(community)
    return counts


def _check_ins(community) -> int:
    """Ask the due check-ins of the community's demo relationships; the seekers answer theirs."""
    from ayni.relationships.monitoring import ask_check_ins

    ask_check_ins()
    asked = CheckIn.objects.filter(relationship__community=community, relationship__note=DEMO_NOTE)
    for check_in in asked.filter(answered_at__isnull=True).select_related("relationship__seeker", "user"):
        if check_in.user_id == check_in.relationship.seeker.user_id and check_in.relationship.last_session_at and \
                check_in.relationship.last_session_at > timezone.now() - timedelta(days=21):
            services.check_in_answer(actor=check_in.user, check_in=check_in, answer="well",
                                     comment=_text("check_in_comment", check_in.user.language))
    return asked.count()


def load(*, communities, stdout=None) -> dict[str, int]:
    totals = {"relationships": 0, "sessions": 0, "goals": 0, "check_ins": 0}
    for community in communities.values():
        if Relationship.objects.filter(Q(note=DEMO_NOTE) | Q(rematched_from__note=DEMO_NOTE),
                                       community=community).exists():
            continue
        for key, value in _load_community(community, stdout).items():
            totals[key] += value
    if stdout is not None and totals["relationships"]:
        stdout.write(f"relationships: {totals}")
    return totals

