"""Workflow steps in the admin: the buttons on a change page that move an object through its workflow (approve an
application, refuse a data-subject request ...), each through the app's service, with one view and one template.

An app declares its steps in a table next to the model's transitions (its `models.py` or `services.py`), as
`Step`s, and mixes `WorkflowStepsAdmin` into the model's admin:

    # accreditation/services.py (next to TRANSITIONS in models.py)
    REVIEW_STEPS = [
        Step(
            name=S.APPROVED,
            label=_("Approve"),
            run=lambda application, data, user: move_by_reviewer(
                application=application, state=S.APPROVED, reviewer=user
            ),
            allowed=lambda application: S.APPROVED in application.reviewer_moves(),
            confirm=True,
            explains=lambda application: _("The applicant at %(email)s is emailed the decision.") % {...},
        ),
        Step(name=S.REJECTED, label=_("Reject"), form=ReasonForm, run=..., allowed=...),
    ]

    # accreditation/admin.py
    @admin.register(Application)
    class ApplicationAdmin(WorkflowStepsAdmin, admin.ModelAdmin):
        steps = REVIEW_STEPS
        refusals = (IllegalMove, ApplicationRefused)   # expected refusals, shown as an error message

        def step_done(self, request, obj, step, result): ...   # optional: more messages, e.g. the next one to do

What the mixin gives:
- a URL `<object_id>/step/<step>/`, named `<app>_<model>_step` (`step_route` and `step_url_name` change them);
- `allowed_steps(obj)`: the steps open for `obj`, for the change page's buttons (`change_view` puts them in the
  context as `steps` when the user may change the object): a link to the confirmation page where
  `step.asks_first`, else a POST button;
- `step_view`: refuses (403) a user without change permission or an unknown step, and says so when the step is not
  open (any more); on POST (with its form valid) calls `run(obj, form data, user)` and reports the result;
- a confirmation page (`admin/workflow_step.html`) for a step with a form or `confirm=True`: its title, the
  object, what will happen and who will be emailed (`explains(obj)`), the form, and whatever
  `step_details(request, obj, step)` adds (a `details_template` included under the summary, and its context).
  A step with neither is a plain POST button; a GET of it is refused (405).

`run` should be the app's service (store, then queue emails through the outbox in the same transaction): nothing
here changes the object itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext

TEMPLATE = "admin/workflow_step.html"


class StepNotOpen(Exception):
    """The step is not open for the object (any more): another step was taken since the page was shown."""

    def __init__(self, obj):
        super().__init__(gettext("That step is not open for %(object)s now.") % {"object": obj})


@dataclass(frozen=True)
class Step:
    """One button: `run(obj, data, user)` when `allowed(obj)`; `form` asks for data first (a reason, a note);
    `confirm` shows the confirmation page even without a form; `explains(obj)` says on that page what will happen
    and who will be emailed."""

    name: str
    label: Any
    run: Callable[[Any, dict, Any], Any]
    allowed: Callable[[Any], bool]
    form: type[forms.Form] | None = None
    confirm: bool = False
    explains: Callable[[Any], Any] | None = None

    @property
    def asks_first(self) -> bool:
        return self.form is not None or self.confirm


class WorkflowStepsAdmin:
    """Mix into a ModelAdmin (before it) with `steps`, a list of `Step`."""

    steps: list[Step] = []
    refusals: tuple[type[Exception], ...] = ()
    step_route = "<path:object_id>/step/<str:step>/"
    step_url_name = ""  # default: "<app_label>_<model_name>_step"

    def get_urls(self):
        opts = self.model._meta
        name = self.step_url_name or f"{opts.app_label}_{opts.model_name}_step"
        step_url = path(self.step_route, self.admin_site.admin_view(self.step_view), name=name)
        return [step_url, *super().get_urls()]

    def step(self, name: str) -> Step | None:
        return next((step for step in self.steps if step.name == name), None)

    def allowed_steps(self, obj) -> list[Step]:
        return [step for step in self.steps if step.allowed(obj)]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = dict(extra_context or {})
        if obj is not None and self.has_change_permission(request, obj):
            extra_context["steps"] = self.allowed_steps(obj)
        return super().change_view(request, object_id, form_url, extra_context)

    # --- hooks -----------------------------------------------------------------------------------

    def step_summary(self, obj) -> str:
        """The line under the title of the confirmation page that says which object this is."""
        return str(obj)

    def step_details(self, request, obj, step: Step) -> dict:
        """More context for the confirmation page (with `details_template` to show it)."""
        return {}

    def step_done(self, request, obj, step: Step, result) -> None:
        self.message_user(
            request,
            gettext("%(step)s: done for %(object)s.") % {"step": step.label, "object": obj},
            messages.SUCCESS,
        )

    def step_refused(self, request, obj, step: Step, error: Exception) -> None:
        """The step was not taken: not open for the object (`StepNotOpen`) or refused (`refusals`)."""
        self.message_user(request, str(error), messages.ERROR)

    # --- the view --------------------------------------------------------------------------------

    def step_view(self, request, object_id, step):
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        chosen = self.step(step)
        if chosen is None or not self.has_change_permission(request, obj):
            raise PermissionDenied
        change_url = reverse(
            f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk]
        )
        if not chosen.allowed(obj):
            self.step_refused(request, obj, chosen, StepNotOpen(obj))
            return redirect(change_url)
        form = chosen.form(request.POST or None) if chosen.form else None
        if request.method == "POST" and (form is None or form.is_valid()):
            try:
                result = chosen.run(obj, form.cleaned_data if form else {}, request.user)
            except self.refusals as error:
                self.step_refused(request, obj, chosen, error)
            else:
                self.step_done(request, obj, chosen, result)
            return redirect(change_url)
        if not chosen.asks_first:
            return HttpResponseNotAllowed(["POST"])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "object": obj,
            "title": chosen.label,
            "summary": self.step_summary(obj),
            "explanation": chosen.explains(obj) if chosen.explains else "",
            "form": form,
            "step": chosen.name,
            "change_url": change_url,
            **self.step_details(request, obj, chosen),
        }
        return TemplateResponse(request, TEMPLATE, context)
