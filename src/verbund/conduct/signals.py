"""At each login: does the person still have to accept the current code of honour?

Checked once per login and kept in the session, so that pages pay no query for it; a new
version therefore reaches everyone at their next login (SPEC section 5).
"""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from verbund.conduct.queries import must_accept

SESSION_KEY = "honour_pending"


@receiver(user_logged_in)
def check_code_of_honour(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    if must_accept(user):
        request.session[SESSION_KEY] = True
    else:
        request.session.pop(SESSION_KEY, None)
