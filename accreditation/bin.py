"""Validation and parsing of Kazakhstan BINs (business identification numbers).

A BIN has 12 digits::

    YY MM T D SSSSS C
    |  |  | | |     +-- 12: check digit (mod-11 scheme, see compute_check_digit)
    |  |  | | +-------- 7-11: serial number
    |  |  | +---------- 6: kind of unit (head office, branch, representative office, peasant farm)
    |  |  +------------ 5: entity type (resident, non-resident, joint IE)
    |  +--------------- 3-4: registration month
    +------------------ 1-2: registration year (two digits)

Every failure raises ``django.core.exceptions.ValidationError`` with its own ``code`` (see
``ErrorCode``) and a translated message that names the digit(s) at fault, so that a member
filling in the accreditation form knows what to correct.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

BIN_LENGTH = 12

# Weights of the first 11 digits. The second set is used only when the first gives 10.
FIRST_WEIGHTS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


class ErrorCode:
    """``ValidationError.code`` values, so callers and tests can tell the failures apart."""

    NON_DIGIT = "bin_non_digit"
    LENGTH = "bin_length"
    MONTH = "bin_month"
    ENTITY_TYPE = "bin_entity_type"
    DIVISION = "bin_division"
    CHECK_DIGIT = "bin_check_digit"
    NO_CHECK_DIGIT = "bin_no_check_digit"


MESSAGES = {
    ErrorCode.NON_DIGIT: _("A BIN may contain only digits; “%(char)s” is not a digit."),
    ErrorCode.LENGTH: _("A BIN must consist of exactly 12 digits (digits entered: %(given)s)."),
    ErrorCode.MONTH: _(
        "Digits 3 and 4 of a BIN are the registration month and must be 01 to 12, not %(month)s."
    ),
    ErrorCode.ENTITY_TYPE: _(
        "Digit 5 of a BIN is the entity type and must be 4, 5 or 6, not %(digit)s."
    ),
    ErrorCode.DIVISION: _(
        "Digit 6 of a BIN is the kind of unit (0 head office, 1 branch, 2 representative office, "
        "3 peasant farm) and must be 0, 1, 2 or 3, not %(digit)s."
    ),
    ErrorCode.CHECK_DIGIT: _(
        "The last digit of the BIN (the check digit) does not match the first 11 digits; "
        "please check the number for typing errors."
    ),
    ErrorCode.NO_CHECK_DIGIT: _(
        "No check digit can make the first 11 digits of this BIN valid, so it is not a real "
        "BIN; please check the number for typing errors."
    ),
}


class EntityType(models.TextChoices):
    """Digit 5 of a BIN: what kind of organisation was registered."""

    RESIDENT = "4", _("Resident legal entity")
    NON_RESIDENT = "5", _("Non-resident legal entity")
    JOINT_ENTREPRENEURSHIP = "6", _("Joint individual entrepreneurship")


class Division(models.TextChoices):
    """Digit 6 of a BIN: the kind of unit the number belongs to (the rules call it the legal entity's attribute)."""

    HEAD_OFFICE = "0", _("Head office")
    BRANCH = "1", _("Branch")
    REPRESENTATIVE_OFFICE = "2", _("Representative office")
    PEASANT_FARM = "3", _("Peasant (farm) enterprise")


@dataclass(frozen=True)
class ParsedBIN:
    """The parts of a valid BIN; ``number`` is the normalised 12-digit string."""

    number: str
    registration_year: int
    registration_month: int
    entity_type: EntityType
    division: Division
    serial: str
    check_digit: int

    def __str__(self) -> str:
        return self.number


def _error(code: str, **params: object) -> ValidationError:
    """Build the ValidationError for ``code``; one place keeps codes and messages paired."""
    return ValidationError(MESSAGES[code], code=code, params=params or None)


def normalise_bin(value: object) -> str:
    """Remove all whitespace, because people copy BINs grouped as "123456 789012" or similar.

    Nothing else is removed: a stray letter or dash is more likely a typo than formatting,
    so ``parse_bin`` reports it instead of silently dropping it.
    """
    return "".join(str(value).split())


def _weighted_remainder(digits: str, weights: tuple[int, ...]) -> int:
    """Sum of digit * weight, mod 11 (the core of the BIN/IIN check-digit scheme)."""
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11


def compute_check_digit(first11: str) -> int | None:
    """Return the check digit for the first 11 digits of a BIN, or None if there is none.

    The official scheme: weights 1..11, sum mod 11. A remainder of 10 is not a digit, so the
    sum is recomputed with weights 3..11, 1, 2; if that also gives 10, no check digit exists
    and such prefixes are never issued as BINs.
    """
    if len(first11) != BIN_LENGTH - 1 or not (first11.isascii() and first11.isdigit()):
        raise ValueError(f"expected 11 ASCII digits, got {first11!r}")
    for weights in (FIRST_WEIGHTS, SECOND_WEIGHTS):
        remainder = _weighted_remainder(first11, weights)
        if remainder != 10:
            return remainder
    return None


def _check_format(number: str) -> None:
    """Reject non-digits first (the most specific complaint), then a wrong length.

    ``isdigit`` alone would accept other scripts' digits (e.g. Arabic-Indic), hence the
    explicit ASCII range.
    """
    for char in number:
        if not "0" <= char <= "9":
            raise _error(ErrorCode.NON_DIGIT, char=char)
    if len(number) != BIN_LENGTH:
        raise _error(ErrorCode.LENGTH, given=len(number))


def _registration_year(yy: int, reference_year: int) -> int:
    """Expand a two-digit year: not later than ``reference_year`` means 20YY, else 19YY."""
    return 2000 + yy if yy <= reference_year % 100 else 1900 + yy


def _parse_month(number: str) -> int:
    """Digits 3-4 are the registration month; anything outside 01..12 is a typo."""
    month = int(number[2:4])
    if not 1 <= month <= 12:
        raise _error(ErrorCode.MONTH, month=number[2:4])
    return month


def _parse_entity_type(number: str) -> EntityType:
    """Digit 5 must be one of the codes BINs are issued with (4, 5, 6)."""
    try:
        return EntityType(number[4])
    except ValueError:
        raise _error(ErrorCode.ENTITY_TYPE, digit=number[4]) from None


def _parse_division(number: str) -> Division:
    """Digit 6 must be one of the division codes (0-3)."""
    try:
        return Division(number[5])
    except ValueError:
        raise _error(ErrorCode.DIVISION, digit=number[5]) from None


def _check_check_digit(number: str) -> int:
    """Verify digit 12 against the first 11; checked last so field errors are reported first."""
    expected = compute_check_digit(number[:11])
    if expected is None:
        raise _error(ErrorCode.NO_CHECK_DIGIT)
    if int(number[11]) != expected:
        raise _error(ErrorCode.CHECK_DIGIT)
    return expected


def parse_bin(value: object, *, reference_year: int | None = None) -> ParsedBIN:
    """Validate ``value`` and split it into its parts; raise ValidationError if invalid.

    Checks run from the most to the least specific message: characters, length, month,
    entity type, division, and finally the check digit. ``reference_year`` (default: this
    year) decides the century of the registration year; tests pass it to be deterministic.
    """
    number = normalise_bin(value)
    _check_format(number)
    month = _parse_month(number)
    entity_type = _parse_entity_type(number)
    division = _parse_division(number)
    check_digit = _check_check_digit(number)
    if reference_year is None:
        reference_year = datetime.date.today().year
    return ParsedBIN(
        number=number,
        registration_year=_registration_year(int(number[:2]), reference_year),
        registration_month=month,
        entity_type=entity_type,
        division=division,
        serial=number[6:11],
        check_digit=check_digit,
    )


def validate_bin(value: object) -> None:
    """Django validator for model and form fields: raise ValidationError for an invalid BIN.

    It validates the whitespace-free form; store ``normalise_bin(value)`` (e.g. in the
    form's ``clean_<field>``) so that equal BINs compare equal in the database.
    """
    parse_bin(value)
