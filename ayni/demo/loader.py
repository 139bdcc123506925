"""Loads the bilingual demo (ayni/demo/data/*.json). Running it again changes nothing."""

import datetime
import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from ayni.accounts.models import User
from ayni.communities.models import Community, Membership, Topic
from ayni.communities.services import starter_topics
from ayni.core.audit import audit_log
from ayni.people.models import Experience, Need, Profile

DATA_DIR = Path(__file__).parent / "data"
DEMO_PASSWORD = "ayni-demo"  # noqa: S105 - published on purpose: it is the demo's login
ADMIN_EMAIL = "admin@demo.ayni.example"
DATA_YEAR = 2026


def _read(name: str):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def _month(value: str | None) -> datetime.date | None:
    if not value:
        return None
    year, month = value.split("-")[:2]
    return datetime.date(int(year), int(month), 1)


@transaction.atomic
def load_demo(*, stdout=None) -> dict[str, int]:
    """Create (or complete) the demo communities, people and experiences."""
    counts = {"communities": 0, "people": 0, "memberships": 0, "experiences": 0, "needs": 0}
    topics_by_kind = starter_topics()
    communities: dict[str, Community] = {}
    topics: dict[tuple[str, str], Topic] = {}
    for entry in _read("communities.json"):
        community, created = Community.objects.get_or_create(
            slug=entry["slug"],
            defaults={
                "name": entry["name"], "kind": entry["kind"],
                "description_es": entry["description"]["es"], "description_en": entry["description"]["en"],
                "values_es": entry["values_statement"]["es"], "values_en": entry["values_statement"]["en"],
                "languages": entry["languages"], "country": entry.get("country", ""),
                "visibility": entry["visibility"], "join_policy": entry["join_policy"],
            },
        )
        counts["communities"] += created
        communities[community.slug] = community
        wanted = entry.get("topics", "starter")
        starter = topics_by_kind.get(entry["kind"], [])
        chosen = starter if wanted == "starter" else [t for t in starter if t["key"] in set(wanted)]
        for position, topic_entry in enumerate(chosen, start=1):
            topic, _created = Topic.objects.get_or_create(
                community=community, key=topic_entry["key"],
                defaults={
                    "name_es": topic_entry["name"]["es"], "name_en": topic_entry["name"]["en"],
                    "description_es": topic_entry.get("description", {}).get("es", ""),
                    "description_en": topic_entry.get("description", {}).get("en", ""),
                    "is_sensitive": bool(topic_entry.get("sensitive")), "position": position,
                },
            )
            topics[(community.slug, topic.key)] = topic

    now = timezone.now()
    # The data's ages are as of 2026; shift birth years so pupils stay minors in later years.
    year_shift = max(0, timezone.localdate().year - DATA_YEAR)
    for person in _read("people.json"):
        user = User.objects.filter(email=person["email"]).first()
        if user is None:
            user = User(
                email=person["email"], display_name=person["display_name"], pronouns=person.get("pronouns", ""),
                language=person.get("language", "es"), timezone=person.get("timezone", "Europe/Madrid"),
                email_verified_at=now,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            counts["people"] += 1
        birth_year = person.get("birth_year")
        Profile.objects.get_or_create(user=user, defaults={
            "languages": person.get("languages", ["es"]), "city": person.get("city", ""),
            "area": person.get("area", ""), "meeting_mode": person.get("meeting_mode", "online"),
            "availability": person.get("availability", []),
            "date_of_birth": datetime.date(birth_year + year_shift, 6, 15) if birth_year else None,
            "gender": person.get("gender", ""),
        })
        for entry in person.get("memberships", []):
            community = communities[entry["community"]]
            roles = set(entry.get("roles", []))
            active = entry.get("status", "active") == "active"
            membership, created = Membership.objects.get_or_create(
                community=community, user=user,
                defaults={
                    "is_seeker": "seeker" in roles, "is_supporter": "supporter" in roles,
                    "is_coordinator": "coordinator" in roles,
                    "status": Membership.Status.ACTIVE if active else Membership.Status.PENDING,
                    "group": entry.get("group", ""), "capacity": entry.get("capacity", 1) or 0,
                    "away_until": datetime.date.fromisoformat(entry["away_until"]) if entry.get("away_until") else None,
                    "values_agreed_at": now, "joined_at": now if active else None,
                },
            )
            counts["memberships"] += created
            for support in entry.get("supports", []):
                topic = topics[(community.slug, support["topic"])]
                _experience, created = Experience.objects.get_or_create(
                    membership=membership, topic=topic,
                    defaults={
                        "story": support["story"], "started_on": _month(support.get("started")),
                        "ended_on": _month(support.get("ended")), "visibility": support.get("visibility", "private"),
                        "is_sensitive": topic.is_sensitive, "consent_at": now if topic.is_sensitive else None,
                    },
                )
                counts["experiences"] += created
            for seek in entry.get("seeks", []):
                topic = topics[(community.slug, seek["topic"])]
                _need, created = Need.objects.get_or_create(
                    membership=membership, topic=topic,
                    defaults={"note": seek.get("note", ""), "is_sensitive": topic.is_sensitive,
                              "consent_at": now if topic.is_sensitive else None},
                )
                counts["needs"] += created

    if not User.objects.filter(email=ADMIN_EMAIL).exists():
        User.objects.create_superuser(email=ADMIN_EMAIL, password=DEMO_PASSWORD, display_name="Admin")
    for app_demo in _app_demos():
        for key, value in (app_demo.load(communities=communities, stdout=stdout) or {}).items():
            counts[key] = counts.get(key, 0) + value
    if any(counts.values()):
        audit_log(actor=None, action="demo.load", details=counts)
    return counts


# Apps that add their own part of the demo, in this order. Each has a module `demo` with
# load(*, communities: dict[str, Community], stdout) -> dict[str, int] that must be idempotent.
APP_DEMOS = ["training", "safety", "support", "relationships", "messaging", "circles", "resources", "insights"]


def _app_demos():
    import importlib

    for app in APP_DEMOS:
        try:
            yield importlib.import_module(f"ayni.{app}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"ayni.{app}.demo":
                raise


def demo_logins() -> list[dict]:
    path = DATA_DIR / "logins.json"
    logins = json.loads(path.read_text(encoding="utf-8"))["logins"] if path.exists() else []
    return [*logins, {"email": ADMIN_EMAIL, "password": DEMO_PASSWORD,
                      "description": {"es": "Personal de Ayni (administración en /admin/)",
                                      "en": "Ayni staff (administration at /admin/)"}}]
