"""A task-queue worker: runs queued emails and jobs, keeps the schedule, records its heartbeat.

`make worker` runs it in the foreground with the environment's settings (the form production uses); run as many
as you like on as many machines (README, "Workers"). It is django-tasks-db's `db_worker` (rows claimed with
SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL, an exclusive transaction on SQLite) with the clock of
jobs.scheduler beside it. Every queue by default; SIGINT/SIGTERM finish the current task, then stop.
"""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from jobs.scheduler import Clock


class Command(DatabaseWorkerCommand):
    help = "Run a task-queue worker (emails and scheduled jobs) with the schedule's clock."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*", reload=False)
        parser.add_argument(
            "--no-schedule",
            action="store_false",
            dest="schedule",
            help="Run queued tasks only; leave the schedule to other workers (the heartbeat still runs).",
        )

    def handle(self, *args, schedule=True, **options):
        clock = Clock(options["worker_id"], schedule=schedule and not options["batch"])
        clock.start()
        try:
            super().handle(*args, **options)
        finally:
            clock.stop()
