import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Messages built outside a request are asserted in the source language; requests choose their own."""
    with translation.override("en"):
        yield
