"""What the fuzz tests feed the public forms and list pages, and what they check on every answer.

Values are what a browser, a bot or a hand-edited URL can send: any Unicode text (surrogates cannot travel
in UTF-8, so not those), control characters, NUL bytes, very long values, numbers and words where a choice or
a tick box is expected, and the same field sent several times (a QueryDict list).
"""

import html
import re
from urllib.parse import urlsplit

from django.test import Client
from django.utils import translation
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# A few examples per test, no per-example deadline (a page render varies on a shared machine); the `db`
# and `settings` fixtures are shared by every example on purpose: each example counts rows before and after.
fuzz_settings = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

LANGUAGES = st.sampled_from(["kk", "ru"])
UNICODE = st.characters(exclude_categories=("Cs",))
CONTROL = st.one_of(
    st.characters(min_codepoint=0, max_codepoint=0x1F),
    st.sampled_from(["\x7f", "\x85", "\u200b", "\u202e", "\u2028", "\ufeff", "\ufffe"]),
)
SHORT_TEXT = st.text(UNICODE, max_size=30)

nasty_text = st.one_of(
    SHORT_TEXT,
    st.text(st.one_of(CONTROL, UNICODE), max_size=20),
    st.tuples(SHORT_TEXT, SHORT_TEXT).map(lambda parts: f"{parts[0]}\x00{parts[1]}"),
    st.tuples(st.text(UNICODE, min_size=1, max_size=4), st.integers(60, 2500)).map(
        lambda repeat: repeat[0] * repeat[1]
    ),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(
        ["", " ", "on", "off", "true", "false", "None", "null", "[]", "{}", "-1", "0", "1e309"]
    ),
    st.sampled_from(
        ["a@b", "@example.kz", "x@example.kz\x00", "é@例え.jp", "a" * 250 + "@example.kz"]
    ),
)


def field_value(valid=None):
    """A nasty value, a list of them (the field sent twice or more), or - when given - a valid one."""
    choices = [nasty_text, st.lists(nasty_text, min_size=2, max_size=3)]
    if valid is not None:
        choices.insert(0, valid)
    return st.one_of(*choices)


def form_data(fields: dict):
    """POST data: each field valid, nasty or missing, so that some submissions fail on one field only."""
    return st.fixed_dictionaries(
        {}, optional={name: field_value(valid) for name, valid in fields.items()}
    )


def fuzz_client() -> Client:
    """A client that answers a server error as a 500 response (kept in exc_info) instead of raising."""
    return Client(raise_request_exception=False)


def assert_no_server_error(response):
    if response.status_code >= 500:
        exc_info = getattr(response, "exc_info", None)
        if exc_info and exc_info[1] is not None:
            raise AssertionError(f"server error {response.status_code}") from exc_info[1]
        raise AssertionError(f"server error {response.status_code}")


def assert_local_redirect(response):
    """A redirect never leaves the site, whatever `next` said."""
    assert response.status_code == 302
    assert urlsplit(response["Location"]).netloc in ("", "testserver"), response["Location"]


ERROR_LIST = re.compile(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', re.S)
ERROR_ITEM = re.compile(r"<li>(.*?)</li>", re.S)


def errors_on_page(response) -> list[str]:
    """The error messages the visitor reads on the page (Django's error lists, as rendered)."""
    content = response.content.decode()
    return [
        html.unescape(item)
        for block in ERROR_LIST.findall(content)
        for item in ERROR_ITEM.findall(block)
    ]


def assert_errors_translated(response, form_class, data, **form_kwargs):
    """Each error the visitor read differs from what the same data gives in English (the source text).

    The form is bound again in English with the same data; a message found in both is a missing translation.
    """
    shown = errors_on_page(response)
    assert shown, "an invalid submission must say on the page what is wrong"
    with translation.override("en"):
        english_form = form_class(data, **form_kwargs)
        english_form.is_valid()
        english = {str(m) for errors in english_form.errors.values() for m in errors}
    untranslated = [message for message in shown if message in english]
    assert not untranslated, f"English error messages on a Kazakh or Russian page: {untranslated}"
