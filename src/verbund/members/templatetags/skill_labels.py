"""`{{ skill|label }}`: a taxonomy entry's label in the reader's language."""

from django import template

from verbund.members.labels import label

register = template.Library()
register.filter("label", label)
