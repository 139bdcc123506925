"""Reasons in words, in Spanish or English (the engine carries its own phrases: no Django)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .model import Reason

LANGUAGE_NAMES = {
    "es": {
        "es": "español",
        "en": "inglés",
        "qu": "quechua",
        "ay": "aimara",
        "gn": "guaraní",
        "pt": "portugués",
        "fr": "francés",
        "de": "alemán",
        "it": "italiano",
        "ca": "catalán",
        "eu": "euskera",
        "gl": "gallego",
        "ar": "árabe",
        "zh": "chino",
        "uk": "ucraniano",
        "ru": "ruso",
        "ro": "rumano",
        "nah": "náhuatl",
        "arn": "mapudungun",
        "lse": "lengua de signos",
    },
    "en": {
        "es": "Spanish",
        "en": "English",
        "qu": "Quechua",
        "ay": "Aymara",
        "gn": "Guarani",
        "pt": "Portuguese",
        "fr": "French",
        "de": "German",
        "it": "Italian",
        "ca": "Catalan",
        "eu": "Basque",
        "gl": "Galician",
        "ar": "Arabic",
        "zh": "Chinese",
        "uk": "Ukrainian",
        "ru": "Russian",
        "ro": "Romanian",
        "nah": "Nahuatl",
        "arn": "Mapudungun",
        "lse": "sign language",
    },
}
DAY_NAMES = {
    "es": {
        "mon": "lunes",
        "tue": "martes",
        "wed": "miércoles",
        "thu": "jueves",
        "fri": "viernes",
        "sat": "sábados",
        "sun": "domingos",
    },
    "en": {
        "mon": "Mondays",
        "tue": "Tuesdays",
        "wed": "Wednesdays",
        "thu": "Thursdays",
        "fri": "Fridays",
        "sat": "Saturdays",
        "sun": "Sundays",
    },
}
PART_NAMES = {
    "es": {"am": "por la mañana", "pm": "por la tarde", "eve": "por la noche"},
    "en": {"am": "mornings", "pm": "afternoons", "eve": "evenings"},
}


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    word = " y " if lang == "es" else " and "
    return ", ".join(items[:-1]) + word + items[-1]


def _join_or(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    word = " o " if lang == "es" else " or "
    return ", ".join(items[:-1]) + word + items[-1]


def _language(code: str, lang: str) -> str:
    return LANGUAGE_NAMES[lang].get(code, code)


def _topic(key: str, topic_names: Mapping[str, str] | None) -> str:
    if topic_names and key in topic_names:
        return str(topic_names[key])
    return key.replace("-", " ").replace("_", " ")


def _slot(slot: str, lang: str) -> str:
    day, part = slot.split("-")
    if lang == "es":
        return f"los {DAY_NAMES['es'][day]} {PART_NAMES['es'][part]}"
    singular_part = {"am": "mornings", "pm": "afternoons", "eve": "evenings"}[part]
    return f"{DAY_NAMES['en'][day][:-1]} {singular_part}"


def _ago(years: float, lang: str) -> str:
    if years < 1:
        months = max(1, round(years * 12))
        if lang == "es":
            return "hace un mes" if months == 1 else f"hace {months} meses"
        return "a month ago" if months == 1 else f"{months} months ago"
    whole = round(years)
    if lang == "es":
        return "hace un año" if whole == 1 else f"hace {whole} años"
    return "a year ago" if whole == 1 else f"{whole} years ago"


def _pronoun(gender: str) -> str:
    return {"f": "she", "m": "he"}.get(gender, "they")


def sentence(reason: Reason | Mapping[str, Any], lang: str = "es", *, topic_names=None) -> str:
    """One reason in words (lang "es" or "en"); unknown codes give an empty string."""
    if not isinstance(reason, Reason):
        reason = Reason.from_dict(reason)
    lang = "en" if lang.lower().startswith("en") else "es"
    code, params = reason.code, reason.params
    es = lang == "es"
    topics = [_topic(t, topic_names) for t in params.get("topics", [])]
    languages = [_language(code_, lang) for code_ in params.get("languages", [])]
    if code == "topics":
        topic = _topic(params["topic"], topic_names)
        years = params.get("years")
        if es:
            when = f" {_ago(years, lang)}" if years is not None else ""
            return f"vivió {topic}{when}, como tú ahora"
        pronoun = _pronoun(params.get("gender", ""))
        when = f" {_ago(years, lang)}" if years is not None else ""
        return f"{pronoun} went through {topic}{when}, as you are now"
    if code == "languages":
        names = _join(languages, lang)
        return f"las dos personas hablan {names}" if es else f"both speak {names}"
    if code == "text":
        return (
            "lo que cuentas se parece a lo que vivió"
            if es
            else "what you describe is close to what they lived"
        )
    if code == "availability":
        slots = _join([_slot(s, lang) for s in params.get("slots", [])], lang)
        return f"libres {slots}" if es else f"free on {slots}"
    if code == "online":
        return "las dos personas pueden verse en línea" if es else "both can meet online"
    if code == "same_area":
        area = params.get("area", "")
        return f"viven en la misma zona ({area})" if es else f"both live in the same area ({area})"
    if code == "same_city":
        city = params.get("city", "")
        return f"pueden verse en persona en {city}" if es else f"both can meet in person in {city}"
    if code == "age":
        return "tienen una edad parecida" if es else "close in age"
    if code == "gender":
        return "del mismo género, como pediste" if es else "the same gender, as you asked"
    if code == "load":
        return "tiene tiempo para ti ahora" if es else "has time for you now"
    if code == "waiting":
        weeks = max(1, round(params.get("days", 0) / 7))
        if es:
            return (
                f"llevas {weeks} semanas esperando" if weeks > 1 else "llevas una semana esperando"
            )
        return f"you have waited {weeks} weeks" if weeks > 1 else "you have waited a week"
    if code == "reciprocity":
        topic = _topic(params.get("topic", ""), topic_names)
        return (
            f"tú también podrías acompañarle en {topic}"
            if es
            else f"you could also support them with {topic}"
        )
    if code == "same_group":
        group = params.get("group", "")
        return f"del mismo grupo ({group})" if es else f"from the same group ({group})"
    if code == "locked":
        return "fijado por la coordinación" if es else "kept by the coordinators"
    # Unmatched seekers.
    speak = _join_or(languages, lang)
    lived = _join_or(topics, lang)
    if code == "no_eligible_supporter":
        return (
            "no hay acompañantes con formación y plazas libres"
            if es
            else "no trained supporter has a free place"
        )
    if code == "no_language":
        return f"ningún acompañante habla {speak}" if es else f"no supporter speaks {speak}"
    if code == "no_topic_language":
        return (
            f"ningún acompañante que hable {speak} ha vivido {lived}"
            if es
            else f"no supporter who speaks {speak} has lived {lived}"
        )
    if code == "no_trained":
        return (
            f"ningún acompañante con formación que hable {speak} ha vivido {lived}"
            if es
            else f"no trained supporter who speaks {speak} has lived {lived}"
        )
    if code == "no_free_places":
        return (
            f"quienes hablan {speak} y han vivido {lived} no tienen plazas libres"
            if es
            else f"the supporters who speak {speak} and lived {lived} have no free place"
        )
    if code == "no_vetted_for_minor":
        return (
            f"ningún acompañante verificado para menores habla {speak} y ha vivido {lived}"
            if es
            else f"no supporter checked to support minors speaks {speak} and lived {lived}"
        )
    if code == "no_adult":
        return (
            f"solo acompañantes menores de edad hablan {speak} y han vivido {lived}"
            if es
            else f"only supporters under age speak {speak} and lived {lived}"
        )
    if code == "no_mode":
        city = params.get("city") or ""
        if es:
            return (
                f"ningún acompañante que hable {speak} y haya vivido {lived} puede verse en persona en {city}"
                if city and params.get("mode") == "in-person"
                else f"ningún acompañante que hable {speak} y haya vivido {lived} puede verse como pides"
            )
        return (
            f"no supporter who speaks {speak} and lived {lived} can meet in person in {city}"
            if city and params.get("mode") == "in-person"
            else f"no supporter who speaks {speak} and lived {lived} can meet the way you asked"
        )
    if code == "all_excluded":
        return (
            "los acompañantes posibles están excluidos (bloqueos, conflictos o vetos)"
            if es
            else "the possible supporters are excluded (blocks, conflicts or vetoes)"
        )
    if code == "places_taken":
        return (
            f"las plazas de quienes hablan {speak} y han vivido {lived} ya se asignaron a otras personas"
            if es
            else f"the places of those who speak {speak} and lived {lived} went to other people"
        )
    return ""


def explain(
    reasons: Iterable[Reason | Mapping[str, Any]],
    lang: str = "es",
    *,
    topic_names: Mapping[str, str] | None = None,
) -> list[str]:
    """Sentences for reasons, in "es" or "en"; ``topic_names`` maps topic keys to labels.

    >>> explain([Reason("languages", {"languages": ["es"]})], "en")
    ['both speak Spanish']
    """
    out = []
    for reason in reasons:
        text = sentence(reason, lang, topic_names=topic_names)
        if text:
            out.append(text)
    return out


@dataclass(frozen=True, slots=True)
class UnmatchedGroup:
    """Seekers left unmatched for the same reason."""

    reason: Reason
    count: int
    seeker_ids: tuple[str, ...]


def summarize_unmatched(unmatched: Mapping[str, Reason]) -> list[UnmatchedGroup]:
    """Unmatched seekers grouped by reason, the largest group first."""
    groups: dict[tuple, list[str]] = {}
    reasons: dict[tuple, Reason] = {}
    for seeker_id, reason in unmatched.items():
        key = (reason.code, repr(sorted(reason.params.items())))
        groups.setdefault(key, []).append(seeker_id)
        reasons[key] = reason
    counts = Counter({key: len(ids) for key, ids in groups.items()})
    ordered = sorted(counts, key=lambda key: (-counts[key], key))
    return [
        UnmatchedGroup(reasons[key], counts[key], tuple(sorted(groups[key]))) for key in ordered
    ]
