"""On-demand suggestions for one request in a community of 20,000 supporters (target: < 200 ms
once the community's supporter index is built and cached).

    python bench/support/suggestions.py --supporters 20000 --requests 50
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ayni_bench python bench/support/suggestions.py

Uses its own SQLite file in a temporary folder unless DATABASE_URL is set. Prints the time to
build the index (first call) and the median and 95th percentile of the following calls.
Figures taken while other work runs on the machine are pessimistic.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ayni.settings")
if not os.environ.get("DATABASE_URL"):
    os.environ.setdefault("SQLITE_PATH", str(Path(tempfile.mkdtemp(prefix="ayni-bench-support-")) / "bench.sqlite3"))

import django

SLOTS = [f"{day}-{part}" for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun") for part in ("am", "pm", "eve")]
CITIES = ["Zaragoza", "Huesca", "Teruel", "Madrid", "Lima", "Bogotá"]
STORIES = [
    "Me despidieron después de muchos años y aprendí a buscar trabajo con un horario fijo.",
    "Cuidé a mi madre con alzhéimer durante cinco años; sé lo que es el cansancio del cuidador.",
    "Perdí a mi pareja de forma repentina y el duelo me cambió la vida.",
    "I moved to a new country alone and learnt to build a network from nothing.",
    "Pasé por una separación con hijos pequeños y tuve que reorganizarlo todo.",
    "I lost my job in tech and retrained; the hardest part was the shame.",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--supporters", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from ayni.accounts.models import User
    from ayni.communities.models import Community, Membership, Topic
    from ayni.people.models import Experience, Profile
    from ayni.support import matching
    from ayni.support.models import SupportRequest
    from ayni.training.eligibility import requirement_for
    from ayni.training.models import Certification

    call_command("migrate", verbosity=0, interactive=False)
    rng = random.Random(args.seed)
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        community = Community.objects.create(slug=f"bench-{rng.randint(0, 10**9)}", name="Bench", languages=["es"])
        topics = [Topic.objects.create(community=community, key=f"t{i}", name_es=f"Tema {i}", name_en=f"Topic {i}")
                  for i in range(12)]
        total = args.supporters + args.requests
        users = User.objects.bulk_create([
            User(email=f"bench{i}-{community.pk}@bench.ayni.example", display_name=f"Persona {i}", password="!",  # noqa: S106 - never logs in
                 email_verified_at=now) for i in range(total)], batch_size=2000)
        Profile.objects.bulk_create([
            Profile(user=user, languages=rng.sample(["es", "en", "qu"], k=rng.randint(1, 2)),
                    city=rng.choice(CITIES), meeting_mode=rng.choice(["online", "in_person", "either"]),
                    availability=rng.sample(SLOTS, k=rng.randint(2, 8)),
                    date_of_birth=datetime.date(rng.randint(1950, 2000), 1, 1))
            for user in users], batch_size=2000)
        memberships = Membership.objects.bulk_create([
            Membership(community=community, user=user, status="active", joined_at=now, values_agreed_at=now,
                       is_supporter=index < args.supporters, is_seeker=index >= args.supporters,
                       capacity=rng.randint(1, 5))
            for index, user in enumerate(users)], batch_size=2000)
        supporters, seekers = memberships[:args.supporters], memberships[args.supporters:]
        Experience.objects.bulk_create([
            Experience(membership=m, topic=topic, story=rng.choice(STORIES),
                       started_on=datetime.date(rng.randint(2005, 2022), 1, 1))
            for m in supporters for topic in rng.sample(topics, k=rng.randint(1, 2))], batch_size=2000)
        courses = requirement_for(community).courses
        Certification.objects.bulk_create([
            Certification(user=m.user, course=course, certified_on=timezone.localdate())
            for m in supporters for course in courses], batch_size=2000)
        requests = []
        for seeker in seekers:
            situation = rng.choice(STORIES)
            request = SupportRequest.objects.create(community=community, seeker=seeker, kinds=["emotional"],
                                                    situation=situation, terms=matching.request_terms(situation),
                                                    language="es", mode="online")
            request.topics.set(rng.sample(topics, k=1))
            requests.append(request)
    print(f"population: {args.supporters} supporters, {len(requests)} requests in {time.perf_counter() - started:.1f} s")

    requests = list(SupportRequest.objects.filter(community=community).select_related(
        "seeker__user", "seeker__user__profile", "seeker__community", "community").prefetch_related("topics"))
    matching.forget_index()
    # With no stored index a large community answers "being prepared" at once and queues the
    # build for the worker; time that answer, then build the index as the worker does.
    first = time.perf_counter()
    pending = matching.suggestions_for(requests[0], limit=5)
    pending_ms = (time.perf_counter() - first) * 1000
    first = time.perf_counter()
    matching.index_refresh(community.pk)
    build = time.perf_counter() - first
    matching._INDEX_CACHE.clear()  # a fresh process: the first request loads the stored index
    first = time.perf_counter()
    found = matching.suggestions_for(requests[0], limit=5)
    load_ms = (time.perf_counter() - first) * 1000
    timings, counts = [], []
    for request in requests[1:]:
        begin = time.perf_counter()
        found = matching.suggestions_for(request, limit=5)
        timings.append((time.perf_counter() - begin) * 1000)
        counts.append(len(list(found)))
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)] if timings else 0
    print(f"no index yet: answered in {pending_ms:.0f} ms ({len(list(pending))} suggestions, build queued)")
    print(f"index of {args.supporters} supporters built (worker's job) in {build:.2f} s; "
          f"first call of a process (loads the stored index): {load_ms:.0f} ms")
    print(f"next {len(timings)} calls: median {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms, "
          f"max {timings[-1]:.0f} ms; suggestions found per call: median {statistics.median(counts):.0f}, "
          f"min {min(counts)}")
    if not any(counts):
        print("WARNING: no call found a suggestion; the figures above measure nothing useful")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
