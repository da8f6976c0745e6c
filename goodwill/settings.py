"""Goodwill settings. Every variable is listed in docs/configuration.md; the defaults give the
embedded demo."""

import datetime as dt
import os
from pathlib import Path

import django_stubs_ext
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from goodwill.conf import (
    clamd_url,
    database_from_url,
    env_bool,
    env_float,
    env_int,
    env_list,
    env_secret,
    env_str,
    messaging_api_url,
    model_url,
    public_url,
    queue_from_url,
    smtp_url,
    whatsapp_content_sids,
    whatsapp_templates,
)

# Lets admin classes and querysets be written with type parameters (ModelAdmin[Site]).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("GOODWILL_DATA_DIR", str(BASE_DIR / "var")))
DATA_DIR.mkdir(parents=True, exist_ok=True)  # the embedded database and files live here

DEBUG = env_bool("GOODWILL_DEBUG", False)
ALLOWED_HOSTS = env_list("GOODWILL_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
# The embedded demo runs on loopback with a fixed key; anything reachable from elsewhere must set
# its own, or anyone could forge a session.
SECRET_KEY = env_str("GOODWILL_SECRET_KEY", "")
PUBLIC_HOST = bool(set(ALLOWED_HOSTS) - {"127.0.0.1", "localhost", "testserver", "[::1]", "::1"})
if not SECRET_KEY:
    if PUBLIC_HOST:
        raise ImproperlyConfigured(
            "GOODWILL_SECRET_KEY must be set when GOODWILL_ALLOWED_HOSTS names a host beyond "
            "loopback."
        )
    SECRET_KEY = "insecure-loopback-demo-key"  # noqa: S105  (loopback only, see above)
# The keys SECRET_KEY replaced, still accepted: sessions signed before a rotation stay valid,
# and the erased ids of imports keyed with an old key still keep the erased out of a re-import
# (imports.models.erased_forms). Keep an old key here as long as its erasures must hold.
SECRET_KEY_FALLBACKS = env_list("GOODWILL_SECRET_KEY_FALLBACKS", [])
CSRF_TRUSTED_ORIGINS = env_list("GOODWILL_CSRF_TRUSTED_ORIGINS", [])

# Phone numbers typed without a country code are read with this country.
GOODWILL_DEFAULT_COUNTRY = env_str("GOODWILL_DEFAULT_COUNTRY", "CH")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # serves the API docs' Swagger UI from its bundled static files, never from a CDN
    "goodwill.organisation",
    "goodwill.clients",
    "goodwill.cases",
    "goodwill.documents",
    "goodwill.timeline",
    "goodwill.imports",
    "goodwill.notifications",
    "goodwill.care",
    "goodwill.promises",
    "goodwill.availability",
    "goodwill.people",
    "goodwill.assistance",
    "goodwill.appointments",
    "goodwill.quotes",
    "goodwill.news",
    "goodwill.channels.outbox",
    "goodwill.intake",
    "goodwill.channels.email",
    "goodwill.channels.phone",
    "goodwill.channels.webform",
    "goodwill.channels.messaging",
    "goodwill.surveys",
    "goodwill.checks",
    "goodwill.insights",
    "goodwill.portal",
    "goodwill.experience",
    "goodwill.quality",
    "goodwill.integrations",
    "goodwill.recalls",
    "goodwill.journeys",
    "goodwill.privacy",
    "goodwill.web",
    "goodwill.worker",
    "goodwill.demo",
    "huey.contrib.djhuey",
    "axes",  # failed sign-ins, counted in the database (AccessAttempt): see below
    "django_otp",
    "django_otp.plugins.otp_totp",  # two-factor sign-in with an authenticator app
]

MIDDLEWARE = [
    # GET /healthz for load balancers, answered before the host check and the HTTPS redirect.
    "goodwill.http.HealthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session is read: what no view can use is answered 400 with the reason.
    "goodwill.http.BadInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "goodwill.organisation.middleware.StaffLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # request.user.is_verified(): signed in with the second factor in this session.
    "django_otp.middleware.OTPMiddleware",
    # Roles GOODWILL_2FA_REQUIRED_FOR names see only the enrolment page until they use it.
    "goodwill.web.signin.TwoFactorMiddleware",
    # A refusal on one log line; another site's object answers 404 like a missing one.
    "goodwill.http.RefusalMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last: turns a sign-in refused for too many failures into the page saying when it lifts.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "goodwill.urls"
WSGI_APPLICATION = "goodwill.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "goodwill" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "goodwill.notifications.context_processors.unread_badge",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'goodwill.sqlite3'}"), BASE_DIR
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organisation.User"
# The stock model backend, loading the person's site with them (one query less on every page).
# Sessions record their backend: ones opened under the stock backend sign in again once.
# The first refuses a sign-in while the account or the address is locked out (django-axes).
AUTHENTICATION_BACKENDS = [
    "goodwill.organisation.backends.ThrottledSignIn",
    "goodwill.organisation.backends.StaffBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("de", _("German")), ("it", _("Italian"))]
LOCALE_PATHS = [BASE_DIR / "goodwill" / "locale"]
# English pages for European brands: day before month, 24-hour clock.
FORMAT_MODULE_PATH = ["goodwill.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("GOODWILL_TIME_ZONE", "Europe/Zurich")

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns on a missing root; files come from the finders
STATICFILES_DIRS = [BASE_DIR / "goodwill" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Signing in. After GOODWILL_LOGIN_FAILURE_LIMIT failed attempts for one account, or from one
# address, further attempts are refused for GOODWILL_LOGIN_LOCKOUT_MINUTES after the last one
# (staff login and the admin's alike). Counted in the database, so every web process shares the
# count. The page says when it lifts.
AXES_FAILURE_LIMIT = env_int("GOODWILL_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("GOODWILL_LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: per account, per address
AXES_RESET_ON_SUCCESS = True
# A try during the lockout starts the wait again: it lifts a cool-off after the last try.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_CLIENT_IP_CALLABLE = "goodwill.http.client_ip"
AXES_LOCKOUT_CALLABLE = "goodwill.web.signin.locked_out"
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
# Two-factor sign-in (TOTP, an authenticator app): anyone may turn it on at /me/two-factor/;
# the roles listed here must (administrator covers superusers), e.g. "admin,manager".
GOODWILL_2FA_REQUIRED_FOR = env_list("GOODWILL_2FA_REQUIRED_FOR", [])
if unknown_roles := set(GOODWILL_2FA_REQUIRED_FOR) - {"advisor", "agent", "manager", "admin"}:
    raise ImproperlyConfigured(
        f"GOODWILL_2FA_REQUIRED_FOR names unknown roles {sorted(unknown_roles)}: use advisor, "
        "agent, manager, admin"
    )
OTP_TOTP_ISSUER = env_str("GOODWILL_2FA_ISSUER", "Goodwill")
OTP_TOTP_THROTTLE_FACTOR = 1  # after n wrong codes, wait 2^(n-1) s before the next is checked

# HTTPS. A public host (GOODWILL_ALLOWED_HOSTS beyond loopback) is served over HTTPS by default:
# plain http is redirected, cookies are sent over HTTPS only, and browsers are told (HSTS) to
# come back over HTTPS only. The loopback demo stays on plain http. Each is switchable for a
# set-up where a TLS-terminating proxy sits in front (docs/configuration.md, HTTPS).
GOODWILL_HTTPS = env_bool("GOODWILL_HTTPS", PUBLIC_HOST)
# Reverse proxies in front of Goodwill: their X-Forwarded-Proto says whether the browser used
# HTTPS, and the client's address is the one the nearest proxy appended to X-Forwarded-For.
GOODWILL_PROXY_COUNT = env_int(
    "GOODWILL_PROXY_COUNT", 1 if env_bool("GOODWILL_WEBFORM_TRUST_FORWARDED", False) else 0
)
if GOODWILL_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("GOODWILL_SSL_REDIRECT", GOODWILL_HTTPS)
SECURE_HSTS_SECONDS = env_int("GOODWILL_HSTS_SECONDS", 31_536_000 if GOODWILL_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("GOODWILL_HSTS_INCLUDE_SUBDOMAINS", GOODWILL_HTTPS)
SECURE_HSTS_PRELOAD = env_bool("GOODWILL_HSTS_PRELOAD", GOODWILL_HTTPS)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("GOODWILL_SECURE_COOKIES", GOODWILL_HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# No inline script anywhere (behaviour lives in static files), so text a client or anyone else
# typed can never run in a staff member's session. Inline styles stay allowed: they cannot run code.
# Client e-mail HTML is shown in a sandboxed frame with a stricter policy (channels.email.views).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "frame-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}

# Background work. Services enqueue django.tasks (run by huey); the worker's sweeps find due work
# (mail to fetch, messages to deliver, clocks and promises falling due). See
# goodwill/worker/loop.py.
# Under pytest tasks run inline unless a test starts real workers.
GOODWILL_QUEUE_URL = env_str(
    "GOODWILL_QUEUE_URL",
    "immediate" if os.environ.get("PYTEST_VERSION") else f"sqlite:///{DATA_DIR / 'queue.sqlite3'}",
)
# On Redis, a task taken by a worker that dies goes back to the queue this long after its worker
# last renewed its lease (goodwill/queue.py).
GOODWILL_QUEUE_LEASE_SECONDS = env_float("GOODWILL_QUEUE_LEASE_SECONDS", 60.0, minimum=3.0)
HUEY = queue_from_url(GOODWILL_QUEUE_URL, lease_seconds=GOODWILL_QUEUE_LEASE_SECONDS)
TASKS = {"default": {"BACKEND": "huey.contrib.djhuey.tasks_backend.HueyBackend"}}
# What happened flows up: every reaction to every event, in one file (goodwill/events.py). Under
# pytest, reactions meant for after the commit run at once, as the immediate queue runs tasks.
GOODWILL_REACTIONS = "goodwill.reactions.REACTIONS"
GOODWILL_REACTIONS_EAGER = env_bool(
    "GOODWILL_REACTIONS_EAGER", bool(os.environ.get("PYTEST_VERSION"))
)
GOODWILL_SWEEP_SECONDS = env_float("GOODWILL_SWEEP_SECONDS", 5.0, minimum=0.1)
# Every sweep the worker runs, in order; each is `sweep(now) -> int` (see goodwill/worker/loop.py).
GOODWILL_SWEEPS: list[str] = [
    "goodwill.promises.sweeps.promises_due",
    "goodwill.assistance.sweeps.partner_tasks_due",
    "goodwill.assistance.sweeps.expense_claims_due",
    "goodwill.appointments.sweeps.reminders_due",
    "goodwill.quotes.sweeps.quotes_expire_due",
    "goodwill.recalls.sweeps.campaigns_due",
    "goodwill.availability.sweeps.stand_ins_due",
    "goodwill.care.sweeps.clocks_due",
    "goodwill.notifications.sweeps.escalations_due",
    "goodwill.care.sweeps.call_tasks_due",
    "goodwill.surveys.sweeps.surveys_due",
    "goodwill.journeys.sweeps.journeys_due",
    "goodwill.channels.outbox.sweeps.deliver_due",
    "goodwill.channels.outbox.sweeps.early_receipts_prune",
    "goodwill.channels.email.sweeps.fetch_mail",
    "goodwill.channels.email.sweeps.process_received",
    "goodwill.channels.phone.sweeps.receipts_prune",
    "goodwill.channels.webform.sweeps.rate_counts_prune",
    "goodwill.documents.sweeps.documents_unread",
    "goodwill.experience.sweeps.experience_due",
    "goodwill.integrations.sweeps.webhooks_due",
    "goodwill.insights.sweeps.summaries_due",
    "goodwill.insights.sweeps.digests_due",
    "goodwill.privacy.sweeps.raw_mail_retention_due",
]
# Retention (goodwill.privacy): raw mail files (the original bytes under DATA_DIR/mail/raw) are
# deleted this many months after they arrived, the parsed message staying on the timeline; 0 keeps
# them for ever.
GOODWILL_RETAIN_RAW_MAIL_MONTHS = env_int("GOODWILL_RETAIN_RAW_MAIL_MONTHS", 0, minimum=0)
# Where people open Goodwill (the address it is served on, behind its proxy): the links in the
# e-mail copies of staff notifications (conf.public_url: never a guessed port).
GOODWILL_PUBLIC_URL = public_url()
# The domain in the Message-IDs Goodwill writes, so replies can be recognised as answers to us.
GOODWILL_MAIL_DOMAIN = env_str("GOODWILL_MAIL_DOMAIN", "goodwill.localhost")
# E-mail in (channels.email): bigger messages or attachments are kept raw, quarantined, for a
# manager.
GOODWILL_MAIL_MAX_BYTES = int(env_float("GOODWILL_MAIL_MAX_BYTES", 50 * 1024 * 1024, minimum=1024))
GOODWILL_MAIL_MAX_ATTACHMENT_BYTES = int(
    env_float("GOODWILL_MAIL_MAX_ATTACHMENT_BYTES", 25 * 1024 * 1024, minimum=1024)
)
# The document vault (goodwill.documents): the biggest file staff or clients may upload, how many
# pages of a PDF are read, and Tesseract (Debian's tesseract-ocr with the brand's language packs).
GOODWILL_DOCUMENT_MAX_BYTES = int(
    env_float("GOODWILL_DOCUMENT_MAX_BYTES", 25 * 1024 * 1024, minimum=1024)
)
GOODWILL_DOCUMENT_MAX_PAGES = env_int("GOODWILL_DOCUMENT_MAX_PAGES", 20, minimum=1)
GOODWILL_TESSERACT_CMD = env_str("GOODWILL_TESSERACT_CMD", "tesseract")
GOODWILL_OCR_LANGUAGES = env_str("GOODWILL_OCR_LANGUAGES", "eng+fra+deu+ita")
# ClamAV's daemon (documents.scan): tcp://host:port or unix:///path; empty: documents are not
# scanned for viruses.
GOODWILL_CLAMD = clamd_url(env_str("GOODWILL_CLAMD", ""))
# The bearer token a mail provider posts raw messages with (POST /api/mail/inbound); empty refuses
# all.
GOODWILL_MAIL_INBOUND_TOKEN = env_str("GOODWILL_MAIL_INBOUND_TOKEN", "")
# Journeys (goodwill.journeys): the factory/logistics feed posts milestones to
# POST /api/journeys/milestones with this bearer token (empty: the endpoint is closed).
GOODWILL_JOURNEY_FEED_TOKEN = env_str("GOODWILL_JOURNEY_FEED_TOKEN", "")
# No marketing to a client this many days after a purchase (journeys.suppression).
GOODWILL_SUPPRESS_AFTER_PURCHASE_DAYS = env_int("GOODWILL_SUPPRESS_AFTER_PURCHASE_DAYS", 28)
GOODWILL_SUPPRESS_AFTER_LOW_SCORE_DAYS = env_int("GOODWILL_SUPPRESS_AFTER_LOW_SCORE_DAYS", 90)
# Further reasons not to send marketing, from apps not on this list's branch (the surveys' "low
# score until …"): dotted paths of `reasons(now) -> Iterable[Suppression]`.
GOODWILL_SUPPRESSION_SOURCES: list[str] = env_list("GOODWILL_SUPPRESSION_SOURCES", [])
# The secret the telephony provider signs its webhook with (POST /api/phone/events); empty refuses
# all.
GOODWILL_PHONE_WEBHOOK_SECRET = env_secret("GOODWILL_PHONE_WEBHOOK_SECRET")
# SMS and WhatsApp (goodwill.channels.messaging, docs/messaging.md). The secret the provider's relay
# signs both webhooks with (POST /channels/messaging/inbound and /status); empty refuses all.
GOODWILL_MESSAGING_WEBHOOK_SECRET = env_secret("GOODWILL_MESSAGING_WEBHOOK_SECRET")
# The provider's API (Twilio's Messages.json dialect); empty captures texts in the outbox.
GOODWILL_MESSAGING_API_URL = messaging_api_url(env_str("GOODWILL_MESSAGING_API_URL", ""))
GOODWILL_MESSAGING_ACCOUNT_SID = env_str("GOODWILL_MESSAGING_ACCOUNT_SID", "")
GOODWILL_MESSAGING_AUTH_TOKEN = env_str("GOODWILL_MESSAGING_AUTH_TOKEN", "")
# Our numbers: "+44…" for SMS, "whatsapp:+44…" (or "+44…") for WhatsApp; empty: that channel off.
GOODWILL_MESSAGING_SMS_FROM = env_str("GOODWILL_MESSAGING_SMS_FROM", "")
GOODWILL_MESSAGING_WHATSAPP_FROM = env_str("GOODWILL_MESSAGING_WHATSAPP_FROM", "")
# Where the provider reports delivered, read and failed (our /channels/messaging/status, public).
GOODWILL_MESSAGING_STATUS_CALLBACK_URL = env_str("GOODWILL_MESSAGING_STATUS_CALLBACK_URL", "")
GOODWILL_MESSAGING_TIMEOUT = env_float("GOODWILL_MESSAGING_TIMEOUT", 15.0, minimum=1.0)
# WhatsApp templates approved by Meta, the only messages allowed more than 24 hours after the
# client's last WhatsApp message: MessageTemplate names, each `name` or `name:en|fr|…`.
GOODWILL_WHATSAPP_TEMPLATES = whatsapp_templates(
    env_list("GOODWILL_WHATSAPP_TEMPLATES", ["whatsapp_update", "whatsapp_call_request"])
)
# The provider's id of each approved template and language (`whatsapp_update:de=HX…`): sent
# by that id with numbered variables; a template without one goes by its words.
GOODWILL_WHATSAPP_CONTENT_SIDS = whatsapp_content_sids(
    env_list("GOODWILL_WHATSAPP_CONTENT_SIDS", [])
)
# Webhooks out (goodwill.integrations): an endpoint on a private, loopback or link-local address
# is refused unless this is true (a receiver on the same machine or network, and the tests).
GOODWILL_WEBHOOK_ALLOW_PRIVATE = env_bool("GOODWILL_WEBHOOK_ALLOW_PRIVATE", False)
# The languages clients are served in (the contact form, automatic messages, replies), apart
# from the staff interface's LANGUAGES; Django's codes, "zh-hans" for Simplified Chinese
# (goodwill/languages.py). A code Django does not know stops start-up.
_CLIENT_LANGUAGES = ["en", "fr", "de", "it", "es", "pt", "nl", "ja", "zh-hans", "ar"]
GOODWILL_CLIENT_LANGUAGES = [
    code.lower().replace("_", "-")
    for code in env_list("GOODWILL_CLIENT_LANGUAGES", _CLIENT_LANGUAGES)
]
_unknown = [code for code in GOODWILL_CLIENT_LANGUAGES if code not in LANG_INFO]
if _unknown or "en" not in GOODWILL_CLIENT_LANGUAGES:
    raise ImproperlyConfigured(
        f"GOODWILL_CLIENT_LANGUAGES must name Django language codes including en "
        f"(the fallback of every template); unknown: {', '.join(_unknown) or 'none'}"
    )
# The languages clients are answered in, which language detection chooses among.
GOODWILL_BRAND_LANGUAGES = env_list("GOODWILL_BRAND_LANGUAGES", list(GOODWILL_CLIENT_LANGUAGES))
# The brand's own model server for reply drafts (checks.model_server): off when empty.
GOODWILL_MODEL_URL = model_url(env_str("GOODWILL_MODEL_URL", ""))
GOODWILL_MODEL_NAME = env_str("GOODWILL_MODEL_NAME", "default")
GOODWILL_MODEL_TOKEN = env_str("GOODWILL_MODEL_TOKEN", "")
GOODWILL_MODEL_TIMEOUT_SECONDS = env_float("GOODWILL_MODEL_TIMEOUT_SECONDS", 20.0, minimum=0.1)
# Sending (channels.transport): the brand name templates sign with, the From of every message, and
# where mail goes: empty or "capture:" keeps it in the UI outbox only (the demo), else an SMTP URL.
GOODWILL_BRAND_NAME = env_str("GOODWILL_BRAND_NAME", "Aurelis")
GOODWILL_MAIL_FROM = env_str("GOODWILL_MAIL_FROM", "Aurelis Client Care <care@goodwill.localhost>")
GOODWILL_SMTP_URL = smtp_url(env_str("GOODWILL_SMTP_URL", ""))
GOODWILL_SMTP_TIMEOUT = env_float("GOODWILL_SMTP_TIMEOUT", 30.0, minimum=1.0)
# A message failing temporarily is retried with growing pauses, then given up as failed.
GOODWILL_DELIVERY_MAX_ATTEMPTS = env_int("GOODWILL_DELIVERY_MAX_ATTEMPTS", 8, minimum=1)
# Limits on automatic mail to one client (acknowledgements, status news, cadence updates, who
# covers): after one, others within the window are held back; at most the cap in 24 hours.
GOODWILL_AUTO_MAIL_WINDOW_MINUTES = env_int("GOODWILL_AUTO_MAIL_WINDOW_MINUTES", 10)
GOODWILL_AUTO_MAIL_DAILY_CAP = env_int("GOODWILL_AUTO_MAIL_DAILY_CAP", 4, minimum=1)
# How long a worker holds a message it is sending before another may take it (it died meanwhile).
GOODWILL_DELIVERY_LEASE_SECONDS = env_float("GOODWILL_DELIVERY_LEASE_SECONDS", 120.0, minimum=1.0)
# The public contact form (channels.webform): accepted messages per hour from one connection and
# from one e-mail address (the client's address comes from goodwill.http.client_ip, which reads
# GOODWILL_PROXY_COUNT); who may frame /contact/embed/ (CSP frame-ancestors, e.g.
# https://www.aurelis.example).
GOODWILL_WEBFORM_PER_IP_HOUR = env_int("GOODWILL_WEBFORM_PER_IP_HOUR", 10, minimum=1)
GOODWILL_WEBFORM_PER_EMAIL_HOUR = env_int("GOODWILL_WEBFORM_PER_EMAIL_HOUR", 5, minimum=1)
GOODWILL_WEBFORM_FRAME_ANCESTORS = env_list("GOODWILL_WEBFORM_FRAME_ANCESTORS", [])
# Over those limits a message is held aside for staff, not lost; past this many held messages
# from one connection in an hour (a flood) nothing more is kept.
GOODWILL_WEBFORM_HELD_PER_IP_HOUR = env_int("GOODWILL_WEBFORM_HELD_PER_IP_HOUR", 50, minimum=1)
# Where the limits are counted, shared by every process: "database" (the default), or a Redis
# URL (redis://host:port/db) to keep the counting off the database.
GOODWILL_WEBFORM_LIMITS_URL = env_str("GOODWILL_WEBFORM_LIMITS_URL", "database")
# The client portal (goodwill.portal): how many days a private link works, and how many links
# may be asked for per hour for one e-mail address and from one connection (counted where the
# contact form counts, above).
GOODWILL_PORTAL_LINK_DAYS = env_int("GOODWILL_PORTAL_LINK_DAYS", 30, minimum=1)
# Surveys (goodwill.surveys): at most one to a client every MIN_DAYS (this brand's setting), sent
# DELAY_HOURS after the case closed, its links answerable for LINK_DAYS; a score clicked in the
# e-mail and left alone SETTLE_MINUTES is the final answer.
GOODWILL_SURVEY_MIN_DAYS = env_int("GOODWILL_SURVEY_MIN_DAYS", 30, minimum=1)
GOODWILL_SURVEY_DELAY_HOURS = env_int("GOODWILL_SURVEY_DELAY_HOURS", 24)
GOODWILL_SURVEY_LINK_DAYS = env_int("GOODWILL_SURVEY_LINK_DAYS", 30, minimum=1)
GOODWILL_SURVEY_SETTLE_MINUTES = env_int("GOODWILL_SURVEY_SETTLE_MINUTES", 120, minimum=1)
GOODWILL_PORTAL_LINK_PER_EMAIL_HOUR = env_int("GOODWILL_PORTAL_LINK_PER_EMAIL_HOUR", 3, minimum=1)
GOODWILL_PORTAL_LINK_PER_IP_HOUR = env_int("GOODWILL_PORTAL_LINK_PER_IP_HOUR", 10, minimum=1)
if not GOODWILL_WEBFORM_LIMITS_URL.startswith(("database", "redis://", "rediss://")):
    raise ImproperlyConfigured(
        f"GOODWILL_WEBFORM_LIMITS_URL={GOODWILL_WEBFORM_LIMITS_URL!r}: use database or "
        "redis://host:port/db"
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("GOODWILL_LOG_LEVEL", "WARNING")},
    # Django logs every task's start and end at INFO; the worker's own log says what matters.
    "loggers": {"django.tasks": {"level": env_str("GOODWILL_LOG_LEVEL", "WARNING")}},
}
