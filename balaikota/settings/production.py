"""Production settings: PostgreSQL, Redis, S3-compatible storage, HTTPS only. SECRET_KEY required."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")  # no default: refuse to start without one
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)
BALAIKOTA_STAFF_MFA_REQUIRED = env.bool("BALAIKOTA_STAFF_MFA_REQUIRED", default=True)
# The address printed in documents' QR codes: the public HTTPS address of the platform.
BALAIKOTA_PUBLIC_URL = env.str("BALAIKOTA_PUBLIC_URL", default=f"https://{ALLOWED_HOSTS[0]}")
