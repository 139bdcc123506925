from django_tasks import task

from ayni.core import emails


@task()
def deliver_email(email_id: int) -> bool:
    return emails.deliver(email_id)
