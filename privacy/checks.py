"""A system check (`manage.py check`, run by `make lint` and before every test run): every concrete model of the
project that holds personal data is covered by a subject-data provider (access and erasure), a retention rule
(how long) and an admin behind the personal-data gate (who may see it), or it says why not.

A model holds personal data when it has an email, IP address, person-name or phone field (`PERSONAL_FIELD_NAMES`)
or declares `holds_personal_data = True`. A provider names the models it covers in `models` (labels such as
"enquiries.Enquiry"); a retention rule covers the model of the queryset its `expired` returns. A model that has no
admin, or needs no rule or provider, says so in `privacy_coverage_exempt`, a dict from "provider", "retention" or
"admin" to the reason.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin
from django.core import checks
from django.db import models
from django.utils import timezone

# Field names (besides email and IP fields) that hold a person's name or phone number.
PERSONAL_FIELD_NAMES = frozenset(
    {
        "contact_person",
        "full_name",
        "first_name",
        "last_name",
        "person_name",
        "phone",
        "payer_contact_person",
    }
)
# Apps whose models the check covers: the project's own (third-party models are covered where the project keeps
# them: the admin's sign-in records by accounts, for instance).
PROJECT_APPS = (
    "accounts",
    "accreditation",
    "association",
    "cabinet",
    "directory",
    "dkz_site",
    "enquiries",
    "jobs",
    "outbox",
    "privacy",
)


def holds_personal_data(model) -> bool:
    if getattr(model, "holds_personal_data", False):
        return True
    for field in model._meta.concrete_fields:
        if isinstance(field, models.EmailField | models.GenericIPAddressField):
            return True
        if field.name in PERSONAL_FIELD_NAMES:
            return True
    return False


def personal_data_models():
    for app_label in PROJECT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            meta = model._meta
            if meta.abstract or meta.proxy or not meta.managed:
                continue
            if holds_personal_data(model):
                yield model


def coverage_gaps(*, provider_models, rule_models, gated_models) -> list[tuple[str, str]]:
    """(model label, what covers it not) for every personal-data model with a gap."""
    gaps = []
    for model in personal_data_models():
        label = model._meta.label
        exempt = getattr(model, "privacy_coverage_exempt", {})
        for part, covered in (
            ("provider", provider_models),
            ("retention", rule_models),
            ("admin", gated_models),
        ):
            if label not in covered and part not in exempt:
                gaps.append((label, part))
    return gaps


def _rule_models() -> set[str]:
    from .registry import retention_rules

    now = timezone.now()
    return {rule.model or rule.expired_at(now).model._meta.label for rule in retention_rules()}


def _provider_models() -> set[str]:
    from .registry import providers

    return {label for provider in providers() for label in provider.models}


def _gated_models() -> set[str]:
    from dkz_site.admin_site import holds_personal_data as gated

    return {
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if gated(model_admin)
    }


CHECK_IDS = {"provider": "privacy.E001", "retention": "privacy.E002", "admin": "privacy.E003"}
MESSAGES = {
    "provider": "no subject-data provider names it (a provider's `models`), so access and erasure requests miss it",
    "retention": "no retention rule expires it, so it is kept for ever",
    "admin": "its admin is not behind the personal-data gate (`holds_personal_data = True`), or it has none",
}


@checks.register(checks.Tags.models)
def personal_data_is_covered(app_configs=None, **kwargs):
    gaps = coverage_gaps(
        provider_models=_provider_models(), rule_models=_rule_models(), gated_models=_gated_models()
    )
    return [
        checks.Error(
            f"{label} holds personal data but {MESSAGES[part]}.",
            hint=f"Cover it, or say why not in the model's privacy_coverage_exempt[{part!r}].",
            id=CHECK_IDS[part],
            obj=label,
        )
        for label, part in gaps
    ]
