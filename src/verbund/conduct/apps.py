from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConductConfig(AppConfig):
    name = "verbund.conduct"
    verbose_name = _("Code of honour and conduct")

    def ready(self) -> None:
        from verbund.conduct import signals  # noqa: F401  (connects the login check)
