"""Demo accreditation data for `make run`: applications in each state, members approved through the
workflow, and their invoices, issued from the association's fee tariff on approval (the reviewer enters the
headcount). Idempotent: keyed on the BIN, nothing is created twice.

The directory's own demo (directory/demo.py) creates the many listed members; these are the few that
show the review workflow end to end. No email leaves the machine: what the workflows queue is discarded.
"""

from django.contrib.auth import get_user_model
from django.utils import timezone

from outbox.demo_mail import mail_discarded
from privacy.models import PolicyVersion

from . import services
from .bin import compute_check_digit
from .models import Application, ApplicationState
from .regions import Region

S = ApplicationState
REVIEWER_EMAIL = "reviewer@digitalkazakhstan.org"
PAID = {"Nomad Payments JSC", "Көкше Агротех ЖШС"}  # the third member's invoice is still open
# Employees, as the reviewer reads them from the company's documents: they set the annual fee.
HEADCOUNTS = {"Nomad Payments JSC": 140, "Көкше Агротех ЖШС": 12, "Astana GovTech Lab LLP": 35}


def demo_bin(serial: int) -> str:
    """A valid BIN registered 03/2019, resident legal entity, head office (serials 7100-7199)."""
    for month in range(3, 13):
        first11 = f"19{month:02d}40{serial:05d}"
        digit = compute_check_digit(first11)
        if digit is not None:
            return first11 + str(digit)
    raise ValueError(serial)


# (serial, company, region, contact, email, language, description, target state, publication)
APPLICANTS = [
    (7101, "Steppe Robotics LLP", Region.KARAGANDA, "Yerlan Abenov", "yerlan@steppe-robotics.kz",
     "ru", "Промышленные роботы и автоматизация шахт.", S.SUBMITTED, True),
    (7102, "Aqtau Maritime Data LLP", Region.MANGYSTAU, "Dana Utegenova", "dana@aqtau-data.kz",
     "en", "Vessel tracking and port logistics software.", S.IN_REVIEW, True),
    (7103, "Шымкент Софт ЖШС", Region.SHYMKENT, "Бауыржан Қасымов", "b.kassymov@shymkentsoft.kz",
     "kk", "Бөлшек сауда үшін есеп жүйелері.", S.INFORMATION_REQUESTED, True),
    (7104, "Irtysh Networks LLP", Region.PAVLODAR, "Olga Petrenko", "olga@irtysh.net.kz",
     "ru", "Сети передачи данных для промышленных предприятий.", S.RESUBMITTED, False),
    (7105, "Nomad Payments JSC", Region.ALMATY, "Timur Ospanov", "timur@nomadpay.kz",
     "en", "Payment gateway for online shops.", S.APPROVED, True),
    (7106, "Көкше Агротех ЖШС", Region.AKMOLA, "Айгүл Серікова", "aigul@kokshe-agro.kz",
     "kk", "Егіншілерге арналған дрондар мен датчиктер.", S.APPROVED, True),
    (7107, "Ural Print Service LLP", Region.WEST_KAZAKHSTAN, "Sergey Ivanov", "sergey@uralprint.kz",
     "ru", "Типография и продажа картриджей.", S.REJECTED, False),
    (7108, "Turan EdTech LLP", Region.TURKISTAN, "Madina Zhunusova", "madina@turan-edtech.kz",
     "en", "Online courses for schools.", S.WITHDRAWN, True),
    (7109, "Astana GovTech Lab LLP", Region.ASTANA, "Arman Kenzhebekov", "arman@govtechlab.kz",
     "en", "Consulting on e-government services.", S.APPROVED, False),
]  # fmt: skip

REASONS = {
    S.INFORMATION_REQUESTED: "Please send a copy of the company's charter and the list of its "
    "main products.",
    S.REJECTED: "The association accredits digital and technology companies; printing services "
    "are outside its scope.",
}


def seed(stdout):
    if PolicyVersion.objects.current() is None:
        # Consents are recorded against the policy in force, which the privacy app loads.
        stdout.write("accreditation: skipped, no privacy policy version is in force yet")
        return
    from association.demo import seed_fee_tariff

    seed_fee_tariff()  # the invoices of the approved members are issued from it
    reviewer = _reviewer()
    created = 0
    with mail_discarded():
        for row in APPLICANTS:
            if _seed_application(row, reviewer):
                created += 1
    stdout.write(f"accreditation: {created} demo applications created")


def _reviewer():
    user, _ = get_user_model().objects.get_or_create(
        email=REVIEWER_EMAIL,
        defaults={
            "full_name": "Demo Reviewer",
            "is_staff": True,
            "pd_training_completed_on": timezone.localdate(),
        },
    )
    return user


def _seed_application(row, reviewer) -> bool:
    bin, target = demo_bin(row[0]), row[7]
    if Application.objects.filter(bin=bin).exists():
        return False
    try:
        application = _submit(bin, row)
    except services.ApplicationRefused:
        return False  # e.g. another demo already made this BIN a member
    _walk_to(application, target, reviewer)
    return True


def _submit(bin, row):
    serial, company, region, contact, email, language, description, _target, published = row
    return services.submit_application(
        bin=bin,
        company_name=company,
        region=region,
        contact_person=contact,
        email=email,
        phone="+7 700 000 " + str(serial)[:2] + " " + str(serial)[2:],
        description=description,
        language=language,
        processing_wording="I consent to processing (demo).",
        publication_wording="I consent to publication (demo)." if published else None,
    )


def _walk_to(application, target, reviewer):
    if target == S.SUBMITTED:
        return
    if target == S.WITHDRAWN:
        services.withdraw_application(application=application)
        return
    application = services.move_by_reviewer(
        state=S.IN_REVIEW, application=application, reviewer=reviewer
    )
    if target in (S.INFORMATION_REQUESTED, S.RESUBMITTED):
        application = services.move_by_reviewer(
            state="information_requested",
            application=application,
            reviewer=reviewer,
            reason=REASONS[S.INFORMATION_REQUESTED],
        )
    if target == S.RESUBMITTED:
        services.resubmit_application(
            application=application, changes={"note": "Charter attached to our email."}
        )
    elif target == S.REJECTED:
        services.move_by_reviewer(
            state=S.REJECTED, application=application, reviewer=reviewer, reason=REASONS[S.REJECTED]
        )
    elif target == S.APPROVED:
        application.headcount = HEADCOUNTS[application.company_name]
        application.save(update_fields=["headcount"])
        application = services.move_by_reviewer(
            state=S.APPROVED, application=application, reviewer=reviewer
        )
        if application.company_name in PAID:  # paid on the day, by transfer
            application.membership.invoices.update(paid_on=application.membership.starts_on)
