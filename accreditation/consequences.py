"""What a reviewer's move will do, said before it is done: the confirmation page of approve, reject and the bulk
actions lists it for each application, with who will be emailed.

Kept as data (a list of sentences per application and move) so that the admin's one workflow-step pattern can
show it on its optional confirmation page.
"""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from .models import ApplicationState as S
from .models import Membership


def consequences(application, state) -> list[str]:
    """Sentences saying what moving `application` to `state` will do, the email last."""
    lines = []
    if state == S.APPROVED:
        lines += _approval(application)
    elif state == S.REJECTED:
        lines.append(
            _("The application is closed as rejected; the applicant may apply again later.")
        )
    elif state == S.INFORMATION_REQUESTED:
        lines.append(
            _(
                "The application waits for the applicant, who can correct it through the emailed link."
            )
        )
    lines.append(_emailed(application, state))
    return lines


def _approval(application) -> list[str]:
    from association.fees import FeeUnknown, quote

    today = timezone.localdate()
    current = Membership.objects.active().filter(bin=application.bin).first()
    if current is not None:
        ends = current.ends_on + datetime.timedelta(days=settings.MEMBERSHIP_TERM_DAYS)
        term = _("The membership of %(company)s is renewed until %(ends)s.") % {
            "company": application.company_name,
            "ends": date_format(ends, "DATE_FORMAT"),
        }
    else:
        ends = today + datetime.timedelta(days=settings.MEMBERSHIP_TERM_DAYS)
        term = _("%(company)s becomes a member from %(starts)s to %(ends)s.") % {
            "company": application.company_name,
            "starts": date_format(today, "DATE_FORMAT"),
            "ends": date_format(ends, "DATE_FORMAT"),
        }
    listing = (
        _("Its profile is published in the public members directory at once.")
        if application.publication_consent
        else _("It is not listed in the public directory: the applicant did not consent to that.")
    )
    try:
        fee = quote(headcount=application.headcount, renewal=current is not None)
    except FeeUnknown as unknown:
        invoice = _(
            "No fee invoice is issued now (%(reason)s); issue it from the membership later."
        ) % {"reason": str(unknown.message).rstrip(".")}
    else:
        invoice = _("A membership fee invoice of %(amount)s KZT is issued.") % {
            "amount": f"{fee.total_kzt:,.0f}".replace(",", "\u00a0")
        }
    return [term, listing, invoice]


def _language_name(code: str) -> str:
    """A language named in running text: "русский", "қазақ тілі"; English capitalises it."""
    name = str(get_language_info(code)["name_translated"])
    return name if get_language() == "en" else name.lower()


def _emailed(application, state) -> str:
    what = {
        S.APPROVED: _("the approval, the membership term and the link to the profile"),
        S.REJECTED: _("the decision with the reason you give"),
        S.INFORMATION_REQUESTED: _("your question and a link to correct the application"),
    }.get(state, _("the new status of the application"))
    return _("Emailed to %(person)s <%(email)s> (language: %(language)s): %(what)s.") % {
        "person": application.contact_person,
        "email": application.email,
        "language": _language_name(application.language),
        "what": what,
    }
