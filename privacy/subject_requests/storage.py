"""Where access packages live: a folder the web server never serves (PRIVATE_FILES_ROOT)."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    # Built on each call so that tests (and deployments) can point PRIVATE_FILES_ROOT elsewhere.
    return FileSystemStorage(location=settings.PRIVATE_FILES_ROOT, base_url=None)


def remove_file(name: str) -> bool:
    """Delete a stored package; True if a file was there."""
    if not name:
        return False
    storage = private_storage()
    if storage.exists(name):
        storage.delete(name)
        return True
    return False
