import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_string_is_translated(language):
    """No empty and no fuzzy translation: every string we write is in Kazakh and Russian."""
    if shutil.which("msgfmt") is None:
        pytest.fail("gettext's msgfmt is needed (apt-get install gettext)")
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
