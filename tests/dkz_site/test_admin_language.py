"""The admin in the staff member's language with correct grammar; staff notices in the language of the account
that receives them."""

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
