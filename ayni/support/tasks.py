from django_tasks import task


@task()
def run_matching_round(round_id: int) -> int:
    from ayni.support.matching import round_run

    return round_run(round_id)
