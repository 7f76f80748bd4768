"""Who may do what with the code of honour (django-rules predicates)."""

import rules

from verbund.network.rules import is_office

rules.add_perm("conduct.publish_code", is_office)
rules.add_perm("conduct.view_code", rules.is_authenticated)
