import pytest


@pytest.fixture(autouse=True)
def _cookie_groups(db):
    """The cookie groups of the privacy app's data migration, whatever an earlier test flushed."""
    from cookie_consent.models import Cookie, CookieGroup

    from privacy.cookies import install_cookie_groups

    install_cookie_groups(CookieGroup, Cookie)
