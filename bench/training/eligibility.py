"""How long eligibility takes for a community's supporters, as matching asks for it.

    python bench/training/eligibility.py [--supporters 5000] [--communities 20]

Builds a throwaway SQLite database in a temporary folder (AYNI_DATA_DIR), fills it with
supporters at every stage, then times `eligibility_map` for all of them and for one
community, `completion_for` (full rows for everyone) and the coordinator's completion page's
work (every status, for the counts and the filter, and full rows for one page of 25). Prints
figures, asserts nothing.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--supporters", type=int, default=5000)
    parser.add_argument("--communities", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="ayni-bench-training-")
    os.environ["AYNI_DATA_DIR"] = folder
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ayni.settings")
    import django

    django.setup()
    from datetime import date, timedelta

    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ayni.accounts.models import User
    from ayni.communities.models import Community, Membership
    from ayni.training.eligibility import eligibility_map
    from ayni.training.models import BackgroundCheck, Certification, TrainingRequirement
    from ayni.training.selectors import CompletionRows, completion_for, supporters_of
    from ayni.training.services import starter_course_ensure

    call_command("migrate", verbosity=0)
    starter = starter_course_ensure()
    started = time.perf_counter()
    communities = Community.objects.bulk_create(
        Community(name=f"Bench {n}", slug=f"bench-{n}", invite_code=f"bench-code-{n}")
        for n in range(args.communities)
    )
    for index, community in enumerate(communities):
        if index % 3:
            requirement = TrainingRequirement.objects.create(
                community=community, background_check=["never", "minors", "always"][index % 3])
            requirement.required_courses.add(starter)
    users = User.objects.bulk_create(
        User(email=f"supporter{n}@bench.example", display_name=f"Supporter {n}", password="!")  # noqa: S106 - unusable password
        for n in range(args.supporters)
    )
    memberships = Membership.objects.bulk_create(
        Membership(community=communities[n % len(communities)], user=user, is_supporter=True,
                   status=Membership.Status.ACTIVE)
        for n, user in enumerate(users)
    )
    today = date.today()
    Certification.objects.bulk_create(
        Certification(user=user, course=starter, certified_on=today - timedelta(days=(n * 37) % 600))
        for n, user in enumerate(users) if n % 4
    )
    BackgroundCheck.objects.bulk_create(
        BackgroundCheck(membership=membership, checked_on=today - timedelta(days=30))
        for n, membership in enumerate(memberships) if n % 2
    )
    print(f"data: {args.supporters} supporters in {args.communities} communities, "
          f"built in {time.perf_counter() - started:.1f} s")

    def timed(label, function):
        times = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                begin = time.perf_counter()
                result = function()
                times.append(time.perf_counter() - begin)
        print(f"{label}: median {statistics.median(times) * 1000:.0f} ms, "
              f"best {min(times) * 1000:.0f} ms, {len(queries.captured_queries)} queries")
        return result

    everyone = list(Membership.objects.all())
    results = timed(f"eligibility_map, {len(everyone)} memberships", lambda: eligibility_map(everyone))
    eligible = sum(1 for result in results.values() if result.eligible)
    print(f"  eligible: {eligible}, may support minors: "
          f"{sum(1 for result in results.values() if result.may_support_minors)}")
    one = communities[1]
    members = list(Membership.objects.filter(community=one))
    timed(f"eligibility_map, one community ({len(members)})", lambda: eligibility_map(members))
    timed(f"completion_for, one community ({len(members)})",
          lambda: completion_for(one, supporters_of(one)))
    timed(f"completion page (statuses of {len(members)}, rows of one page)",
          lambda: CompletionRows(one)[:25])


if __name__ == "__main__":
    main()
