"""Log lines never carry an email address in clear, nor a secret token (the key of an emailed link).

Every line the site writes goes through `redact`: Django's logging (the `redact` filter on the stdout handler, which
also rewrites tracebacks) and gunicorn's error and access logs (`GunicornLogger`, named in gunicorn.conf.py).

- Email addresses, plain or URL-encoded (`a%40b.kz`), become `a***@b.kz`.
- Signed values (django.core.signing, `payload:timestamp:signature`, also with `%3A`) become `[token]`: every
  emailed link of the site carries one, in its path or in a `next` parameter.
- A path segment that a URL pattern names `token` (`<str:token>`) becomes `[token]`, whatever it looks like. Name
  the secret part of any new link's URL `token` and it is masked here too.
"""

from __future__ import annotations

import logging
import re

from gunicorn.glogging import Logger

EMAIL = re.compile(r"[\w.+-]+(@|%40)[\w-]+(\.[\w-]+)+", re.IGNORECASE)
SIGNED = re.compile(
    r"\.?[A-Za-z0-9_-]+(?::|%3A)[A-Za-z0-9]+(?::|%3A)[A-Za-z0-9_-]{20,}", re.IGNORECASE
)
PATH = re.compile(r"/[A-Za-z0-9._~%!$&'()*+,;=:@/-]+")
TOKEN = "[token]"
TOKEN_KWARGS = frozenset({"token"})


def mask_email(match: re.Match) -> str:
    at = match.group(1)
    local, _, domain = match.group(0).partition(at)
    return f"{local[:1]}***{at}{domain}"


def _mask_url_tokens(match: re.Match) -> str:
    path = match.group(0)
    from django.apps import apps

    if not apps.ready:
        return path
    from django.urls import Resolver404, resolve
    from django.utils import translation

    # Language-prefixed URLs resolve only under their own language.
    language = translation.get_language_from_path(path) or translation.get_language()
    try:
        with translation.override(language):
            found = resolve(path.partition("?")[0])
    except (Resolver404, ValueError):
        return path
    for name, value in found.kwargs.items():
        if name in TOKEN_KWARGS and isinstance(value, str) and value:
            path = path.replace(value, TOKEN)
    return path


def redact(text: str) -> str:
    """`text` with email addresses masked and secret tokens replaced."""
    if not text:
        return text
    text = SIGNED.sub(TOKEN, text)
    text = PATH.sub(_mask_url_tokens, text)
    if "@" in text or "%40" in text.upper():
        text = EMAIL.sub(mask_email, text)
    return text


class RedactPersonalData(logging.Filter):
    """Rewrites a record's message, traceback and stack before any handler formats it."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a malformed call still gets logged, as its bare format string
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class GunicornLogger(Logger):
    """gunicorn's logger with every access-log and error-log line redacted (gunicorn.conf.py: logger_class)."""

    def __init__(self, cfg):
        super().__init__(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(existing, RedactPersonalData) for existing in log.filters):
                log.addFilter(RedactPersonalData())
