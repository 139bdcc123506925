"""The default agreement text, used until a community writes its own (plain data, both languages)."""

DEFAULT_AGREEMENT = {
    "es": (
        "Nuestro acuerdo de acompañamiento\n\n"
        "1. Cómo nos veremos: acordamos cada cuánto nos veremos y cuánto durará cada encuentro "
        "(lo indicamos abajo), y durante cuántos meses pensamos acompañarnos. Si algo cambia, lo hablamos.\n"
        "2. Qué espera cada uno: la persona que busca apoyo cuenta qué necesita; la persona acompañante "
        "escucha, comparte su experiencia y no da consejos profesionales (médicos, legales o psicológicos).\n"
        "3. Confidencialidad: lo que hablamos queda entre nosotros. Tiene límites: si hay riesgo de daño "
        "para uno mismo o para otras personas, o sospecha de abuso a un menor, la persona acompañante "
        "avisará a la coordinación para que se pueda ayudar.\n"
        "4. Cómo contactar con la coordinación: en cualquier momento, cualquiera de los dos puede escribir "
        "a la coordinación de la comunidad desde Ayni, o pedir una pausa o terminar el acompañamiento.\n"
    ),
    "en": (
        "Our support agreement\n\n"
        "1. How we will meet: we agree how often we will meet and how long each meeting lasts (we say it "
        "below), and for how many months we plan to continue. If something changes, we talk about it.\n"
        "2. What each of us expects: the person seeking support says what they need; the supporter "
        "listens, shares their own experience and does not give professional (medical, legal or "
        "psychological) advice.\n"
        "3. Confidentiality: what we talk about stays between us. It has limits: if there is a risk of "
        "harm to oneself or to others, or a suspicion of abuse of a minor, the supporter will tell the "
        "coordinator so that help can be given.\n"
        "4. How to reach the coordinator: at any time, either of us can write to the community's "
        "coordinator from Ayni, or ask for a pause or to end the relationship.\n"
    ),
}
