"""Every model has a working admin for superusers, and nobody else gets in."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"partners", "workstreams", "meetings", "reports", "trends"}
PROJECT_MODELS = [model for model in admin.site._registry if model._meta.app_label in PROJECT_APPS]


def test_every_project_model_is_in_the_admin():
    from django.apps import apps

    models = {m for app in PROJECT_APPS for m in apps.get_app_config(app).get_models()}
    assert models == set(PROJECT_MODELS)


@pytest.fixture
def superuser_client(client, demo):
    client.force_login(factories.PersonFactory(is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize("model", PROJECT_MODELS, ids=lambda m: m._meta.label)
def test_changelist_search_and_change_pages_load(superuser_client, model):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert superuser_client.get(changelist).status_code == 200
    assert superuser_client.get(changelist, {"q": "hate"}).status_code == 200
    instance = model.objects.first()
    if instance is not None:
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[instance.pk])
        assert superuser_client.get(change).status_code == 200
