import pytest


@pytest.fixture
def contact_data():
    return {
        "name": "Aigerim Nurlanovna",
        "email": "Aigerim@Example.kz",
        "company": "Qazaq Soft LLP",
        "message": "Hello! How does a company join the association?",
        "consent": "on",
        "website": "",
    }
