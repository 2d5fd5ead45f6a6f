"""Settings shared by every environment; everything that varies comes from the environment.

Each value is read through django-environ's typed helpers, which raise ImproperlyConfigured on a
malformed value instead of silently falling back.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
VAR_DIR = Path(env.str("BALAIKOTA_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",  # trigram and full-text lookups (used on PostgreSQL only)
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "rest_framework.authtoken",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "auditlog",
    "csp",
    "balaikota.core",
    "balaikota.accounts",
    "balaikota.organization",
    "balaikota.documents",
    "balaikota.notifications",
    "balaikota.catalogue",
    "balaikota.satisfaction",
    "balaikota.complaints",
    "balaikota.transparency",
    "balaikota.eoffice",
    "balaikota.civil_registry",
    "balaikota.elearning",
    "balaikota.competency",
    "balaikota.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "balaikota.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "balaikota.core.middleware.NullCharacterMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "balaikota.accounts.middleware.StaffMfaRequiredMiddleware",
    "balaikota.core.web.DomainErrorMiddleware",
    "balaikota.core.middleware.OfflineCacheableMiddleware",
]

ROOT_URLCONF = "balaikota.urls"
FORM_RENDERER = "balaikota.core.forms.BootstrapFormRenderer"
CSRF_FAILURE_VIEW = "balaikota.core.views.csrf_failure"
WSGI_APPLICATION = "balaikota.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "balaikota" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "balaikota.core.context_processors.navigation",
            ],
        },
    },
]

# --- Data ------------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer commits; busy timeout queues writers instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # A database that does not answer fails the request in seconds, with a 503, not minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=3)
    )
    # No JIT: a page's queries are short and planned on millions of rows (the e-office search
    # over 1.5 million letters), whose cost estimates cross jit_above_cost — compiling them took
    # a second per search and 150 ms on a sent tab (bench/eoffice_bench.py), to save nothing.
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Short timeouts and a per-process stand-in while Redis is away: the cache never
            # stops a request (balaikota.core.cache).
            "BACKEND": "balaikota.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="balaikota"),
            "OPTIONS": {
                "socket_connect_timeout": env.float("CACHE_CONNECT_TIMEOUT", default=0.25),
                "socket_timeout": env.float("CACHE_TIMEOUT", default=0.25),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions live in the database (a Redis restart or outage signs nobody out); with Redis they
# are read from it (balaikota.core.sessions: no per-process stand-in, deletes made during an
# outage are done once Redis answers, at most 5 minutes in the cache between database reads).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
if REDIS_URL:
    CACHES["sessions"] = {
        **CACHES["default"],
        "OPTIONS": {**CACHES["default"]["OPTIONS"], "local_fallback": False},
    }
    SESSION_ENGINE = "balaikota.core.sessions"
    SESSION_CACHE_ALIAS = "sessions"

# --- Background tasks ----------------------------------------------------------------------
# At least once: the outbox row is the truth (balaikota.core.outbox), a task is acknowledged
# only after it ran, a worker lost mid-task gives it back, and Redis hands an unacknowledged
# task to another worker after the visibility timeout. Every task is idempotent.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Asia/Jakarta"
CELERY_TASK_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True
# A send while the broker is down fails fast (the request never waits for it): the outbox
# sweeper sends it again.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=1.0)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=15 * 60),
    # A publish to a broker that refuses gives up at once (kombu would retry for ~2 s while the
    # citizen waits); the outbox sweeper sends it later. Workers reconnect on their own terms.
    "max_retries": 0,
    "socket_connect_timeout": 1.0,
    "socket_timeout": 5.0,
    "retry_on_timeout": True,
}
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_BEAT_SCHEDULE = {
    "core-sweep-outbox": {
        "task": "core.sweep_outbox",
        "schedule": env.float("OUTBOX_SWEEP_SECONDS", default=30),
    },
    "core-heartbeat": {"task": "core.heartbeat", "schedule": 30},
    "clear-expired-sessions": {"task": "core.clear_expired_sessions", "schedule": 24 * 60 * 60},
    "core-purge-expired": {"task": "core.purge_expired", "schedule": 24 * 60 * 60},
    # Daily: staff devices whose token expired unused are ended; old ended rows purged.
    "accounts-expire-devices": {"task": "accounts.expire_devices", "schedule": 24 * 60 * 60},
    "civil-registry-escalate-overdue": {
        "task": "civil_registry.escalate_overdue_applications",
        "schedule": 24 * 60 * 60,
    },
    "documents-release-stalled-signing": {
        "task": "documents.release_stalled_signing",
        "schedule": 5 * 60,
    },
    "civil-registry-sweep-pending-documents": {
        "task": "civil_registry.sweep_pending_documents",
        "schedule": 5 * 60,
    },
    "complaints-auto-close": {"task": "complaints.auto_close", "schedule": 24 * 60 * 60},
    "transparency-refresh": {"task": "transparency.refresh_statistics", "schedule": 60 * 60},
    "competency-refresh-compliance-months": {
        "task": "competency.refresh_compliance_months",
        "schedule": 60 * 60,
    },
    # Daily; it acts from July on and sends each person one reminder a month at most.
    "competency-send-jp-reminders": {
        "task": "competency.send_jp_reminders",
        "schedule": 24 * 60 * 60,
    },
    "elearning-close-expired-attempts": {
        "task": "elearning.close_expired_attempts",
        "schedule": 60,
    },
    # Hourly; each overdue disposition is escalated to the supervisor once.
    "eoffice-escalate-overdue-dispositions": {
        "task": "eoffice.escalate_overdue_dispositions",
        "schedule": 60 * 60,
    },
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# --- Files ---------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": env.int("AWS_QUERYSTRING_EXPIRE", default=300),
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT)},
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Accounts ------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "balaikota.accounts.backends.AuthenticationBackend",  # allauth's, the account read faster
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "balaikota.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email", "username"}  # citizens: e-mail; civil servants: NIP (username)
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "balaikota.accounts.forms.CitizenSignupForm"
ACCOUNT_FORMS = {"login": "balaikota.accounts.forms.LoginForm"}
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # Per address only: failures per login are counted in the database, per address + login
    # and (slowly) over every address (accounts/adapter.py), so nobody can lock another's login.
    "login_failed": "10/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Balai Kota Digital] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Balai Kota Digital"
# Staff roles must enrol TOTP before using the platform when this is on (on in production).
BALAIKOTA_STAFF_MFA_REQUIRED = env.bool("BALAIKOTA_STAFF_MFA_REQUIRED", default=False)
# The civil servants' mobile app signs in per device (accounts.services.device_sign_in): a
# token lives this many days after its last use, this many days at most after signing in, and a
# person has at most this many devices signed in at once (the next one is refused, never one
# signed out behind their back).
BALAIKOTA_DEVICE_TOKEN_DAYS = env.int("BALAIKOTA_DEVICE_TOKEN_DAYS", default=30)
BALAIKOTA_DEVICE_TOKEN_MAX_DAYS = env.int("BALAIKOTA_DEVICE_TOKEN_MAX_DAYS", default=90)
BALAIKOTA_DEVICE_LIMIT = env.int("BALAIKOTA_DEVICE_LIMIT", default=5)
if (
    not 1 <= BALAIKOTA_DEVICE_TOKEN_DAYS <= BALAIKOTA_DEVICE_TOKEN_MAX_DAYS
    or BALAIKOTA_DEVICE_LIMIT < 1
):
    raise environ.ImproperlyConfigured(
        "BALAIKOTA_DEVICE_TOKEN_DAYS must be at least 1 and at most BALAIKOTA_DEVICE_TOKEN_MAX_DAYS; "
        "BALAIKOTA_DEVICE_LIMIT at least 1"
    )
# knox's swappable model, named as its migrations need (a model name, not a secret)
KNOX_TOKEN_MODEL = "knox.AuthToken"  # noqa: S105
REST_KNOX = {
    # "Token" is the citizens' DRF token keyword: staff device tokens are "Bearer".
    "AUTH_HEADER_PREFIX": "Bearer",
    "TOKEN_TTL": timedelta(days=BALAIKOTA_DEVICE_TOKEN_DAYS),
    "AUTO_REFRESH": True,
    "AUTO_REFRESH_MAX_TTL": timedelta(days=BALAIKOTA_DEVICE_TOKEN_MAX_DAYS),
    "MIN_REFRESH_INTERVAL": 60,  # seconds: one write a minute at most per device
    "TOKEN_LIMIT_PER_USER": None,  # BALAIKOTA_DEVICE_LIMIT, counted with a clear message
    "USER_SERIALIZER": None,
}

# --- E-mail --------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Another backend class (a provider's API, or the fault tests' gated one) by its dotted path.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default=EMAIL_CONFIG["EMAIL_BACKEND"])
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Balai Kota Digital <noreply@semarangkota.go.id>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Language and time ---------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "balaikota" / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

# --- Security headers shared by all environments --------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # HTMX reads the token from the page, not the cookie
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Who the public pages name (/kontak/, /privasi/, /aksesibilitas/) ------------------------
BALAIKOTA_OPERATOR = env.str("BALAIKOTA_OPERATOR", default="Pemerintah Kota Semarang")
BALAIKOTA_CONTACT_NAME = env.str(
    "BALAIKOTA_CONTACT_NAME",
    default="Dinas Komunikasi, Informatika, Statistik dan Persandian Kota Semarang",
)
BALAIKOTA_CONTACT_ADDRESS = env.str(
    "BALAIKOTA_CONTACT_ADDRESS", default="Jl. Pemuda No. 148, Semarang 50132"
)
BALAIKOTA_CONTACT_EMAIL = env.str(
    "BALAIKOTA_CONTACT_EMAIL", default="balaikota-digital@semarangkota.go.id"
)
BALAIKOTA_CONTACT_PHONE = env.str("BALAIKOTA_CONTACT_PHONE", default="")
BALAIKOTA_DPO_NAME = env.str(
    "BALAIKOTA_DPO_NAME", default="Pejabat Pelindungan Data Pribadi, Pemerintah Kota Semarang"
)
BALAIKOTA_DPO_EMAIL = env.str("BALAIKOTA_DPO_EMAIL", default="pelindungandata@semarangkota.go.id")

# --- Documents and e-signatures ------------------------------------------------------------
# The one address in every e-mail, SMS, QR code and PDF link (core.links): where citizens reach
# the platform. `make run` serves http://127.0.0.1:8000.
BALAIKOTA_PUBLIC_URL = env.str("BALAIKOTA_PUBLIC_URL", default="http://127.0.0.1:8000")
BALAIKOTA_SIGNER = env.str("BALAIKOTA_SIGNER", default="local")  # "local" | "bsre"
BALAIKOTA_SIGNING_DIR = env.str("BALAIKOTA_SIGNING_DIR", default=str(VAR_DIR / "signing"))
BALAIKOTA_SIGNING_TRUST_ROOTS = env.list("BALAIKOTA_SIGNING_TRUST_ROOTS", default=[])
# RFC 3161 timestamp authority of every local signature (PAdES B-LT). Empty: the local authority
# (documents.timestamps, certificate from the local CA). In production a TSA such as BSrE's; its
# root certificate goes into BALAIKOTA_SIGNING_TRUST_ROOTS.
BALAIKOTA_TSA_URL = env.str("BALAIKOTA_TSA_URL", default="")
BALAIKOTA_TSA_USERNAME = env.str("BALAIKOTA_TSA_USERNAME", default="")
BALAIKOTA_TSA_PASSWORD = env.str("BALAIKOTA_TSA_PASSWORD", default="")
BALAIKOTA_TSA_TIMEOUT = env.float("BALAIKOTA_TSA_TIMEOUT", default=10.0)
BALAIKOTA_SIGNING_ORGANIZATION = env.str(
    "BALAIKOTA_SIGNING_ORGANIZATION", default="Pemerintah Kota Semarang"
)
BALAIKOTA_SIGNING_LOCATION = env.str("BALAIKOTA_SIGNING_LOCATION", default="Semarang")
BALAIKOTA_VERIFY_RATE_LIMIT = env.int("BALAIKOTA_VERIFY_RATE_LIMIT", default=30)
BSRE_BASE_URL = env.str("BSRE_BASE_URL", default="")
BSRE_CLIENT_ID = env.str("BSRE_CLIENT_ID", default="")
BSRE_CLIENT_SECRET = env.str("BSRE_CLIENT_SECRET", default="")
BSRE_TIMEOUT = env.float("BSRE_TIMEOUT", default=30)

# --- Working days and civil registration ---------------------------------------------------
# Categories of the holidays package counted as days off ("government" adds decreed cuti bersama).
BALAIKOTA_HOLIDAY_CATEGORIES = env.list("BALAIKOTA_HOLIDAY_CATEGORIES", default=["public"])
CIVIL_REGISTRY_OFFICE_CODE = env.str("CIVIL_REGISTRY_OFFICE_CODE", default="disdukcapil")
# The OPD that issues competency certificates; its head signs them (competency app).
COMPETENCY_CERTIFICATE_OPD = env.str("COMPETENCY_CERTIFICATE_OPD", default="bkpsdm")
CIVIL_REGISTRY_REGENCY_CODE = env.str("CIVIL_REGISTRY_REGENCY_CODE", default="3374")
# The population register (SIAK boundary): the local tables by default, a SIAK client later.
CIVIL_REGISTRY_POPULATION_REGISTER = env.str(
    "CIVIL_REGISTRY_POPULATION_REGISTER",
    default="balaikota.civil_registry.register.LocalPopulationRegister",
)
CIVIL_REGISTRY_SIGNER_NAME = env.str(
    "CIVIL_REGISTRY_SIGNER_NAME", default="Pejabat Pencatatan Sipil"
)

# --- Notifications -------------------------------------------------------------------------
# Dotted paths of the SMS / WhatsApp gateways; the local one records messages in the database.
BALAIKOTA_SMS_GATEWAY = env.str(
    "BALAIKOTA_SMS_GATEWAY", default="balaikota.notifications.gateways.LocalGateway"
)
BALAIKOTA_WHATSAPP_GATEWAY = env.str(
    "BALAIKOTA_WHATSAPP_GATEWAY", default="balaikota.notifications.gateways.LocalGateway"
)

# --- API -----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "balaikota.core.api.AutoSchema",
    # One error body for every refusal (core/errors.py, core/api.py).
    "EXCEPTION_HANDLER": "balaikota.core.api.exception_handler",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        # The citizens' mobile app: POST /api/v1/akun/token/ (citizens only), "Token <key>".
        "rest_framework.authentication.TokenAuthentication",
        # The civil servants' app: POST /api/v1/akun/perangkat/ (staff, with TOTP), one knox
        # token per device, "Bearer <token>".
        "balaikota.accounts.device_auth.DeviceTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # Public reads per client address (core.api.PublicReadThrottle).
    "DEFAULT_THROTTLE_RATES": {
        "public_read": env.str("BALAIKOTA_PUBLIC_API_RATE", default="240/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Balai Kota Digital API",
    "DESCRIPTION": (
        "API publik, API aplikasi seluler warga, dan API aplikasi ASN Pemerintah Kota Semarang: "
        "katalog layanan, pengaduan, survei kepuasan, permohonan kependudukan, kompetensi, "
        "e-learning, naskah dinas. Warga masuk dengan `Authorization: Token <key>`, ASN per "
        "perangkat dengan `Authorization: Bearer <token>`. Setiap penolakan memakai satu "
        "bentuk galat (`Error`); pesan dalam bahasa permintaan (Accept-Language: id, en)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from drf-spectacular-sidecar's static files: nothing loads from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several apps have a "status" field with their own choices: each enum keeps its own name.
    "ENUM_NAME_OVERRIDES": {
        "ApplicationStatusEnum": "balaikota.civil_registry.models.Status",
        "EnrolmentStatusEnum": "balaikota.competency.models.EnrolmentStatus",
        "EvidenceStatusEnum": "balaikota.competency.models.EvidenceStatus",
    },
}

# --- Audit ---------------------------------------------------------------------------------
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

# --- Logging: one JSON object a line, NIKs and secrets redacted ---------------------------
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "balaikota.core.logging.RedactingFilter"}},
    "formatters": {"json": {"()": "balaikota.core.logging.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["redact"]},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "celery.app.trace": {"level": "WARNING"},  # one line per task is noise; failures still log
        # pyHanko logs a traceback for every tampered PDF anyone uploads to /verifikasi/;
        # the documents app logs those cases itself at INFO.
        "pyhanko": {"level": "CRITICAL"},
        "pyhanko_certvalidator": {"level": "CRITICAL"},
    },
}

# --- Demo ----------------------------------------------------------------------------------
BALAIKOTA_DEMO_PASSWORD = env.str("BALAIKOTA_DEMO_PASSWORD", default="Semarang-Demo-2026")
