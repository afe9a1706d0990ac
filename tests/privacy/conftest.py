import pytest


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    """Access packages go to a throw-away folder, never the real var/private."""
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    return settings.PRIVATE_FILES_ROOT
