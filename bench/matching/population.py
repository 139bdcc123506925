"""A generator of realistic populations for the matching engine (seeded, deterministic).

Communities are mostly Spanish-speaking with some English, Quechua, Portuguese and Aymara;
topics follow a long tail; a few cities hold most people; free texts are short first-person
stories in the person's language built from per-topic phrases; supporters have 1 to 5 free
places. ``write_csv`` writes the two files that ``ayni match-csv`` reads.
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

from ayni.matching.engine import SLOTS, Seeker, Supporter

TOPICS = [
    "grief", "job-loss", "divorce", "migration", "caregiving", "chronic-illness", "cancer",
    "addiction-recovery", "new-parent", "debt", "disability", "loneliness", "bullying",
    "university-entry", "retirement", "eating-disorder", "domestic-violence", "infertility",
    "anxiety", "first-job",
]  # fmt: skip
PHRASES = {
    "grief": (
        ["perdí a mi madre", "murió mi padre", "el duelo por mi pareja", "la muerte de mi hijo", "no puedo dejar de llorar", "la casa se siente vacía"],
        ["I lost my mother", "my father died", "grieving my partner", "the death of my son", "I cannot stop crying", "the house feels empty"],
    ),
    "job-loss": (
        ["me despidieron del trabajo", "perdí mi empleo", "llevo meses buscando trabajo", "cerraron la fábrica", "no sé cómo pagar el alquiler"],
        ["I was laid off", "I lost my job", "months looking for work", "the factory closed", "I do not know how to pay rent"],
    ),
    "divorce": (
        ["me estoy separando", "el divorcio con mis hijos pequeños", "mi pareja se fue", "la custodia de los niños"],
        ["going through a divorce", "separation with small children", "my partner left", "custody of the kids"],
    ),
    "migration": (
        ["llegué a un país nuevo", "extraño a mi familia", "los papeles de residencia", "no conozco a nadie aquí"],
        ["I moved to a new country", "I miss my family", "residence papers", "I know nobody here"],
    ),
    "caregiving": (
        ["cuido a mi madre con alzhéimer", "cuidar a mi padre enfermo", "estoy agotada de cuidar", "no tengo tiempo para mí"],
        ["caring for my mother with dementia", "looking after my sick father", "exhausted from caregiving", "no time for myself"],
    ),
    "chronic-illness": (
        ["me diagnosticaron diabetes", "vivo con dolor crónico", "la enfermedad cambió mi vida", "tratamientos largos"],
        ["diagnosed with diabetes", "living with chronic pain", "the illness changed my life", "long treatments"],
    ),
    "cancer": (
        ["me diagnosticaron cáncer de mama", "la quimioterapia", "miedo a la recaída", "el tratamiento de cáncer"],
        ["diagnosed with breast cancer", "chemotherapy", "fear of relapse", "cancer treatment"],
    ),
    "addiction-recovery": (
        ["dejé el alcohol hace poco", "recuperación de adicción", "miedo a recaer", "grupo de apoyo"],
        ["I quit drinking recently", "recovery from addiction", "afraid of relapse", "support group"],
    ),
    "new-parent": (
        ["acabo de tener un bebé", "no duermo nada", "la maternidad me supera", "primer hijo"],
        ["I just had a baby", "I do not sleep", "parenthood overwhelms me", "first child"],
    ),
    "debt": (
        ["tengo muchas deudas", "el banco me reclama", "no llego a fin de mes"],
        ["deep in debt", "the bank is chasing me", "cannot make ends meet"],
    ),
    "disability": (
        ["tras el accidente uso silla de ruedas", "perdí la vista", "adaptarme a la discapacidad"],
        ["after the accident I use a wheelchair", "I lost my sight", "adapting to disability"],
    ),
    "loneliness": (["me siento muy sola", "no tengo amigos", "paso los días sin hablar con nadie"], ["I feel very lonely", "I have no friends", "days without talking to anyone"]),
    "bullying": (["acoso en el colegio", "se burlan de mí en clase"], ["bullied at school", "they mock me in class"]),
    "university-entry": (["el examen de ingreso a la universidad", "primer año de universidad"], ["university entrance exam", "first year at university"]),
    "retirement": (["me jubilé y no sé qué hacer", "la jubilación"], ["I retired and feel lost", "retirement"]),
    "eating-disorder": (["anorexia", "problemas con la comida"], ["anorexia", "struggling with food"]),
    "domestic-violence": (["salí de una relación violenta", "violencia en casa"], ["I left a violent relationship", "violence at home"]),
    "infertility": (["no podemos tener hijos", "tratamientos de fertilidad"], ["we cannot have children", "fertility treatments"]),
    "anxiety": (["ataques de pánico", "ansiedad todo el día"], ["panic attacks", "anxiety all day"]),
    "first-job": (["mi primer trabajo", "no sé cómo adaptarme a la oficina"], ["my first job", "adjusting to office life"]),
}  # fmt: skip
SUPPORTER_OPENERS = (
    ["Hace unos años {p}.", "Pasé por esto: {p}.", "Viví {p} y salí adelante."],
    ["A few years ago {p}.", "I went through this: {p}.", "I lived {p} and came through."],
)
CITIES = [
    "Lima",
    "Cusco",
    "Arequipa",
    "Madrid",
    "Barcelona",
    "Bogotá",
    "Quito",
    "La Paz",
    "Santiago",
    "Trujillo",
]
AREAS = ["centro", "norte", "sur", "este", "oeste"]
LANGUAGES = [("es", 0.85), ("en", 0.3), ("qu", 0.05), ("pt", 0.03), ("ay", 0.02)]
GENDERS = ["f", "m", "x"]


def _languages(rng: random.Random) -> list[str]:
    chosen = [code for code, share in LANGUAGES if rng.random() < share]
    return chosen or ["es"]


def _topics(rng: random.Random, count: int) -> list[str]:
    weights = [1 / (i + 1) for i in range(len(TOPICS))]
    chosen: list[str] = []
    while len(chosen) < count:
        topic = rng.choices(TOPICS, weights)[0]
        if topic not in chosen:
            chosen.append(topic)
    return chosen


def _availability(rng: random.Random) -> list[str]:
    return sorted(rng.sample(SLOTS, rng.randint(1, 6)), key=SLOTS.index)


def _story(rng: random.Random, topics: list[str], language: str, supporter: bool) -> str:
    side = 1 if language == "en" else 0
    parts = []
    for topic in topics:
        phrases = PHRASES[topic][side]
        phrase = rng.choice(phrases)
        if supporter:
            parts.append(rng.choice(SUPPORTER_OPENERS[side]).format(p=phrase))
        else:
            parts.append(phrase.capitalize() + ".")
        if rng.random() < 0.5:
            parts.append(rng.choice(phrases).capitalize() + ".")
    return " ".join(parts)


def _place(rng: random.Random) -> tuple[str, str, str]:
    mode = rng.choices(["online", "either", "in-person"], [0.35, 0.45, 0.2])[0]
    city = rng.choices(CITIES, [1 / (i + 1) for i in range(len(CITIES))])[0]
    return mode, city, rng.choice(AREAS)


def generate(
    n_seekers: int, n_supporters: int, *, seed: int = 7, today: date = date(2026, 12, 4)
) -> tuple[list[Seeker], list[Supporter]]:
    """A population of ``n_seekers`` and ``n_supporters`` (ids s1.., p1..)."""
    rng = random.Random(seed)
    supporters = []
    for n in range(1, n_supporters + 1):
        languages = _languages(rng)
        topics = _topics(rng, rng.choices([1, 2, 3], [0.5, 0.35, 0.15])[0])
        mode, city, area = _place(rng)
        minor = rng.random() < 0.02
        supporters.append(
            Supporter(
                id=f"p{n}",
                name=f"Supporter {n}",
                languages=languages,
                topics=topics,
                availability=_availability(rng),
                mode=mode,
                city=city,
                area=area,
                group=f"team-{rng.randint(1, 40)}",
                minor=minor,
                age=rng.randint(14, 19) if minor else rng.randint(20, 75),
                gender=rng.choice(GENDERS),
                experience=_story(
                    rng,
                    topics,
                    "en" if languages == ["en"] or "es" not in languages else "es",
                    True,
                ),
                experience_years={t: round(rng.uniform(0.5, 12), 1) for t in topics},
                capacity=rng.randint(1, 5),
                load=rng.randint(0, 3),
                eligible=rng.random() < 0.92,
                vetted=rng.random() < 0.3,
                wants_topics=_topics(rng, 1) if rng.random() < 0.2 else [],
            )
        )
    seekers = []
    for n in range(1, n_seekers + 1):
        languages = _languages(rng)
        topics = _topics(rng, rng.choices([1, 2], [0.75, 0.25])[0])
        mode, city, area = _place(rng)
        minor = rng.random() < 0.04
        exclude = [f"p{rng.randint(1, max(1, n_supporters))}"] if rng.random() < 0.02 else []
        seekers.append(
            Seeker(
                id=f"s{n}",
                name=f"Seeker {n}",
                languages=languages,
                topics=topics,
                availability=_availability(rng),
                mode=mode,
                city=city,
                area=area,
                group=f"team-{rng.randint(1, 40)}",
                minor=minor,
                age=rng.randint(12, 17) if minor else rng.randint(18, 80),
                gender=rng.choice(GENDERS),
                prefers_same_gender=rng.random() < 0.15,
                prefers_similar_age=rng.random() < 0.1,
                about=_story(rng, topics, "en" if "es" not in languages else "es", False),
                waiting_since=today - timedelta(days=rng.randint(0, 120)),
                exclude=exclude,
                can_support=_topics(rng, 1) if rng.random() < 0.2 else [],
            )
        )
    return seekers, supporters


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def write_csv(
    seekers: list[Seeker], supporters: list[Supporter], folder: Path
) -> tuple[Path, Path]:
    """Write supporters.csv and seekers.csv in the ``match-csv`` format."""
    folder.mkdir(parents=True, exist_ok=True)
    supporters_path, seekers_path = folder / "supporters.csv", folder / "seekers.csv"
    common = [
        "id",
        "name",
        "languages",
        "topics",
        "minor",
        "availability",
        "mode",
        "city",
        "group",
        "exclude",
    ]
    with supporters_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*common, "experience", "capacity", "trained", "vetted"])
        for p in supporters:
            writer.writerow(
                [p.id, p.name, ";".join(sorted(p.languages)), ";".join(sorted(p.topics)), _yes(p.minor),
                 ";".join(sorted(p.availability, key=SLOTS.index)), p.mode, p.city, p.group,
                 ";".join(sorted(p.exclude)), p.experience, p.capacity, _yes(p.eligible), _yes(p.vetted)]
            )  # fmt: skip
    with seekers_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*common, "about", "waiting_since"])
        for s in seekers:
            writer.writerow(
                [s.id, s.name, ";".join(sorted(s.languages)), ";".join(sorted(s.topics)), _yes(s.minor),
                 ";".join(sorted(s.availability, key=SLOTS.index)), s.mode, s.city, s.group,
                 ";".join(sorted(s.exclude)), s.about, s.waiting_since.isoformat() if s.waiting_since else ""]
            )  # fmt: skip
    return supporters_path, seekers_path
