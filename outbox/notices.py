"""What an admin page about a person's record says when that person has not been emailed (yet)."""

from django.utils.translation import gettext_lazy as _

from .models import Email

HEADINGS = {
    "applicant": _("The applicant has not been emailed yet"),
    "visitor": _("The visitor has not been emailed yet"),
    "subject": _("The person who made the request has not been emailed yet"),
}


def not_emailed_context(obj, who: str) -> dict:
    """Context for templates/admin/includes/undelivered_mail.html: the undelivered emails to the person."""
    undelivered = list(
        Email.objects.regarding(obj).filter(to_staff=False).undelivered().order_by("created_at")
    )
    return {"undelivered_mail": undelivered, "undelivered_mail_heading": HEADINGS[who]}
