"""Invitations: the e-mailed link works once, until it expires or is withdrawn; a new
person sets up an account with it, someone with an account signs in to accept."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone
from mailer.models import Message

from partners.models import Invitation, Membership, Person, invitation_token_hash
from partners.views.invitations import SENT
from tests import factories
from tests.mail import delivered
from tests.partners.conftest import last_invitation_link

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-new-password-for-jo"


def invite_url(personas):
    return reverse("partners:member-invite", args=[personas.partnership.slug])


def invite(client, personas, captured, **fields):
    client.force_login(personas.secretariat)
    data = {"email": "jo.bloggs@example.org", "role": "member", "organisation": "", **fields}
    with captured(execute=True):
        response = client.post(invite_url(personas), data)
    client.logout()
    return response


def set_up_account(client, path, **fields):
    data = {
        "first_name": "Jo",
        "last_name": "Bloggs",
        "username": "jo.bloggs",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **fields,
    }
    return client.post(path, data)


def test_an_invitation_e_mails_a_single_use_link_and_keeps_only_its_hash(
    client, personas, django_capture_on_commit_callbacks
):
    response = invite(client, personas, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    sent = last_invitation_link()
    assert delivered()[-1].to == ["jo.bloggs@example.org"]
    assert personas.partnership.name in delivered()[-1].subject
    assert invitation.token_hash == invitation_token_hash(sent.token)
    assert sent.token not in invitation.token_hash
    assert invitation.sent_at is not None
    lifetime = invitation.expires_at - invitation.created_at
    assert abs(lifetime - datetime.timedelta(days=7)) < datetime.timedelta(seconds=5)


def test_a_new_person_sets_up_an_account_and_lands_on_the_partnership(
    client, personas, django_capture_on_commit_callbacks
):
    invite(client, personas, django_capture_on_commit_callbacks, organisation=personas.police.pk)
    sent = last_invitation_link()
    page = client.get(sent.path)
    assert page.status_code == 200
    assert "Set up your account" in page.content.decode()
    response = set_up_account(client, sent.path)
    assert response.status_code == 302
    assert response["Location"] == personas.partnership.get_absolute_url()
    person = Person.objects.get(username="jo.bloggs")
    assert person.organisation == personas.police
    assert person.check_password(NEW_PASSWORD)
    assert EmailAddress.objects.get(user=person).verified
    membership = Membership.objects.current().get(person=person)
    assert membership.role == Membership.Role.MEMBER
    assert membership.started_on == timezone.localdate()
    assert client.get(personas.partnership.get_absolute_url()).status_code == 200, "signed in"


def test_a_used_link_does_not_work_again(client, personas, django_capture_on_commit_callbacks):
    invite(client, personas, django_capture_on_commit_callbacks)
    sent = last_invitation_link()
    set_up_account(client, sent.path)
    client.logout()
    again = set_up_account(client, sent.path, username="someone.else")
    assert again.status_code == 410
    assert "This invitation has been accepted" in again.content.decode()
    assert not Person.objects.filter(username="someone.else").exists()


def test_an_expired_link_does_not_work(client, personas, django_capture_on_commit_callbacks):
    invite(client, personas, django_capture_on_commit_callbacks)
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    sent = last_invitation_link()
    response = set_up_account(client, sent.path)
    assert response.status_code == 410
    assert "This invitation has expired" in response.content.decode()
    assert not Person.objects.filter(username="jo.bloggs").exists()


def test_a_tampered_link_is_not_found(client, personas, django_capture_on_commit_callbacks):
    invite(client, personas, django_capture_on_commit_callbacks)
    sent = last_invitation_link()
    tampered = sent.path.replace(
        sent.token, sent.token[:-1] + ("A" if sent.token[-1] != "A" else "B")
    )
    response = set_up_account(client, tampered)
    assert response.status_code == 404
    assert "This invitation link is not right" in response.content.decode()
    assert not Person.objects.filter(username="jo.bloggs").exists()


def test_a_withdrawn_link_does_not_work(client, personas, django_capture_on_commit_callbacks):
    invite(client, personas, django_capture_on_commit_callbacks)
    sent = last_invitation_link()
    invitation = Invitation.objects.get()
    client.force_login(personas.secretariat)
    client.post(
        reverse("partners:invitation-revoke", args=[personas.partnership.slug, invitation.pk])
    )
    client.logout()
    response = set_up_account(client, sent.path)
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()
    assert not Person.objects.filter(username="jo.bloggs").exists()


def test_resending_replaces_the_link_and_renews_the_expiry(
    client, personas, django_capture_on_commit_callbacks
):
    invite(client, personas, django_capture_on_commit_callbacks)
    first = last_invitation_link()
    invitation = Invitation.objects.get()
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(days=1))
    client.force_login(personas.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("partners:invitation-resend", args=[personas.partnership.slug, invitation.pk])
        )
    client.logout()
    second = last_invitation_link()
    assert second.token != first.token
    assert client.get(first.path).status_code == 404, "the old link stops working"
    assert client.get(second.path).status_code == 200
    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + datetime.timedelta(days=6)


def test_someone_with_an_account_signs_in_and_then_accepts(
    client, personas, django_capture_on_commit_callbacks
):
    other = factories.PartnershipFactory()
    factories.MembershipFactory(partnership=other, person=personas.outsider)
    invite(
        client,
        personas,
        django_capture_on_commit_callbacks,
        email=personas.outsider.email.upper(),
        role="observer",
    )
    sent = last_invitation_link()
    page = client.get(sent.path)
    assert "Sign in to accept" in page.content.decode()
    assert not Person.objects.filter(username="jo.bloggs").exists()
    assert set_up_account(client, sent.path).status_code == 200, "no second account is made"
    assert Person.objects.filter(email__iexact=personas.outsider.email).count() == 1
    client.force_login(personas.outsider)
    assert "Accept the invitation" in client.get(sent.path).content.decode()
    response = client.post(sent.path)
    assert response.status_code == 302
    membership = Membership.objects.current().get(
        partnership=personas.partnership, person=personas.outsider
    )
    assert membership.role == Membership.Role.OBSERVER
    assert Membership.objects.current().filter(person=personas.outsider).count() == 2, (
        "one person belongs to several partnerships"
    )


def test_signed_in_as_someone_else_the_invitation_is_refused(
    client, personas, django_capture_on_commit_callbacks
):
    invite(client, personas, django_capture_on_commit_callbacks, email=personas.outsider.email)
    sent = last_invitation_link()
    client.force_login(personas.chair)
    response = client.post(sent.path)
    assert response.status_code == 403
    assert not Membership.objects.filter(person=personas.outsider).exists()
    assert Invitation.objects.get().is_open


def test_a_password_that_django_refuses_is_explained_and_nothing_is_made(
    client, personas, django_capture_on_commit_callbacks
):
    invite(client, personas, django_capture_on_commit_callbacks)
    sent = last_invitation_link()
    response = set_up_account(client, sent.path, password1="password", password2="password")
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "too common" in content
    assert not Person.objects.filter(username="jo.bloggs").exists()
    assert Invitation.objects.get().is_open


def test_a_taken_username_is_refused(client, personas, django_capture_on_commit_callbacks):
    invite(client, personas, django_capture_on_commit_callbacks)
    sent = last_invitation_link()
    response = set_up_account(client, sent.path, username="CHAIR")
    assert "That username is taken" in response.content.decode()
    assert Invitation.objects.get().is_open


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"email": "not-an-address"}, "Enter an email address in the correct format"),
        ({"email": ""}, "Enter their email address"),
        ({"role": ""}, "Choose their role"),
        ({"organisation": "999999"}, "Choose their organisation from the list"),
    ],
)
def test_bad_input_to_an_invitation_is_explained_and_nothing_is_sent(
    client, personas, django_capture_on_commit_callbacks, fields, message
):
    response = invite(client, personas, django_capture_on_commit_callbacks, **fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Invitation.objects.exists()
    assert not delivered()


def test_a_current_member_and_a_waiting_invitation_are_not_invited_twice(
    client, personas, django_capture_on_commit_callbacks
):
    response = invite(
        client,
        personas,
        django_capture_on_commit_callbacks,
        email=personas.police_lead.email,
        organisation=personas.police.pk,
    )
    assert "already a member of this partnership" in response.content.decode()
    invite(client, personas, django_capture_on_commit_callbacks)
    again = invite(
        client, personas, django_capture_on_commit_callbacks, email="JO.BLOGGS@example.org"
    )
    assert "already waiting for an answer" in again.content.decode()
    assert Invitation.objects.count() == 1
    assert len(delivered()) == 1


def test_an_existing_person_is_invited_only_for_their_own_organisation(
    client, personas, django_capture_on_commit_callbacks
):
    response = invite(
        client,
        personas,
        django_capture_on_commit_callbacks,
        email=factories.PersonFactory(organisation=personas.council).email,
        organisation=personas.police.pk,
    )
    assert "a person represents one organisation in every partnership" in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_retired_organisation_is_not_offered(client, personas):
    personas.council.retired_on = timezone.localdate()
    personas.council.save()
    client.force_login(personas.secretariat)
    offered = client.get(invite_url(personas)).context["form"].fields["organisation"].queryset
    assert personas.council not in offered
    assert personas.police in offered


def test_an_invitation_waits_in_the_queue_while_the_mail_server_fails(client, settings):
    settings.MAILER_EMAIL_BACKEND = "tests.failing_mail.FailingBackend"
    secretariat = factories.PersonFactory()
    membership = factories.MembershipFactory(person=secretariat, role=Membership.Role.SECRETARIAT)
    client.force_login(secretariat)
    response = client.post(
        reverse("partners:member-invite", args=[membership.partnership.slug]),
        {"email": "jo@example.org", "role": "member", "organisation": ""},
        follow=True,
    )
    assert SENT.format(email="jo@example.org") in response.content.decode()
    assert delivered() == []
    assert Message.objects.deferred().count() == 1
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Message.objects.retry_deferred()
    assert [message.to for message in delivered()] == [["jo@example.org"]]
