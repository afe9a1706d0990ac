import io

import pytest
from django.core import mail
from django.core.management import call_command

from association.models import Document, Event, NewsPost, Page, Person, Registration, WorkingGroup
from privacy.models import ConsentPurpose, ConsentRecord

pytestmark = pytest.mark.django_db


def counts():
    return [
        model.objects.count()
        for model in (
            Page,
            Person,
            Document,
            NewsPost,
            Event,
            WorkingGroup,
            Registration,
            ConsentRecord,
        )
    ]


def test_demo_shows_a_living_association_and_is_idempotent():
    call_command("seed_demo", stdout=io.StringIO())
    before = counts()
    assert Page.objects.count() == 2
    posts = list(NewsPost.objects.published())
    assert len(posts) == 6 and any(len(post.languages) < 3 for post in posts)
    upcoming = Event.objects.published().upcoming().with_counts()
    assert upcoming.count() >= 3 and any(event.waiting_count for event in upcoming)
    assert Event.objects.published().past().filter(registrations__attended=True).exists()
    assert all(group.members.exists() for group in WorkingGroup.objects.all())
    assert (
        ConsentRecord.objects.filter(purpose=ConsentPurpose.EVENT_REGISTRATION).count()
        == Registration.objects.count()
    )
    for document in Document.objects.all():
        with document.file.open("rb") as file:
            assert file.read(5) == b"%PDF-"
    assert mail.outbox == []
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == before
