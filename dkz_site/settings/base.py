"""Settings shared by every environment, by topic; all configuration comes from the environment (django-environ).

A `.env` file is read only when `DJANGO_READ_DOT_ENV_FILE` is true. Sections: the site; apps; the request pipeline
(middleware, templates); database; cache and page cache; languages and time; files and request sizes; security;
staff authentication; rate limits; mail and the task queue; privacy; retention; membership, enquiries and the
association's pages; the member cabinet; logging.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from .caches import site_caches

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    env.read_env(str(BASE_DIR / ".env"))

# --- The site ----------------------------------------------------------------------------------------------------

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# The controller, as the privacy policy names it.
ASSOCIATION = {
    "name": "Digital Kazakhstan",
    "email": "info@digitalkazakhstan.org",
    "address": _("Kunaev str. 12/1, Astana, Digital Kazakhstan association office"),
}

# --- Apps --------------------------------------------------------------------------------------------------------

INSTALLED_APPS = [
    # Django; the admin through the association's own admin site (personal-data gate, two-factor login).
    "dkz_site.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",  # before staticfiles: runserver serves static files as production does
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Third party.
    "cookie_consent",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    # The project's apps (docs/architecture.md), in the order their AppConfig.ready() registers with privacy.
    "dkz_site.apps.SiteConfig",
    "accounts",
    "privacy",
    "enquiries",
    "accreditation",
    "directory",
    "outbox",
    "jobs",
    "association",
    "cabinet",
]

# --- The request pipeline ----------------------------------------------------------------------------------------

# A request passes down this list and its response back up: each position, and why it is there.
MIDDLEWARE = [
    # HTTPS redirect and transport headers first: nothing below runs for a request that is to be redirected.
    "django.middleware.security.SecurityMiddleware",
    # The site's own headers (Permissions-Policy and the like) on every response, static files included.
    "dkz_site.middleware.SecurityHeadersMiddleware",
    # Static files answered before sessions, languages or the database are touched.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Right after the session: a session left empty by the response is ended, so no cookie is set for nothing.
    "privacy.middleware.EndEmptySessionMiddleware",
    # After the session (it may read it), before anything that translates: the language from the URL prefix.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified() for the admin: right after Django's own authentication.
    "django_otp.middleware.OTPMiddleware",
    # Once the user is known: the admin in the staff member's own language.
    "dkz_site.middleware.StaffLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Turns a Ratelimited exception from any view into the 429 page.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Turns a login lockout into the lockout page; after authentication, so it knows who is asking.
    "axes.middleware.AxesMiddleware",
    # Innermost, so both see every response the views make: django-cookie-consent (opt-in mode: nothing
    # functional before acceptance) removes cookies of groups not accepted, subclassed only to skip requests
    # without cookies; ours strips functional Set-Cookie headers without consent and remembers the language once
    # they are accepted.
    "privacy.middleware.CleanDeclinedCookiesMiddleware",
    "privacy.middleware.FunctionalCookiesMiddleware",
]

ROOT_URLCONF = "dkz_site.urls"
CSRF_FAILURE_VIEW = "dkz_site.views.csrf_failure"
WSGI_APPLICATION = "dkz_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dkz_site.context_processors.site",
                # After Django's own csrf processor: pages rendered for the page cache get a placeholder.
                "dkz_site.page_cache.csrf_placeholder",
                "privacy.context_processors.privacy",
            ],
        },
    }
]

# --- Database ----------------------------------------------------------------------------------------------------

# The embedded SQLite file unless DATABASE_URL says otherwise (PostgreSQL in production).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Connection setup and scram authentication per request cost 7x on small pages: keep them.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A database host that does not answer at all fails a request (and /healthz: 503) in seconds, not minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run`: the web server and a worker share the file; readers never wait for the writer (WAL), and a
    # writer waits its turn instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL;", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and page cache ----------------------------------------------------------------------------------------

# The shared cache (Redis in production). Each call gives up after CACHE_SOCKET_TIMEOUT seconds; after a failure
# the site stops asking for CACHE_RETRY_AFTER_SECONDS (dkz_site/cache.py).
CACHE_SOCKET_TIMEOUT = env.float("CACHE_SOCKET_TIMEOUT", default=0.25)
CACHE_RETRY_AFTER_SECONDS = env.float("CACHE_RETRY_AFTER_SECONDS", default=5)
CACHES = site_caches(
    env.cache("CACHE_URL", default="locmemcache://dkz"), socket_timeout=CACHE_SOCKET_TIMEOUT
)
# Anonymous public pages in the shared cache (dkz_site/page_cache.py).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# At most this many pages stored per PAGE_CACHE_SECONDS: pages every visitor shares, and pages of free text
# (searches, comparisons) with a budget of their own. Never more than twice these are held (README).
PAGE_CACHE_MAX_PAGES = env.int("PAGE_CACHE_MAX_PAGES", default=2000)
PAGE_CACHE_MAX_SEARCHES = env.int("PAGE_CACHE_MAX_SEARCHES", default=500)

# --- Languages and time ------------------------------------------------------------------------------------------

# Kazakh first (the default), then Russian and English; the URL prefix decides, no cookie needed.
LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["dkz_site.formats"]
# Remembered only once functional cookies are accepted (privacy.middleware); sent on top-level navigation only.
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600  # for the next visit, as the cookies page says
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True

# --- Files and request sizes -------------------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "dkz_site.static_files.StaticFiles"},
}
# Files never served by the web server (access packages): outside MEDIA_ROOT by default.
PRIVATE_FILES_ROOT = env.path("PRIVATE_FILES_ROOT", default=BASE_DIR / "var" / "private")
# Documents (invoices, certificates) are drawn with this TrueType family (Debian: fonts-dejavu-core), which has
# every letter of the Kazakh alphabet.
PDF_FONT_DIR = env("PDF_FONT_DIR", default="/usr/share/fonts/truetype/dejavu")
# Forms are small; uploads go to disk above 2.5 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
DATA_UPLOAD_MAX_NUMBER_FILES = 10
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Security ----------------------------------------------------------------------------------------------------

# Headers (production tightens transport security further).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
# Client IP: REMOTE_ADDR, or the Nth address from the right of X-Forwarded-For behind N trusted proxies.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Staff authentication: email login, two-factor admin (django-otp), lockouts (django-axes), training -------------

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "admin:login"
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Messages live in the session, never in a `messages` cookie: the policy lists every cookie the site sets (P02),
# and that one is not among them.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        # Passwords like the email address or the name (Django's default list names fields this user lacks).
        "OPTIONS": {"user_attributes": ["email", "full_name"]},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The lockout check first; it authenticates nobody itself.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
ADMIN_2FA_REQUIRED = env.bool("ADMIN_2FA_REQUIRED", default=False)
# A first authenticator is enrolled only after the staff member opens a link emailed to the account's address.
STAFF_ENROLMENT_LINK_MINUTES = env.int("STAFF_ENROLMENT_LINK_MINUTES", default=30)
# Staff without a personal-data training record this recent cannot open admin pages with personal data.
PD_TRAINING_VALID_DAYS = env.int("PD_TRAINING_VALID_DAYS", default=365)
# Locked after LOGIN_FAILURE_LIMIT failures for one account from one client IP (for that IP only), or from one
# client IP across accounts, for LOGIN_LOCKOUT_MINUTES; an account attacked from many addresses is slowed down for
# unknown addresses instead of locked (accounts/lockout.py).
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.int("LOGIN_LOCKOUT_MINUTES", default=60) / 60  # axes reads a float as hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
LOGIN_ACCOUNT_FAILURE_LIMIT = env.int("LOGIN_ACCOUNT_FAILURE_LIMIT", default=30)
LOGIN_SLOWDOWN_SECONDS = env.int("LOGIN_SLOWDOWN_SECONDS", default=60)
LOGIN_KNOWN_ADDRESS_DAYS = env.int("LOGIN_KNOWN_ADDRESS_DAYS", default=90)
# Attempts during a lockout do not extend it: locked for the cool-off time from the last counted failure.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# In the database, so a lockout holds across every app instance.
AXES_HANDLER = "accounts.lockout.StaffLockoutHandler"
AXES_CLIENT_IP_CALLABLE = "dkz_site.client_ip.client_ip"
AXES_USERNAME_FORM_FIELD = "username"  # the admin login form's field (it holds the email address)
AXES_USERNAME_CALLABLE = "accounts.lockout.attempted_account"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_VERBOSE = False
OTP_TOTP_ISSUER = "Digital Kazakhstan"
# Seconds of back-off after a wrong code (doubling with each further wrong code).
OTP_TOTP_THROTTLE_FACTOR = env.int("OTP_THROTTLE_FACTOR", default=1)
OTP_STATIC_THROTTLE_FACTOR = env.int("OTP_THROTTLE_FACTOR", default=1)
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # device keys and backup codes are never shown in the admin

# --- Rate limits -------------------------------------------------------------------------------------------------

# django-ratelimit, per client IP unless the name says otherwise; counted in Redis while it answers, in the
# database while it does not (dkz_site.cache.RateLimitCounters). Views name their limit (dkz_site.ratelimit).
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
RATELIMIT_USE_CACHE = "rate_limits"
RATELIMIT_IP_META_KEY = "dkz_site.client_ip.client_ip_meta"
RATELIMIT_VIEW = "dkz_site.views.too_many_requests"
RATE_LIMITS = {
    # The contact and application forms count what is accepted; "form_attempts" is a ceiling on every POST of
    # those two forms, errors included, against floods only.
    "contact": env("RATE_LIMIT_CONTACT", default="5/10m"),
    "apply": env("RATE_LIMIT_APPLY", default="5/h"),
    "form_attempts": env("RATE_LIMIT_FORM_ATTEMPTS", default="60/h"),
    "default_post": env("RATE_LIMIT_DEFAULT_POST", default="30/m"),
    # The compare cart's add/remove/clear forms.
    "compare": env("RATE_LIMIT_COMPARE", default="60/m"),
    # Data-subject requests: per client IP, and per email address whatever the client IP.
    "privacy_request": env("RATE_LIMIT_PRIVACY_REQUEST", default="5/h"),
    "privacy_request_email": env("RATE_LIMIT_PRIVACY_REQUEST_EMAIL", default="3/d"),
    # Answers through the signed link in an enquiry reply.
    "enquiry_answer": env("RATE_LIMIT_ENQUIRY_ANSWER", default="10/h"),
    # The cookie banner's accept/decline (each choice writes a proof row), the data-subject request confirmation
    # link, and the applicant's signed-link page (correction and withdrawal).
    "cookie_choice": env("RATE_LIMIT_COOKIE_CHOICE", default="30/m"),
    "request_confirm": env("RATE_LIMIT_REQUEST_CONFIRM", default="10/h"),
    "application_link": env("RATE_LIMIT_APPLICATION_LINK", default="10/h"),
    "event_registration": env("RATE_LIMIT_EVENT_REGISTRATION", default="10/h"),
    "event_cancellation": env("RATE_LIMIT_EVENT_CANCELLATION", default="10/h"),
    "cabinet_sign_in": env("RATE_LIMIT_CABINET_SIGN_IN", default="10/h"),
    "cabinet_sign_in_email": env("RATE_LIMIT_CABINET_SIGN_IN_EMAIL", default="5/h"),
    "cabinet_link": env("RATE_LIMIT_CABINET_LINK", default="20/h"),
    # every change made in the cabinet (representatives, profile, consent, sign-out)
    "cabinet_post": env("RATE_LIMIT_CABINET_POST", default="60/h"),
}

# --- Mail and the task queue (README, "Email and the task queue") ------------------------------------------------

# Every email is an outbox row delivered by a worker. The mail server, from one URL.
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_FILE_PATH = _email["EMAIL_FILE_PATH"]
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env.int(
    "EMAIL_TIMEOUT", default=10
)  # seconds, on every connection to the mail server
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Digital Kazakhstan <info@digitalkazakhstan.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
STAFF_NOTIFICATION_EMAIL = env("STAFF_NOTIFICATION_EMAIL", default="info@digitalkazakhstan.org")
# Django's tasks API (django-tasks, the backport of Django 6's django.tasks) on the database's own table
# (django-tasks-db): a task is a row written in the transaction that enqueues it.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "mail"],
    }
}
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=8)
OUTBOX_RETRY_BASE_SECONDS = env.int("OUTBOX_RETRY_BASE_SECONDS", default=60)
OUTBOX_RETRY_FACTOR = env.float("OUTBOX_RETRY_FACTOR", default=3.0)
OUTBOX_RETRY_MAX_SECONDS = env.int("OUTBOX_RETRY_MAX_SECONDS", default=6 * 3600)
# A worker's claim on an email it is sending; past it, the sweep assumes the worker died and sends again.
# Far longer than a send can take (each step of the SMTP conversation is bounded by EMAIL_TIMEOUT).
OUTBOX_CLAIM_SECONDS = env.int("OUTBOX_CLAIM_SECONDS", default=600)
OUTBOX_SWEEP_GRACE_SECONDS = env.int("OUTBOX_SWEEP_GRACE_SECONDS", default=300)
# Automatic acknowledgements and confirmation links to one address per 24 hours, whatever the client IP.
OUTBOX_ACKNOWLEDGEMENTS_PER_DAY = env.int("OUTBOX_ACKNOWLEDGEMENTS_PER_DAY", default=3)
OUTBOX_AT_RISK_HOURS = env.int("OUTBOX_AT_RISK_HOURS", default=24)
WORKER_HEARTBEAT_SECONDS = env.int("WORKER_HEARTBEAT_SECONDS", default=10)
WORKER_STALE_SECONDS = env.int("WORKER_STALE_SECONDS", default=120)

# --- Privacy: cookies, complaints, data-subject requests, breaches --------------------------------------------------

# django-cookie-consent in opt-in mode (the middleware above).
COOKIE_CONSENT_OPT_OUT = False
COOKIE_CONSENT_CACHE_BACKEND = "default"  # the shared cache (Redis in production)
COOKIE_CONSENT_LOG_ENABLED = False  # its log holds no proof; privacy.CookieConsentLog does
COOKIE_CONSENT_SECURE = env.bool("COOKIE_CONSENT_SECURE", default=False)
COOKIE_CONSENT_SUCCESS_URL = "/"  # its views are not mounted: privacy.views handle the choice
# The authorised personal-data protection body, named on the policy page and in request replies (P22).
# Since autumn 2025: the Ministry of Artificial Intelligence and Digital Development (its Regulation: Government
# Decree No. 846 of 9 October 2025). Every text the site writes takes the name from here.
PRIVACY_COMPLAINT_AUTHORITY = _(
    "Ministry of Artificial Intelligence and Digital Development of the Republic of Kazakhstan"
)
# Data-subject request deadlines in Kazakhstan working days, counted from verification (policy section 5).
DATA_REQUEST_DEADLINES = {
    "access": env.int("DATA_REQUEST_DAYS_ACCESS", default=3),
    "rectification": env.int("DATA_REQUEST_DAYS_RECTIFICATION", default=1),
    "blocking": env.int("DATA_REQUEST_DAYS_BLOCKING", default=1),
    "deletion": env.int("DATA_REQUEST_DAYS_DELETION", default=1),
    "withdrawal": env.int("DATA_REQUEST_DAYS_WITHDRAWAL", default=1),
    "refusal": env.int("DATA_REQUEST_DAYS_REFUSAL", default=3),
}
DATA_REQUEST_DUE_SOON_DAYS = env.int("DATA_REQUEST_DUE_SOON_DAYS", default=1)
DATA_REQUEST_VERIFY_HOURS = env.int("DATA_REQUEST_VERIFY_HOURS", default=24)
DATA_REQUEST_EXPORT_DAYS = env.int("DATA_REQUEST_EXPORT_DAYS", default=7)
# Personal-data breaches: the authorised body is notified within one working day of detection.
BREACH_NOTICE_WORKING_DAYS = env.int("BREACH_NOTICE_WORKING_DAYS", default=1)
# Key of the erasure log's email hashes; set it once and keep it (SECRET_KEY rotation must not orphan the log).
ERASURE_LOG_KEY = env("ERASURE_LOG_KEY", default="")

# --- Retention (privacy policy, section 3): the periods the rules registered by each app read ----------------------

RETENTION_TECHNICAL_DATA_DAYS = env.int("RETENTION_TECHNICAL_DATA_DAYS", default=90)
RETENTION_ENQUIRY_DAYS = env.int("RETENTION_ENQUIRY_DAYS", default=3 * 365)
RETENTION_MEMBER_AFTER_END_DAYS = env.int("RETENTION_MEMBER_AFTER_END_DAYS", default=365)
# Accounting records: whole years after the end of the year a record belongs to (accounting and archival law).
RETENTION_ACCOUNTING_YEARS = env.int("RETENTION_ACCOUNTING_YEARS", default=5)
RETENTION_CLOSED_APPLICATION_DAYS = env.int("RETENTION_CLOSED_APPLICATION_DAYS", default=365)
# Closed requests are the proof that a right was honoured: kept 3 years after closing, like correspondence.
RETENTION_CLOSED_REQUEST_DAYS = env.int("RETENTION_CLOSED_REQUEST_DAYS", default=3 * 365)
# The breach register: 3 years after a breach is closed, like the requests.
RETENTION_BREACH_DAYS = env.int("RETENTION_BREACH_DAYS", default=3 * 365)
RETENTION_EMAIL_DAYS = env.int("RETENTION_EMAIL_DAYS", default=90)
RETENTION_JOB_RECORDS_DAYS = env.int("RETENTION_JOB_RECORDS_DAYS", default=30)
# Attendee data (name, email, company) is deleted this long after the event ends; the counts stay.
RETENTION_EVENT_ATTENDEE_DAYS = env.int("RETENTION_EVENT_ATTENDEE_DAYS", default=180)
# Batches of 10,000 rows, each its own short transaction: 1,000,000 technical-data rows in about a minute
# where batches of 1,000 took 90 s on the benchmark machine (README, "Performance").
RETENTION_BATCH_SIZE = env.int("RETENTION_BATCH_SIZE", default=10_000)

# --- Membership, enquiries and the association's pages ------------------------------------------------------------

MEMBERSHIP_TERM_DAYS = env.int("MEMBERSHIP_TERM_DAYS", default=365)
# Membership-fee invoices fall due this many days after issue.
INVOICE_PAYMENT_DAYS = env.int("INVOICE_PAYMENT_DAYS", default=30)
# The association's bank requisites printed on invoices; empty ones are left off (the check warns).
ASSOCIATION_REQUISITES = {
    "bin": env("ASSOCIATION_BIN", default=""),
    "bank": env("ASSOCIATION_BANK", default=""),
    "iik": env("ASSOCIATION_IIK", default=""),
    "bik": env("ASSOCIATION_BIK", default=""),
    "kbe": env("ASSOCIATION_KBE", default="18"),
    "knp": env("ASSOCIATION_KNP", default="859"),
}
# How long a signed link in an email (enquiry reply, application correction) stays valid.
REPLY_LINK_MAX_AGE_DAYS = env.int("REPLY_LINK_MAX_AGE_DAYS", default=30)
# Emails about an enquiry carry Reply-To: info+enquiry-<number>@…, so an answer by email arrives marked with its
# thread; off for a mail server without subaddressing (then Reply-To is the plain mailbox).
ENQUIRY_REPLY_SUBADDRESS = env.bool("ENQUIRY_REPLY_SUBADDRESS", default=True)
# Registered attendees are reminded once, this many hours before the event starts.
EVENT_REMINDER_HOURS = env.int("EVENT_REMINDER_HOURS", default=24)
# The licence of the directory's open data (members.json, members.csv, the new-members feed).
OPEN_DATA_LICENCE = {
    "name": env("OPEN_DATA_LICENCE_NAME", default="CC BY 4.0"),
    "url": env("OPEN_DATA_LICENCE_URL", default="https://creativecommons.org/licenses/by/4.0/"),
}

# --- The member cabinet: sign-in by emailed link, its own session cookie (README, "Member cabinet") ----------------

CABINET_LINK_MINUTES = env.int("CABINET_LINK_MINUTES", default=15)
CABINET_SESSION_HOURS = env.int("CABINET_SESSION_HOURS", default=12)
CABINET_COOKIE_NAME = "dkz_cabinet"
CABINET_COOKIE_SECURE = env.bool("CABINET_COOKIE_SECURE", default=False)
CABINET_MAX_REPRESENTATIVES = env.int("CABINET_MAX_REPRESENTATIVES", default=20)

# --- Logging -----------------------------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "dkz_site.logging.RedactPersonalData"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "line",
            "filters": ["redact"],
        },
    },
    "root": {"handlers": ["stdout"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Replace Django's own handlers (console in DEBUG, runserver's request lines), which would bypass the
        # redaction: every line goes through the one filtered handler.
        "django": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
    },
}
