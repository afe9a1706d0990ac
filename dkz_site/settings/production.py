"""Production: refuses to start without SECRET_KEY and ALLOWED_HOSTS; HTTPS only.

Works both behind a TLS-terminating proxy (TRUSTED_PROXY_COUNT > 0) and with gunicorn terminating TLS itself.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set the ALLOWED_HOSTS environment variable.")

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
COOKIE_CONSENT_SECURE = True
CABINET_COOKIE_SECURE = True
ADMIN_2FA_REQUIRED = env.bool("ADMIN_2FA_REQUIRED", default=True)

TEMPLATES[0]["APP_DIRS"] = False  # noqa: F405
TEMPLATES[0]["OPTIONS"]["loaders"] = [  # noqa: F405
    (
        "django.template.loaders.cached.Loader",
        [
            "django.template.loaders.filesystem.Loader",
            "django.template.loaders.app_directories.Loader",
        ],
    )
]
# Load balancers probe /healthz over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# django-ratelimit knows django-redis only by name: its counters go through dkz_site.cache.RateLimitCounters,
# which uses django-redis and falls back to the database while Redis is away.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
