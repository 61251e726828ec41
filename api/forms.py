from crispy_forms_gds.layout import Field
from django import forms
from django.conf import settings

from api.models import ApiToken
from hcag.forms import form_helper, say_what_to_do

LIFETIMES = [(30, "30 days"), (90, "90 days"), (180, "180 days"), (365, "1 year")]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="What is it for?",
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text="So that you can tell your tokens apart, such as “Power BI dashboard”.",
    )
    days = forms.TypedChoiceField(
        label="How long should it work?",
        choices=LIFETIMES,
        coerce=int,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"days": settings.API_TOKEN_DAYS})
        super().__init__(*args, **kwargs)
        self.helper = form_helper("name", Field.radios("days", small=True), submit="Create token")
        say_what_to_do(self, {"name": "what the token is for", "days": "how long it works"})
