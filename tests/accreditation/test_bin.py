"""Tests for accreditation.bin (Kazakhstan BIN validation). No database needed."""

import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.migrations.serializer import serializer_factory
from django.utils import translation
from django.utils.functional import Promise
from hypothesis import assume, given
from hypothesis import strategies as st

from accreditation.bin import (
    FIRST_WEIGHTS,
    SECOND_WEIGHTS,
    Division,
    EntityType,
    ErrorCode,
    ParsedBIN,
    compute_check_digit,
    normalise_bin,
    parse_bin,
    validate_bin,
)


@pytest.fixture(autouse=True)
def _english():
    """The messages are asserted in the source language."""
    with translation.override("en"):
        yield


# A real, published BIN (JSC Halyk Bank; it is printed on every Halyk payment order).
# Checked by hand: digits 9 4 0 1 4 0 0 0 0 3 8, weights 1..11:
#   9*1 + 4*2 + 0*3 + 1*4 + 4*5 + 0*6 + 0*7 + 0*8 + 0*9 + 3*10 + 8*11
#   = 9 + 8 + 0 + 4 + 20 + 0 + 0 + 0 + 0 + 30 + 88 = 159;  159 mod 11 = 5  -> check digit 5.
# Parts: 94 = 1994, 01 = January, 4 = resident legal entity, 0 = head office, serial 00038.
HALYK = "940140000385"

# Prefix whose first-weights remainder is 10, so the second weights decide. By hand:
#   weights 1..11:       2*1 + 4*2 + 1*4 + 4*5 + 2*10        = 54;  54 mod 11 = 10 -> retry
#   weights 3..11, 1, 2: 2*3 + 4*4 + 1*6 + 4*7 + 2*1         = 58;  58 mod 11 = 3  -> digit 3
SECOND_WEIGHTS_PREFIX = "24014000020"
# Same prefix with digit 11 = 9: first sum 54 + 9*11 = 153 (mod 11 = 10), second sum
# 58 + 9*2 = 76 (mod 11 = 10): no check digit exists, whatever the 12th digit is.
NO_CHECK_DIGIT_PREFIX = "24014000029"


def with_check_digit(prefix: str) -> str:
    """Complete an 11-digit prefix into a valid-checksum 12-digit number."""
    digit = compute_check_digit(prefix)
    assert digit is not None, f"{prefix} has no check digit; pick another test prefix"
    return prefix + str(digit)


def weighted_remainder(digits: str, weights: tuple[int, ...]) -> int:
    """Independent re-implementation for the tests (the module's helper is private)."""
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11


def error_of(value: str) -> ValidationError:
    """Return the ValidationError that parse_bin raises for ``value``."""
    with pytest.raises(ValidationError) as excinfo:
        parse_bin(value)
    return excinfo.value


def message_of(error: ValidationError) -> str:
    """The rendered (params substituted, translated) message of a single-message error."""
    (message,) = error.messages
    return message


# --- valid numbers --------------------------------------------------------------------------


def test_hand_checked_real_bin():
    assert compute_check_digit(HALYK[:11]) == 5
    parsed = parse_bin(HALYK, reference_year=2025)
    assert parsed == ParsedBIN(
        number=HALYK,
        registration_year=1994,
        registration_month=1,
        entity_type=EntityType.RESIDENT,
        division=Division.HEAD_OFFICE,
        serial="00038",
        check_digit=5,
    )
    assert str(parsed) == HALYK


@pytest.mark.parametrize(
    ("prefix", "entity_type", "division"),
    [
        ("24014000001", EntityType.RESIDENT, Division.HEAD_OFFICE),
        ("15065100123", EntityType.NON_RESIDENT, Division.BRANCH),
        ("99126200777", EntityType.JOINT_ENTREPRENEURSHIP, Division.REPRESENTATIVE_OFFICE),
        ("08034300042", EntityType.RESIDENT, Division.PEASANT_FARM),
    ],
)
def test_constructed_valid_bins(prefix, entity_type, division):
    number = with_check_digit(prefix)
    parsed = parse_bin(number)
    assert parsed.number == number
    assert parsed.entity_type is entity_type
    assert parsed.division is division
    assert parsed.registration_month == int(prefix[2:4])
    assert parsed.serial == prefix[6:11]
    assert parsed.check_digit == int(number[-1])
    assert validate_bin(number) is None


def test_parsed_bin_is_frozen():
    parsed = parse_bin(HALYK)
    with pytest.raises(AttributeError):
        parsed.number = "000000000000"


def test_enum_labels_are_lazy_translations():
    # Templates show {{ parsed.entity_type.label }}; lazy labels follow the active language.
    assert EntityType.NON_RESIDENT.label == "Non-resident legal entity"
    assert Division.PEASANT_FARM.label == "Peasant (farm) enterprise"
    assert all(isinstance(label, Promise) for label in EntityType.labels + Division.labels)


@pytest.mark.parametrize(
    ("yy", "reference_year", "expected"),
    [
        ("00", 2025, 2000),
        ("24", 2025, 2024),
        ("25", 2025, 2025),  # the current two-digit year still counts as 20YY
        ("26", 2025, 1926),
        ("94", 2025, 1994),
        ("99", 2099, 2099),
    ],
)
def test_registration_year_century(yy, reference_year, expected):
    number = with_check_digit(f"{yy}014000038")
    assert parse_bin(number, reference_year=reference_year).registration_year == expected


def test_registration_year_defaults_to_this_year():
    this_yy = datetime.date.today().year % 100
    number = with_check_digit(f"{this_yy:02d}014000038")
    assert parse_bin(number).registration_year == datetime.date.today().year


# --- whitespace -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "9401 4000 0385",
        "940140 000385",
        "  940140000385  ",
        "94 01 40 00 03 85",
        "9401\t4000\n0385",
        "9401\u00a04000\u00a00385",  # no-break spaces, as pasted from Word or a PDF
    ],
)
def test_whitespace_is_tolerated(typed):
    assert normalise_bin(typed) == HALYK
    assert parse_bin(typed).number == HALYK


def test_normalise_bin_removes_only_whitespace():
    assert normalise_bin(" 94-01 ") == "94-01"


# --- each error code ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "bad_char"),
    [
        ("94014000038A", "A"),
        ("9401-4000-0385", "-"),
        ("940140.000385", "."),
        ("٩٤٠١٤٠٠٠٠٣٨٥", "٩"),  # Arabic-Indic digits: str.isdigit() would accept them
    ],
)
def test_non_digit(value, bad_char):
    error = error_of(value)
    assert error.code == ErrorCode.NON_DIGIT
    assert message_of(error) == f"A BIN may contain only digits; “{bad_char}” is not a digit."


@pytest.mark.parametrize(("value", "given"), [("", 0), ("94014000038", 11), (HALYK + "5", 13)])
def test_length(value, given):
    error = error_of(value)
    assert error.code == ErrorCode.LENGTH
    assert message_of(error) == (
        f"A BIN must consist of exactly 12 digits (digits entered: {given})."
    )


def test_length_counts_digits_without_spaces():
    error = error_of("9401 4000 038")
    assert error.code == ErrorCode.LENGTH
    assert "digits entered: 11" in message_of(error)


@pytest.mark.parametrize("month", ["00", "13", "99"])
def test_month(month):
    error = error_of(with_check_digit(f"94{month}4000038"))
    assert error.code == ErrorCode.MONTH
    assert message_of(error).endswith(f"must be 01 to 12, not {month}.")


@pytest.mark.parametrize("digit", "0123789")
def test_entity_type(digit):
    error = error_of(with_check_digit(f"9401{digit}000038"))
    assert error.code == ErrorCode.ENTITY_TYPE
    assert message_of(error) == (
        f"Digit 5 of a BIN is the entity type and must be 4, 5 or 6, not {digit}."
    )


@pytest.mark.parametrize("digit", "456789")
def test_division(digit):
    error = error_of(with_check_digit(f"94014{digit}00038"))
    assert error.code == ErrorCode.DIVISION
    assert message_of(error) == (
        f"Digit 6 of a BIN is the kind of unit (0 head office, 1 branch, 2 representative office, "
        f"3 peasant farm) and must be 0, 1, 2 or 3, not {digit}."
    )


@pytest.mark.parametrize("last", "012346789")
def test_check_digit(last):
    error = error_of(HALYK[:11] + last)
    assert error.code == ErrorCode.CHECK_DIGIT
    assert "check digit" in message_of(error)


def test_errors_are_reported_in_order_of_specificity():
    # A bad month *and* a bad check digit: the month is the more useful message.
    number = with_check_digit("94134000038")
    wrong_last = str((int(number[-1]) + 1) % 10)
    assert error_of(number[:11] + wrong_last).code == ErrorCode.MONTH


def test_error_messages_are_lazy():
    # Lazy messages are translated when rendered, i.e. in the language of the request.
    assert isinstance(error_of("x").message, Promise)


# --- the two weight sets --------------------------------------------------------------------


def test_second_weights_branch():
    assert weighted_remainder(SECOND_WEIGHTS_PREFIX, FIRST_WEIGHTS) == 10
    assert weighted_remainder(SECOND_WEIGHTS_PREFIX, SECOND_WEIGHTS) == 3
    assert compute_check_digit(SECOND_WEIGHTS_PREFIX) == 3
    assert parse_bin(SECOND_WEIGHTS_PREFIX + "3").check_digit == 3
    # 0 would be the answer if a remainder of 10 were naively reduced to its last digit.
    assert error_of(SECOND_WEIGHTS_PREFIX + "0").code == ErrorCode.CHECK_DIGIT


@pytest.mark.parametrize("last", "0123456789")
def test_prefix_without_check_digit_is_invalid(last):
    assert weighted_remainder(NO_CHECK_DIGIT_PREFIX, FIRST_WEIGHTS) == 10
    assert weighted_remainder(NO_CHECK_DIGIT_PREFIX, SECOND_WEIGHTS) == 10
    assert compute_check_digit(NO_CHECK_DIGIT_PREFIX) is None
    error = error_of(NO_CHECK_DIGIT_PREFIX + last)
    assert error.code == ErrorCode.NO_CHECK_DIGIT
    assert "No check digit can make" in message_of(error)


@pytest.mark.parametrize("bad", ["", "9401400003", "940140000385", "9401400003A", "٩٤٠١٤٠٠٠٠٣٨"])
def test_compute_check_digit_rejects_malformed_input(bad):
    with pytest.raises(ValueError, match="expected 11 ASCII digits"):
        compute_check_digit(bad)


# --- use as a Django validator --------------------------------------------------------------


def test_validator_on_form_field():
    field = forms.CharField(validators=[validate_bin])
    assert field.clean(HALYK) == HALYK
    with pytest.raises(ValidationError) as excinfo:
        field.clean(HALYK[:11] + "0")
    assert excinfo.value.error_list[0].code == ErrorCode.CHECK_DIGIT


def test_validator_on_model_field_and_in_migrations():
    field = models.CharField(max_length=12, validators=[validate_bin])
    field.run_validators(HALYK)
    with pytest.raises(ValidationError):
        field.run_validators("940113000385")
    # Migrations must be able to reference the validator by import path.
    path, imports = serializer_factory(validate_bin).serialize()
    assert path == "accreditation.bin.validate_bin"
    assert imports == {"import accreditation.bin"}


# --- property-based tests -------------------------------------------------------------------


@st.composite
def valid_bins(draw) -> str:
    """Valid BINs: any year, month 01-12, valid type and division, 5-digit serial.

    5 + 2 + 2 + 1 + 1 = 11 digits before the check digit. Prefixes without a check digit
    (both remainders 10, about 1 in 121) are skipped with ``assume``.
    """
    year = draw(st.integers(0, 99))
    month = draw(st.integers(1, 12))
    entity_type = draw(st.sampled_from(EntityType.values))
    division = draw(st.sampled_from(Division.values))
    serial = draw(st.integers(0, 99_999))
    prefix = f"{year:02d}{month:02d}{entity_type}{division}{serial:05d}"
    digit = compute_check_digit(prefix)
    assume(digit is not None)
    return prefix + str(digit)


def single_digit_changes(number: str):
    """Every number that differs from ``number`` in exactly one digit (12 * 9 = 108)."""
    for position, original in enumerate(number):
        for replacement in "0123456789":
            if replacement != original:
                yield position + 1, number[:position] + replacement + number[position + 1 :]


def is_valid(number: str) -> bool:
    try:
        validate_bin(number)
    except ValidationError:
        return False
    return True


@given(valid_bins())
def test_every_generated_bin_is_valid(number):
    parsed = parse_bin(number)
    assert parsed.number == number
    assert 1 <= parsed.registration_month <= 12


@given(valid_bins(), st.sampled_from(" \t\u00a0"), st.integers(0, 12))
def test_whitespace_anywhere_is_tolerated(number, space, position):
    assert parse_bin(number[:position] + space + number[position:]).number == number


# Why one might expect every single-digit substitution to be detected: 11 is prime, so
# w * delta is 0 mod 11 only if w or delta is. delta (the change of one digit) is -9..9,
# never 0; *if* every weight were nonzero mod 11, any substitution among the first 11 digits
# would change the remainder and so the check digit, and a changed 12th digit obviously no
# longer matches.
#
# It does not hold, and no correct BIN validator can make it hold:
#   1. The first weight set ends in 11, which IS 0 mod 11: digit 11 does not enter the
#      first-weights sum at all. For every BIN decided by the first weights (about 10 of 11),
#      all 9 substitutions of digit 11 are accepted, e.g. 000140000002 -> 000140000012, or
#      HALYK 940140000385 -> 940140000305 (first sum 159 - 8*11 = 71; 71 mod 11 = 5 again).
#   2. A substitution can move a number from one weight set to the other, and the other set
#      can give the same check digit by coincidence, at any of digits 1-10. By hand:
#      000140000141: first sum 4 + 20 + 10 + 44 = 78, mod 11 = 1 -> check digit 1;
#      000140000341: first sum 4 + 20 + 30 + 44 = 98, mod 11 = 10 -> second weights:
#                    6 + 28 + 3 + 8 = 45, mod 11 = 1 -> check digit 1 again: accepted.
#      And the other way: 000140000304 (first sum 54 -> 10; second 37 -> 4) ->
#      000140000904 (first sum 114 -> 4): accepted.
#      Hypothesis shrinks the failure to 000140000002 -> 000340000002 (digit 4: first sum
#      32 -> 10, second sum 18 + 28 = 46 -> 2, the same check digit).
# On a sample of 50,000 valid BINs, 8.7 % of all single-digit substitutions were accepted
# (7.6 % digit 11, 1.0 % weight-set switches), and every sampled BIN had at least one.
# In the second set, 11 is the weight of digit 9, but a change there moves the first sum off
# 10 (weight 9), so the first set takes over; that is case 2.
# See test_known_undetected_substitutions for pinned examples. This test keeps the property
# as specified and is a strict xfail: it documents that the property is false, and would
# turn red (XPASS) if the validator ever stopped accepting numbers the official scheme allows.
@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="mod-11 BIN scheme: digit 11 has weight 11 = 0 mod 11 in the first weight set, "
    "and a substitution can switch weight sets; such substitutions keep a valid checksum",
)
@given(valid_bins())
def test_every_single_digit_change_is_rejected(number):
    for position, changed in single_digit_changes(number):
        assert not is_valid(changed), f"{number} -> {changed} (digit {position}) still valid"


@pytest.mark.parametrize(
    ("original", "changed", "why"),
    [
        # First weight set, digit 11 changed: weight 11 = 0 mod 11, the sum does not move.
        (HALYK, "940140000305", "digit 11 not covered by weights 1..11"),
        ("000140000002", "000140000012", "digit 11 not covered by weights 1..11"),
        # Changed number falls into the second weight set, which gives the same digit.
        ("000140000141", "000140000341", "first set -> second set"),
        # Original in the second weight set; changed number is back in the first set.
        ("000140000304", "000140000904", "second set -> first set"),
    ],
)
def test_known_undetected_substitutions(original, changed, why):
    # Both are valid under the official algorithm, so the validator must accept both: one of
    # them may be a real company's BIN. Typos of this kind can only be caught by a registry
    # lookup, not by the checksum.
    assert is_valid(original), why
    assert is_valid(changed), why


@given(valid_bins(), st.integers(0, 9))
def test_changing_the_check_digit_is_always_rejected(number, replacement):
    assume(str(replacement) != number[-1])
    assert not is_valid(number[:-1] + str(replacement))


@given(valid_bins())
def test_substitutions_within_the_first_weight_set_are_rejected(number):
    # The part of the property that does hold: the number is decided by the first weights,
    # the change is in digits 1-10 (weights 1-10, all nonzero mod 11) and the changed number
    # is also decided by the first weights. Then its remainder differs from the original's,
    # so the check digit no longer matches.
    assume(weighted_remainder(number[:11], FIRST_WEIGHTS) != 10)
    for position, changed in single_digit_changes(number):
        if position <= 10 and weighted_remainder(changed[:11], FIRST_WEIGHTS) != 10:
            assert not is_valid(changed), f"{number} -> {changed} (digit {position})"
