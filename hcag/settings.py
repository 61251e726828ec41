"""Settings for the action-plan tracker, read from the environment.

Local development needs nothing set: ``DEBUG=true`` gives a throwaway secret key
and a SQLite database under ``var/``. Production sets ``DEBUG=false`` and must
provide ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``DATABASE_URL``; see the README.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def envint(name: str, default: int | None) -> int | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment, or set DEBUG=true "
            "for local development."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "auditlog",
    "axes",
    "crispy_forms",
    "crispy_forms_gds",
    "csp",
    "django_filters",
    "django_htmx",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "mailer",
    "rest_framework",
    "rules.apps.AutodiscoverRulesConfig",
    "hcag",
    "partners",
    "accounts",
    "security",
    "workstreams",
    "meetings",
    "reports",
    "trends",
    "reporting",
    "overview",
    "publishing",
    "api",
    "demo",
]

MIDDLEWARE = [
    "hcag.middleware.ClientAddressMiddleware",
    "security.context.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "hcag.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "security.middleware.SessionLimitsMiddleware",
    "accounts.middleware.SecondFactorRequiredMiddleware",
    "security.middleware.AccessRefusedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hcag.urls"
WSGI_APPLICATION = "hcag.wsgi.application"

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
                "hcag.context_processors.service",
                "partners.context_processors.service_roles",
                "security.context_processors.session_clock",
            ],
            "builtins": ["rules.templatetags.rules"],
        },
    },
]

# Databases ---------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'hcag.sqlite3'}",
        conn_max_age=envint("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    # WAL lets the development server read while a long command writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles the dashboard's aggregate queries on big plans, which
    # costs more than the queries themselves (over 100 ms at 10,000 actions).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Authentication ----------------------------------------------------------

AUTH_USER_MODEL = "partners.Person"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Signs in by username or e-mail address (django-allauth); Django's ModelBackend
    # underneath, so the admin and permissions work as before.
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "overview:home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in, sign-out, password reset and change, and e-mail change (django-allauth; the
# pages are in accounts/urls.py, themed by templates/allauth/ and templates/account/).
# Nobody signs up: accounts come from invitations (accounts.adapter).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "optional"
# One address per person, replaced once the new one is confirmed from its own mailbox.
ACCOUNT_CHANGE_EMAIL = True
# Changing the address needs the password again (within ACCOUNT_REAUTHENTICATION_TIMEOUT).
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 10 * 60
# By password (and, once allauth.mfa is added, a second factor); not by a code e-mailed
# to the very address being replaced.
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")
# The same answer whether or not an address is known, and no e-mail to an unknown one.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# "Your password was changed" and the like, to the person's address.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# A sign-in lasts SESSION_COOKIE_AGE, with no "remember me" box; changing the password
# keeps this session and ends the person's others (Django's session hash).
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_FORMS = {
    "login": "accounts.forms.SignInForm",
    "reset_password": "accounts.forms.PasswordResetForm",
    "reset_password_from_key": "accounts.forms.NewPasswordForm",
    "change_password": "accounts.forms.PasswordChangeForm",
    "add_email": "accounts.forms.EmailChangeForm",
    "reauthenticate": "accounts.forms.ReauthenticateForm",
}
# allauth's rate limits, counted in the cache (shared through REDIS_URL). Failed sign-ins
# are limited per username by django-axes and accounts.backoff instead of allauth's own
# per-address lock, which anyone could trip for anyone.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "30/m/ip",
    "reset_password": "20/h/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    # Wrong second-factor codes, per account (accounts.forms).
    "second_factor_failed": "10/15m/key",
}
# Two-factor sign-in (allauth.mfa): an authenticator app's codes (TOTP) with ten
# single-use recovery codes, and security keys or passkeys (WebAuthn) besides. Service
# administrators and those who run a group must set it up (accounts.middleware);
# SECOND_FACTOR_REQUIRED=false skips that, in development only.
MFA_ADAPTER = "accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_RECOVERY_CODE_COUNT = 10
# A code is accepted for the 30 seconds it is shown and the 30 seconds either side, for a
# phone whose clock is a little out and a code typed as it changes (RFC 6238, 5.2).
MFA_TOTP_TOLERANCE = 1
MFA_TOTP_ISSUER = "Partnership action plans"
# Every address on an account was confirmed by following an invitation or the link sent
# to it, and a new one replaces the old only once confirmed, so allauth need not hold
# two-factor sign-in back until its own record says so.
MFA_ALLOW_UNVERIFIED_EMAIL = True
MFA_FORMS = {
    "authenticate": "accounts.forms.SecondFactorForm",
    "reauthenticate": "accounts.forms.SecondFactorReauthenticateForm",
    "activate_totp": "accounts.forms.ActivateTOTPForm",
    "deactivate_totp": "accounts.forms.DeactivateTOTPForm",
    "generate_recovery_codes": "accounts.forms.GenerateRecoveryCodesForm",
    "add_webauthn": "accounts.forms.AddSecurityKeyForm",
    "edit_webauthn": "accounts.forms.RenameSecurityKeyForm",
}
SECOND_FACTOR_REQUIRED = envbool("SECOND_FACTOR_REQUIRED", True)
if not SECOND_FACTOR_REQUIRED and not DEBUG:
    raise ImproperlyConfigured("SECOND_FACTOR_REQUIRED=false is for development only.")
# A reset link works once (its token covers the password) and for an hour.
PASSWORD_RESET_TIMEOUT = 60 * 60
# How long an invitation to a partnership can be accepted.
INVITATION_DAYS = envint("INVITATION_DAYS", 7)

# Argon2 for new and changed passwords; a hash made by an older hasher in the list is
# replaced with an Argon2 one the next time its owner signs in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Repeated failed sign-ins lock out one username from one address, so that
# colleagues behind a shared office address do not lock each other out. The username is
# the account's, whichever of its username or e-mail address was typed.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.signin.username_for_lockout"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.signin.lockout_response"
# Across every address, failures for one account slow further tries down rather than
# lock it (accounts.backoff): after SIGN_IN_BACKOFF_AFTER failures within
# SIGN_IN_BACKOFF_WINDOW_MINUTES, each try waits twice as long as the one before, from
# 30 seconds up to 15 minutes, and the person is e-mailed once a window.
SIGN_IN_BACKOFF_AFTER = envint("SIGN_IN_BACKOFF_AFTER", 10)
SIGN_IN_BACKOFF_WINDOW_MINUTES = envint("SIGN_IN_BACKOFF_WINDOW_MINUTES", 60)
# Behind reverse proxies, set PROXY_COUNT so that the client's own address is read
# from X-Forwarded-For (see hcag.middleware) instead of every user sharing the proxy's.
PROXY_COUNT = envint("PROXY_COUNT", 0)
if PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Who changed what is kept for every partnership, plan and meeting record; the
# registrations are in each app's apps.py.
AUDITLOG_DISABLE_REMOTE_ADDR = False

# Sessions (security.middleware): a sign-in ends after SESSION_IDLE_TIMEOUT_MINUTES
# without a request, or SESSION_ABSOLUTE_HOURS after it began, checked on the server
# from times kept in the session; pages warn SESSION_TIMEOUT_WARNING_SECONDS before.
SESSION_IDLE_TIMEOUT_MINUTES = envint("SESSION_IDLE_TIMEOUT_MINUTES", 30)
SESSION_ABSOLUTE_HOURS = envint("SESSION_ABSOLUTE_HOURS", 12)
SESSION_TIMEOUT_WARNING_SECONDS = envint("SESSION_TIMEOUT_WARNING_SECONDS", 120)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_HOURS * 60 * 60
# "Your account" lists the person's sessions (allauth.usersessions); the last-seen time
# is written by security.middleware at most once a minute, not on every request.
USERSESSIONS_TRACK_ACTIVITY = False

# The security event log (security/) keeps events this long, then
# `prune_security_events` deletes them.
SECURITY_EVENT_RETENTION_DAYS = envint("SECURITY_EVENT_RETENTION_DAYS", 2 * 365)

# Security ----------------------------------------------------------------

SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features no page uses, turned off for the service and anything it embeds.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    ]
)
# Over HTTPS the cookies are __Host- cookies: sent only over HTTPS, only to this host
# (no Domain) and for every path, so that a sibling subdomain cannot set or read them.
if SESSION_COOKIE_SECURE:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# E-mail ------------------------------------------------------------------

# Every message goes to the queue (a row in the change's own transaction, hcag/mail.py); the
# sender (`manage.py deliver_mail`) hands it to the real backend: the console when
# developing, SMTP in production, or what EMAIL_BACKEND names.
EMAIL_BACKEND = "mailer.backend.DbBackend"
MAILER_EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
# Row locks in the database keep senders on several servers apart; a lock file would only
# keep apart those on one server.
MAILER_USE_FILE_LOCK = False
MAILER_ERROR_HANDLER = "hcag.mail.handle_delivery_failure"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
# Seconds to wait on the mail server: one that accepts a connection and never answers
# must not hold a worker until the web server's own timeout kills it.
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
if EMAIL_TIMEOUT < 1:
    raise ImproperlyConfigured("EMAIL_TIMEOUT must be 1 second or more.")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "action-plans@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Internationalisation ----------------------------------------------------

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Static files ------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# In development WhiteNoise serves straight from the source folders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploaded papers and reports: kept outside the static files, served only through views
# that check membership.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "uploads"))
UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_MB", 10) * 1024 * 1024
# The service's own address, for links in e-mails.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Leads are reminded this many days before their updates are due (and on the working day
# after the due date, if any is still missing).
REMINDER_DAYS_BEFORE = (7, 1)

# The read-only API (api/) ------------------------------------------------

REST_FRAMEWORK = {
    # A token first: its 401 answer names the scheme to use.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "api.renderers.CSVRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ApiPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerTokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "api": os.environ.get("API_RATE_LIMIT", "1000/hour"),
        # Refused tokens from one address, each a security event (api.authentication).
        "api-refused": "30/hour",
    },
}
# The OpenAPI schema (drf-spectacular), with Swagger UI served from our own static files
# (drf-spectacular-sidecar), so that the page needs no CDN and keeps the CSP.
SPECTACULAR_SETTINGS = {
    "TITLE": "Partnership action plans API",
    "DESCRIPTION": "Read-only: what your memberships let you see on the pages, as JSON or, "
    "with ?format=csv, as CSV. Authenticate with a personal API token from “Your account”: "
    "`Authorization: Bearer <token>`.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"ProgressStatusEnum": "workstreams.models.ProgressUpdate.Status"},
}
# How long a new personal API token lasts unless its owner chooses otherwise.
API_TOKEN_DAYS = envint("API_TOKEN_DAYS", 90)

# Forms -------------------------------------------------------------------

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

SERVICE_NAME = "Partnership action plans"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "security.jsonlog.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "security": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # The security event log as JSON lines, one an event, for a SIEM.
        "hcag.security": {"handlers": ["security"], "level": "INFO", "propagate": False},
        # django-axes announces itself on every start; its warnings still show.
        "axes": {"level": "WARNING"},
        # WeasyPrint reports each CSS rule it cannot use for print (the screen-size
        # media queries of GOV.UK Frontend) and each step of its work.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}
FORMAT_MODULE_PATH = ["hcag.formats"]

# Rendered dashboards and briefings (hcag.caching) and the revisions they are keyed on
# (hcag.revisions), the sign-in back-off and the rate limits. One process's memory by
# default; with several processes, point REDIS_URL at a shared Redis. Django's own Redis
# backend does all this needs (atomic add and incr); a failure to reach Redis is an error
# to see, not one to ignore, since a revision not moved on would leave pages stale.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    # Sessions are read from Redis and written through to the database, which keeps them
    # if Redis is emptied (allauth.usersessions ends one through the same engine).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "hcag"}
    }
