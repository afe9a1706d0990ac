"""Demo enquiries for `make run`: a new one, one answered and awaiting the visitor, one closed.

Idempotent: each enquiry is found by its address and opening text; no email is sent.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from privacy.models import ConsentPurpose, PolicyVersion
from privacy.services import record_consent

from .forms import consent_wording
from .models import Enquiry, EnquiryMessage

DEMO_STAFF = "demo.staff@digitalkazakhstan.org"

ENQUIRIES = [
    {
        "name": "Айгерім Сәрсенова",
        "email": "aigerim.demo@example.kz",
        "company": "Qazaq Cloud LLP",
        "language": "kk",
        "days_ago": 1,
        "status": Enquiry.Status.NEW,
        "thread": [
            (
                "in",
                "Сәлеметсіз бе! Біздің компания қауымдастыққа мүше болғысы келеді. "
                "Аккредиттеу қанша уақыт алады?",
            ),
        ],
    },
    {
        "name": "Дмитрий Ковалёв",
        "email": "dmitry.demo@example.kz",
        "company": "Steppe Networks",
        "language": "ru",
        "days_ago": 6,
        "status": Enquiry.Status.AWAITING_VISITOR,
        "thread": [
            (
                "in",
                "Здравствуйте! Можно ли выступить на вашей рабочей группе по кибербезопасности?",
            ),
            (
                "out",
                "Добрый день! Да, конечно. Пришлите, пожалуйста, тему и примерную длительность доклада.",
            ),
        ],
    },
    {
        "name": "Emma Clarke",
        "email": "emma.demo@example.com",
        "company": "",
        "language": "en",
        "days_ago": 20,
        "status": Enquiry.Status.CLOSED,
        "thread": [
            ("in", "Hello, do you publish a list of member companies that build payment software?"),
            (
                "out",
                "Hello Emma, yes: the members directory can be filtered by category. Best regards.",
            ),
            ("in", "Found it, thank you!"),
        ],
    },
]


def _staff():
    user, created = get_user_model().objects.get_or_create(
        email=DEMO_STAFF, defaults={"full_name": "Demo Staff", "is_staff": True}
    )
    if created:
        user.set_unusable_password()  # the author of the demo replies; nobody logs in as them
        user.save(update_fields=["password"])
    return user


def _seed_one(spec, staff, now):
    opening = spec["thread"][0][1]
    start = now - timedelta(days=spec["days_ago"])
    enquiry, created = Enquiry.objects.get_or_create(
        email=spec["email"],
        message=opening,
        defaults={
            "name": spec["name"],
            "company": spec["company"],
            "language": spec["language"],
            "created_at": start,
            "last_contact_at": start,
        },
    )
    if not created:
        return False
    sent_at = start
    for index, (direction, body) in enumerate(spec["thread"]):
        sent_at = start + timedelta(hours=5 * index)
        EnquiryMessage.objects.create(
            enquiry=enquiry,
            direction=direction,
            body=body,
            author=staff if direction == "out" else None,
            sent_at=sent_at,
        )
    enquiry.status = spec["status"]
    enquiry.last_contact_at = sent_at
    enquiry.waiting_since = sent_at if spec["status"] == Enquiry.Status.NEW else None
    enquiry.closed_at = sent_at if spec["status"] == Enquiry.Status.CLOSED else None
    if PolicyVersion.objects.current() is not None:
        with translation.override(spec["language"]):
            wording = consent_wording()
        enquiry.consent = record_consent(
            email=spec["email"],
            purpose=ConsentPurpose.ENQUIRY_PROCESSING,
            wording=wording,
            source="demo",
            source_object=f"enquiry:{enquiry.pk}",
            language=spec["language"],
        )
    enquiry.save()
    return True


def seed(stdout):
    staff, now = _staff(), timezone.now()
    added = sum(_seed_one(spec, staff, now) for spec in ENQUIRIES)
    stdout.write(f"enquiries: {added} added, {len(ENQUIRIES) - added} already there")
