"""The meetings forms' messages: each names its field and says what to do, as GOV.UK
asks, and none is one of Django's defaults."""

import datetime
import re

import pytest
from crispy_forms.utils import render_crispy_form
from django import forms
from django.core import validators
from django.urls import reverse

from hcag.forms import RELOAD_THE_PAGE
from meetings import forms as meetings_forms
from meetings import services
from meetings.forms import (
    AT_LEAST_ONE_MEETING,
    AT_MOST_A_YEAR,
    TOO_FEW_MEETINGS,
    TOO_MANY_MEETINGS,
)
from meetings.models import Meeting, ProjectGroup, Report
from meetings.selectors import attendance_sheet
from tests import factories

pytestmark = pytest.mark.django_db


def django_default_messages() -> set[str]:
    """Every message Django's form fields, formsets and validators give by default."""
    classes = [forms.Field, forms.BaseFormSet]
    found = set()
    while classes:
        cls = classes.pop()
        classes += [sub for sub in cls.__subclasses__() if sub.__module__.startswith("django.")]
        found |= {str(message) for message in getattr(cls, "default_error_messages", {}).values()}
    for name in dir(validators):
        message = getattr(getattr(validators, name), "message", None)
        if message:
            found.add(str(message))
    return found - {""}


@pytest.fixture
def every_form(personas):
    partnership = personas.partnership
    meeting = services.meeting_create(partnership=partnership, date=datetime.date(2030, 3, 11))
    held = factories.MeetingFactory(partnership=partnership, status="held")
    terms = factories.TermsOfReferenceFactory(partnership=partnership, version=1)
    factories.ClauseFactory(terms=terms, number=1)
    draft = services.terms_draft_create(partnership=partnership)
    return [
        meetings_forms.MeetingForm(instance=Meeting(partnership=partnership)),
        meetings_forms.MeetingForm(instance=meeting),
        meetings_forms.ScheduledMeetingForm(),
        meetings_forms.AgendaItemForm(),
        meetings_forms.AgendaItemRemoveForm(),
        meetings_forms.PaperForm(),
        meetings_forms.AttendanceForm(lines=attendance_sheet(meeting), meeting=meeting),
        meetings_forms.AttendanceForm(lines=attendance_sheet(held), meeting=held),
        meetings_forms.DecisionForm(meeting=meeting),
        meetings_forms.MeetingActionForm(meeting=meeting),
        meetings_forms.MinutesApprovalForm(meeting=held),
        meetings_forms.BriefingComparisonForm(meeting=meeting),
        meetings_forms.TermsDraftForm(instance=draft),
        meetings_forms.TermsApprovalForm(partnership=partnership, draft=draft),
        meetings_forms.ChairReviewForm(partnership=partnership),
        meetings_forms.ReportForm(partnership=partnership, instance=Report()),
        meetings_forms.ProjectGroupForm(partnership=partnership, instance=ProjectGroup()),
    ]


def test_no_field_keeps_a_django_default_message(every_form):
    defaults = django_default_messages()
    assert "This field is required." in defaults
    assert "Ensure this value is greater than or equal to %(limit_value)s." in defaults
    left = []
    for form in every_form:
        for name, field in form.fields.items():
            if isinstance(field, forms.MultiValueField):
                continue  # GovukDateField words its own (see hcag.forms)
            messages = dict(field.error_messages)
            if not field.required:
                messages.pop("required", None)
            # A validator's message shows unless the field has one for its code.
            messages |= {
                validator.code: validator.message
                for validator in field.validators
                if validator.code not in field.error_messages
            }
            left += [
                f"{type(form).__name__}.{name} {code}: {message}"
                for code, message in messages.items()
                if str(message) in defaults
            ]
    assert left == [], "\n".join(left)


def test_the_number_of_meetings_a_year_says_what_it_must_be(personas):
    draft = factories.TermsOfReferenceFactory(partnership=personas.partnership, status="draft")
    cases = {"0": TOO_FEW_MEETINGS, "13": TOO_MANY_MEETINGS,
             "four": "The number of meetings a year must be a whole number, like 4"}  # fmt: skip
    for value, message in cases.items():
        form = meetings_forms.TermsDraftForm(
            {"meetings_per_year": value, "chair_review_season": "spring", "revision": "1"},
            instance=draft,
        )
        assert form.errors == {"meetings_per_year": [message]}, value


def test_a_title_too_long_and_a_choice_not_offered_say_what_to_do(personas):
    meeting = services.meeting_create(
        partnership=personas.partnership, date=datetime.date(2030, 3, 11)
    )
    item = meetings_forms.AgendaItemForm({"item-title": "x" * 201})
    assert item.errors == {"title": ["The title of the item must be 200 characters or fewer"]}
    action = meetings_forms.MeetingActionForm(
        {"action-description": "Write", "action-owner_person": "999999"}, meeting=meeting
    )
    assert action.errors["owner_person"][0] == (
        "Choose the person who owns the action from the list"
    )
    edit = meetings_forms.MeetingForm({"version": "stale"}, instance=meeting)
    assert edit.errors["version"] == [RELOAD_THE_PAGE]


def hidden_fields(response) -> dict[str, str]:
    """The hidden inputs of a page's forms, other than the CSRF token."""
    found = re.findall(
        r'<input type="hidden" name="([^"]+)" value="([^"]*)"', response.content.decode()
    )
    return {name: value for name, value in found if name != "csrfmiddlewaretoken"}


def summary(response) -> list[str]:
    """The messages of the page's error summary, in order."""
    found = re.search(r'govuk-error-summary__list">(.*?)</ul>', response.content.decode(), re.S)
    assert found, "the page has no error summary"
    return re.findall(r'<a href="#[^"]*">([^<]*)</a>', found.group(1))


@pytest.fixture
def pages(personas):
    partnership = personas.partnership
    slug = partnership.slug
    meeting = services.meeting_create(partnership=partnership, date=datetime.date(2030, 3, 11))
    held = factories.MeetingFactory(partnership=partnership, status="held")
    terms = factories.TermsOfReferenceFactory(partnership=partnership, version=1)
    factories.ClauseFactory(terms=terms, number=1)
    draft = services.terms_draft_create(partnership=partnership)
    item = meeting.agenda_items.first()
    return {
        "meeting-new": reverse("meetings:meeting-new", args=[slug]),
        "meeting-edit": reverse("meetings:meeting-edit", args=[meeting.pk]),
        "paper-add": reverse("meetings:paper-add", args=[item.pk]),
        "minutes-approve": reverse("meetings:minutes-approve", args=[held.pk]),
        "terms-edit": reverse("meetings:terms-edit", args=[draft.pk]),
        "terms-compare": reverse("meetings:terms-compare", args=[draft.pk]),
        "chair-review": reverse("meetings:chair-review", args=[slug]),
        "report-add": reverse("meetings:report-add", args=[slug]),
        "project-group-add": reverse("meetings:project-group-add", args=[slug]),
    }


@pytest.mark.parametrize(
    ("page", "messages"),
    [
        ("meeting-new", ["Choose the kind of meeting", "Enter the date of the meeting"]),
        ("meeting-edit", ["Choose the kind of meeting", "Enter the date of the meeting",
                          "Choose whether the meeting is scheduled, held or cancelled"]),
        ("paper-add", ["Enter the title of the paper", "Choose the file to upload"]),
        ("minutes-approve", ["Choose the meeting that approved the minutes"]),
        ("terms-edit", ["Enter the number of meetings a year",
                        "Choose the season the chair is reviewed in"]),
        ("terms-compare", ["Enter the date of approval"]),
        ("chair-review", ["Enter the date of the review", "Choose who chairs the group"]),
        ("report-add", ["Choose whether the report was received or submitted",
                        "Choose who the report is from or to", "Enter the title of the report",
                        "Enter the date of the report"]),
        ("project-group-add", ["Enter the project group&#x27;s name",
                               "Enter the project group&#x27;s remit",
                               "Choose the status of the project group"]),
    ],
)  # fmt: skip
def test_an_empty_form_lists_each_missing_field_by_name(client, personas, pages, page, messages):
    """Nothing filled in: the browser sends only the page's hidden fields (a version)."""
    client.force_login(personas.secretariat)
    response = client.post(pages[page], hidden_fields(client.get(pages[page])))
    assert response.status_code == 200
    assert summary(response) == messages


def test_an_empty_schedule_names_each_meetings_missing_details(client, personas):
    client.force_login(personas.secretariat)
    url = reverse("meetings:schedule-year", args=[personas.partnership.slug])
    response = client.post(url, {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0",
                                 "form-0-location": "Durham"})  # fmt: skip
    assert summary(response) == [
        "Meeting 1: Enter the date of the meeting",
        "Meeting 1: Enter the start time",
        "Meeting 1: Enter the end time",
    ]
    assert summary(client.post(url, {})) == [AT_LEAST_ONE_MEETING]
    thirteen = {"form-TOTAL_FORMS": "13", "form-INITIAL_FORMS": "0"}
    assert summary(client.post(url, thirteen))[0] == AT_MOST_A_YEAR
    assert not Meeting.objects.exists()


def test_an_action_can_be_owned_only_by_a_current_members_organisation(personas):
    """A former member's organisation is no longer offered as an action's owner."""
    former = factories.OrganisationFactory(name="Former Partner Trust")
    person = factories.PersonFactory(organisation=former)
    factories.MembershipFactory(
        partnership=personas.partnership, person=person, ended_on=datetime.date(2020, 1, 1)
    )
    meeting = factories.MeetingFactory(partnership=personas.partnership)

    form = meetings_forms.MeetingActionForm(meeting=meeting)

    offered = set(form.fields["owner_organisation"].queryset)
    assert former not in offered
    assert {personas.police, personas.council, personas.commissioner} <= offered
    assert person not in set(form.fields["owner_person"].queryset)


def test_every_text_field_shows_its_limit(every_form):
    """A text box counts the characters left up to its field's limit (GOV.UK's character
    count); a one-line input holds its limit as maxlength. (What each says when the limit
    is passed is checked above: none keeps Django's default.)"""
    missing = []
    for form in every_form:
        html = render_crispy_form(form)
        for name, field in form.fields.items():
            if isinstance(field.widget, forms.HiddenInput) or not isinstance(
                field, forms.CharField
            ):
                continue
            label = f"{type(form).__name__}.{name}"
            if field.max_length is None:
                missing.append(f"{label}: no limit")
            elif isinstance(field.widget, forms.Textarea):
                box = f'<div id="div_id_{form.add_prefix(name)}"'
                if not re.search(rf'data-maxlength="{field.max_length}"[^>]*>\s*{box}', html):
                    missing.append(f"{label}: no character count")
            elif not re.search(
                rf'<input[^>]*name="{form.add_prefix(name)}"[^>]*maxlength="{field.max_length}"',
                html,
            ):
                missing.append(f"{label}: no maxlength")
    assert missing == [], "\n".join(missing)
