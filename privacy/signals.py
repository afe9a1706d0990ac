"""Signals privacy sends where a bulk update sends none, for apps that keep something derived from its data."""

from django.dispatch import Signal

# Sent with `email` after `unblock_email` lifted that address's blocks (a bulk update: no post_save).
block_lifted = Signal()
