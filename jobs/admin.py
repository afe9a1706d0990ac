"""Staff see the workers, every run of every scheduled job, and the task queue (django-tasks-db's own admin)."""

from django.contrib import admin

from .models import JobRun, WorkerHeartbeat


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    list_display = ["job", "started_at", "finished_at", "outcome", "trigger", "dry_run", "host"]
    list_filter = ["outcome", "job", "trigger"]
    date_hierarchy = "started_at"
    readonly_fields = [field.name for field in JobRun._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["worker_id", "host", "pid", "started_at", "seen_at"]
    readonly_fields = [field.name for field in WorkerHeartbeat._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
