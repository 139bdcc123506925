"""Helpers for other apps' tests: make a supporter eligible (or not) in one line.

    from ayni.training.testing import certify
    certify(membership)                         # eligible today, may support minors
    certify(membership, certified_on=date(2025, 1, 1))   # long expired
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from ayni.training.eligibility import requirement_for
from ayni.training.models import BackgroundCheck, Certification, TrainingRequirement


def certify(membership, *, certified_on: date | None = None, background_check: bool = True) -> None:
    """Record a certification for every course ``membership``'s community requires and, when
    the community asks for one, a background check (unless ``background_check=False``).
    Writes rows directly: no permission checks, no audit. Tests only."""
    today = timezone.localdate()
    certified_on = certified_on or today
    requirement = requirement_for(membership.community)
    for course in requirement.courses:
        Certification.objects.create(user=membership.user, course=course, certified_on=certified_on)
    if background_check and requirement.background_check != TrainingRequirement.BackgroundCheckPolicy.NEVER:
        BackgroundCheck.objects.create(
            membership=membership, checked_on=min(certified_on, today),
            expires_on=today + timedelta(days=3 * 365),
        )


# A one-question quiz in the curriculum's TOML format, for tests that write modules.
QUIZ_TOML = """
[[questions]]
key = "who"
kind = "single"
prompt = { es = "¿A quién llamas?", en = "Whom do you call?" }
correct = ["a"]
options = [
  { key = "a", text = { es = "A la coordinación", en = "The coordinator" } },
  { key = "b", text = { es = "A nadie", en = "Nobody" }, feedback = { es = "Siempre hay alguien.", en = "There is always someone." } },
]
"""
