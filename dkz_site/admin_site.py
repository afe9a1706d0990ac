"""The one admin of the association's staff."""

from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import PermissionDenied
from django.urls import URLPattern, URLResolver
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records of what happened (proofs, logs, runs) and pages with nothing to edit: staff read them, only the
    site writes them. With `deletable`, staff with the permission may still delete one (a cabinet session: that
    device is signed out); else only retention does."""

    deletable = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.deletable and super().has_delete_permission(request, obj)


class AssociationAdminSite(admin.AdminSite):
    site_header = _("Digital Kazakhstan — staff")
    site_title = _("Digital Kazakhstan")
    index_title = _("Association administration")

    # Staff authentication (accounts.two_factor): with ADMIN_2FA_REQUIRED, a password alone does not open the admin.
    def has_permission(self, request):
        from accounts import two_factor

        if not super().has_permission(request):
            return False
        return not two_factor.second_factor_required() or two_factor.is_verified(request.user)

    def login(self, request, extra_context=None):
        """The password step; staff who still owe the second factor go on to enrol or verify."""
        from accounts import two_factor
        from accounts import views as staff_auth

        if request.method == "GET" and two_factor.awaiting_second_factor(request):
            return staff_auth.redirect_to_second_factor(request)
        response = super().login(request, extra_context)
        if request.method == "POST" and response.status_code == 302:
            return staff_auth.after_password_login(request, response)
        return response

    def get_urls(self):
        """The two-factor pages (accounts), then the models' pages behind the personal-data gate (privacy)."""
        from accounts.admin_urls import two_factor_urls

        return two_factor_urls() + _gated_urls(self, super().get_urls())

    def each_context(self, request):
        context = super().each_context(request)
        context["may_see_personal_data"] = may_see_personal_data(request.user)
        return context

    def get_app_list(self, request, app_label=None):
        return _visible_app_list(self, request, super().get_app_list(request, app_label))

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every list's heading is the model's plural name ("Заявки на аккредитацию"): Django's "Select %s to
        change" puts a nominative name where Russian and Kazakh need another case."""
        super().register(model_or_iterable, admin_class, **options)
        for model_admin in self._registry.values():
            if not getattr(model_admin, "_titled_changelist", False):
                model_admin.get_changelist = _titled_changelist(model_admin.get_changelist)
                model_admin._titled_changelist = True

    def autocomplete_view(self, request):
        return GatedAutocompleteJsonView.as_view(admin_site=self)(request)


def _titled_changelist(get_changelist):
    @wraps(get_changelist)
    def changelist_class(request, **kwargs):
        base = get_changelist(request, **kwargs)

        class TitledChangeList(base):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if not self.is_popup:
                    self.title = capfirst(self.opts.verbose_name_plural)

        return TitledChangeList

    return changelist_class


def holds_personal_data(model_admin) -> bool:
    """Whether an admin page shows personal data: declared by the ModelAdmin or by its model.

    Set `holds_personal_data = True` on either. Such pages are for staff with a current personal-data
    training record only (privacy policy, section 6).
    """
    return bool(
        getattr(model_admin, "holds_personal_data", False)
        or getattr(model_admin.model, "holds_personal_data", False)
    )


# --- Only staff with current personal-data training see personal data (P25) ---


def holds_personal_data_anywhere(model_admin) -> bool:
    """The ModelAdmin, its model, or one of its inlines (or their models) declares personal data."""
    return holds_personal_data(model_admin) or any(
        getattr(inline, "holds_personal_data", False)
        or getattr(inline.model, "holds_personal_data", False)
        for inline in getattr(model_admin, "inlines", [])
    )


def may_see_personal_data(user) -> bool:
    """Superusers included: the training counts PD_TRAINING_VALID_DAYS days (accounts.User)."""
    has_training = getattr(user, "has_current_pd_training", None)
    return bool(has_training and has_training())


def training_required_response(request, admin_site):
    """The admin's 403 for untrained staff, saying why and what to do."""
    from django.template.response import TemplateResponse

    context = {
        **admin_site.each_context(request),
        "title": _("Personal-data training required"),
        "valid_days": settings.PD_TRAINING_VALID_DAYS,
        "completed_on": getattr(request.user, "pd_training_completed_on", None),
        "valid_until": getattr(request.user, "pd_training_valid_until", None),
    }
    return TemplateResponse(request, "admin/pd_training_required.html", context, status=403)


class PersonalDataGate:
    """Wraps every view of a personal-data ModelAdmin: a signed-in staff member without a current
    training record gets the 403 page; anyone not signed in goes on to the admin's own login redirect."""

    def __init__(self, admin_site):
        self.admin_site = admin_site

    def wrap(self, view):
        @wraps(view)
        def gated(request, *args, **kwargs):
            user = request.user
            if user.is_active and user.is_staff and not may_see_personal_data(user):
                return training_required_response(request, self.admin_site)
            return view(request, *args, **kwargs)

        return gated

    def apply(self, patterns) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                self.apply(entry.url_patterns)
            elif isinstance(entry, URLPattern):
                entry.callback = self.wrap(entry.callback)


class GatedAutocompleteJsonView(AutocompleteJsonView):
    """Autocomplete answers with the searched model's rows: the same gate applies to them."""

    def process_request(self, request):
        term, model_admin, source_field, to_field_name = super().process_request(request)
        if holds_personal_data_anywhere(model_admin) and not may_see_personal_data(request.user):
            raise PermissionDenied(_("Only staff with current personal-data training see this."))
        return term, model_admin, source_field, to_field_name


def _gated_urls(admin_site, urls):
    personal = {
        f"{model._meta.app_label}/{model._meta.model_name}/"
        for model, model_admin in admin_site._registry.items()
        if holds_personal_data_anywhere(model_admin)
    }
    gate = PersonalDataGate(admin_site)
    for entry in urls:
        if isinstance(entry, URLResolver) and str(entry.pattern) in personal:
            gate.apply(entry.url_patterns)
    return urls


def _visible_app_list(admin_site, request, app_list):
    if may_see_personal_data(request.user):
        return app_list
    for app in app_list:
        app["models"] = [
            entry
            for entry in app["models"]
            if not holds_personal_data_anywhere(admin_site._registry[entry["model"]])
        ]
    return [app for app in app_list if app["models"]]
