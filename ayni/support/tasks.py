from django_tasks import task


@task()
def run_matching_round(round_id: int) -> int:
    from ayni.support.matching import round_run

    return round_run(round_id)


@task()
def refresh_suggestion_index(community_id: int) -> int:
    """Build a community's supporter index for suggestions (see matching.index_refresh)."""
    from ayni.support.matching import index_refresh

    return index_refresh(community_id)


@task()
def embed_texts(kind: str, object_ids: list[int]) -> int:
    """Store the embeddings of supporters' experiences or requests' situations (semantic matching)."""
    from ayni.support.semantic import refresh

    return refresh(kind, object_ids)
