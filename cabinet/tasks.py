"""The cabinet's task: answering a request for a sign-in link, away from the request itself (see
`cabinet.models.SignInRequest`). Its argument is a row number, like every task's (jobs.retention)."""

from django_tasks import task

from outbox.tasks import FIRST_ATTEMPT_PRIORITY, MAIL_QUEUE


@task(queue_name=MAIL_QUEUE, priority=FIRST_ATTEMPT_PRIORITY)
def answer_sign_in(request_id: int) -> str:
    from .services import answer_sign_in_request

    return f"{answer_sign_in_request(request_id)} link(s)"
