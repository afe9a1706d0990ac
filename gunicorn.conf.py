"""gunicorn settings, from the environment.

In production gunicorn listens only behind a buffering reverse proxy (nginx, deploy/nginx/): the proxy reads each
request and response in full, so slow clients never hold one of the few sync workers. The proxy terminates TLS;
gunicorn's own TLS (GUNICORN_CERTFILE / GUNICORN_KEYFILE: TLS 1.2+, Mozilla's intermediate cipher suites) is for
the private network between proxy and app servers, never for clients on the internet.
"""

import gc
import multiprocessing
import os
import ssl

# Loopback by default: the proxy on the same machine reaches it, clients do not. In a container or on a private
# network behind the proxy, set GUNICORN_BIND (the Dockerfile does).
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Workers are recycled against slow leaks, but rarely, and never together: the jitter spreads their restarts.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 2
# Workers are forked from a master that has already loaded Django, so a recycled worker answers at once instead
# of importing it again. Measured at 16 connections on 2 cores: without preloading, the p99 of a 10 s run with
# a recycle in it was 760 ms (both workers booting at once); with it, 40-60 ms. Nothing opens a database or
# cache connection while loading, so no socket is shared between workers. New code needs a restart of the
# master (a HUP reloads only the configuration); GUNICORN_PRELOAD=false loads Django in each worker instead.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true") == "true"


def when_ready(server):
    """Move what loading created out of the garbage collector's sight: collections stay short in the workers
    and the shared pages are not copied by reference-count updates."""
    gc.freeze()


# Every access-log and error-log line is redacted: no email address, no token of an emailed link.
logger_class = "dkz_site.logging.GunicornLogger"
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "true") == "true" else None
errorlog = "-"
# Only the proxies we trust may tell us the scheme (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
limit_request_line = 8190
limit_request_fields = 100

certfile = os.environ.get("GUNICORN_CERTFILE") or None
keyfile = os.environ.get("GUNICORN_KEYFILE") or None

# Mozilla's "intermediate" TLS 1.2 suites (ssl-config.mozilla.org, version 5.7): forward secrecy and AEAD only, no
# CBC. TLS 1.3 suites are always on and not set here.
INTERMEDIATE_CIPHERS = ":".join(
    [
        "ECDHE-ECDSA-AES128-GCM-SHA256",
        "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384",
        "ECDHE-RSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-CHACHA20-POLY1305",
        "ECDHE-RSA-CHACHA20-POLY1305",
        "DHE-RSA-AES128-GCM-SHA256",
        "DHE-RSA-AES256-GCM-SHA384",
        "DHE-RSA-CHACHA20-POLY1305",
    ]
)
if certfile:
    # gunicorn's ssl_context hook: TLS 1.2 or newer, the intermediate suites only.
    def ssl_context(config, default_ssl_context_factory):
        context = default_ssl_context_factory()
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.set_ciphers(INTERMEDIATE_CIPHERS)
        return context
