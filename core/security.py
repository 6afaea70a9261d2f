"""Security headers, role checks, safe redirects and the anonymous-route rules."""
from __future__ import annotations

import hashlib
import hmac
import logging
import posixpath
import re
from datetime import timedelta
from functools import wraps
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit

from flask import abort, current_app, flash, redirect, request, session, url_for
from flask_login import current_user

from core.workdays import local_today, utcnow

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'; object-src 'none'")

# Paths on which no address, user agent or exact time is kept: the packages' `anonymous_paths`, put here
# by core.registry.wire from app.py (a plain set, since gunicorn's access-log filter has no app context).
ANONYMOUS_PREFIXES: set[str] = set()
# Never in the access log either: WBS pages load these too (wbs.css only they do), so a line for them
# would tell when someone read a WBS page.
UNLOGGED_PREFIXES = ("/static", "/bootstrap/static")


def normal_path(path: str) -> str:
    """The path as some hop might end up routing it: percent-decoded (twice-encoded too), backslashes and
    repeated slashes folded, dot segments resolved, lower case. Only for deciding, never for routing."""
    for _ in range(3):
        decoded = unquote(path)
        if decoded == path:
            break
        path = decoded
    path = re.sub(r"[/\\]+", "/", "/" + path)
    return posixpath.normpath(path).lower()


def _under(path: str, prefixes) -> bool:
    path = normal_path(path)
    return any(path == p or path.startswith(p + "/") for p in prefixes)


def is_anonymous_path(path: str) -> bool:
    return _under(path, ANONYMOUS_PREFIXES)


class SkipAnonymous(logging.Filter):
    """For gunicorn's access log: no line for an anonymous path however it is spelled, for a link that
    leads to one (/bahasa/en?next=/wbs/lapor), for a request a WBS page made (Referer) or for a static file;
    and no query string in any line (it can carry a tracking code or a WBS path)."""

    def filter(self, record: logging.LogRecord) -> bool:
        atoms = record.args if isinstance(record.args, dict) else None
        if atoms is None:
            return True
        path, query = str(atoms.get("U") or ""), str(atoms.get("q") or "")
        referer = urlsplit(str(atoms.get("f") or "")).path
        if (is_anonymous_path(path) or _under(path, UNLOGGED_PREFIXES) or is_anonymous_path(referer)
                or any(is_anonymous_path(value) for _, value in parse_qsl(query))):
            return False
        atoms["r"] = f"{atoms.get('m', '-')} {path} {atoms.get('H', '-')}"
        for key in ("q", "{raw_uri}e", "{query_string}e"):
            atoms[key] = "-"
        return True


def anonymous_rate_key() -> str:
    """HMAC of the address under a secret that changes every day: limits work, nothing is traceable."""
    day = local_today().isoformat().encode()
    daily = hmac.new(current_app.config["RATE_KEY_SECRET"], day, hashlib.sha256).digest()
    from core.throttle import address_network

    network = address_network(request.remote_addr).encode()  # an IPv6 subscriber counts as its /64
    return "anon:" + hmac.new(daily, network, hashlib.sha256).hexdigest()[:32]


def set_security_headers(response):
    h = response.headers
    h.setdefault("Content-Security-Policy", CSP)
    h["X-Content-Type-Options"] = "nosniff"
    h["Referrer-Policy"] = "no-referrer"
    h["X-Frame-Options"] = "DENY"
    h["Cross-Origin-Opener-Policy"] = "same-origin"
    h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
    if request.is_secure:
        h["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if (request.endpoint or "").rpartition(".")[2] == "static":
        return response  # fingerprinted URLs, cached for long (core.templating); the same for everyone
    if current_user and getattr(current_user, "is_authenticated", False) or is_anonymous_path(request.path):
        h["Cache-Control"] = "no-store"
    return response


def is_safe_next(target: str | None) -> bool:
    """Only a path on this site: no scheme, no host, no backslash tricks."""
    if not target or "\\" in target or any(ord(c) < 32 for c in target):
        return False
    parts = urlsplit(urljoin(request.host_url, target))
    return (parts.scheme in {"http", "https"} and parts.netloc == urlsplit(request.host_url).netloc
            and target.startswith("/") and not target.startswith("//"))


def mark_second_factor() -> None:
    """This session proved the second factor (a TOTP code at login or at enrolment)."""
    session["mfa"] = True


def second_factor_missing():
    """The 2FA duty, checked on every request by the role guard: a session whose user must use 2FA
    (their roles, or the office's setting) and has not proved it goes to enrolment or back to login."""
    if not current_user.needs_2fa or session.get("mfa"):
        return None
    if not current_user.totp_secret:
        flash("Peran Anda mewajibkan autentikasi dua faktor. Daftarkan aplikasi autentikator sekarang.", "info")
        return redirect(url_for(current_app.login_manager.enrol_view))
    from flask_login import logout_user

    logout_user()
    session.clear()
    flash("Masuk lagi dengan kode dari aplikasi autentikator Anda.", "warning")
    return current_app.login_manager.unauthorized()


def role_required(*roles):
    """Deny by default: the user must be logged in, fully (2FA done where required) and hold one of the roles."""
    def decorator(view):
        view._roles = roles  # read by the access tests
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()
            if (refused := second_factor_missing()) is not None:
                return refused
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return decorator


def is_fresh() -> bool:
    fresh_at = session.get("fresh_at")
    limit = timedelta(minutes=current_app.config["FRESH_LOGIN_MINUTES"])
    return bool(fresh_at) and utcnow().timestamp() - fresh_at <= limit.total_seconds()


def fresh_login_required(view):
    """Decrypting, exporting and managing accounts need a password typed in the last few minutes."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not is_fresh():
            flash("Untuk tindakan ini, masukkan kata sandi Anda sekali lagi.", "warning")
            return redirect(url_for("admin.reauth", next=request.full_path))
        return view(*args, **kwargs)
    return wrapped


def mark_fresh() -> None:
    session["fresh_at"] = utcnow().timestamp()
