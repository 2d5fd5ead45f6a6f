"""Test settings: like local, but fast hashing, in-memory e-mail and static files without a manifest."""

from .local import *  # noqa: F403
from .local import STORAGES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
LOGGING_CONFIG = None  # keep pytest's log capture
# No worker runs under pytest: tasks execute in-process even when REDIS_URL names a broker.
CELERY_TASK_ALWAYS_EAGER = True
