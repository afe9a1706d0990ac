import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "locale"
LANGUAGES = ["kk", "ru"]


@pytest.fixture(scope="module")
def msgfmt():
    if shutil.which("msgfmt") is None:
        pytest.fail("gettext's msgfmt is needed (apt-get install gettext)")


@pytest.mark.parametrize("domain", ["django", "djangojs"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated(language, domain, msgfmt):
    """No empty and no fuzzy translation: every string we write, and every string of the admin's JavaScript
    (djangojs, which `make messages` leaves alone), is in Kazakh and Russian."""
    po = LOCALE / language / "LC_MESSAGES" / f"{domain}.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory, msgfmt):
    """The catalogues `make messages` would write from the code as it is now, made in a copy of the tree."""
    copy = tmp_path_factory.mktemp("tree") / "site"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "var", "node_modules", "staticfiles", "__pycache__", ".hypothesis"
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            *[f"-l{language}" for language in LANGUAGES],
            "--no-obsolete",
            "--ignore=tests",
            "--ignore=bench",
            "-v0",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    return copy / "locale"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_holds_every_string_of_the_code(language, fresh_catalogues):
    """A string marked for translation but never extracted would show in English: the catalogue is current."""
    committed = LOCALE / language / "LC_MESSAGES" / "django.po"
    extracted = fresh_catalogues / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgcmp", "--use-untranslated", "--use-fuzzy", str(committed), str(extracted)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, "Run `make messages` and translate:\n" + result.stderr
