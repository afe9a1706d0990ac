"""The privacy workflows other apps call: record, withdraw and check consent; block and check addresses."""

from __future__ import annotations

import logging

from cookie_consent.processor import CookiesProcessor
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language

from dkz_site.client_ip import technical_data, technical_fields

from .cookies import BANNER_WORDING_VERSION, truncate_ip
from .models import (
    BlockedEmail,
    ConsentPurpose,
    ConsentRecord,
    CookieChoice,
    CookieConsentLog,
    PolicyVersion,
    normalise_email,
)
from .registry import withdrawal_handlers
from .signals import block_lifted

logger = logging.getLogger(__name__)


class NoPolicyInForce(Exception):
    """Consent cannot be recorded without a policy version to refer to."""


def record_consent(
    *,
    email: str,
    purpose: str,
    wording: str,
    source: str,
    source_object: str = "",
    technical: dict | None = None,
    language: str | None = None,
) -> ConsentRecord:
    """Store the proof of one consent: the exact wording shown, under the policy version in force now."""
    policy = PolicyVersion.objects.current()
    if policy is None:
        raise NoPolicyInForce("No privacy policy version is in force.")
    return ConsentRecord.objects.create(
        email=email,
        purpose=purpose,
        wording=str(wording),
        source=source,
        source_object=source_object,
        policy_version=policy,
        language=(language or get_language() or "kk")[:8],
        **technical_fields(technical, ("client_ip", "user_agent")),
    )


def has_consent(email: str, purpose: str) -> bool:
    """Whether the address consents to `purpose` now (a consent given and not withdrawn, and not blocked)."""
    if is_blocked(email):
        return False
    return ConsentRecord.objects.for_email(email).for_purpose(purpose).active().exists()


@transaction.atomic
def withdraw_consent(*, email: str, purpose: str) -> int:
    """Stamp every active consent of that email for that purpose, then let the owning app stop processing.

    Not retroactive: the records stay, with the moment of withdrawal; what was done before remains lawful.
    Returns how many records were stamped.
    """
    stamped = (
        ConsentRecord.objects.for_email(email)
        .for_purpose(purpose)
        .active()
        .update(withdrawn_at=timezone.now())
    )
    for handler in withdrawal_handlers(purpose):
        handler(normalise_email(email))
    logger.info("consent withdrawn purpose=%s records=%d", purpose, stamped)
    return stamped


def is_blocked(email: str) -> bool:
    return BlockedEmail.objects.active().filter(email=normalise_email(email)).exists()


def refuse_if_blocked(*, email: str) -> bool:
    """For public forms: True if the address is blocked, and the refusal is counted on the block for staff.

    The form then answers exactly as it would for any other address and keeps nothing of the submission."""
    refused = (
        BlockedEmail.objects.active()
        .filter(email=normalise_email(email))
        .update(refused_submissions=F("refused_submissions") + 1, last_refused_at=timezone.now())
    )
    if refused:
        logger.info("submission from a blocked address refused, nothing stored")
    return bool(refused)


@transaction.atomic
def block_email(*, email: str, reason: str = "", keep_mail=()) -> BlockedEmail:
    """Block an address: from now on nothing is processed for it, and no email written to it before goes out
    (except `keep_mail`: the reply confirming the block)."""
    from outbox.services import cancel_unsent_to

    existing = BlockedEmail.objects.active().filter(email=normalise_email(email)).first()
    blocked = existing or BlockedEmail.objects.create(email=email, reason=reason)
    cancel_unsent_to(email, keep=keep_mail)
    return blocked


def unblock_email(*, email: str) -> int:
    lifted = (
        BlockedEmail.objects.active()
        .filter(email=normalise_email(email))
        .update(unblocked_at=timezone.now())
    )
    if lifted:
        block_lifted.send(sender=BlockedEmail, email=normalise_email(email))
    return lifted


def may_transfer_to(processor, email: str) -> bool:
    """Whether a subject's data may go to this processor (policy section 4, art. 16 of Law No. 94-V).

    Only under a current contract; abroad without adequate protection only with the separate
    cross-border consent of that subject.
    """
    if not type(processor).objects.under_contract().filter(pk=processor.pk).exists():
        return False
    if processor.needs_cross_border_consent:
        return has_consent(email, ConsentPurpose.CROSS_BORDER_TRANSFER)
    return True


def record_cookie_choice(
    *, request, response, accept: bool, groups, source: str
) -> CookieConsentLog:
    """Apply a visitor's cookie choice to the response and keep our proof of it.

    django-cookie-consent sets its cookie (and, on decline, deletes the group's cookies); we log the choice
    with the group versions, the banner wording version, the language, time, truncated IP and user agent.
    """
    groups = list(groups)
    CookiesProcessor(request, response).process(groups, action="accept" if accept else "decline")
    technical = technical_data(request)
    return CookieConsentLog.objects.create(
        choice=CookieChoice.ACCEPTED if accept else CookieChoice.DECLINED,
        groups={group.varname: group.get_version() for group in groups},
        wording_version=BANNER_WORDING_VERSION,
        language=(get_language() or settings.LANGUAGE_CODE)[:8],
        source=source[:20],
        truncated_ip=truncate_ip(technical["client_ip"]),
        user_agent=technical["user_agent"],
    )
