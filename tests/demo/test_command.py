"""load_demo on an empty or emptied database, and outside development."""

import io

import pytest
from django.core.management import CommandError, call_command

from partners.models import Membership, Partnership, Strand
from tests.conftest import load_demo

pytestmark = pytest.mark.django_db


def test_the_strands_are_restored_after_a_flush(db):
    Strand.objects.all().delete()
    assert "5 strands created" in " ".join(load_demo().split())
    assert list(Strand.objects.values_list("code", flat=True)) == Strand.Code.values
    assert Membership.objects.filter(strands__isnull=False).exists()


def test_the_command_refuses_to_run_without_debug(db):
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", stdout=io.StringIO())
    assert not Partnership.objects.exists()
