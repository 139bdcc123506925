"""Time the coordinators' insights pages on a generated community.

    python bench/insights/dashboard.py --database sqlite      # a file in /tmp
    python bench/insights/dashboard.py --database postgres    # creates ayni_bench on 127.0.0.1
    python bench/insights/dashboard.py --database postgres --pg-name h_insights_bench --rounds 3

The community has 20,000 members (seekers, supporters, coordinators, with profiles, needs,
experiences and survey answers at joining and three months). Relationships and sessions are
added by ``generate_relationships`` when the relationships app has its models. Prints figures;
asserts nothing (figures taken while other work runs on the machine are pessimistic).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SLUG = "bench-insights"
MEMBERS = 20_000
RELATIONSHIPS = 5_000
SESSIONS = 200_000
PAGES = ["", "gaps/", "outcomes/", "report/", "network/", "report.pdf", "api/dashboard", "api/gaps", "api/outcomes",
         "api/network"]


def configure(database: str, pg_name: str = "ayni_bench", sqlite_path: str = "/tmp/ayni_bench_insights.sqlite3") -> None:
    if database == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_path}"
    else:
        import psycopg
        from psycopg import sql

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
            exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [pg_name]).fetchone()
            if not exists:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(pg_name)))
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{pg_name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ayni.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate() -> None:
    import datetime as dt
    import random

    from django.db import transaction
    from django.utils import timezone

    from ayni.accounts.models import User
    from ayni.communities.models import Community, Membership, Topic
    from ayni.people.models import Experience, Need, Profile

    if Community.objects.filter(slug=SLUG).exists():
        return
    started = time.perf_counter()
    rng = random.Random(2026)
    now = timezone.now()
    with transaction.atomic():
        community = Community.objects.create(name="Bench", slug=SLUG, kind="council_department",
                                             languages=["es", "en"])
        topics = [Topic.objects.create(community=community, key=f"topic-{index}", name_es=f"Tema {index}",
                                       name_en=f"Topic {index}", position=index) for index in range(12)]
        users = User.objects.bulk_create([
            User(email=f"bench-{index}@bench.example", display_name=f"Persona {index}", password="!")  # noqa: S106 - unusable
            for index in range(MEMBERS)], batch_size=2000)
        Profile.objects.bulk_create([
            Profile(user=user, languages=rng.choice([["es"], ["es", "en"], ["es", "qu"], ["en"]]),
                    meeting_mode=rng.choice(["online", "in_person", "either"]),
                    area=rng.choice(["Delicias", "Actur", "Centro", "Torrero", "Oliver"]))
            for user in users], batch_size=2000)
        memberships = []
        for index, user in enumerate(users):
            roll = rng.random()
            memberships.append(Membership(
                community=community, user=user, status="active" if rng.random() < 0.93 else rng.choice(["left", "pending"]),
                is_seeker=roll < 0.65, is_supporter=roll >= 0.55, is_coordinator=index < 8,
                capacity=rng.choice([0, 1, 1, 2, 3]), group=rng.choice(["norte", "sur", "este", "oeste", ""]),
                joined_at=now - dt.timedelta(days=rng.randint(1, 720)),
                away_until=now.date() + dt.timedelta(days=10) if rng.random() < 0.05 else None,
            ))
        memberships = Membership.objects.bulk_create(memberships, batch_size=2000)
        needs, experiences = [], []
        for membership in memberships:
            if membership.is_seeker and rng.random() < 0.6:
                for topic in rng.sample(topics, rng.randint(1, 2)):
                    needs.append(Need(membership=membership, topic=topic))
            if membership.is_supporter:
                for topic in rng.sample(topics, rng.randint(1, 3)):
                    experiences.append(Experience(membership=membership, topic=topic, story="…"))
        Need.objects.bulk_create(needs, batch_size=2000)
        Experience.objects.bulk_create(experiences, batch_size=2000)
    print(f"generated {MEMBERS} members, {len(needs)} needs, {len(experiences)} experiences "
          f"in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    answers = generate_surveys(community, memberships, rng)
    print(f"{answers} survey answers in {time.perf_counter() - started:.1f} s")
    generate_relationships(community, rng)


def generate_surveys(community, memberships, rng) -> int:
    """Joining and three-month answers for half the members, scored like real ones (bulk, fast)."""
    import datetime as dt

    from django.utils import timezone

    from ayni.insights.analytics.scoring import instrument_as_dict, score_response
    from ayni.insights.demo import CHANGE, START, _answers
    from ayni.insights.models import SurveyAssignment
    from ayni.insights.services import instruments_for

    now = timezone.now()
    instruments = instruments_for(community)
    rows = []
    for membership in memberships:
        if membership.status != "active" or rng.random() > 0.5:
            continue
        joined = now - dt.timedelta(days=rng.randint(100, 360))
        for occasion, when, shift in (("joining", joined, 0.0), ("three_months", joined + dt.timedelta(days=91), 1.0)):
            if occasion == "three_months" and rng.random() > 0.8:
                continue
            for measure, instrument, languages in instruments:
                answers = _answers(instrument, START[measure] + shift * CHANGE[measure], rng, skip=0.05)
                result = score_response(instrument, answers)
                rows.append(SurveyAssignment(
                    membership=membership, community=community, occasion=occasion, measure=measure,
                    instrument_key=instrument.key, instrument_version=instrument.version,
                    definition=instrument_as_dict(instrument), languages=languages, status="completed",
                    created_at=when, due_at=when, expires_at=when + dt.timedelta(days=30), completed_at=when,
                    answers=answers, score=result.score, score_valid=result.valid,
                    band=result.band.key if result.band else "", answered_items=result.answered))
    SurveyAssignment.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def generate_relationships(community, rng) -> None:
    from django.apps import apps

    try:
        apps.get_model("relationships", "Relationship")
    except LookupError:
        print("relationships and sessions: skipped (the relationships app has no models in this tree)")
        return
    from bench.insights import relationships as generator

    generator.generate(community, rng, relationships=RELATIONSHIPS, sessions=SESSIONS)


def analyze() -> None:
    """Fresh planner statistics, as autovacuum keeps them on a live database (bulk inserts leave none)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def measure(rounds: int, modes: tuple[str, ...] = ("live", "snapshots"), pages: list[str] | None = None) -> None:
    """Each page computed from scratch (snapshots off), then read from snapshots (the usual case)."""
    from django.conf import settings

    for mode, seconds, label in (("live", 0, "computed on every view"),
                                 ("snapshots", 600, "from snapshots (kept 10 minutes)")):
        if mode not in modes:
            continue
        settings.AYNI_INSIGHTS_SNAPSHOT_SECONDS = seconds
        if mode == "snapshots":
            from ayni.insights.models import FigureSnapshot

            FigureSnapshot.objects.all().delete()  # the first (warming) view of each page stores them
        print(f"figures {label}:")
        measure_pages(rounds, pages or PAGES)


def measure_pages(rounds: int, pages: list[str]) -> None:
    from django.conf import settings
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from ayni.communities.models import Membership

    settings.ALLOWED_HOSTS = ["*"]
    settings.STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    coordinator = Membership.objects.filter(community__slug=SLUG, is_coordinator=True, status="active").first()
    client = Client()
    client.force_login(coordinator.user)
    print(f"  database: {connection.vendor}")
    for page in pages:
        url = (f"/api/v1/insights/{SLUG}/{page.removeprefix('api/')}" if page.startswith("api/")
               else f"/es/insights/{SLUG}/{page}")
        assert client.get(url).status_code == 200  # warm: imports, catalogues, caches
        times = []
        for _round in range(rounds):
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        print(f"    {page or 'dashboard':<14} median {statistics.median(times):7.1f} ms   "
              f"max {max(times):7.1f} ms   {len(queries)} queries   {len(response.content) // 1024} KiB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pg-name", default="ayni_bench", help="the PostgreSQL database to create and use")
    parser.add_argument("--sqlite-path", default="/tmp/ayni_bench_insights.sqlite3")
    parser.add_argument("--mode", choices=["live", "snapshots", "both"], default="both")
    parser.add_argument("--page", action="append", help="only this page (\"dashboard\", \"gaps/\", ...); repeatable")
    arguments = parser.parse_args()
    configure(arguments.database, arguments.pg_name, arguments.sqlite_path)
    generate()
    analyze()
    measure(arguments.rounds, ("live", "snapshots") if arguments.mode == "both" else (arguments.mode,),
            [("" if page == "dashboard" else page) for page in arguments.page] if arguments.page else None)
