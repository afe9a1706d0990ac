"""Staff correct the working-day calendar every deadline counts in: extra days off and extra working days."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import WorkingDayCorrection
from .subject_requests.deadlines import _calendar


@admin.register(WorkingDayCorrection)
class WorkingDayCorrectionAdmin(admin.ModelAdmin):
    list_display = ["day", "weekday", "kind", "without_correction", "reason", "created_at"]
    list_filter = ["kind"]
    date_hierarchy = "day"
    fields = ["day", "kind", "reason"]

    @admin.display(description=_("weekday"))
    def weekday(self, obj):
        from django.utils.dateformat import format as date_format

        return date_format(obj.day, "l")

    @admin.display(description=_("without the correction"))
    def without_correction(self, obj):
        """What the `holidays` package says: a correction that agrees with it is no longer needed."""
        if _calendar().is_working_day(obj.day):
            return _("working day")
        return _("day off")
