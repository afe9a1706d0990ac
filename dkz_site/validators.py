"""Email addresses the association can actually write to.

Django's EmailValidator accepts `name@localhost` and IP literals (`name@[127.0.0.1]`): addresses that point the
association's mail server at itself or at a private network. Every form and model field that takes an address uses
this one instead: a domain name with a public-looking top-level domain, nothing else.
"""

from django.core.validators import EmailValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

INVALID_EMAIL = _("Please enter a valid email address, e.g. name@example.kz.")

# Top-level names that never reach another organisation's mail server (RFC 2606, 6761, 6762, 8375).
LOCAL_NAMES = frozenset(
    {"localhost", "localdomain", "local", "internal", "lan", "arpa", "invalid", "test"}
)


@deconstructible
class DeliverableEmailValidator(EmailValidator):
    message = INVALID_EMAIL
    domain_allowlist = []

    def validate_domain_part(self, domain_part):
        if self.literal_regex.match(domain_part):
            return False
        if domain_part.rstrip(".").rsplit(".", 1)[-1].lower() in LOCAL_NAMES:
            return False
        return super().validate_domain_part(domain_part)


validate_email_address = DeliverableEmailValidator()
