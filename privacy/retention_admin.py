"""Retention runs, as `apply_retention` recorded them: what each rule changed and any error."""

from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from dkz_site.admin_site import ReadOnlyAdmin

from .models import RetentionRun


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "finished_at", "dry_run", "outcome", "total", "error_count"]
    list_filter = ["outcome", "dry_run"]
    date_hierarchy = "started_at"
    fields = ["started_at", "finished_at", "dry_run", "outcome", "counts_table", "errors_table"]
    readonly_fields = fields

    @admin.display(description=_("rows changed"))
    def total(self, obj):
        return obj.total

    @admin.display(description=_("errors"))
    def error_count(self, obj):
        return len(obj.errors)

    @admin.display(description=_("rows per rule"))
    def counts_table(self, obj):
        return format_html_join("\n", "<p>{}: {}</p>", sorted(obj.counts.items())) or "—"

    @admin.display(description=_("errors per rule"))
    def errors_table(self, obj):
        return format_html_join("\n", "<p>{}: {}</p>", sorted(obj.errors.items())) or "—"
