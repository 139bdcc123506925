from django_tasks import task

from ayni.communities import imports


@task()
def run_member_import(import_id: int) -> int:
    return imports.member_import_run(import_id).processed
