import pytest
from django.urls import reverse
from django.utils.html import escape

from partners.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db


def detail_url(partnership):
    return reverse("overview:partnership-detail", kwargs={"slug": partnership.slug})


@pytest.mark.parametrize(
    "persona", ["secretariat", "chair", "police_lead", "council_lead", "community_member"]
)
def test_every_member_sees_the_partnership(client, personas, persona):
    client.force_login(getattr(personas, persona))
    response = client.get(detail_url(personas.partnership))
    assert response.status_code == 200
    assert personas.partnership.name in response.content.decode()


def test_an_outsider_gets_not_found(client, personas):
    client.force_login(personas.outsider)
    assert client.get(detail_url(personas.partnership)).status_code == 404


def test_a_former_member_gets_not_found(client, personas):
    membership = Membership.objects.get(person=personas.council_lead)
    membership.ended_on = "2018-04-01"
    membership.save()
    client.force_login(personas.council_lead)
    assert client.get(detail_url(personas.partnership)).status_code == 404


def test_a_superuser_sees_every_partnership(client, personas):
    client.force_login(factories.PersonFactory(is_superuser=True, is_staff=True))
    assert client.get(detail_url(personas.partnership)).status_code == 200


def test_members_boards_advisory_groups_and_terms_are_shown(client, personas):
    board = factories.OrganisationFactory(name="Safe Durham Partnership", kind="partnership-board")
    iag = factories.OrganisationFactory(
        name="BME Independent Advisory Group", kind="advisory-group"
    )
    personas.partnership.reports_to.add(board)
    personas.partnership.advised_by.add(iag)
    community = Membership.objects.get(person=personas.community_member)
    community.strands.add(factories.strand("disability"))
    terms = factories.TermsOfReferenceFactory(
        partnership=personas.partnership, preamble="The group exists to:\nTackle hate crime"
    )
    factories.ClauseFactory(terms=terms, number=1, body="It will:\n- Monitor trends\n- Act")
    client.force_login(personas.chair)
    content = client.get(detail_url(personas.partnership)).content.decode()
    for text in [
        "Safe Durham Partnership",
        "BME Independent Advisory Group",
        escape(str(personas.police_lead)),
        "Test Constabulary",
        "Community members",
        "Disability",
        "Secretariat",
        "Chair",
        "Tackle hate crime",
        "<li>Monitor trends</li>",
    ]:
        assert text in content


def test_partnership_page_escapes_member_text(client, personas):
    personas.police_lead.job_title = "<script>alert(1)</script>"
    personas.police_lead.save()
    client.force_login(personas.chair)
    content = client.get(detail_url(personas.partnership)).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_partnership_page_runs_a_fixed_number_of_queries(
    client, personas, django_assert_max_num_queries
):
    terms = factories.TermsOfReferenceFactory(partnership=personas.partnership)
    for number in range(1, 8):
        factories.ClauseFactory(terms=terms, number=number)
    for _ in range(20):
        membership = factories.MembershipFactory(partnership=personas.partnership)
        membership.strands.add(factories.strand("race"))
        factories.ProjectGroupFactory(partnership=personas.partnership).members.add(
            membership.person
        )
    client.force_login(personas.chair)
    # 1 session, 1 user, 1 partnership, 1 boards, 1 advisory groups, 1 plans,
    # 1 current terms of reference, 1 its clauses, 2 the last and next meetings,
    # 1 chair reviews, 1 the viewer's memberships (for what they may do),
    # 1 memberships with people and organisations, 1 their strands,
    # 1 project groups, 1 their members
    with django_assert_max_num_queries(16):
        response = client.get(detail_url(personas.partnership))
    assert response.status_code == 200
