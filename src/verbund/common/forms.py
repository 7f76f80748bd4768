"""Form building blocks every app uses: Bootstrap classes, ISO date pickers, service forms."""

from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.db.models import Model

# Widgets Bootstrap draws as boxes to tick, with the label after the input.
CHECK_WIDGETS = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)


def bootstrap_class(widget: forms.Widget) -> str:
    """Bootstrap's class for a widget of this kind."""
    if isinstance(widget, CHECK_WIDGETS):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


class DateInput(forms.DateInput):
    """A browser date picker; it needs ISO dates whatever the language."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class BootstrapMixin:
    """Give every widget Bootstrap's classes (templates cannot add classes without a filter)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            field.widget.attrs["class"] = bootstrap_class(field.widget)


class ServiceModelForm(BootstrapMixin, forms.ModelForm):
    """A model form that validates on a copy of its instance.

    Services compare the instance with the new data to log what changed; a plain ModelForm
    would already have set the new values on the instance while validating.
    """

    def __init__(self, *args: Any, instance: Model | None = None, **kwargs: Any) -> None:
        super().__init__(*args, instance=copy.copy(instance), **kwargs)
