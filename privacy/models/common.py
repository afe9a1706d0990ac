from django.db import models

from privacy.addresses import normalise_email


class ByEmailQuerySet(models.QuerySet):
    """Rows about a person, found by the address they gave (the subject-data providers, blocking, erasure)."""

    def for_email(self, email):
        email = normalise_email(email)
        if not email:
            return self.none()  # erased rows hold "", which is nobody's address
        return self.filter(email=email)


def localised(obj, field: str, language: str | None = None) -> str:
    """The `<field>_<language>` value of a trilingual object, falling back to English, then Kazakh."""
    from django.utils.translation import get_language

    language = (language or get_language() or "kk")[:2]
    value = getattr(obj, f"{field}_{language}", "") if language in ("kk", "ru", "en") else ""
    return value or getattr(obj, f"{field}_en") or getattr(obj, f"{field}_kk")


class AppendOnlyError(Exception):
    """Raised on any attempt to rewrite or delete a record kept as proof."""


class AppendOnlyQuerySet(models.QuerySet):
    """Rows are written once: bulk updates and deletes are refused like single ones."""

    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.verbose_name_plural} are append-only.")

    def delete(self):
        raise AppendOnlyError(f"{self.model._meta.verbose_name_plural} are never deleted.")

    delete.queryset_only = True
