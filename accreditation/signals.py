"""What accreditation tells the apps built on it, without importing them."""

from django.dispatch import Signal

# Sent (sender=Membership) when an application is approved, inside its transaction, with `membership`,
# `application` and `published` (the company consented to publication and has not withdrawn it): the directory
# takes the member's public profile from the application.
membership_accredited = Signal()

# Sent (sender=Membership) with `membership` and `email` just before erasure removes the contact from a membership:
# the directory unlists its public profile (and drops a public email that is the subject's own).
membership_anonymised = Signal()
