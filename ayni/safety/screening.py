"""Screening what people write: detect crisis wording, show resources at once, alert coordinators.

    from ayni.safety.screening import screen_text
    screening = screen_text(author=user, text=text, community=community, source="message", source_id=message.pk)
    # render "safety/partials/crisis_resources.html" with {"screening": screening}

Nothing is ever blocked: the caller delivers the text whatever the screening says, and a
failure inside screening is logged, never raised to the caller.
"""

import logging
from dataclasses import dataclass, field

from django.db import transaction

logger = logging.getLogger("ayni.safety")

NONE, CONCERN, URGENT = "none", "concern", "urgent"


@dataclass
class Screening:
    level: str = NONE
    resources: list = field(default_factory=list)
    alert: object = None
    reasons: list = field(default_factory=list)
    language: str = ""

    @property
    def show(self) -> bool:
        return self.level in (CONCERN, URGENT)

    @property
    def is_urgent(self) -> bool:
        return self.level == URGENT

    def __bool__(self) -> bool:
        return self.show


def run_detection(text: str, language: str | None = None):
    """The crisis detector (ayni.safety.crisis). A seam so tests can replace it."""
    from ayni.safety.crisis import detect

    return detect(text, language=language)


_real_detection = run_detection


def _reasons(detection) -> list[dict]:
    found = []
    for finding in getattr(detection, "reasons", None) or []:
        found.append({
            "category": getattr(finding, "category", ""),
            "expression": getattr(finding, "expression", ""),
            "start": getattr(finding, "start", None),
            "end": getattr(finding, "end", None),
        })
    return found


def screen_text(*, author, text: str, community, source: str, source_id, language: str | None = None) -> Screening:
    """Run the detector on `text`; on concern or urgent, return the resources to show the writer
    and raise (or add to) an alert for the community's coordinators on duty."""
    if not text or not text.strip():
        return Screening()
    try:
        detection = run_detection(text, language)
    except Exception:
        logger.exception("crisis detection failed for %s %s", source, source_id)
        return Screening()
    level = getattr(detection, "level", NONE)
    if level not in (CONCERN, URGENT):
        return Screening(level=NONE, language=getattr(detection, "language", ""))
    reasons = _reasons(detection)
    screening = Screening(level=level, reasons=reasons, language=getattr(detection, "language", ""))
    try:
        from ayni.safety.selectors import resources_for

        categories = {reason["category"] for reason in reasons}
        # The lines for what was detected first (a suicide line before a violence line).
        screening.resources = sorted(resources_for(community),
                                     key=lambda resource: not categories.intersection(resource.categories or []))
    except Exception:
        logger.exception("crisis resources could not be read")
    if community is not None:
        try:
            from ayni.safety.services import alert_raise

            with transaction.atomic():
                screening.alert = alert_raise(
                    community=community, kind="detection", level=level, person=author, raised_by=None,
                    source=source, source_id=source_id, reasons=reasons, excerpt=text,
                )
        except Exception:
            logger.exception("safety alert could not be raised for %s %s", source, source_id)
    return screening
