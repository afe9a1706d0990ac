"""Staff see the workers, every run of every scheduled job, and the task queue (django-tasks-db's own admin)."""

from django.contrib import admin

from dkz_site.admin_site import ReadOnlyAdmin

from .models import JobRun, WorkerHeartbeat


@admin.register(JobRun)
class JobRunAdmin(ReadOnlyAdmin):
    deletable = True
    list_display = ["job", "started_at", "finished_at", "outcome", "trigger", "dry_run", "host"]
    list_filter = ["outcome", "job", "trigger"]
    date_hierarchy = "started_at"
    readonly_fields = [field.name for field in JobRun._meta.fields]


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(ReadOnlyAdmin):
    deletable = True
    list_display = ["worker_id", "host", "pid", "started_at", "seen_at"]
    readonly_fields = [field.name for field in WorkerHeartbeat._meta.fields]
