"""Test settings: the real settings with fast hashing, a mail outbox and a local cache."""

from verbund.settings import *  # noqa: F403
from verbund.settings import STORAGES

SECRET_KEY = "test-only-secret-key-not-for-any-real-installation-0123456789"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "figures": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "figures",
    },
}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
LANGUAGE_CODE = "de"
# Tests serve static files from the apps' folders (finders), never from a collected folder.
STATIC_ROOT = None
