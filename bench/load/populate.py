"""Fill a database with a community of N members for the load test (default 20,000).

    AYNI_DATA_DIR=/tmp/ayni-load python bench/load/populate.py --members 20000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ayni_load python bench/load/populate.py

Bulk inserts, so it takes seconds, not minutes. Apps that ship `ayni/<app>/bench_data.py` with
`populate(community, memberships, rng) -> dict` add their own rows (relationships, sessions,
messages, proposals...). Prints what it created and the ids of sample users for the driver.
"""

import argparse
import importlib
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ayni.settings")

import django

SLOTS = [f"{day}-{part}" for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun") for part in ("am", "pm", "eve")]
CITIES = ["Madrid", "Sevilla", "Lima", "Cusco", "Bogotá", "Quito", "Valparaíso", "Rosario"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=20000)
    parser.add_argument("--slug", default="carga")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", default="bench/load/population.json")
    args = parser.parse_args()
    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from ayni.accounts.models import User
    from ayni.communities.models import Community, Membership, Topic
    from ayni.people.models import Experience, Need, Profile

    call_command("migrate", verbosity=0, interactive=False)
    rng = random.Random(args.seed)
    started = time.perf_counter()
    now = timezone.now()
    if Community.objects.filter(slug=args.slug).exists():
        print(f"{args.slug} already exists; drop the database to regenerate.")
        return 1
    with transaction.atomic():
        community = Community.objects.create(
            slug=args.slug, name="Red de apoyo (carga)", kind="peer_group", languages=["es", "en"],
            description_es="Comunidad generada para la prueba de carga.", description_en="Generated for the load test.",
            visibility="listed", join_policy="approval",
        )
        topics = [Topic.objects.create(community=community, key=f"t{i}", name_es=f"Tema {i}", name_en=f"Topic {i}")
                  for i in range(12)]
        users = User.objects.bulk_create([
            User(email=f"load{i}@bench.ayni.example", display_name=f"Persona {i}", password="!",  # noqa: S106 - an unusable password: these people never log in
                 language=rng.choice(["es", "en"]), email_verified_at=now)
            for i in range(args.members)
        ], batch_size=2000)
        Profile.objects.bulk_create([
            Profile(user=user, languages=rng.sample(["es", "en", "qu"], k=rng.randint(1, 2)),
                    city=rng.choice(CITIES), meeting_mode=rng.choice(["online", "in_person", "either"]),
                    availability=rng.sample(SLOTS, k=rng.randint(2, 8)), age_band=rng.choice(["18-24", "25-34", "35-44", "45-54"]))
            for user in users
        ], batch_size=2000)
        memberships = Membership.objects.bulk_create([
            Membership(community=community, user=user, status="active", joined_at=now, values_agreed_at=now,
                       is_coordinator=index < 5, is_supporter=index % 4 == 0 or index < 5,
                       is_seeker=index % 4 != 0, capacity=rng.randint(1, 5))
            for index, user in enumerate(users)
        ], batch_size=2000)
        Experience.objects.bulk_create([
            Experience(membership=m, topic=rng.choice(topics), story="He pasado por algo parecido y salí adelante.",
                       visibility="community")
            for m in memberships if m.is_supporter
        ], batch_size=2000)
        Need.objects.bulk_create([
            Need(membership=m, topic=rng.choice(topics), note="Busco a alguien que me escuche.")
            for m in memberships if m.is_seeker
        ], batch_size=2000)
        extra = {}
        for app in ("support", "relationships", "messaging", "circles", "insights"):
            try:
                module = importlib.import_module(f"ayni.{app}.bench_data")
            except ModuleNotFoundError:
                continue
            extra.update(module.populate(community=community, memberships=memberships, rng=rng) or {})
    elapsed = time.perf_counter() - started
    sample = {
        "community": args.slug,
        "coordinators": [m.user_id for m in memberships[:5]],
        "supporters": [m.user_id for m in memberships if m.is_supporter and not m.is_coordinator][:200],
        "seekers": [m.user_id for m in memberships if m.is_seeker][:400],
    }
    Path(args.out).write_text(json.dumps(sample), encoding="utf-8")
    print(f"{args.members} members in {args.slug!r} in {elapsed:.1f} s; extra: {extra or 'none'}; sample → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
