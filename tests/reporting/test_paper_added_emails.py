"""Members are told when a paper is added to a meeting after its papers were published,
unless they switched it off; nothing before publication, nor to whoever added it."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from reporting.models import NotificationSettings
from tests import factories
from tests.mail import delivered

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%a small paper\n"


@pytest.fixture
def item(personas):
    meeting = factories.MeetingFactory(
        partnership=personas.partnership, date=timezone.localdate() + datetime.timedelta(days=5)
    )
    return factories.AgendaItemFactory(meeting=meeting, title="Performance report")


def add_paper(client, personas, item):
    client.force_login(personas.secretariat)
    return client.post(
        reverse("meetings:paper-add", args=[item.pk]),
        {"title": "Late figures", "document": SimpleUploadedFile("late.pdf", PDF)},
    )


def test_a_paper_added_after_publication_is_mailed_to_the_other_members(client, personas, item):
    item.meeting.papers_published_at = timezone.now()
    item.meeting.save()
    NotificationSettings.objects.create(person=personas.chair, papers_added=False)
    assert add_paper(client, personas, item).status_code == 302
    messages = delivered()
    expected = {personas.police_lead, personas.council_lead, personas.community_member}
    assert sorted(m.to[0] for m in messages) == sorted(person.email for person in expected)
    message = messages[0]
    assert message.subject.endswith(": Late figures")
    assert 'Late figures, under "Performance report"' in message.body
    assert f"{item.meeting.get_absolute_url()}#agenda" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_nothing_is_sent_for_a_paper_added_before_publication(client, personas, item):
    assert add_paper(client, personas, item).status_code == 302
    assert delivered() == []
