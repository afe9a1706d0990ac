"""Email addresses as personal data is looked up by: one spelling of each address, wherever it is compared."""


def normalise_email(email: str) -> str:
    """Addresses are compared case-insensitively everywhere personal data is looked up."""
    return (email or "").strip().lower()


def posted_email_key(group, request) -> str:
    """A rate-limit key (`dkz_site.ratelimit.limit_per_address`): the address posted in the form's `email` field, normalised, so
    one address is limited however it is spelt."""
    return normalise_email(request.POST.get("email", ""))
