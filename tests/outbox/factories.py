from django_tasks_db.models import DBTaskResult

from outbox.models import Email
from outbox.services import queue_email


def failed_email(enquiry, *, status=Email.Status.FAILED, last_error="550 recipient refused"):
    """An acknowledgement to the enquiry's visitor that the mail server refused (its task already ran)."""
    email = queue_email(
        to=enquiry.email,
        template="enquiries/email/acknowledgement",
        context={"enquiry": enquiry},
        language=enquiry.language,
        regarding=enquiry,
    )
    DBTaskResult.objects.filter(id=email.task_id).delete()
    Email.objects.filter(pk=email.pk).update(
        status=status,
        attempts=1,
        error_kind=Email.ErrorKind.PERMANENT,
        last_error=last_error,
        next_attempt_at=None,
    )
    email.refresh_from_db()
    return email
