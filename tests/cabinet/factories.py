import datetime

from django.utils import timezone

from cabinet.models import (
    CabinetSession,
    ProfileChange,
    Representative,
    SignInLink,
    SignInRequest,
    digest,
    new_secret,
)
from tests.accreditation.factories import MembershipFactory


def cabinet_data_for(email: str) -> None:
    """A representative of a company, with a used sign-in link, a session, a request for a link not answered
    yet and a returned profile change: one row of each kind."""
    membership = MembershipFactory()
    Representative.objects.create(membership=membership, name="Aigerim", email=email)
    now = timezone.now()
    SignInLink.objects.create(
        membership=membership,
        email=email,
        secret_digest=digest(new_secret()),
        membership_state="x",
        expires_at=now + datetime.timedelta(minutes=15),
        used_at=now,
        client_ip="203.0.113.5",
        user_agent="Firefox",
    )
    CabinetSession.objects.create(
        membership=membership,
        email=email,
        key_digest=digest(new_secret()),
        expires_at=now + datetime.timedelta(hours=12),
        client_ip="203.0.113.5",
        user_agent="Firefox",
    )
    SignInRequest.objects.create(
        email=email, language="kk", client_ip="203.0.113.5", user_agent="Firefox"
    )
    ProfileChange.objects.create(
        membership=membership,
        proposed={"website": "https://example.kz"},
        submitted_by=email,
        state=ProfileChange.State.RETURNED,
        decided_at=now,
        reason="Please describe the company.",
    )
