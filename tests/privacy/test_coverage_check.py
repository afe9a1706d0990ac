"""The system check that every model with personal data is covered by a provider, a retention rule and a gated
admin: it passes for the project as it is, and fails, naming the model and the gap, when one is missing."""

from django.core import checks as django_checks

from privacy import checks
from privacy.checks import personal_data_is_covered


def current():
    return {
        "provider_models": checks._provider_models(),
        "rule_models": checks._rule_models(),
        "gated_models": checks._gated_models(),
    }


def test_the_project_passes_the_check():
    assert personal_data_is_covered() == []
    assert "privacy.E001" not in {e.id for e in django_checks.run_checks()}


def test_a_model_no_provider_names_fails_with_its_name():
    covered = current()
    covered["provider_models"] -= {"enquiries.Enquiry"}
    assert checks.coverage_gaps(**covered) == [("enquiries.Enquiry", "provider")]


def test_a_model_no_rule_expires_fails():
    covered = current()
    covered["rule_models"] -= {"outbox.Email"}
    assert checks.coverage_gaps(**covered) == [("outbox.Email", "retention")]


def test_a_model_without_a_gated_admin_fails():
    covered = current()
    covered["gated_models"] -= {"privacy.ConsentRecord"}
    assert checks.coverage_gaps(**covered) == [("privacy.ConsentRecord", "admin")]


def test_the_error_names_the_model_and_how_to_fix_it(monkeypatch):
    rules = checks._rule_models() - {"outbox.Email"}
    monkeypatch.setattr(checks, "_rule_models", lambda: rules)
    (error,) = personal_data_is_covered()
    assert error.id == "privacy.E002"
    assert error.obj == "outbox.Email"
    assert "no retention rule" in error.msg and "privacy_coverage_exempt" in error.hint


def test_a_model_is_found_by_its_fields_or_its_declaration():
    from accreditation.models import Application
    from directory.models import Equipment

    assert checks.holds_personal_data(Application)  # an email field
    assert not checks.holds_personal_data(Equipment)


def test_a_provider_without_emails_is_refused():
    import pytest

    from privacy.registry import register_provider

    class Forgetful:
        name, label, field_labels, models = "forgetful", "Forgetful", {}, ()

        def count(self, email):
            return 0

        def export(self, email):
            return {}

        def erase(self, email, *, dry_run=False):
            return None

    with pytest.raises(TypeError, match="no emails"):
        register_provider(Forgetful())
