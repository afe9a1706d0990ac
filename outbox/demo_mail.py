"""Demo data for `make run` walks the real workflows, which queue emails; none of them may leave the machine."""

from contextlib import contextmanager

from django.db.models import Max
from django_tasks_db.models import DBTaskResult

from .models import Email


@contextmanager
def mail_discarded():
    """Every email queued inside the block is deleted at its end, with its delivery task."""
    before = Email.objects.aggregate(last=Max("pk"))["last"] or 0
    yield
    created = Email.objects.filter(pk__gt=before)
    DBTaskResult.objects.filter(id__in=list(created.values_list("task_id", flat=True))).delete()
    created.delete()
