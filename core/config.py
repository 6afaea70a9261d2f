"""Configuration from the environment over safe defaults.

Secrets are never defaults in code: on first start they are generated into the instance folder
(mode 0600) unless the environment provides them.
"""
from __future__ import annotations

import base64
import os
import secrets
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# name -> number of random bytes; each is a file in <instance>/secrets/
SERVER_SECRETS = {
    "SECRET_KEY": 32,      # Flask signing (CSRF tokens, session cookie signature)
    "DATA_KEY": 32,        # personal data of complainants, encrypted at rest
    "RECEIPT_PEPPER": 32,  # HMAC of WBS receipts and tracking codes
    "RATE_KEY_SECRET": 32, # base for the daily-rotating HMAC of addresses on anonymous routes
    "AUDIT_KEY": 32,       # HMAC of the audit chain: whoever can write the database cannot re-chain it
}


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ya"}


def load_secret(instance: Path, name: str, nbytes: int) -> bytes:
    """The secret from the environment (base64 or text), else from the instance folder, else new."""
    from_env = os.environ.get(name)
    if from_env:
        try:
            raw = base64.urlsafe_b64decode(from_env + "=" * (-len(from_env) % 4))
            if len(raw) >= 16:
                return raw
        except ValueError:
            pass
        return from_env.encode()
    folder = instance / "secrets"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / name.lower()
    if path.exists():
        return base64.urlsafe_b64decode(path.read_bytes().strip())
    value = secrets.token_bytes(nbytes)
    # O_EXCL: two gunicorn workers starting together must not write different keys
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return base64.urlsafe_b64decode(path.read_bytes().strip())
    with os.fdopen(fd, "wb") as fh:
        fh.write(base64.urlsafe_b64encode(value))
    return value


def normalize_database_url(url: str) -> str:
    """postgres:// and postgresql:// use psycopg 3 (the driver we install)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def build_config(instance: Path) -> dict:
    database_url = normalize_database_url(os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'zilapor.db'}")
    redis_url = os.environ.get("REDIS_URL") or None
    development = os.environ.get("FLASK_ENV") == "development" or _env_bool("ZI_DEV", False)
    secure_cookies = _env_bool("SECURE_COOKIES", not development)

    config: dict = {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "REDIS_URL": redis_url,
        "HOST": os.environ.get("HOST", "127.0.0.1"),
        "PORT": int(os.environ.get("PORT", "5000")),
        "TELEGRAM_BOT_TOKEN": os.environ.get("TELEGRAM_BOT_TOKEN") or None,
        "TELEGRAM_API_BASE_URL": os.environ.get("TELEGRAM_API_BASE_URL") or None,
        # webhook mode: Telegram sends it back in a header; derived from SECRET_KEY when not given
        "TELEGRAM_WEBHOOK_SECRET": os.environ.get("TELEGRAM_WEBHOOK_SECRET") or None,
        "TRUSTED_PROXY_HOPS": int(os.environ.get("TRUSTED_PROXY_HOPS", "0")),
        "UPLOAD_FOLDER": os.environ.get("UPLOAD_FOLDER") or str(instance / "uploads"),
        # 25 MB per request (several attachments); each file is limited again by MAX_FILE_BYTES
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_CONTENT_LENGTH", str(25 * 1024 * 1024))),
        "MAX_FILE_BYTES": int(os.environ.get("MAX_FILE_BYTES", str(10 * 1024 * 1024))),
        "MAX_FORM_MEMORY_SIZE": 2 * 1024 * 1024,
        # static URLs carry a hash of the file (?v=…, core.templating), so a year is safe: the CSS of WBS
        # pages is not fetched again on every page (core.transfer adds `immutable`, or `no-cache` for a URL
        # without this version's hash)
        "SEND_FILE_MAX_AGE_DEFAULT": timedelta(days=365),
        # sessions: server side; the cookie carries only a random id
        "SESSION_COOKIE_NAME": "zi_sesi",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure_cookies,
        # a long window so a slow WBS writer does not lose the form (CSRF lives in the session)
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=int(os.environ.get("SESSION_HOURS", "26"))),
        # settings and the calendar are kept per process this long (core.officecache): another worker sees
        # an admin's change within it
        "OFFICE_CACHE_SECONDS": float(os.environ.get("OFFICE_CACHE_SECONDS", "5")),
        "OFFICER_IDLE_MINUTES": int(os.environ.get("OFFICER_IDLE_MINUTES", "30")),
        "FRESH_LOGIN_MINUTES": int(os.environ.get("FRESH_LOGIN_MINUTES", "10")),
        "WTF_CSRF_TIME_LIMIT": int(os.environ.get("CSRF_SECONDS", str(26 * 3600))),
        "WTF_CSRF_SSL_STRICT": secure_cookies,
        "REMEMBER_COOKIE_DURATION": timedelta(seconds=0),
        # rate limits
        "RATELIMIT_ENABLED": _env_bool("RATELIMIT_ENABLED", True),
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        # Redis down: count in each process's memory (Flask-Limiter logs a warning) rather than fail every
        # request; short socket timeouts so a silent Redis does not hold requests
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_STORAGE_OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1} if redis_url else {},
        "RATELIMIT_HEADERS_ENABLED": True,
        "RATELIMIT_LOGIN": os.environ.get("RATELIMIT_LOGIN", "20 per 10 minutes"),
        "RATELIMIT_PUBLIC_SUBMIT": os.environ.get("RATELIMIT_PUBLIC_SUBMIT", "30 per hour"),
        # the steps of a long form before its submit (one question per page: many posts per report)
        "RATELIMIT_FORM_STEPS": os.environ.get("RATELIMIT_FORM_STEPS", "300 per hour"),
        "RATELIMIT_TRACKING": os.environ.get("RATELIMIT_TRACKING", "20 per 10 minutes"),
        "LOGIN_MAX_FAILURES": int(os.environ.get("LOGIN_MAX_FAILURES", "5")),
        "LOGIN_LOCK_MINUTES": int(os.environ.get("LOGIN_LOCK_MINUTES", "15")),
        "REQUIRE_2FA_ALL": _env_bool("REQUIRE_2FA_ALL", False),
        # KDF for WBS keys: None = core.crypto's default parameters
        "KDF_PARAMS": None,
        "BABEL_DEFAULT_LOCALE": "id",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Jakarta",
        "LANGUAGES": ["id", "en"],
        "BOOTSTRAP_SERVE_LOCAL": True,
        "PREFERRED_URL_SCHEME": "https" if secure_cookies else "http",
        "DEVELOPMENT": development,
        "WBS_RETENTION_DAYS": int(os.environ.get("WBS_RETENTION_DAYS", str(2 * 365))),
        # e-mail (core.mail): off until SMTP_HOST and MAIL_FROM are set; the rows wait in the Outbox meanwhile
        "SMTP_HOST": os.environ.get("SMTP_HOST") or None,
        "SMTP_PORT": int(os.environ.get("SMTP_PORT") or (465 if _env_bool("SMTP_SSL", False) else 587)),
        "SMTP_USER": os.environ.get("SMTP_USER") or None,
        "SMTP_PASSWORD": os.environ.get("SMTP_PASSWORD") or None,
        "SMTP_STARTTLS": _env_bool("SMTP_STARTTLS", not _env_bool("SMTP_SSL", False)),
        "SMTP_SSL": _env_bool("SMTP_SSL", False),
        "SMTP_TIMEOUT": float(os.environ.get("SMTP_TIMEOUT", "20")),
        "MAIL_FROM": os.environ.get("MAIL_FROM") or None,
        # the public site's address for the links in e-mails (else the office's "situs" setting)
        "PUBLIC_URL": os.environ.get("PUBLIC_URL") or None,
    }
    for name, nbytes in SERVER_SECRETS.items():
        config[name] = load_secret(instance, name, nbytes)
    return config
