import json

import pytest

from dkz_site.settings import base
from dkz_site.static_files import StaticFiles


@pytest.fixture
def storage(tmp_path, settings):
    settings.DEBUG = False
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": {"css/site.css": "css/site.0123abcd.css"}})
    )
    return StaticFiles(location=str(tmp_path), base_url="/static/")


def test_production_serves_static_files_through_it():
    assert base.STORAGES["staticfiles"]["BACKEND"] == "dkz_site.static_files.StaticFiles"


def test_a_file_is_looked_up_in_the_manifest_once(storage, monkeypatch):
    assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"
    looked_up = []
    monkeypatch.setattr(storage, "stored_name", lambda name: looked_up.append(name))
    assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"
    assert looked_up == []


def test_a_file_missing_from_the_manifest_still_fails_every_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")
