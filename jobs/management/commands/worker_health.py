"""Exit 0 when a worker on this machine (container) has recorded its heartbeat recently, 1 otherwise.

For a container's or a process supervisor's health check of a worker (see the Dockerfile).
"""

import socket
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jobs.models import WorkerHeartbeat


class Command(BaseCommand):
    help = "Exit 0 if a worker on this host has a recent heartbeat."

    def handle(self, *args, **options):
        since = timezone.now() - timedelta(seconds=settings.WORKER_STALE_SECONDS)
        alive = WorkerHeartbeat.objects.filter(host=socket.gethostname()[:200], seen_at__gte=since)
        if not alive.exists():
            raise CommandError("no recent heartbeat from a worker on this host")
        self.stdout.write("worker alive")
