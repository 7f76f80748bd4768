"""Bootstrap's classes in templates, also for forms we do not declare ourselves (allauth's)."""

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

from verbund.common.forms import CHECK_WIDGETS, bootstrap_class

register = template.Library()


@register.filter
def is_check(field: BoundField) -> bool:
    """Whether the field renders as checkboxes or radio buttons (label after the input)."""
    return isinstance(field.field.widget, CHECK_WIDGETS)


@register.filter
def bootstrap(field: BoundField) -> SafeString:
    """The field's widget with Bootstrap's class for its kind, marked invalid on errors."""
    css = bootstrap_class(field.field.widget)
    if field.errors:
        css += " is-invalid"
    return field.as_widget(attrs={"class": css})
