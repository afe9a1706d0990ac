"""The test suite: the database from DATABASE_URL if set, else SQLite; fast hashing; mail to the outbox."""

from .base import *  # noqa: F403
from .base import env
from .caches import site_caches

DEBUG = False
SECRET_KEY = "test-key-not-for-production-0123456789-abcdefghijklmnopqrstuvwxyz"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = site_caches(
    env.cache("TEST_CACHE_URL", default="locmemcache://dkz-test"),
    socket_timeout=CACHE_SOCKET_TIMEOUT,  # noqa: F405
)
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
