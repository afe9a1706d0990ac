"""django-cookie-consent ships no Kazakh or Russian: its admin strings are listed here so that
`makemessages` puts them in our catalogues, which Django merges over the package's (same msgids).
Generic words ("Name", "Description", "Created", "Version") are left out: other apps may need them
translated differently."""

from django.utils.translation import gettext_noop

PACKAGE_STRINGS = [
    gettext_noop("cookie consent"),
    gettext_noop("Cookie Group"),
    gettext_noop("Cookie Groups"),
    gettext_noop("Variable name"),
    gettext_noop("Is required"),
    gettext_noop("Are cookies in this group required."),
    gettext_noop("Is deletable?"),
    gettext_noop("Can cookies in this group be deleted."),
    gettext_noop("Ordering"),
    gettext_noop("Path"),
    gettext_noop("Domain"),
    gettext_noop("Log item"),
    gettext_noop("Log items"),
    gettext_noop("# cookies"),
    gettext_noop("Warning icon for missing cookies in cookie group."),
    gettext_noop("Apply to all cookie groups"),
    gettext_noop("Cookie group varnames"),
    gettext_noop("Enter a valid 'varname' consisting of letters, numbers, underscores or hyphens."),
]
