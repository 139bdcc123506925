"""Rows for the load test (bench/load/populate.py): waiting requests for one seeker in ten."""

from ayni.support.models import SupportRequest

SITUATIONS = [
    "Busco a alguien que haya pasado por algo parecido y me escuche.",
    "I would like to talk to someone who has been through this.",
]


def populate(*, community, memberships, rng) -> dict:
    topics = list(community.topics.all())
    seekers = [m for m in memberships if m.is_seeker][::10]
    requests = SupportRequest.objects.bulk_create([
        SupportRequest(community=community, seeker=m, kinds=["emotional"], situation=rng.choice(SITUATIONS),
                       language=rng.choice(["es", "en"]), mode="online",
                       choice=rng.choice([SupportRequest.Choice.PROPOSE, SupportRequest.Choice.PICK]))
        for m in seekers], batch_size=2000)
    through = SupportRequest.topics.through
    through.objects.bulk_create([through(supportrequest_id=r.pk, topic_id=rng.choice(topics).pk) for r in requests],
                                batch_size=2000)
    return {"support_requests": len(requests)}
