"""What RFC 4287 requires of an Atom feed, checked on a document: used by the feeds' tests."""

import re
from urllib.parse import urlsplit

from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
TEXT_TYPES = {None, "text", "html", "xhtml"}


def _one(parent, name, where):
    found = parent.findall(ATOM + name)
    assert len(found) == 1, f"{where}: atom:{name} must appear exactly once, found {len(found)}"
    return found[0]


def _check_text(element, where):
    assert element.get("type") in TEXT_TYPES, f"{where}: bad type {element.get('type')!r}"
    assert (element.text or "").strip(), f"{where}: empty {element.tag}"


def _check_date(element, where):
    assert RFC3339.match(element.text or ""), f"{where}: {element.text!r} is not an RFC 3339 date"


def _check_iri(text, where):
    parts = urlsplit(text or "")
    assert parts.scheme in {"http", "https", "tag", "urn"}, (
        f"{where}: {text!r} is not an absolute IRI"
    )


def validate_atom(body: bytes) -> etree._Element:
    """Parse `body` and assert it is a valid Atom 1.0 feed; return the root for further checks."""
    root = etree.fromstring(body)
    assert root.tag == ATOM + "feed", root.tag
    assert root.get(XML_LANG), "the feed states its language"
    _check_iri(_one(root, "id", "feed").text, "feed id")
    _check_text(_one(root, "title", "feed"), "feed title")
    _check_date(_one(root, "updated", "feed"), "feed updated")
    links = root.findall(ATOM + "link")
    assert any(link.get("rel") == "self" for link in links), "feed: a rel=self link"
    for link in links:
        _check_iri(link.get("href"), "feed link")
    feed_has_author = bool(root.findall(ATOM + "author"))
    for author in root.findall(ATOM + "author"):
        _one(author, "name", "feed author")
    ids = []
    for number, entry in enumerate(root.findall(ATOM + "entry"), start=1):
        where = f"entry {number}"
        entry_id = _one(entry, "id", where).text
        _check_iri(entry_id, f"{where} id")
        ids.append(entry_id)
        _check_text(_one(entry, "title", where), f"{where} title")
        _check_date(_one(entry, "updated", where), f"{where} updated")
        for published in entry.findall(ATOM + "published"):
            _check_date(published, f"{where} published")
        assert feed_has_author or entry.findall(ATOM + "author"), f"{where}: no author anywhere"
        alternates = [
            link for link in entry.findall(ATOM + "link") if link.get("rel") in (None, "alternate")
        ]
        content = entry.findall(ATOM + "content")
        assert alternates or content, f"{where}: needs content or an alternate link"
        for link in alternates:
            _check_iri(link.get("href"), f"{where} link")
        for element in entry.findall(ATOM + "summary") + content:
            assert element.get("type") in TEXT_TYPES, f"{where}: bad type"
    assert len(ids) == len(set(ids)), "entry ids are unique"
    return root


def entries(root) -> list[dict]:
    return [
        {
            "title": entry.find(ATOM + "title").text,
            "link": entry.find(ATOM + "link").get("href"),
            "summary": getattr(entry.find(ATOM + "summary"), "text", None),
            "content": getattr(entry.find(ATOM + "content"), "text", None),
        }
        for entry in root.findall(ATOM + "entry")
    ]
