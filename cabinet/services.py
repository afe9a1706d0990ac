"""The cabinet's workflows: sign-in by emailed link, cabinet sessions, representatives.

Every answer to "send me a link" is the same whether or not the address represents a member: the link is
stored and queued (through the outbox, in the same transaction) only when it does, and nothing at all is
stored for an unknown or blocked address.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accreditation.forms import CONSENT_PROCESSING, CONSENT_PUBLICATION
from accreditation.models import RENEWAL_REMINDER_DAYS, Application, Membership
from accreditation.services import submit_application
from dkz_site import page_cache
from dkz_site.client_ip import technical_fields
from dkz_site.signed_links import LinkExpired, LinkInvalid, LinkUsed
from outbox.services import MailBlocked, queue_email
from privacy.models import ConsentPurpose, normalise_email
from privacy.services import is_blocked, withdraw_consent

from .links import SIGN_IN_LINK, sign_in_url
from .models import (
    CabinetSession,
    Representative,
    SignInLink,
    SignInRequest,
    digest,
    membership_state,
    new_secret,
    represents,
)

RENEWAL_FIELDS = ("company_name", "region", "contact_person", "phone", "description")
COOKIE_SALT = "cabinet.session"


class RepresentativeRefused(Exception):
    """A change to the representatives the rules do not allow; ``code`` names the rule."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def memberships_for(email: str):
    """The memberships an address may sign in to: as their contact or as an added colleague.

    Ended memberships are kept a year (retention) and open read-only; an anonymised one has no address.
    """
    email = normalise_email(email)
    if not email:
        return Membership.objects.none()
    return Membership.objects.filter(Q(email=email) | Q(representatives__email=email)).distinct()


# --- sign-in links ------------------------------------------------------------------------------


def request_sign_in(*, email: str, language: str, technical: dict | None = None) -> SignInRequest:
    """Store the request and enqueue its answer: the same two writes whatever the address (no enumeration,
    by the answer or by its time). The task (`cabinet.tasks.answer_sign_in`) sends the links or nothing."""
    from .tasks import answer_sign_in

    with transaction.atomic():
        row = SignInRequest.objects.create(
            email=normalise_email(email),
            language=language,
            **technical_fields(technical, fields=("client_ip", "user_agent")),
        )
        answer_sign_in.enqueue(row.pk)
    return row


def answer_sign_in_request(request_id: int) -> int:
    """The queue's answer to a stored request: the links for a known address, nothing for an unknown one; the
    request is deleted either way. Returns how many links were sent."""
    with transaction.atomic():
        row = SignInRequest.objects.select_for_update().filter(pk=request_id).first()
        if row is None:
            return 0  # answered already
        technical = {"client_ip": row.client_ip, "user_agent": row.user_agent}
        sent = send_sign_in_links(email=row.email, language=row.language, technical=technical)
        row.delete()
    return sent


def send_sign_in_links(*, email: str, language: str, technical: dict | None = None) -> int:
    """Email one sign-in link per membership the address represents; returns how many were queued."""
    email = normalise_email(email)
    memberships = list(memberships_for(email).order_by("company_name", "pk"))
    if not memberships or is_blocked(email):
        return 0
    now = timezone.now()
    expires = now + datetime.timedelta(minutes=settings.CABINET_LINK_MINUTES)
    with transaction.atomic():
        links = []
        for membership in memberships:
            secret = new_secret()
            link = SignInLink.objects.create(
                membership=membership,
                email=email,
                secret_digest=digest(secret),
                membership_state=membership_state(membership),
                created_at=now,
                expires_at=expires,
                **technical_fields(technical, fields=("client_ip", "user_agent")),
            )
            links.append(
                {"company": membership.company_name, "url": sign_in_url(link, secret, language)}
            )
        try:
            queue_email(
                to=email,
                template="cabinet/email/sign_in",
                context={"links": links, "minutes": settings.CABINET_LINK_MINUTES},
                language=language,
                regarding=memberships[0],
                acknowledgement=True,
            )
        except MailBlocked:
            transaction.set_rollback(True)
            return 0
    return len(links)


def _usable(link: SignInLink) -> SignInLink:
    """The link, genuine and for its object (checked by `SIGN_IN_LINK`), if it can still sign in; else LinkUsed,
    LinkExpired or LinkInvalid."""
    if link.used_at is not None:
        raise LinkUsed
    if link.expires_at <= timezone.now():
        raise LinkExpired
    membership = link.membership
    if link.membership_state != membership_state(membership) or not represents(
        membership, link.email
    ):
        raise LinkInvalid  # the membership changed hands, term or state since
    if is_blocked(link.email):
        raise LinkInvalid
    return link


def link_to_confirm(*, token: str) -> SignInLink:
    """The link behind `token`, still usable; LinkUsed, LinkExpired or LinkInvalid otherwise. Uses nothing up
    (a GET)."""
    return _usable(SIGN_IN_LINK.open(token, SignInLink.objects.select_related("membership")))


@dataclass(frozen=True)
class NewSession:
    session: CabinetSession
    cookie_value: str


def redeem_link(*, token: str, technical: dict | None = None) -> NewSession:
    """Use the link once: it is stamped used and a cabinet session starts for its address and membership."""
    with transaction.atomic():
        links = SignInLink.objects.select_for_update().select_related("membership")
        link = _usable(SIGN_IN_LINK.open(token, links))
        now = timezone.now()
        link.used_at = now
        link.save(update_fields=["used_at"])
        key = new_secret()
        session = CabinetSession.objects.create(
            membership=link.membership,
            email=link.email,
            key_digest=digest(key),
            created_at=now,
            expires_at=now + datetime.timedelta(hours=settings.CABINET_SESSION_HOURS),
            **technical_fields(technical, fields=("client_ip", "user_agent")),
        )
    return NewSession(session=session, cookie_value=key)


# --- sessions -----------------------------------------------------------------------------------


def session_for_key(key: str) -> CabinetSession | None:
    """The current session behind a cookie's key, while its address still represents its membership."""
    if not key:
        return None
    session = (
        CabinetSession.objects.current()
        .select_related("membership")
        .filter(key_digest=digest(key))
        .first()
    )
    if session is None:
        return None
    if not represents(session.membership, session.email) or is_blocked(session.email):
        return None
    return session


def sign_out(*, session: CabinetSession) -> None:
    CabinetSession.objects.filter(pk=session.pk).delete()


def sign_out_everywhere(*, session: CabinetSession) -> int:
    """End every session of this address, on every device, and every link not yet used."""
    SignInLink.objects.for_email(session.email).usable().update(used_at=timezone.now())
    deleted, _ = CabinetSession.objects.for_email(session.email).delete()
    return deleted


# --- representatives ----------------------------------------------------------------------------


def may_edit(membership: Membership) -> bool:
    """Only an active membership changes anything; an ended one's cabinet is read-only."""
    return membership.is_active


def add_representative(*, session: CabinetSession, name: str, email: str) -> Representative:
    """A representative adds a colleague, who may then ask for a sign-in link themselves."""
    membership = session.membership
    email = normalise_email(email)
    if not may_edit(membership):
        raise RepresentativeRefused("read_only")
    if represents(membership, email):
        raise RepresentativeRefused("already")
    if membership.representatives.count() >= settings.CABINET_MAX_REPRESENTATIVES:
        raise RepresentativeRefused("too_many")
    return Representative.objects.create(
        membership=membership, name=name.strip(), email=email, added_by=session.email
    )


def rename_representative(*, session: CabinetSession, representative: Representative, name: str):
    """Rectification of a colleague's name, by the company."""
    if not may_edit(session.membership):
        raise RepresentativeRefused("read_only")
    representative.name = name.strip()
    representative.save(update_fields=["name"])
    return representative


def remove_representative(*, session: CabinetSession, representative: Representative) -> None:
    """The company removes a colleague: their cabinet data goes with them (sessions, unused links)."""
    if not may_edit(session.membership):
        raise RepresentativeRefused("read_only")
    with transaction.atomic():
        email = representative.email
        representative.delete()
        SignInLink.objects.for_email(email).filter(membership=session.membership).delete()
        CabinetSession.objects.for_email(email).filter(membership=session.membership).delete()


# --- the company's consents ---------------------------------------------------------------------


def withdraw_publication(*, session: CabinetSession) -> None:
    """The company withdraws its consent to publication: the consent records of the membership's contact are
    stamped and the member leaves the directory now (privacy's withdrawal handlers, page cache included)."""
    membership = session.membership
    with transaction.atomic():
        withdraw_consent(email=membership.email, purpose=ConsentPurpose.DIRECTORY_PUBLICATION)
        # Staff may have listed the member from a consent given on paper: the listing goes all the same.
        profile = membership.profile
        if profile.is_published:
            profile.is_published = False
            profile.save(update_fields=["is_published", "updated_at"])
        page_cache.invalidate()


# --- renewal ------------------------------------------------------------------------------------


def renewal_open(membership: Membership, today=None) -> bool:
    """In the last RENEWAL_REMINDER_DAYS of an active membership, with no application under review yet."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=RENEWAL_REMINDER_DAYS)
    return (
        membership.is_active
        and membership.ended_on is None
        and membership.ends_on <= horizon
        and not Application.objects.open().filter(bin=membership.bin).exists()
    )


def pending_renewal(membership: Membership):
    """The renewal application under review, if there is one."""
    return Application.objects.open().filter(bin=membership.bin).first()


def renew(
    *,
    session: CabinetSession,
    details: dict,
    publication: bool,
    language: str,
    technical: dict | None = None,
) -> Application:
    """Apply for renewal in one step: the membership's BIN and contact, the details as confirmed or corrected.

    The accreditation workflow itself takes it from there (staff see a renewal in the queue; approval extends
    the term). Refused (RepresentativeRefused "renewal_closed") outside the renewal window.
    """
    membership = session.membership
    if not renewal_open(membership):
        raise RepresentativeRefused("renewal_closed")
    return submit_application(
        bin=membership.bin,
        email=membership.email,
        language=language,
        processing_wording=str(CONSENT_PROCESSING),
        publication_wording=str(CONSENT_PUBLICATION) if publication else None,
        technical=technical,
        **{field: details[field] for field in RENEWAL_FIELDS},
    )
