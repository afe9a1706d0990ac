"""Production settings plus what the benchmark needs to see: a query-count header and a bare baseline view."""

from dkz_site.settings.production import *  # noqa: F403
from dkz_site.settings.production import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.QueryCountHeader", *MIDDLEWARE]
