"""The admin in the staff member's language with correct grammar; staff notices in the language of the account
that receives them."""

import json
import re
import subprocess
from pathlib import Path

import django
import pytest

from directory.models import Category
from enquiries import services as enquiry_services
from tests.accreditation.factories import ApplicationFactory
from tests.queue import sent_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def russian_staff(admin_client_trained, trained_staff):
    trained_staff.language = "ru"
    trained_staff.save(update_fields=["language"])
    return admin_client_trained


def test_the_admin_speaks_the_language_of_the_account(russian_staff):
    page = russian_staff.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Администрирование ассоциации" in page


def test_package_apps_and_models_have_translated_names(admin_client_trained):
    page = admin_client_trained.get("/admin/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    for english in (
        "Axes",
        "Otp_Totp",
        "Otp_Static",
        "Access attempts",
        "TOTP devices",
        "Access logs",
        "Task Results",
    ):
        assert english not in page, english
    assert "Кіру әрекеттері мен бұғаттаулар" in page


def test_a_list_is_headed_by_the_plural_and_counted_with_the_right_form(russian_staff):
    for _ in range(17):
        ApplicationFactory()
    page = russian_staff.get("/admin/accreditation/application/?all=").content.decode()
    assert "Выберите заявка" not in page and "17 заявки" not in page
    assert "<h1>Заявки" in page
    assert "17 записей" in page


# The add form itself, once its category is chosen (the first step only asks for the category).
_EQUIPMENT_FORM = f"/admin/directory/equipment/add/?category={Category.values[0]}"


def test_add_and_change_pages_name_the_model_after_a_colon(russian_staff):
    page = russian_staff.get(_EQUIPMENT_FORM).content.decode()
    assert "Добавление: " in page and "Добавить единица" not in page


def test_the_equipment_form_finds_members_as_staff_type(admin_client_trained):
    page = admin_client_trained.get(_EQUIPMENT_FORM).content.decode()
    assert 'class="admin-autocomplete' in page and 'name="member"' in page


def test_staff_notices_are_written_in_the_language_of_the_staff_mailbox(
    settings, django_user_model
):
    settings.STAFF_NOTIFICATION_EMAIL = "office@digitalkazakhstan.org"
    django_user_model.objects.create_user(
        email="office@digitalkazakhstan.org", password="x" * 20, is_staff=True, language="ru"
    )
    enquiry_services.submit_enquiry(
        name="Aigerim",
        email="aigerim@example.kz",
        company="",
        message="Сәлеметсіз бе!",
        language="kk",
        consent_wording="I agree.",
        technical={"client_ip": "203.0.113.9", "user_agent": "", "referrer": ""},
    )
    acknowledgement, notice = sent_mail()
    assert notice.to == ["office@digitalkazakhstan.org"]
    assert "обращение" in (notice.subject + notice.body).lower()
    assert acknowledgement.to == ["aigerim@example.kz"]


DJANGO_ADMIN_LOCALE = Path(django.__file__).parent / "contrib" / "admin" / "locale"


def _javascript_catalogue(client, **headers) -> dict:
    """The translations the admin's JavaScript reads (/admin/jsi18n/), as a dict."""
    script = client.get("/admin/jsi18n/", **headers).content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S).group(1))


def _django_admin_javascript_strings() -> list[str]:
    """Every string of Django's admin JavaScript, as its catalogue keys them ("context\x04msgid")."""
    po = subprocess.run(
        ["msgattrib", "--no-wrap", str(DJANGO_ADMIN_LOCALE / "en" / "LC_MESSAGES" / "djangojs.po")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    keys = []
    for context, msgid in re.findall(r'^(?:msgctxt "(.*)"\n)?msgid "(.+)"$', po, re.M):
        msgid = msgid.replace('\\"', '"')
        keys.append(f"{context}\x04{msgid}" if context else msgid)
    return keys


def test_the_admins_javascript_speaks_kazakh(admin_client_trained):
    """The calendar, the clock, the action bar's counter and the selector of many in Kazakh: Django's own kk
    catalogue leaves most of them in English; ours (locale/kk/LC_MESSAGES/djangojs.po) takes precedence."""
    catalogue = _javascript_catalogue(admin_client_trained, HTTP_ACCEPT_LANGUAGE="kk")
    strings = _django_admin_javascript_strings()
    assert len(strings) > 70
    untranslated = [key for key in strings if not catalogue.get(key)]
    assert untranslated == []
    assert catalogue["%(sel)s of %(cnt)s selected"] == ["%(cnt)s ішінен %(sel)s таңдалды"] * 2
    assert catalogue["Choose a Date"] == "Күнді таңдаңыз"
    assert catalogue["January"] == "Қаңтар"
    assert catalogue["one letter Monday\x04M"] == "Д"
    assert catalogue["Type into this box to filter down the list of available %s."] == (
        "Қолжетімді %s тізімін сүзу үшін осы өріске жазыңыз."
    )


def test_the_admins_javascript_in_russian_without_djangos_slips(russian_staff):
    catalogue = _javascript_catalogue(russian_staff)
    assert catalogue["January"] == "Январь"
    texts = json.dumps(catalogue, ensure_ascii=False)
    assert "отфитровать" not in texts and "и и " not in texts and "Ваше" not in texts


def test_the_admin_sidebar_and_messages_in_kazakh(admin_client_trained):
    page = admin_client_trained.get(
        "/admin/accreditation/application/", HTTP_ACCEPT_LANGUAGE="kk"
    ).content.decode()
    assert "Сүзу үшін жаза бастаңыз…" in page and "Start typing to filter" not in page
    assert "Toggle theme" not in page
