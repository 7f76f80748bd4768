"""Login accounts: a user logs in by e-mail; API access by personal access token."""

import rules
from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

VERBUND_APP_LABELS = {
    "accounts",
    "admissions",
    "common",
    "conduct",
    "directory",
    "meetings",
    "members",
    "network",
    "referrals",
}


class UserManager(BaseUserManager):
    """Creates users keyed by e-mail (there is no username)."""

    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A login. The person behind it (name, company, contact data) is `members.Person`."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="de"
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.email

    def has_perm(self, perm, obj=None):
        # Verbund's own permissions are decided by its rules alone, for everyone: neither a
        # superuser's shortcut nor Django's model permissions (whose names such as
        # "network.change_network" overlap with the rules') get past need-to-know.
        if perm.split(".", 1)[0] in VERBUND_APP_LABELS:
            return self.is_active and rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)


class ApiToken(models.Model):
    """A personal access token for the REST API; only its SHA-256 hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
