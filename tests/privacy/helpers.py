import re
from urllib.parse import urlsplit

from tests.queue import sent_mail

LINK = re.compile(r"https?://\S+/privacy/requests/(?:confirm|copy)/\S+/")


def links_in(message) -> list[str]:
    return [urlsplit(url).path for url in LINK.findall(message.body)]


def last_link(to: str) -> str:
    """The path of the last request link emailed to `to`."""
    for message in reversed(sent_mail()):
        if to in message.to and links_in(message):
            return links_in(message)[-1]
    raise AssertionError(f"no link emailed to {to}")


def submit(client, email, request_type, details="", purposes=(), language="en"):
    data = {"email": email, "request_type": request_type, "details": details}
    if purposes:
        data["purposes"] = list(purposes)
    return client.post(f"/{language}/privacy/requests/new/", data)


def confirm(client, email):
    """Open the emailed link (GET shows a button) and press it (POST)."""
    path = last_link(email)
    assert client.get(path).status_code == 200
    return client.post(path)
