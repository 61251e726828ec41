"""Only staff use the admin, and its choices keep to the record's own plan."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_members_who_are_not_staff_cannot_use_the_admin(client, personas):
    client.force_login(personas.secretariat)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_workstream_is_offered_only_its_own_plans_objectives(client, personas):
    own = factories.ObjectiveFactory(plan=personas.plan, label="a")
    elsewhere = factories.ObjectiveFactory(label="a")
    client.force_login(factories.PersonFactory(is_superuser=True, is_staff=True))
    change = reverse("admin:workstreams_workstream_change", args=[personas.police_workstream.pk])
    offered = client.get(change).context["adminform"].form.fields["objectives"].queryset
    assert list(offered) == [own]
    assert elsewhere not in offered
