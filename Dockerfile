# Multi-stage: build wheels from the lock, then a slim runtime as a non-root user.
FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /build
COPY requirements.lock .
RUN python -m venv /venv && /venv/bin/pip install --require-hashes --no-deps -r requirements.lock

FROM python:3.11-slim AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends gettext curl fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 dkz
# The container listens on its private network; put a buffering proxy in front of it (deploy/nginx/dkz-site.conf:
# slow clients must never reach gunicorn's sync workers) and set TRUSTED_PROXY_COUNT=1 and FORWARDED_ALLOW_IPS.
ENV PATH="/venv/bin:$PATH" PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=dkz_site.settings.production STATIC_ROOT=/app/staticfiles \
    GUNICORN_BIND=0.0.0.0:8000
COPY --from=build /venv /venv
WORKDIR /app
COPY --chown=dkz:dkz . .
# Static files and translations are built into the image; the build needs throwaway values only.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput -v0 \
    && SECRET_KEY=build-only ALLOWED_HOSTS=localhost python manage.py compilemessages --ignore=/venv -v0 \
    && chown -R dkz:dkz /app
USER dkz
EXPOSE 8000
# One image, two roles: the web server (the default command) or a task-queue worker
# (`docker run -e DKZ_ROLE=worker IMAGE python manage.py run_worker`). Each role has its own health check.
ENV DKZ_ROLE=web
HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD if [ "$DKZ_ROLE" = worker ]; \
    then python manage.py worker_health; \
    else curl -fsS -H "Host: localhost" http://127.0.0.1:8000/healthz; fi || exit 1
CMD ["gunicorn", "dkz_site.wsgi:application", "--config", "gunicorn.conf.py", "--no-control-socket"]
