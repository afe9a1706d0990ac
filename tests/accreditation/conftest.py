import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Messages built outside a request are asserted in the source language; requests and emails
    still choose their own language (URL prefix, the applicant's language)."""
    with translation.override("en"):
        yield
