"""The breach workflows, each written once for the admin: record, find the subjects, tell them, record the
authority's notice, close. Emails go through the outbox in the transaction of the step that causes them."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from outbox.services import MailBlocked, language_last_written_in, queue_email
from privacy.models import Breach, BreachSubject, normalise_email
from privacy.registry import providers

# The languages the notice to the authorised body is drafted in.
NOTICE_LANGUAGES = ("kk", "ru")


class BreachClosed(Exception):
    """The step is not open on a closed breach."""


def source_choices() -> list[tuple[str, str]]:
    """The registry's providers, as the data sets a breach can affect."""
    return [(p.name, str(p.label)) for p in providers()]


@transaction.atomic
def record_breach(*, breach: Breach, actor=None) -> Breach:
    """Store a new breach (its authority deadline is set from the detection) and tell the staff mailbox."""
    breach.recorded_by = actor
    breach.save()
    queue_email(
        to_staff=True,
        template="privacy/email/staff_breach_recorded",
        context={"breach": breach, "admin_url": admin_url(breach)},
        regarding=breach,
    )
    return breach


def _locked(breach: Breach) -> Breach:
    locked = Breach.objects.select_for_update().get(pk=breach.pk)
    if not locked.is_open:
        raise BreachClosed(locked.reference)
    return locked


@transaction.atomic
def find_affected_subjects(*, breach: Breach, extra_emails=()) -> int:
    """Every address the affected data sets hold (each provider's `emails()`), plus the ones staff name;
    returns how many were added. Running it again adds only addresses not yet listed."""
    breach = _locked(breach)
    found: dict[str, list[str]] = {}
    by_name = {p.name: p for p in providers()}
    for name in breach.affected_sources:
        provider = by_name.get(name)
        if provider is None or not hasattr(provider, "emails"):
            continue
        for email in provider.emails():
            email = normalise_email(email)
            if email:
                found.setdefault(email, []).append(name)
    for email in extra_emails:
        email = normalise_email(email)
        if email:
            found.setdefault(email, []).append("staff")
    listed = set(breach.subjects.values_list("email", flat=True))
    new = [
        BreachSubject(breach=breach, email=email, found_in=sorted(set(names)))
        for email, names in sorted(found.items())
        if email not in listed
    ]
    BreachSubject.objects.bulk_create(new, batch_size=1000)
    return len(new)


@transaction.atomic
def notify_subjects(*, breach: Breach) -> tuple[int, int]:
    """Queue the notice to every listed subject not yet told (blocked addresses are marked, not emailed).
    Returns (queued, blocked). A second run sends nothing twice."""
    breach = _locked(breach)
    queued = blocked = 0
    now = timezone.now()
    for subject in breach.subjects.to_tell():
        try:
            queue_email(
                to=subject.email,
                template="privacy/email/breach_notice",
                context={"breach": breach},
                # In the language we last wrote to them in (the site's default for a stranger).
                language=language_last_written_in(subject.email) or settings.LANGUAGE_CODE,
                regarding=breach,
            )
        except MailBlocked:
            subject.not_emailed = True
            subject.save(update_fields=["not_emailed"])
            blocked += 1
            continue
        subject.notified_at = now
        subject.save(update_fields=["notified_at"])
        queued += 1
    if queued:
        breach.subjects_notified_at = now
        breach.save()
    return queued, blocked


@transaction.atomic
def record_authority_notice(*, breach: Breach, reference: str) -> Breach:
    breach = _locked(breach)
    breach.authority_notified_at = timezone.now()
    breach.authority_notice_reference = reference.strip()
    breach.save()
    return breach


@transaction.atomic
def close_breach(*, breach: Breach) -> Breach:
    breach = _locked(breach)
    breach.closed_at = timezone.now()
    breach.save()
    return breach


def authority_notice(breach: Breach, language: str) -> str:
    """The notice to the authorised body, drafted from the record in `language`; staff's own texts as written."""
    with translation.override(language):
        return render_to_string(
            "privacy/breaches/authority_notice.txt",
            {
                "breach": breach,
                "authority": settings.PRIVACY_COMPLAINT_AUTHORITY,
                "ASSOCIATION": settings.ASSOCIATION,
                "sources": source_labels(breach),
            },
        ).strip()


def source_labels(breach: Breach) -> list[str]:
    labels = dict(source_choices())
    return [labels.get(name, name) for name in breach.affected_sources]


def admin_url(breach: Breach) -> str:
    return settings.SITE_URL + reverse("admin:privacy_breach_change", args=[breach.pk])
