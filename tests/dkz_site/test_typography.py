"""Running text kept together where a line must not split it (dkz_site.typography), and the pages that use it."""

import pytest

from dkz_site.typography import keep_together
from privacy.models import PolicyVersion

NBSP = "\u00a0"


def nowrap(text: str) -> str:
    return f'<span class="nowrap">{text}</span>'


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # A number with the suffix or range a hyphen or dash joins to it.
        ("5-бөлімде уәкілетті орган", f"{nowrap('5-бөлімде')} уәкілетті орган"),
        ("Заңның 8-бабы", f"Заңның {nowrap('8-бабы')}"),
        ("Закона № 94-V", f"Закона №{NBSP}{nowrap('94-V')}"),
        ("Пн–пт, 09:00–18:00", f"Пн–пт, {nowrap('09:00–18:00')}"),
        # A number with the word it counts.
        ("және 5 жылдың", f"және 5{NBSP}жылдың"),
        ("до 3 лет с момента", f"до 3{NBSP}лет с{NBSP}момента"),
        # An abbreviation with what it abbreviates.
        ("(ст. 8 Закона)", f"(ст.{NBSP}8{NBSP}Закона)"),
        ("ул. Кунаева, 12/1, Астана", f"ул.{NBSP}Кунаева, 12/1, Астана"),
        ("Қонаев к-сі, 12/1, Астана қ.", f"Қонаев{NBSP}{nowrap('к-сі')}, 12/1, Астана{NBSP}қ."),
        # A one-letter Russian word with the word after it.
        ("Казахстан. В остальном", f"Казахстан. В{NBSP}остальном"),
        # The association's name.
        ("офис «Digital Kazakhstan»", f"офис «Digital{NBSP}Kazakhstan»"),
        # English reads as it did, apart from the name and numbers with their words.
        ("Kunaev str. 12/1, Astana", "Kunaev str. 12/1, Astana"),
        ("kept 5 years", f"kept 5{NBSP}years"),
    ],
)
def test_what_a_line_must_not_split_is_kept_together(text, kept):
    assert keep_together(text) == kept


def test_text_is_escaped_first_and_entities_are_left_alone():
    assert keep_together("<b>5-бөлім</b> it's 5 o'clock") == (
        f"&lt;b&gt;{nowrap('5-бөлім')}&lt;/b&gt; it&#x27;s 5{NBSP}o&#x27;clock"
    )


@pytest.mark.django_db
def test_the_policy_keeps_numbers_and_the_name_whole_and_its_addresses_are_links(client):
    PolicyVersion.objects.filter(label="2026-05-14").update(
        body_kk="Саясат\n\n8. Байланыс\n\n  • 5-бөлімде: info@digitalkazakhstan.org",
        summary_kk="5-бөлімде уәкілетті органның атауы көрсетілді.",
    )
    html = client.get("/kk/privacy/").content.decode()
    assert (
        f'<li>{nowrap("5-бөлімде")}: <a href="mailto:info@digitalkazakhstan.org">'
        "info@digitalkazakhstan.org</a></li>"
    ) in html
    assert f"{nowrap('5-бөлімде')} уәкілетті" in html
    assert f"«Digital{NBSP}Kazakhstan» қауымдастығының кеңсесі" in html  # the postal address
