"""Every free-text field of the service has a length limit."""

from django.apps import apps
from django.db import models

from hcag.fields import LimitedTextField

PROJECT_APPS = {"partners", "workstreams", "meetings", "reports", "trends"}


def test_every_free_text_field_has_a_length_limit():
    """A TextField without a limit once took a 112,000-character narrative; every text
    field is a LimitedTextField, and every CharField has a max_length (Django's rule)."""
    unlimited = [
        f"{model._meta.label}.{field.name}"
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField) and not isinstance(field, LimitedTextField)
    ]
    assert unlimited == []
