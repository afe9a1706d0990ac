"""The sections of the Kazakh classification of economic activities (OKED, GK RK 03-2019): the letters A to U a
company's line of business is stated in. The labels are the classifier's own section names; the Kazakh and
Russian ones are in the translations, as the official classifier words them. The directory's filter names the long
ones shorter (`SHORT_LABELS`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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

# Everyday names of the sections whose official ones run to a line or more, for the directory's filter: in Kazakh
# and Russian the select's 21 official names alone weighed some 2.5 KB of every members page. Each still names its
# whole section; the profile and the cabinet keep the official name.
SHORT_LABELS = {
    "B": pgettext_lazy("OKED section, short", "Mining and quarrying"),
    "D": pgettext_lazy("OKED section, short", "Electricity, gas and steam"),
    "E": pgettext_lazy("OKED section, short", "Water supply, sewerage and waste"),
    "G": pgettext_lazy("OKED section, short", "Trade and motor vehicle repair"),
    "I": pgettext_lazy("OKED section, short", "Accommodation and food services"),
    "K": pgettext_lazy("OKED section, short", "Finance and insurance"),
    "L": pgettext_lazy("OKED section, short", "Real estate"),
    "N": pgettext_lazy("OKED section, short", "Administrative and support services"),
    "O": pgettext_lazy("OKED section, short", "Public administration and defence"),
    "Q": pgettext_lazy("OKED section, short", "Health and social work"),
    "S": pgettext_lazy("OKED section, short", "Other services"),
    "T": pgettext_lazy("OKED section, short", "Household activities"),
    "U": pgettext_lazy("OKED section, short", "Extraterritorial organisations"),
}
FILTER_CHOICES = [(code, SHORT_LABELS.get(code, label)) for code, label in OkedSection.choices]


def normalise_sections(letters) -> str:
    """A member's sections as stored: the known letters, once each, in the classifier's order ("JM")."""
    wanted = {str(letter).strip().upper() for letter in letters or ""}
    return "".join(code for code in OkedSection.values if code in wanted)


def section_labels(stored: str) -> list[str]:
    """ "J — Information and communication", one per section of a stored value, in the page's language."""
    return [f"{code} — {SECTION_LABELS[code]}" for code in normalise_sections(stored)]
