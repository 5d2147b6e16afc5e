"""One settings module, driven by the environment.

Defaults suit a developer's machine (SQLite file, DEBUG on); production sets DEBUG=false,
SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL, and then `check --deploy` is clean.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only for local development and tests: never used with DEBUG off.
    SECRET_KEY = "django-insecure-local-development-key-not-for-production-use-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not ALLOWED_HOSTS and not DEBUG:
    # Without it every request would be refused with a bare 400; say so at start instead.
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set when DEBUG is off (the site's host names, comma-separated)."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # search vectors and GIN indexes (PostgreSQL only; inert on SQLite)
    "django_tasks_db",
    "import_export",
    "simple_history",
    "priorities",
    "metrics",
    "narratives",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "pcp.maintenance.MaintenanceModeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "pcp.urls"
WSGI_APPLICATION = "pcp.wsgi.application"
ASGI_APPLICATION = "pcp.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pcp.landing.site_pages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        # A connection kept across requests is checked before reuse, so a database restart
        # costs no request an error.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers and the task worker share the file: readers never block the
    # writer (WAL), and a writer waits its turn instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Only hashed names are kept (and compressed): half the work at deploy, no stale unhashed copies.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Published editions' files (and analysts' cached preview PDFs) live in the default storage:
# MEDIA_ROOT, or an S3-compatible bucket when AWS_STORAGE_BUCKET_NAME is set. The application
# serves them itself (never a public bucket URL), so the bucket stays private.
DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            "default_acl": "private",
            "file_overwrite": False,
        },
    }
STORAGES = {
    "default": DEFAULT_STORAGE,
    # Hashed names, gzip and brotli copies; WhiteNoise serves hashed files as immutable.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Background work (rendering publications, e-mails, preview PDFs) runs through Django's tasks
# framework. In production the queue is a database table (django-tasks-db) worked by
# `manage.py db_worker`, which `make serve` starts; development and tests run each task at once.
TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate" if DEBUG else "database")
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f'TASKS_BACKEND is "{TASKS_BACKEND}"; it must be "database" or "immediate".'
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default", "email"]}}

LOGIN_URL = "admin:login"
# A refused form gets the site's 403 page; PCP_MAINTENANCE_MODE=true answers every page with 503.
CSRF_FAILURE_VIEW = "pcp.views.csrf_failure"
MAINTENANCE_MODE = env_flag("PCP_MAINTENANCE_MODE", False)
LOGIN_REDIRECT_URL = "home"  # which decides by role (pcp.landing)

MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "EMAIL_BACKEND",
            "django.core.mail.backends.console.EmailBackend"
            if DEBUG
            else "django.core.mail.backends.smtp.EmailBackend",
        ),
    }
}
if MAILERS["default"]["BACKEND"].endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "25")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_flag("EMAIL_USE_TLS", False),
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "pcp-quarterly-update@localhost")

# Uploads (bulk imports) are capped so a wrong file cannot exhaust the server.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_UPLOAD_BYTES = int(os.environ.get("IMPORT_MAX_UPLOAD_BYTES", 5 * 1024 * 1024))
# A file may hold this many rows; after this many wrong rows the rest are not checked; a
# spreadsheet (a zip) may unpack to this many times its size, and to no more than this.
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", 20_000))
IMPORT_MAX_ROW_ERRORS = int(os.environ.get("IMPORT_MAX_ROW_ERRORS", 100))
IMPORT_MAX_UNPACKED_RATIO = int(os.environ.get("IMPORT_MAX_UNPACKED_RATIO", 40))
IMPORT_MAX_UNPACKED = int(os.environ.get("IMPORT_MAX_UNPACKED", 40 * 1024 * 1024))

IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Spreadsheets run cells starting with = + - @ as formulas; exports neutralise them.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True

# Every admin write, import and workflow action runs in one transaction.
for _db in DATABASES.values():
    _db["ATOMIC_REQUESTS"] = True

# Each gunicorn worker keeps its own small cache (dashboard pages); nothing shared depends on it.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# How long a dashboard page may be served from that cache (0: never; off in development and
# tests so a changed figure shows at once).
DASHBOARD_CACHE_SECONDS = int(os.environ.get("DASHBOARD_CACHE_SECONDS", 0 if DEBUG else 60))

# The site's address as the public and staff reach it, quoted in e-mails (e.g.
# https://quarterly-update.example.police.uk); addresses are left relative when unset.
PCP_SITE_URL = os.environ.get("PCP_SITE_URL", "")
# send_reminders reminds officers with something missing this many days before the deadline
# (each once per quarter), and once more when the deadline has passed.
PCP_REMINDER_DAYS_BEFORE = [int(days) for days in env_list("PCP_REMINDER_DAYS_BEFORE", "7,1")]
PCP_PRODUCING_UNIT = os.environ.get("PCP_PRODUCING_UNIT", "Performance Analysis Unit")
PCP_PROTECTIVE_MARKING = os.environ.get("PCP_PROTECTIVE_MARKING", "OFFICIAL")
# Where the accessibility statement sends readers who need another format or find a problem.
PCP_ACCESSIBILITY_CONTACT = os.environ.get("PCP_ACCESSIBILITY_CONTACT", "")
# The cover marking of the internal edition (staff only; holds what is not for publication).
PCP_INTERNAL_PROTECTIVE_MARKING = (
    os.environ.get("PCP_INTERNAL_PROTECTIVE_MARKING", "").strip() or "OFFICIAL-SENSITIVE"
)

# Trust X-Forwarded-Proto only when told that a proxy in front sets it (and strips it from
# clients): otherwise any client could claim its plain HTTP request was HTTPS.
BEHIND_HTTPS_PROXY = env_flag("BEHIND_HTTPS_PROXY", False)
if BEHIND_HTTPS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

if not DEBUG:
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Libraries that narrate their work (font subsetting, PDF layout, image decoding) speak
    # only when something is wrong; THIRD_PARTY_LOG_LEVEL=DEBUG brings them back.
    "loggers": {
        # Django's own console handler would print each line a second time through the root.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        **{
            name: {"level": os.environ.get("THIRD_PARTY_LOG_LEVEL", "WARNING")}
            for name in ("fontTools", "weasyprint", "PIL", "pydyf", "cssselect2", "tinycss2")
        },
    },
}

# --- Security: sign-in, second factor, sessions, headers, audit (issue 11) ------------------
# Kept in one block so the other settings (storage, workers, proxies) change beside it freely.
from django.utils.csp import CSP  # noqa: E402

INSTALLED_APPS += [
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "pcp.accounts",
]
# The second factor is read right after the user; the headers are added to every response;
# axes turns a locked-out sign-in into its refusal page and must come last.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "pcp.accounts.middleware.SecondFactorMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("pcp.accounts.middleware.SecondFactorMiddleware") + 1,
    "pcp.accounts.middleware.IdleTimeoutMiddleware",
)
MIDDLEWARE += [
    "pcp.accounts.middleware.PrivatePagesMiddleware",
    "pcp.accounts.middleware.DownloadRecordMiddleware",
    "axes.middleware.AxesMiddleware",
]
TEMPLATES[0]["OPTIONS"]["context_processors"].append("django.template.context_processors.csp")

# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT failures for one user name, or
# from one address, sign-in is refused for PCP_LOCKOUT_MINUTES even with the right password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("PCP_LOGIN_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = int(os.environ.get("PCP_LOCKOUT_MINUTES", "30")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "pcp.accounts.views.lockout"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failure kept, beside the per-user counters
AXES_SENSITIVE_PARAMETERS = ["password", "code"]
AXES_VERBOSE = False

# Second factor (django-otp: an authenticator app's TOTP codes, and one-use backup codes).
# Enforced for analysts and superusers; PCP_SECOND_FACTOR_ROLES=officer,manager,analyst (or
# "all", every staff account) enforces it more widely. Anyone who has set one up always uses it.
PCP_SECOND_FACTOR_ROLES = env_list("PCP_SECOND_FACTOR_ROLES", "analyst")
# For the demo on a laptop only: nobody is made to set up a second factor.
PCP_DEMO_WITHOUT_SECOND_FACTOR = env_flag("PCP_DEMO_WITHOUT_SECOND_FACTOR", False)
if PCP_DEMO_WITHOUT_SECOND_FACTOR and not DEBUG:
    raise ImproperlyConfigured(
        "PCP_DEMO_WITHOUT_SECOND_FACTOR is for the demo; never with DEBUG off."
    )
OTP_TOTP_ISSUER = os.environ.get("PCP_OTP_ISSUER", "PCP Quarterly Update")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Sessions end after PCP_SESSION_IDLE_MINUTES without a request (IdleTimeoutMiddleware moves
# the expiry on), and when the browser closes; changing a password ends every other session of
# that user (Django's session auth hash).
SESSION_COOKIE_AGE = int(os.environ.get("PCP_SESSION_IDLE_MINUTES", "30")) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# One content security policy for every page: scripts only from our own static files (or a
# tag carrying this response's nonce), never inline. Styles may be inline because plotly.js
# and the admin's widgets set style attributes as they draw.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
    "browsing-topics=()"
)

# Audit records and how long they are kept (manage.py apply_retention, for a scheduler).
PCP_LOGIN_RECORD_DAYS = int(os.environ.get("PCP_LOGIN_RECORD_DAYS", "365"))
PCP_DOWNLOAD_RECORD_DAYS = int(os.environ.get("PCP_DOWNLOAD_RECORD_DAYS", "365"))
PCP_PENDING_IMPORT_HOURS = int(os.environ.get("PCP_PENDING_IMPORT_HOURS", "24"))
# Each user's notices (pcp.accounts.notices) are kept this long, then apply_retention deletes them.
PCP_NOTICE_DAYS = int(os.environ.get("PCP_NOTICE_DAYS", "180"))
# --- end of the security block --------------------------------------------------------------
