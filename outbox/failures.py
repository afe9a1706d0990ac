"""Which mail server failures are worth another try, and how each is named to staff (never the address).

Temporary: the server could not be reached, timed out, dropped the connection, or answered 4xx ("try later").
Permanent: the server answered 5xx to the recipient or to the message itself; another try gets the same answer.
Authentication and sender refusals are our configuration, not the message: temporary, so that mail waits for
the fix instead of being dropped.
"""

from __future__ import annotations

import smtplib
import socket
from dataclasses import dataclass


@dataclass(frozen=True)
class Failure:
    permanent: bool
    label: str  # short, no personal data: shown in the admin list and logged


def classify(error: BaseException) -> Failure:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        code = max(codes) if codes else 0
        return _by_code(code, "recipient refused")
    if isinstance(error, smtplib.SMTPDataError):
        return _by_code(error.smtp_code, "message refused")
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return Failure(False, f"{error.smtp_code} authentication failed")
    if isinstance(error, smtplib.SMTPSenderRefused):
        return Failure(False, f"{error.smtp_code} sender refused")
    if isinstance(error, smtplib.SMTPServerDisconnected):
        # smtplib reports a read that timed out as a lost connection
        return Failure(False, "timeout" if "timed out" in str(error) else "connection lost")
    if isinstance(error, smtplib.SMTPResponseException):
        return _by_code(error.smtp_code, "refused", permanent_5xx=False)
    if isinstance(error, socket.timeout | TimeoutError):
        return Failure(False, "timeout")
    if isinstance(error, ConnectionRefusedError):
        return Failure(False, "connection refused")
    if isinstance(error, OSError):
        return Failure(False, f"network error ({type(error).__name__})")
    return Failure(False, f"error ({type(error).__name__})")


def _by_code(code: int, what: str, *, permanent_5xx: bool = True) -> Failure:
    permanent = permanent_5xx and 500 <= code < 600
    return Failure(permanent, f"{code} {what}" if code else what)
