"""Signing in as a representative, the way a browser does: ask for the link, open it, press the button."""

import re

from django.conf import settings

from tests.queue import sent_mail

LINK = re.compile(r"https?://\S+/cabinet/sign-in/[^/\s]+/")


def ask_for_link(client, email, language="en", **extra):
    return client.post(f"/{language}/cabinet/sign-in/", {"email": email}, **extra)


def links_in(message) -> list[str]:
    return [url.removeprefix(settings.SITE_URL) for url in LINK.findall(message.body)]


def last_link(email) -> str:
    email = email.lower()
    messages = [m for m in sent_mail() if email in m.to]
    assert messages, f"no email to {email}"
    return links_in(messages[-1])[0]


def sign_in(client, email, language="en"):
    """Signs `client` in to the first membership `email` represents; returns the cabinet's response."""
    ask_for_link(client, email, language)
    response = client.post(last_link(email))
    assert response.status_code == 302, response.content
    return client.get(response["Location"])
