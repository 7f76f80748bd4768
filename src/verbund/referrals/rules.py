"""Who may do what with referrals and one-to-ones (django-rules predicates)."""

import rules  # noqa: F401 (the predicates follow)
