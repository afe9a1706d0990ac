"""The sections of the Kazakh classification of economic activities (OKED, GK RK 03-2019): the letters A to U a
company's line of business is stated in. The labels are the classifier's own section names; the Kazakh and
Russian ones are in the translations, as the official classifier words them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OkedSection(models.TextChoices):
    A = "A", _("Agriculture, forestry and fishing")
    B = "B", _("Mining and quarrying")
    C = "C", _("Manufacturing")
    D = "D", _("Electricity, gas, steam and air conditioning supply")
    E = "E", _("Water supply; sewerage, waste management and remediation activities")
    F = "F", _("Construction")
    G = "G", _("Wholesale and retail trade; repair of motor vehicles and motorcycles")
    H = "H", _("Transportation and storage")
    I = "I", _("Accommodation and food service activities")  # noqa: E741 (the classifier's letter)
    J = "J", _("Information and communication")
    K = "K", _("Financial and insurance activities")
    L = "L", _("Real estate activities")
    M = "M", _("Professional, scientific and technical activities")
    N = "N", _("Administrative and support service activities")
    O = "O", _("Public administration and defence; compulsory social security")  # noqa: E741
    P = "P", _("Education")
    Q = "Q", _("Human health and social work activities")
    R = "R", _("Arts, entertainment and recreation")
    S = "S", _("Other service activities")
    T = (
        "T",
        _(
            "Activities of households as employers; undifferentiated goods- and services-producing "
            "activities of households for own use"
        ),
    )
    U = "U", _("Activities of extraterritorial organisations and bodies")


SECTION_LABELS = dict(OkedSection.choices)


def normalise_sections(letters) -> str:
    """A member's sections as stored: the known letters, once each, in the classifier's order ("JM")."""
    wanted = {str(letter).strip().upper() for letter in letters or ""}
    return "".join(code for code in OkedSection.values if code in wanted)


def section_labels(stored: str) -> list[str]:
    """ "J — Information and communication", one per section of a stored value, in the page's language."""
    return [f"{code} — {SECTION_LABELS[code]}" for code in normalise_sections(stored)]
