import pytest
from django.utils import timezone


@pytest.fixture
def functional_cookie_group(db):
    """The functional cookie group as the privacy app's data migration defines it (created if missing)."""
    from cookie_consent.models import Cookie, CookieGroup

    group, _ = CookieGroup.objects.get_or_create(
        varname="functional", defaults={"name": "Functional", "is_required": False}
    )
    for name in ("django_language", "dkz_compare"):
        Cookie.objects.get_or_create(cookiegroup=group, name=name, domain="")
    return group


def consent_value(group) -> str:
    """The `cookie_consent` cookie value django-cookie-consent writes when the group is accepted now."""
    return f"{group.varname}={timezone.now().isoformat()}"


@pytest.fixture
def consenting_client(client, functional_cookie_group):
    """A visitor who accepted functional cookies."""
    client.cookies["cookie_consent"] = consent_value(functional_cookie_group)
    return client


@pytest.fixture
def declining_client(client, functional_cookie_group):
    """A visitor who declined functional cookies."""
    client.cookies["cookie_consent"] = "functional=-1"
    return client
