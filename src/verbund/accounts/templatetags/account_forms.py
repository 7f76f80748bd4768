"""Bootstrap classes for form widgets we do not declare ourselves (allauth's forms)."""

from django import forms, template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()

CHECK_WIDGETS = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.filter
def is_check(field: BoundField) -> bool:
    """Whether the field renders as checkboxes or radio buttons (label after the input)."""
    return isinstance(field.field.widget, CHECK_WIDGETS)


@register.filter
def bootstrap(field: BoundField) -> SafeString:
    """The field's widget with Bootstrap's class for its kind, marked invalid on errors."""
    widget = field.field.widget
    if isinstance(widget, CHECK_WIDGETS):
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    return field.as_widget(attrs={"class": css})
