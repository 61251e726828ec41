"""Model fields every app shares."""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.text import capfirst

TOO_LONG = "{what} must be {limit:,} characters or fewer"


class LimitedTextField(models.TextField):
    """Free text with a length limit that fits its purpose, held on every path: the form
    (whose text box then counts characters, see hcag.forms.text_box) and the model's
    full_clean(), which every service calls. Django's own TextField leaves max_length to
    the form alone."""

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)

    @cached_property
    def validators(self):
        return [*super().validators, MaxLengthValidator(self.max_length, message=self.too_long)]

    def formfield(self, **kwargs):
        error_messages = {"max_length": self.too_long, **kwargs.pop("error_messages", {})}
        field = super().formfield(error_messages=error_messages, **kwargs)
        # No maxlength attribute: a browser would cut pasted text at the limit without a
        # word. The server says when it is too long, and GOV.UK's character count says
        # how much is left as the person types.
        field.widget.attrs.pop("maxlength", None)
        return field

    @property
    def too_long(self) -> str:
        return TOO_LONG.format(what=capfirst(self.verbose_name), limit=self.max_length)
