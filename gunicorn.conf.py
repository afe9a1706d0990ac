"""gunicorn settings, from the environment. TLS: either a proxy terminates it (TRUSTED_PROXY_COUNT > 0),
or gunicorn does with GUNICORN_CERTFILE / GUNICORN_KEYFILE (TLS 1.2 at least)."""

import multiprocessing
import os
import ssl

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# A recycled worker loads Django again (1-2 s of CPU): at 2,000 requests that was every 10 s per worker at
# benchmark load, with timeouts while it booted. Still recycled, against slow leaks, but rarely.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "true") == "true" else None
errorlog = "-"
# Only the proxies we trust may tell us the scheme (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
limit_request_line = 8190
limit_request_fields = 100

certfile = os.environ.get("GUNICORN_CERTFILE") or None
keyfile = os.environ.get("GUNICORN_KEYFILE") or None
if certfile:
    # gunicorn's ssl_context hook lets us require TLS 1.2 or newer.
    def ssl_context(config, default_ssl_context_factory):
        context = default_ssl_context_factory()
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        return context
