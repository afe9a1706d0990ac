import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _session(expires_in: datetime.timedelta) -> str:
    store = SessionStore()
    store["cart_notice"] = "shown"
    store.set_expiry(expires_in)
    store.create()
    return store.session_key


def test_P10_apply_retention_deletes_expired_sessions_only(capsys):
    expired = _session(datetime.timedelta(seconds=-1))
    valid = _session(datetime.timedelta(days=1))
    assert Session.objects.filter(expire_date__lt=timezone.now()).count() == 1

    call_command("apply_retention")

    assert not Session.objects.filter(session_key=expired).exists()
    assert Session.objects.filter(session_key=valid).exists()
    assert "sessions.expired" in capsys.readouterr().out
