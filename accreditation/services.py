"""The accreditation workflows: one function per workflow, called by the public pages and the admin alike.

Each writes its rows and queues its emails (through the outbox) in one transaction: no request waits for a mail
server, a committed move is always emailed, and staff see on the application's page when the applicant has not
been emailed (yet).
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dkz_site.client_ip import technical_fields
from outbox.services import MailBlocked, queue_email
from privacy.models import ConsentPurpose
from privacy.services import has_consent, is_blocked, record_consent, refuse_if_blocked

from .links import application_url, site_url
from .models import (
    APPLICANT_MOVES,
    RENEWAL_REMINDER_DAYS,
    Application,
    ApplicationEvent,
    ApplicationState,
    IllegalMove,
    Invoice,
    Membership,
)
from .signals import membership_accredited

logger = logging.getLogger(__name__)

S = ApplicationState
CONSENT_SOURCE = "accreditation application form"
APPLICANT_FIELDS = ("company_name", "region", "contact_person", "phone", "description")


class ApplicationRefused(Exception):
    """A submission or decision the rules do not allow; ``message`` is translated for the applicant."""

    def __init__(self, message, code: str):
        super().__init__(str(message))
        self.message = message
        self.code = code


OPEN_APPLICATION = _(
    "An application for this BIN is already being reviewed. You will hear from us by email; "
    "to change it, use the link in that email."
)
ALREADY_MEMBER = _(
    "A company with this BIN is already an accredited member of the association. It can apply "
    "to renew in the 30 days before its membership ends."
)


def _address_blocked() -> str:
    return gettext(
        "We cannot accept an application from this email address. Please write to %(email)s."
    ) % {"email": settings.ASSOCIATION["email"]}


# Lazy, like the others: translated when shown, with the contact address configured at that time.
ADDRESS_BLOCKED = lazy(_address_blocked, str)()


# --- submission ---------------------------------------------------------------------------------


def submit_application(
    *,
    bin: str,
    company_name: str,
    region: str,
    contact_person: str,
    email: str,
    phone: str,
    description: str,
    language: str,
    processing_wording: str,
    publication_wording: str | None = None,
    technical: dict | None = None,
) -> Application:
    """A company applies: the application and its consents are stored, the applicant and staff emailed.

    Refused (ApplicationRefused) when the BIN already has an open application or an active membership,
    or the address is blocked. The database's conditional unique constraint is the final word, so two
    simultaneous submissions for one BIN cannot both land.
    """
    # The BIN first: a blocked address must get the answer any other address gets (see the view).
    _refuse_if_member_or_open(bin)
    if refuse_if_blocked(email=email):
        raise ApplicationRefused(ADDRESS_BLOCKED, "blocked")
    technical = technical or {}
    try:
        with transaction.atomic():
            application = Application.objects.create(
                bin=bin,
                company_name=company_name,
                region=region,
                contact_person=contact_person,
                email=email,
                phone=phone,
                description=description,
                language=language,
                publication_consent=publication_wording is not None,
                **_technical_fields(technical),
            )
            event = application.events.create(to_state=S.SUBMITTED, at=application.submitted_at)
            _record_consents(application, processing_wording, publication_wording, technical)
            _notify_applicant(application, event, acknowledgement=True)
            _notify_staff("staff_new_application", application)
    except IntegrityError:
        if Application.objects.open().filter(bin=bin).exists():
            raise ApplicationRefused(OPEN_APPLICATION, "open_application") from None
        raise
    return application


def _refuse_if_blocked(email: str) -> None:
    """P19: a blocked address's data is not processed any further, by the applicant or by a reviewer."""
    if is_blocked(email):
        raise ApplicationRefused(ADDRESS_BLOCKED, "blocked")


def _refuse_if_member_or_open(bin: str) -> None:
    current = Membership.objects.active().filter(bin=bin).first()
    if current is not None and not _in_renewal_window(current):
        raise ApplicationRefused(ALREADY_MEMBER, "already_member")
    if Application.objects.open().filter(bin=bin).exists():
        raise ApplicationRefused(OPEN_APPLICATION, "open_application")


def _technical_fields(technical: dict) -> dict:
    return {
        **technical_fields(technical),
        "technical_recorded_at": timezone.now() if technical else None,
    }


def _record_consents(application, processing_wording, publication_wording, technical) -> None:
    given = [(ConsentPurpose.ACCREDITATION_PROCESSING, processing_wording)]
    if publication_wording is not None:
        given.append((ConsentPurpose.DIRECTORY_PUBLICATION, publication_wording))
    for purpose, wording in given:
        record_consent(
            email=application.email,
            purpose=purpose,
            wording=wording,
            source=CONSENT_SOURCE,
            source_object=f"application {application.reference}",
            technical=technical,
            language=application.language,
        )


# --- the review workflow ------------------------------------------------------------------------


def move_by_reviewer(
    *, application: Application, state: str, reviewer, reason: str = ""
) -> Application:
    """A reviewer's move, from the admin's buttons and bulk actions: take the application up, ask for
    information, reject (both with the reason the applicant reads) or approve.

    Refused before anything stays stored: IllegalMove (the model's TRANSITIONS, or a move only the applicant
    makes), ReasonRequired, ApplicationRefused (the applicant's address has been blocked since; on approval, a BIN
    that is already a member outside its renewal window). Approval is the one path to a membership: it starts
    today and ends after MEMBERSHIP_TERM_DAYS (or a current one is renewed), its public profile comes from the
    application and is listed only while the consent to publication stands. The applicant is emailed through the
    outbox, in the same transaction.
    """
    if S(state) in APPLICANT_MOVES:
        raise IllegalMove(f"Only the applicant moves an application to {state}.")
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        event = locked.move_to(
            state, by=reviewer, reason=reason
        )  # IllegalMove first: the clearer complaint
        _refuse_if_blocked(locked.email)  # rolls the move back
        if locked.state == S.APPROVED:
            _accredit(locked)
        _notify_applicant(locked, event)
    return locked


def _accredit(application: Application) -> None:
    """The approved application's membership: a new one, or the current one renewed within its window."""
    current = Membership.objects.active().filter(bin=application.bin).first()
    if current is not None and not _in_renewal_window(current):
        raise ApplicationRefused(ALREADY_MEMBER, "already_member")  # rolls the move back
    if current is not None:
        application.membership = _renew_membership(current, application)
    else:
        application.membership = _create_membership(application)
    application.save(update_fields=["membership"])
    membership_accredited.send(
        sender=Membership,
        membership=application.membership,
        application=application,
        published=_publication_consented(application),
    )
    _invoice_if_fee_known(application.membership, renewal=current is not None)


def _publication_consented(application: Application) -> bool:
    return application.publication_consent and has_consent(
        application.email, ConsentPurpose.DIRECTORY_PUBLICATION
    )


def _membership_facts(application: Application) -> dict:
    """The membership's data as the application gives them (its public profile: `membership_accredited`)."""
    return {
        "company_name": application.company_name,
        "region": application.region,
        "contact_person": application.contact_person,
        "email": application.email,
        "phone": application.phone,
        "language": application.language,
        **({"headcount": application.headcount} if application.headcount else {}),
    }


def _create_membership(application: Application) -> Membership:
    today = timezone.localdate()
    return Membership.objects.create(
        bin=application.bin,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=settings.MEMBERSHIP_TERM_DAYS),
        **_membership_facts(application),
    )


def _in_renewal_window(membership: Membership) -> bool:
    horizon = timezone.localdate() + datetime.timedelta(days=RENEWAL_REMINDER_DAYS)
    return membership.ends_on <= horizon


def _renew_membership(membership: Membership, application: Application) -> Membership:
    """A renewal extends the current membership by a term, so the member keeps its profile and
    address in the directory without a gap; the profile is refreshed from the new application."""
    for field, value in _membership_facts(application).items():
        setattr(membership, field, value)
    membership.ends_on += datetime.timedelta(days=settings.MEMBERSHIP_TERM_DAYS)
    membership.renewal_reminder_sent_on = None
    membership.save()
    return membership


def resubmit_application(
    *, application: Application, changes: dict, technical: dict | None = None
) -> Application:
    """The applicant answers an information request through the signed link: corrected data goes back
    to the reviewers. Refused (ApplicationRefused) once the address is blocked: nothing is stored."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        for field in APPLICANT_FIELDS:
            if field in changes:
                setattr(locked, field, changes[field])
        if technical:
            for field, value in _technical_fields(technical).items():
                setattr(locked, field, value)
        event = locked.move_to(S.RESUBMITTED, reason=changes.get("note", ""))
        _refuse_if_blocked(locked.email)  # rolls the move and the changes back
        _notify_applicant(locked, event)
        _notify_staff("staff_resubmitted", locked)
    return locked


def withdraw_application(*, application: Application, reason: str = "") -> Application:
    """The applicant withdraws while the application is open."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        event = locked.move_to(S.WITHDRAWN, reason=reason)
        _notify_applicant(locked, event)
        _notify_staff("staff_withdrawn", locked)
    return locked


# --- emails -------------------------------------------------------------------------------------


def _notify_applicant(
    application: Application, event: ApplicationEvent, *, acknowledgement: bool = False
) -> bool:
    """Queue the email about one move, in the applicant's language, in the move's transaction.

    The event keeps its outbox row, so the application's page shows whether the applicant has been emailed.
    False when the address is blocked: nothing is queued, and staff see "not emailed".
    """
    context = {
        "application": application,
        "event": event,
        "reason": event.reason,
        "link": application_url(application),
        "membership": application.membership,
        **(_approval_context(application) if event.to_state == S.APPROVED else {}),
    }
    try:
        email = queue_email(
            to=application.email,
            template=f"accreditation/email/{event.to_state}",
            context=context,
            language=application.language,
            regarding=application,
            acknowledgement=acknowledgement,
        )
    except MailBlocked:
        return False
    ApplicationEvent.objects.filter(pk=event.pk).update(applicant_notified=True, email=email)
    event.applicant_notified, event.email = True, email
    return True


def _approval_context(application: Application) -> dict:
    """The approval email's next steps: the new profile, the fee invoice if one was issued, the member cabinet
    (where the member proposes its logo and public contacts), the membership page."""
    membership = application.membership
    profile = membership.profile  # kept by the directory (directory.profiles)
    return {
        "published": profile.is_published,
        "profile_url": site_url("directory:member", application.language, profile.slug),
        "membership_page_url": site_url("association:membership", application.language),
        "cabinet_url": site_url("cabinet:sign_in", application.language),
        "invoice": membership.invoices.membership_fees()
        .filter(issued_on__gte=membership.current_term_start)
        .first(),
    }


def _notify_staff(template: str, application: Application, note: str = "") -> None:
    admin_url = settings.SITE_URL + reverse(
        "admin:accreditation_application_change", args=[application.pk]
    )
    queue_email(
        to_staff=True,
        template=f"accreditation/email/{template}",
        context={"application": application, "admin_url": admin_url, "note": note},
        regarding=application,
    )


# --- memberships --------------------------------------------------------------------------------


def send_renewal_reminders(*, today: datetime.date | None = None, dry_run: bool = False) -> int:
    """Remind each member once, 30 days before the membership ends, to renew.

    Each reminder is stamped on the membership in the transaction that queues it, so it is queued exactly once
    and always delivered (the outbox retries); a member whose address is blocked meanwhile gets nothing.
    """
    today = today or timezone.localdate()
    due = Membership.objects.due_for_renewal_reminder(today).not_blocked().order_by("ends_on")
    if dry_run:
        return due.count()
    queued = 0
    for membership_id in due.values_list("pk", flat=True):
        try:
            with transaction.atomic():
                membership = (
                    Membership.objects.select_for_update()
                    .filter(pk=membership_id, renewal_reminder_sent_on__isnull=True)
                    .first()
                )
                if membership is None:
                    continue
                membership.renewal_reminder_sent_on = today
                membership.save(update_fields=["renewal_reminder_sent_on", "updated_at"])
                queue_email(
                    to=membership.email,
                    template="accreditation/email/renewal_reminder",
                    context={
                        "membership": membership,
                        "cabinet_url": _cabinet_url(membership.language),
                    },
                    language=membership.language,
                    regarding=membership,
                )
        except MailBlocked:
            continue  # blocked since the query: the stamp is rolled back, nothing is sent
        queued += 1
    return queued


def renewal_reminders_job(*, dry_run: bool = False, stdout=None) -> dict:
    """The daily scheduled run (jobs.schedule)."""
    return {"due" if dry_run else "queued": send_renewal_reminders(dry_run=dry_run)}


def _cabinet_url(language: str) -> str:
    """The member cabinet, where a representative renews in one step (after signing in by link)."""
    from django.utils import translation

    with translation.override(language):
        return settings.SITE_URL + reverse("cabinet:home") + "#renewal"


def end_membership(*, membership: Membership, on: datetime.date | None = None) -> Membership:
    """End a membership early (from ``on``, default today): it leaves the directory at once."""
    membership.ended_on = on or timezone.localdate()
    membership.save(update_fields=["ended_on", "updated_at"])
    return membership


# --- membership fees ----------------------------------------------------------------------------


class InvoiceRefused(Exception):
    """A fee invoice cannot be issued; ``message`` is translated for staff."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


ALREADY_INVOICED = _("A fee invoice for the membership's current term was already issued.")


def issue_fee_invoice(
    *, membership: Membership, renewal: bool, issued_on: datetime.date | None = None
) -> Invoice:
    """Invoice the membership fee from the tariff: the annual fee of the member's headcount band, plus the
    entrance fee for a new member, at the MCI of the year of issue. The amount and how it was worked out are
    frozen on the invoice; later tariffs or indexes never change it.

    Refused (InvoiceRefused) when the term is already invoiced or the fee cannot be worked out (no headcount,
    no tariff in force, no MCI for the year).
    """
    from association.fees import FeeUnknown, quote

    issued_on = issued_on or timezone.localdate()
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if (
            locked.invoices.membership_fees()
            .filter(issued_on__gte=locked.current_term_start)
            .exists()
        ):
            raise InvoiceRefused(ALREADY_INVOICED)
        try:
            fee = quote(headcount=locked.headcount, on=issued_on, renewal=renewal)
        except FeeUnknown as unknown:
            raise InvoiceRefused(unknown.message) from None
        return Invoice.objects.create(
            membership=locked,
            amount_kzt=fee.total_kzt,
            issued_on=issued_on,
            due_on=issued_on + datetime.timedelta(days=settings.INVOICE_PAYMENT_DAYS),
            headcount=fee.headcount,
            annual_fee_mci=fee.annual_fee_mci,
            entrance_fee_mci=fee.entrance_fee_mci,
            mci_value_kzt=fee.mci_value_kzt,
        )


def fee_problem(membership: Membership) -> str:
    """Why the membership's fee cannot be invoiced now, for staff ("" when it can)."""
    from association.fees import FeeUnknown, quote

    try:
        quote(headcount=membership.headcount, renewal=False)
    except FeeUnknown as unknown:
        return str(unknown.message)
    return ""


def _invoice_if_fee_known(membership: Membership, *, renewal: bool) -> Invoice | None:
    """On approval: the fee invoice when the reviewer entered the headcount and the tariff covers it; else
    staff issue it from the membership once they know (the admin says why it was not issued)."""
    try:
        return issue_fee_invoice(membership=membership, renewal=renewal)
    except InvoiceRefused:
        return None


# --- consent withdrawal -------------------------------------------------------------------------


def unlist_on_publication_withdrawal(email: str) -> None:
    """Consent to publication withdrawn: a pending application will be accredited unlisted (the directory
    unlists a current member itself)."""
    Application.objects.open().for_email(email).update(publication_consent=False)


def stop_accreditation_on_processing_withdrawal(email: str) -> None:
    """Consent to accreditation processing withdrawn: accreditation stops from now on.

    Open applications are withdrawn (staff are told; the applicant is not written to, as that would
    be more processing) and an active membership ends today, so it is unlisted at once. Not
    retroactive: past records, history and invoices stay.
    """
    reason = str(_("Consent to processing was withdrawn."))
    for application in Application.objects.open().for_email(email):
        with transaction.atomic():
            locked = Application.objects.select_for_update().get(pk=application.pk)
            locked.move_to(S.WITHDRAWN, reason=reason)
            _notify_staff("staff_withdrawn", locked, note=reason)
    for membership in Membership.objects.active().for_email(email):
        end_membership(membership=membership)
