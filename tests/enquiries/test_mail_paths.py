from pathlib import Path

import enquiries

SOURCE = Path(enquiries.__file__).parent


def test_every_enquiry_email_goes_through_privacy_mail():
    """P19: one send path, where blocked addresses are refused: the app never builds or sends mail itself."""
    offenders = [
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if "django.core.mail" in path.read_text() or "send_mail(" in path.read_text()
    ]
    assert offenders == []
    assert (
        "from privacy.mail import MailBlocked, send_to_person, send_to_staff"
        in (SOURCE / "mail.py").read_text()
    )
