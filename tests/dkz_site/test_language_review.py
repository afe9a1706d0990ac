"""The language review's findings, each pinned: Kazakh (K1-K27), Russian (R1-R20), terms, dates and formats.

Each row names the finding and what the reader now sees; the catalogue checks after it keep whole classes of
mistakes out (a suffix after a placeholder, a date followed by a postposition, English words, a second term).
"""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext, ngettext, pgettext

from accreditation.admin import OpenStateFilter, PaymentFilter
from accreditation.models import Membership
from dkz_site import dates
from dkz_site.forms import TOO_LONG
from enquiries.models import Enquiry
from privacy.models import RequestState
from privacy.subject_requests.admin import DeadlineFilter, RefusalForm

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def translated(language, msgid, context=None):
    with translation.override(language):
        return pgettext(context, msgid) if context else gettext(msgid)


@pytest.mark.parametrize(
    ("finding", "language", "context", "msgid", "expected"),
    [
        ("K1", "kk", None, "Access denied", "Қол жеткізуге тыйым салынған"),
        (
            "K2",
            "kk",
            None,
            "%(days)d working day overdue",
            "мерзімі өткеніне %(days)d жұмыс күні болды",
        ),
        ("K3", "kk", None, "skipped: another run was in progress", "өткізіп жіберілді"),
        (
            "K4",
            "kk",
            None,
            "More than %(limit)s items found",
            "Табылған жабдық саны %(limit)s шегінен асады",
        ),
        (
            "K5",
            "kk",
            None,
            "More than %(limit)s members found",
            "Табылған мүшелер саны %(limit)s шегінен асады",
        ),
        ("K8", "kk", None, "Resident legal entity", "Резидент заңды тұлға"),
        ("K8", "kk", None, "Non-resident legal entity", "Бейрезидент заңды тұлға"),
        ("K10", "kk", None, "The form.", "Форма."),
        ("K10", "kk", None, "object", "келісім нысанасы"),
        (
            "K14",
            "kk",
            None,
            "As you asked, we have withdrawn your consent to:",
            "мына мақсаттарға берген",
        ),
        ("K15", "kk", None, "announced", "хабарланды"),
        ("K15", "kk", None, "Announced", "Хабарланған"),
        ("K16", "kk", None, "retention run", "сақтау ережелерін орындау"),
        ("K17", "kk", None, "copy link expires", "көшірме сілтемесінің жарамдылық мерзімі"),
        ("K18", "kk", None, "address unblocked", "мекенжай бұғаттан шығарылды"),
        (
            "K18",
            "kk",
            None,
            "As you asked, the block on your data is lifted.",
            "бұғаттан шығарылды",
        ),
        ("K23", "kk", None, "Nothing held.", "Ештеңе сақталмаған."),
        (
            "K24",
            "kk",
            None,
            "Your request %(reference)s is refused",
            "сұрауыңызды орындаудан бас тартылды",
        ),
        ("K25", "kk", None, "In force since:", "Қолданысқа енген күні:"),
        ("K26", "kk", None, "3D printers", "3D-принтерлер"),
        ("R3", "ru", "membership status", "active", "действует"),
        ("R4", "ru", None, "reviewer", "проверяющий сотрудник"),
        ("R5", "ru", None, "Awaiting visitor", "Ожидает ответа посетителя"),
        ("R6", "ru", None, "Measured from", "Начало отсчёта"),
        ("R6", "ru", "retention starting point", "end of membership", "окончание членства"),
        (
            "R6",
            "ru",
            "retention starting point",
            "end of the year the record relates to",
            "окончание года, к которому относится документ",
        ),
        ("R6", "ru", "retention starting point", "decision", "решение"),
        ("R6", "ru", "retention starting point", "received", "получение запроса"),
        ("R6", "ru", "retention starting point", "closed", "закрытие запроса"),
        ("R6", "ru", "retention starting point", "lifted", "снятие блокировки"),
        ("R6", "ru", "retention starting point", "prepared", "подготовка копии"),
        ("R8", "ru", None, "retention run", "запуск очистки по срокам хранения"),
        ("R11", "ru", None, "Abai Region", "область Абай"),
        ("R11", "ru", None, "Zhetysu Region", "область Жетісу"),
        ("R11", "ru", None, "Ulytau Region", "область Ұлытау"),
        ("R12", "ru", None, "Members directory", "Каталог членов ассоциации"),
        ("R12", "ru", None, "member", "член ассоциации"),
        ("R12", "ru", None, "Members", "Члены ассоциации"),
        ("R15", "ru", "data-subject requests filter", "Due soon", "Срок истекает"),
        ("R15", "ru", None, "Data-subject requests due soon", "срок по которым скоро истекает"),
        (
            "R17",
            "ru",
            None,
            "Keeps staff signed in to the administration. For visitors, it carries a one-time "
            "confirmation (for example, that your cookie choice was saved) to the next page and is "
            "deleted as soon as that page is shown.",
            "сеанс сотрудника в панели",
        ),
        ("R18", "ru", None, "blocked at", "дата блокировки"),
        ("R18", "ru", None, "given at", "дата согласия"),
        ("R18", "ru", None, "withdrawn at", "дата отзыва"),
        ("R18", "ru", None, "ended early on", "дата досрочного прекращения"),
        ("R20", "ru", "data-subject request", "reference number", "номер запроса"),
        ("R20", "ru", None, "reference number", "номер заявки"),
        ("user agent", "kk", None, "user agent", "браузер деректері (User-Agent)"),
        ("user agent", "ru", None, "user agent", "данные браузера (User-Agent)"),
        ("referrer", "kk", None, "page you came from (referrer)", "сіз келген бет (Referer)"),
        (
            "referrer",
            "ru",
            None,
            "page you came from (referrer)",
            "страница, с которой вы перешли (Referer)",
        ),
    ],
)
def test_review_finding_is_corrected(finding, language, context, msgid, expected):
    assert expected in translated(language, msgid, context), finding


@pytest.mark.parametrize(
    ("language", "prefix", "expected"),
    [
        # K9: anonymised, not "ownerless".
        (
            "kk",
            "Anonymous: they no longer identify anyone",
            "Иесіздендірілген: енді ешкімді сәйкестендірмейді",
        ),
        # K11, K12: one word for a web form and for the directory.
        ("kk", "We could not understand this request.", "форманы тексеріп"),
        ("kk", "From now on your data is blocked", "каталогта көрсетпейміз"),
        # K19, R9: "for" the next visit, not "until" it.
        ("kk", "Remember your language for the next visit", "Келесі жолы кіргеніңізде"),
        ("ru", "Remember your language for the next visit", "для следующего визита"),
        # The banner no longer speaks of the next visit; it keeps "with your permission", never "until".
        ("ru", "With your permission we keep your language", "С вашего разрешения мы сохраняем"),
        ("ru", "With your permission we keep your language", "язык и корзину сравнения"),
        # K20: a date never takes a missing case suffix.
        ("kk", "The membership runs from", "Мүшелік мерзімі: %(starts)s – %(ends)s."),
        ("kk", "Our staff will handle it by %(due)s", "%(due)s ж. кешіктірмей"),
        (
            "kk",
            "The membership of %(company)s in the Digital Kazakhstan association",
            "%(ends)s ж. аяқталады",
        ),
        # R13: the deadline day is included.
        ("ru", "Our staff will handle it by %(due)s", "не позднее %(due)s"),
        # R14: the refusal's help text explains the right of appeal.
        (
            "ru",
            "Emailed to the subject, with an explanation",
            "с разъяснением права обжаловать отказ",
        ),
        # R19: the legal formula of consent, as on the accreditation form.
        (
            "ru",
            "I agree that Digital Kazakhstan processes",
            "Я даю согласие НКО «Digital Kazakhstan» на обработку",
        ),
        # K27: the association's name in guillemets.
        ("kk", "I consent to Digital Kazakhstan NPO", "«Digital Kazakhstan» КЕҰ-ның"),
        # K6, K7: a suffix after an abbreviation or a digit ordinal.
        ("kk", "A company with this BIN is already", "БСН-і бар компания"),
        ("kk", "Digits 3 and 4 of a BIN", "3- және 4-цифрлары"),
        ("kk", "Digit 5 of a BIN", "5-цифры"),
    ],
)
def test_review_sentence_is_corrected(language, prefix, expected):
    catalogue = _catalogue(language)
    matches = [msgstr for msgid, msgstr in catalogue.items() if msgid.startswith(prefix)]
    assert matches, prefix
    assert all(expected in msgstr for msgstr in matches), matches


def test_r1_r2_one_english_word_three_genders():
    with translation.override("ru"):
        assert [str(label) for _, label in OpenStateFilter.lookups(None, None, None)] == [
            "Открытые",
            "Закрытые",
        ]
        assert [str(label) for _, label in PaymentFilter.lookups(None, None, None)] == [
            "Неоплаченные",
            "Просроченные",
            "Оплаченные",
        ]
        assert str(RequestState.OPEN.label) == "Открыт"
        assert str(Enquiry.Status.CLOSED.label) == "Закрыто"
        assert [str(label) for _, label in DeadlineFilter.lookups(None, None, None)][
            0
        ] == "Просроченные"


@pytest.mark.django_db
def test_r3_membership_state_is_not_a_user_flag():
    today = datetime.date.today()
    member = Membership(starts_on=today, ends_on=today + datetime.timedelta(days=30))
    with translation.override("ru"):
        assert member.status == "действует"
        assert str(Membership._meta.get_field("company_name").verbose_name) == "название компании"
    with translation.override("kk"):
        assert member.status == "күшінде"


@pytest.mark.parametrize(
    ("years", "expected"),
    [(1, "1 год после"), (3, "3 года после"), (5, "5 лет после"), (21, "21 год после")],
)
def test_r7_years_agree_with_the_number(years, expected):
    with translation.override("ru"):
        text = ngettext(
            "%(years)s year after each request is closed",
            "%(years)s years after each request is closed",
            years,
        ) % {"years": years}
    assert text.startswith(expected)


@pytest.mark.parametrize(
    ("limit", "expected"), [(1, "до 1 символа"), (100, "до 100 символов"), (21, "до 21 символа")]
)
def test_numbers_before_nouns_take_plural_forms(limit, expected):
    with translation.override("ru"):
        assert expected in TOO_LONG % {"limit_value": limit, "show_value": limit + 1}


def _catalogue(language) -> dict[str, str]:
    """msgid -> msgstr (plural forms joined) of the committed catalogue, contexts dropped."""
    entries = {}
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    for block in text.split("\n\n")[1:]:
        fields = {}
        current = None
        for line in block.splitlines():
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        msgid = fields.get("msgid", "")
        msgstr = " | ".join(value for key, value in fields.items() if key.startswith("msgstr"))
        if msgid:
            entries[msgid.replace('\\"', '"')] = msgstr.replace('\\"', '"').replace("\\n", "\n")
    return entries


# Case and possessive endings; "%(number)s-бет" (page 5) is an ordinal before its noun, which is right.
PLACEHOLDER_SUFFIX = re.compile(
    r"%\(\w+\)[sd]-(?:[гкғқ][аеә]|[аеә]|[ндт][аеә]|н?[дт][аеә]н|[ндт][еа]н|[ндт][ыі]ң|[сш]?[ыі]|[ыі]?н[шщ][ыі]|"
    r"[мбп]ен|[лдт][ае]р)(?![а-яәғқңөұүһі])"
)
DATE_PLACEHOLDER = r"%\((?:starts|ends|due|until|expires|date|completed|generated|when)\)s"
# Words that need the date in a case the numeric date cannot show (dative, ablative, locative).
KAZAKH_POSTPOSITION_AFTER_DATE = re.compile(
    DATE_PLACEHOLDER
    + r"\s+(?:дейін|бастап|кейін|соң|бері|өзгереді|аяқталады|басталады|енеді|дайындалды|"
    r"жұмыс істейді|қолданылған)"
)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_no_suffix_is_hard_coded_after_a_placeholder(language):
    """A number's or an abbreviation's suffix depends on how it is read: never glued to a placeholder."""
    offending = [s for s in _catalogue(language).values() if PLACEHOLDER_SUFFIX.search(s)]
    assert offending == []


def test_no_kazakh_date_is_followed_by_a_word_that_needs_its_case():
    """K20: "03.12.2026 дейін" lacks its suffix; write "03.12.2026 ж. дейін" or put the date after a colon."""
    offending = [
        s
        for s in _catalogue("kk").values()
        if KAZAKH_POSTPOSITION_AFTER_DATE.search(re.sub(r"<[^>]+>", "", s))
    ]
    assert offending == []


@pytest.mark.parametrize(
    ("language", "forbidden"),
    [
        ("ru", r"\b[Уу]частник"),  # R12: members of an association are "члены"
        ("ru", r"\bадминк"),  # one name for the staff admin: "панель администратора"
        ("ru", r"user agent|referrer"),  # R16
        ("kk", r"user agent|referrer"),  # K22
        ("kk", r"анықтамалық"),  # K12: the directory is "каталог"
        # K12 too: "тізілім" is a register (of processors), not the members' catalogue.
        ("kk", r"(?:мүшелер |: |^)тізілім|тізілім(?:ге|де|нен)\b"),
        # R13: a last day is included ("по … включительно", "не позднее"); a link's expiry is a moment ("до").
        ("ru", r"(?:Оплатить|^Действует|Член ассоциации|срок действует) до %\("),
        ("kk", r"позиция"),  # K4: the catalogue's items are "жабдық"
        ("kk", r"БСН-ы\b"),  # K6
        ("kk", r"(?<!«)Digital Kazakhstan(?!») (?:қауымдастығ|КЕҰ)"),  # K27
        ("ru", r"(?:ассоциаци\w*|НКО) Digital Kazakhstan(?!»)"),
        ("kk", r"байланыс тұлғасы"),  # the published Kazakh policy says "байланыс жасайтын тұлға"
        ("kk", r"Цифрлық даму министрлігі"),  # K21
        ("ru", r"Министерство цифрового развития"),  # R10
    ],
)
def test_one_term_per_concept(language, forbidden):
    offending = [s for s in _catalogue(language).values() if re.search(forbidden, s)]
    assert offending == []


def test_kazakh_dates_put_the_year_first_with_lowercase_months():
    day = datetime.date(2026, 12, 3)
    with translation.override("kk"):
        assert formats.date_format(day, "YEAR_MONTH_FORMAT") == "2026 жылғы желтоқсан"
        assert formats.date_format(day, "MONTH_DAY_FORMAT") == "3 желтоқсан"
        assert formats.date_format(day) == "03.12.2026"
        assert dates.long_date(day) == "2026\u00a0жылғы\u00a03\u00a0желтоқсан"
        assert [
            dates.long_date(datetime.date(2026, m, 1)).split("\u00a0")[-1] for m in (1, 5, 8)
        ] == [
            "қаңтар",
            "мамыр",
            "тамыз",
        ]
    with translation.override("ru"):
        assert dates.long_date(day) == "3\u00a0декабря\u00a02026\u00a0г."
        assert formats.date_format(day, "YEAR_MONTH_FORMAT") == "Декабрь 2026 г."
    with translation.override("en"):
        assert dates.long_date(day) == "3\u00a0December\u00a02026"


@pytest.mark.parametrize(
    ("language", "name"),
    [
        (
            "en",
            "Ministry of Artificial Intelligence and Digital Development of the Republic of Kazakhstan",
        ),
        ("ru", "Министерство искусственного интеллекта и цифрового развития Республики Казахстан"),
        ("kk", "Қазақстан Республикасының Жасанды интеллект және цифрлық даму министрлігі"),
    ],
)
def test_p22_the_authority_has_its_current_official_name(language, name):
    with translation.override(language):
        assert str(settings.PRIVACY_COMPLAINT_AUTHORITY) == name
        # The admin's refusal form tells staff which authority the reply names.
        assert name in str(RefusalForm().fields["reason"].help_text)


def test_bin_digit_6_is_named_as_the_rules_name_it():
    with translation.override("ru"):
        text = gettext(
            "Digit 6 of a BIN is the kind of unit (0 head office, 1 branch, 2 representative office, "
            "3 peasant farm) and must be 0, 1, 2 or 3, not %(digit)s."
        )
    assert text.startswith("Цифра 6 БИН обозначает вид подразделения (0 — головное подразделение")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "citation"),
    [("en", "arts. 8 and 25"), ("ru", "ст. 8 и 25"), ("kk", "8 және 25-баптары")],
)
def test_p20_kept_consent_records_cite_the_duty_to_prove_consent(language, citation):
    """Art. 8 governs consent; the operator's duty to prove it was obtained is art. 25."""
    from privacy.subject_requests.provider import PrivacyProvider
    from tests.privacy.factories import ConsentRecordFactory

    ConsentRecordFactory(email="subject@example.kz")
    with translation.override(language):
        report = PrivacyProvider().erase("subject@example.kz", dry_run=True)
    assert any(citation in kept.reason for kept in report.kept), report.kept
