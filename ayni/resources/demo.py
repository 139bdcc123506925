"""Demo library: a few links and notes per community, in both languages."""

from ayni.communities.models import Membership
from ayni.resources.models import Resource

LIBRARY = {
    "barrios-que-cuidan-zaragoza": [
        ("unemployment", "https://www.sepe.es/", "SEPE: prestaciones y empleo", "SEPE: benefits and jobs",
         "Dónde pedir la prestación por desempleo y buscar ofertas. Pide cita previa antes de ir.",
         "Where to claim unemployment benefit and look for jobs. Book an appointment before you go."),
        ("loneliness", "", "Cinco ideas para la primera semana", "Five ideas for the first week",
         "Un paseo corto cada día, una llamada a alguien de confianza, una actividad del centro cívico del barrio, "
         "escribir tres cosas que fueron bien y pedir ayuda sin esperar a estar peor.",
         "A short walk each day, a call to someone you trust, an activity at the neighbourhood civic centre, "
         "writing down three things that went well, and asking for help before things get worse."),
        ("caring-for-relative", "https://www.zaragoza.es/", "Servicios sociales del Ayuntamiento",
         "The council's social services",
         "Ayuda a domicilio, centros de día y respiro familiar para quien cuida. Pregunta en tu centro municipal.",
         "Home help, day centres and respite care for carers. Ask at your local council centre."),
        (None, "https://telefonodelaesperanza.org/", "Teléfono de la Esperanza", "Teléfono de la Esperanza helpline",
         "Escucha por teléfono las 24 horas, gratuita y confidencial. En una emergencia, llama al 112.",
         "A free, confidential listening line, 24 hours a day (in Spanish). In an emergency, call 112."),
    ],
    "tutoria-entre-iguales-ies-puerta-del-ebro": [
        ("mathematics", "https://es.khanacademy.org/", "Khan Academy en español", "Khan Academy in Spanish",
         "Vídeos cortos y ejercicios de matemáticas por curso. Practicad juntos 20 minutos antes de la sesión.",
         "Short videos and maths exercises by year. Practise together for 20 minutes before the session."),
        ("exam-anxiety", "", "Antes de un examen", "Before an exam",
         "Dormir bien la noche anterior vale más que repasar hasta tarde. Respira contando hasta cuatro al entrar.",
         "A good night's sleep is worth more than revising late. Breathe in for a count of four as you go in."),
        ("organising-time", "", "Plan semanal en una hoja", "A weekly plan on one page",
         "Apunta los exámenes y entregas de la semana, y reparte el estudio en bloques de 25 minutos con descansos.",
         "Write down the week's exams and deadlines, and split study time into 25-minute blocks with breaks."),
    ],
    "apoyo-entre-companeros-policia-local-huesca": [
        ("critical-incidents", "", "Después de un servicio duro", "After a hard call-out",
         "Es normal dormir mal o darle vueltas unos días. Si sigue pasadas dos o tres semanas, habla con tu "
         "compañero de apoyo o con el servicio de prevención.",
         "It is normal to sleep badly or keep going over it for a few days. If it lasts beyond two or three weeks, "
         "talk to your peer supporter or to occupational health."),
        ("shift-work-sleep", "", "Dormir con turnos", "Sleeping on shifts",
         "Oscurece del todo la habitación, evita la cafeína en las últimas seis horas de turno y mantén un "
         "horario de sueño parecido en los días libres.",
         "Make the room fully dark, avoid caffeine in the last six hours of a shift and keep a similar sleep "
         "schedule on days off."),
    ],
    "reinicia-latinas-en-tecnologia": [
        ("learning-to-code", "https://www.freecodecamp.org/espanol/", "freeCodeCamp en español",
         "freeCodeCamp in Spanish", "Cursos gratuitos y certificados de desarrollo web.",
         "Free web development courses and certificates."),
        ("interviews", "", "Método STAR para entrevistas", "The STAR method for interviews",
         "Situación, Tarea, Acción y Resultado: prepara tres historias tuyas con este orden y practícalas en voz alta.",
         "Situation, Task, Action, Result: prepare three stories of your own in this order and practise them aloud."),
        ("impostor-syndrome", "", "Tu archivo de logros", "Your file of wins",
         "Guarda cada mensaje de agradecimiento y cada problema que resolviste. Reléelo antes de una entrevista.",
         "Keep every thank-you message and every problem you solved. Read it again before an interview."),
    ],
}


def load(*, communities, stdout=None) -> dict[str, int]:
    created_count = 0
    for slug, entries in LIBRARY.items():
        community = communities.get(slug)
        if community is None:
            continue
        author = (Membership.objects.filter(community=community, is_coordinator=True, status="active")
                  .select_related("user").first())
        topics = {topic.key: topic for topic in community.topics.all()}
        for topic_key, url, title_es, title_en, note_es, note_en in entries:
            _resource, created = Resource.objects.get_or_create(
                community=community, title_es=title_es,
                defaults={"title_en": title_en, "note_es": note_es, "note_en": note_en, "url": url,
                          "topic": topics.get(topic_key) if topic_key else None,
                          "created_by": author.user if author else None},
            )
            created_count += created
    return {"resources": created_count}
