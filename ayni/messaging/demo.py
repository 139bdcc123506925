"""Demo messages in the demo relationships (once the relationships app has them), in the
seeker's language. Circle conversations are filled by ayni/circles/demo.py."""

from datetime import timedelta

from django.utils import timezone

from ayni.messaging.models import Message, Participant
from ayni.messaging.services import conversation_for_relationship

# (who writes: "supporter" or "seeker", text)
EXCHANGES = {
    "es": [
        [("supporter", "¡Hola! Soy tu acompañante. Me alegra mucho empezar contigo. ¿Cómo te viene hablar esta semana?"),
         ("seeker", "Hola, gracias por escribir. Me viene bien el jueves por la tarde, si puedes."),
         ("supporter", "Perfecto, el jueves a las 18:00. Si antes necesitas algo, escríbeme por aquí."),
         ("seeker", "Gracias. Hoy ha sido un día largo, pero saber que hablamos el jueves me tranquiliza.")],
        [("seeker", "Buenos días. Quería contarte que ayer di el paso del que hablamos."),
         ("supporter", "¡Qué bien! ¿Cómo te sentiste después?"),
         ("seeker", "Nerviosa al principio, luego bastante orgullosa."),
         ("supporter", "Tiene mucho mérito. Lo comentamos con calma en la próxima sesión.")],
    ],
    "en": [
        [("supporter", "Hi! I'm your supporter and I'm glad we're starting. When would suit you to talk this week?"),
         ("seeker", "Hi, thanks for writing. Thursday evening works for me, if that's OK."),
         ("supporter", "Great, Thursday at 6 pm. If you need anything before then, write to me here."),
         ("seeker", "Thank you. Today was long, but knowing we'll talk on Thursday helps.")],
        [("seeker", "Good morning. I wanted to tell you I took the step we talked about yesterday."),
         ("supporter", "That's great! How did you feel afterwards?"),
         ("seeker", "Nervous at first, then quite proud."),
         ("supporter", "That took courage. Let's talk it through at our next session.")],
    ],
}


def load(*, communities, stdout=None) -> dict[str, int]:
    try:
        from ayni.relationships.models import Relationship
    except ImportError:
        return {}
    count = 0
    now = timezone.now()
    relationships = (Relationship.objects.filter(community__in=list(communities.values()))
                     .exclude(status="proposed").select_related("seeker__user", "supporter__user")
                     .order_by("pk"))
    for index, relationship in enumerate(relationships):
        conversation = conversation_for_relationship(relationship)
        if conversation.messages.exists():
            continue
        language = relationship.seeker.user.language if relationship.seeker.user.language in EXCHANGES else "es"
        exchange = EXCHANGES[language][index % len(EXCHANGES[language])]
        start = now - timedelta(days=len(exchange) + 2)
        for position, (who, body) in enumerate(exchange):
            author = relationship.supporter.user if who == "supporter" else relationship.seeker.user
            Message.objects.create(conversation=conversation, author=author, body=body,
                                   created_at=start + timedelta(days=position, hours=position))
            count += 1
        last = conversation.messages.order_by("-id").first()
        conversation.last_message_at = last.created_at
        conversation.save(update_fields=["last_message_at"])
        Participant.objects.filter(conversation=conversation).update(last_read_message_id=last.pk - 1,
                                                                     digested_through_id=last.pk)
        Participant.objects.filter(conversation=conversation, user=last.author).update(last_read_message_id=last.pk)
    return {"relationship_messages": count}
