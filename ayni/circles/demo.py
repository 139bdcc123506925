"""Demo circles: three groups that meet, with attendance, a pending request and a conversation."""

from datetime import timedelta

from django.utils import timezone

from ayni.circles.models import Attendance, Circle, CircleMeeting, CircleMembership
from ayni.communities.models import Membership
from ayni.messaging.models import Message, Participant
from ayni.messaging.services import conversation_for_circle

CIRCLES = [
    {
        "community": "barrios-que-cuidan-zaragoza", "topic": "caring-for-relative", "language": "es",
        "name": "Cuidar a quien cuida",
        "description": "Un rato cada quince días para quienes cuidan de un familiar: compartir lo que pesa, "
                       "lo que ayuda y algún truco práctico.",
        "schedule": "Martes alternos, 18:30, Centro Cívico Delicias", "place": "Centro Cívico Delicias, sala 2",
        "messages": [
            "¡Hola a todas! Me alegro mucho de que hayamos arrancado el círculo.",
            "Gracias por la reunión del martes. Salí más ligera, de verdad.",
            "Os dejo una idea que me funciona: una libreta en la nevera con las medicinas y las citas de mi madre.",
            "Qué buena idea. Yo esta semana voy justa, mi padre ha pasado mala noche, pero el martes intento ir.",
            "Ánimo. Si no puedes venir, aquí seguimos. Cuídate tú también.",
        ],
    },
    {
        "community": "reinicia-latinas-en-tecnologia", "topic": "interviews", "language": "en",
        "name": "Interview practice circle",
        "description": "We practise technical and behavioural interviews together, in English, and cheer each "
                       "other on.",
        "schedule": "Thursdays at 20:00 (Madrid time), online", "place": "https://meet.example.org/reinicia-interviews",
        "messages": [
            "Welcome, everyone! This week let's each bring one question that scares us.",
            "Mine is 'tell me about a time you failed'. I always freeze.",
            "Try the STAR method from the library. We can practise it on Thursday.",
            "I had my second interview today and used my STAR story. It went well!",
            "¡Qué alegría! Congratulations, that is a big step.",
        ],
    },
    {
        "community": "apoyo-entre-companeros-policia-local-huesca", "topic": "critical-incidents", "language": "es",
        "name": "Después del turno",
        "description": "Círculo entre compañeros para hablar de los servicios que se quedan dentro. Lo que se "
                       "cuenta aquí, aquí se queda (con los límites del acuerdo de confidencialidad).",
        "schedule": "Primer lunes de cada mes, 15:30", "place": "Sala de formación, jefatura",
        "messages": [
            "Buenas. Recordad que el lunes nos vemos a las 15:30.",
            "Allí estaré. Esta semana ha sido movida.",
            "Gracias a todos por lo del otro día. Hablarlo ayudó más de lo que pensaba.",
        ],
    },
]


def _people(community, topic):
    supporters = list(Membership.objects.filter(community=community, status="active", is_supporter=True,
                                                experiences__topic=topic).select_related("user").order_by("pk")[:1])
    if not supporters:
        supporters = list(Membership.objects.filter(community=community, status="active", is_supporter=True)
                          .select_related("user").order_by("pk")[:1])
    seekers = list(Membership.objects.filter(community=community, status="active", is_seeker=True, needs__topic=topic)
                   .exclude(pk__in=[s.pk for s in supporters]).select_related("user").order_by("pk").distinct())
    return supporters, seekers


def load(*, communities, stdout=None) -> dict[str, int]:
    counts = {"circles": 0, "circle_meetings": 0, "circle_messages": 0}
    now = timezone.now()
    for entry in CIRCLES:
        community = communities.get(entry["community"])
        if community is None:
            continue
        topic = community.topics.filter(key=entry["topic"]).first()
        if topic is None:
            continue
        coordinator = Membership.objects.filter(community=community, is_coordinator=True, status="active").first()
        circle, created = Circle.objects.get_or_create(
            community=community, name=entry["name"],
            defaults={"topic": topic, "language": entry["language"], "description": entry["description"],
                      "schedule": entry["schedule"], "status": Circle.Status.ACTIVE,
                      "created_by": coordinator.user if coordinator else None},
        )
        counts["circles"] += created
        supporters, seekers = _people(community, topic)
        if not supporters:
            continue
        facilitator = supporters[0]
        CircleMembership.objects.get_or_create(circle=circle, membership=facilitator, defaults={
            "role": CircleMembership.Role.FACILITATOR, "status": CircleMembership.Status.ACCEPTED, "decided_at": now})
        members = seekers[: circle.max_size]
        # Everyone but the last one is in; the last one has just asked to join.
        for index, seeker in enumerate(members):
            pending = index == len(members) - 1 and len(members) > 3
            CircleMembership.objects.get_or_create(circle=circle, membership=seeker, defaults={
                "status": CircleMembership.Status.REQUESTED if pending else CircleMembership.Status.ACCEPTED,
                "decided_at": None if pending else now, "decided_by": facilitator.user,
                "message": "Me gustaría unirme, me vendría muy bien." if pending and entry["language"] == "es"
                else ("I would love to join." if pending else "")})
        conversation = conversation_for_circle(circle)
        seats = list(circle.circle_memberships.filter(status=CircleMembership.Status.ACCEPTED)
                     .select_related("membership__user").order_by("-role", "pk"))
        if not circle.meetings.exists():  # once: meeting dates follow the day the demo is first loaded
            for weeks_ago in (4, 2):
                meeting = CircleMeeting.objects.create(
                    circle=circle, starts_at=(now - timedelta(weeks=weeks_ago)).replace(
                        hour=18, minute=30, second=0, microsecond=0),
                    place=entry["place"], created_by=facilitator.user)
                counts["circle_meetings"] += 1
                for position, seat in enumerate(seats):
                    Attendance.objects.create(meeting=meeting, circle_membership=seat, recorded_by=facilitator.user,
                                              present=(position + weeks_ago) % 4 != 0)
            upcoming = CircleMeeting.objects.create(
                circle=circle, starts_at=(now + timedelta(days=5)).replace(hour=18, minute=30, second=0, microsecond=0),
                place=entry["place"], created_by=facilitator.user)
            counts["circle_meetings"] += 1
            Circle.objects.filter(pk=circle.pk).update(next_meeting_at=upcoming.starts_at)
        if not conversation.messages.exists() and seats:
            start = now - timedelta(days=len(entry["messages"]) + 1)
            for index, body in enumerate(entry["messages"]):
                author = seats[index % len(seats)].membership.user
                Message.objects.create(conversation=conversation, author=author, body=body,
                                       created_at=start + timedelta(days=index, hours=index % 3))
                counts["circle_messages"] += 1
            last = conversation.messages.order_by("-id").first()
            conversation.last_message_at = last.created_at
            conversation.save(update_fields=["last_message_at"])
            # Everyone has read all but the last message, so the demo shows an unread count.
            Participant.objects.filter(conversation=conversation).update(last_read_message_id=last.pk - 1)
            Participant.objects.filter(conversation=conversation, user=last.author).update(last_read_message_id=last.pk)
            Participant.objects.filter(conversation=conversation).update(digested_through_id=last.pk)
    return counts
