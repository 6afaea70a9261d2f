"""The application kernel: `build_app` sets up configuration, extensions, security and the unit of
work, then wires the packages the composition root (`app.py`) names. `core` names no package."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from flask import Flask, request, session
from sqlalchemy import event
from sqlalchemy.engine import Engine

from core.config import ROOT, build_config, normalize_database_url

def build_app(test_config: dict | None, packages: Iterable) -> Flask:
    instance = Path((test_config or {}).get("INSTANCE_PATH") or os.environ.get("INSTANCE_PATH")
                    or ROOT / "instance").resolve()
    instance.mkdir(mode=0o700, parents=True, exist_ok=True)
    app = Flask(__name__, instance_path=str(instance), instance_relative_config=True,
                template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"))
    app.config.update(build_config(instance))
    if test_config:
        app.config.update(test_config)
    app.config["SQLALCHEMY_DATABASE_URI"] = normalize_database_url(app.config["SQLALCHEMY_DATABASE_URI"])
    _serialise_sqlite_writes(app)
    Path(app.config["UPLOAD_FOLDER"]).mkdir(mode=0o700, parents=True, exist_ok=True)

    if app.config["TRUSTED_PROXY_HOPS"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["TRUSTED_PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    _init_extensions(app)

    from core import api, uow, views
    from core.cli import register_cli
    from core.errors import register_error_pages
    from core.registry import wire
    from core.security import set_security_headers
    from core.templating import register_template_helpers

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    wire(app, packages)
    api.check_component_names()  # a shared name would document one operation with another's schema
    uow.init_app(app)

    register_error_pages(app)
    register_template_helpers(app)
    register_cli(app)
    app.after_request(set_security_headers)
    app.after_request(_remember_language)
    return app


def _serialise_sqlite_writes(app: Flask) -> None:
    """A file SQLite database: writers queue on a lock beside it (core.sqlite_writes), not in busy retries."""
    from sqlalchemy.engine import make_url

    from core.sqlite_writes import connection_factory

    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return
    options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    connect_args = dict(options.get("connect_args") or {})
    connect_args.setdefault("factory", connection_factory(url.database))
    options["connect_args"] = connect_args
    options["pool_pre_ping"] = False  # a file cannot drop a connection: the ping was a statement per request
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def _refuse_nul_in_address():
    """An address (path or query string) never holds a NUL; PostgreSQL refuses one in any text it compares,
    so every lookup behind a query string would answer 500. Refused here once, in plain words."""
    if "\x00" in request.path or any("\x00" in k or "\x00" in v for k, v in request.args.items(multi=True)):
        from core.errors import error_response

        return error_response(400, "Alamat halaman berisi karakter yang tidak sah (NUL). Periksa tautan Anda.")
    return None


def _remember_language(response):
    """?lang=en once keeps English on the next pages (links and redirects carry no ?lang)."""
    lang = request.args.get("lang")
    if lang in ("id", "en") and request.cookies.get("lang") != lang:
        response.set_cookie("lang", lang, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response


def _init_extensions(app: Flask) -> None:
    from core.extensions import babel, bootstrap, csrf, db, limiter, login_manager, migrate, migration_compares
    from core.sessions import init_sessions

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True,
                     compare_type=True, include_name=migration_compares)
    csrf.init_app(app)
    limiter.init_app(app)
    bootstrap.init_app(app)
    from core.transfer import init_transfer

    init_transfer(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=lambda: "Asia/Jakarta",
                   default_translation_directories=str(ROOT / "translations"))
    init_sessions(app)

    login_manager.init_app(app)
    login_manager.login_view = "admin.login"
    login_manager.enrol_view = "admin.enrol_totp"  # where the role guard sends an officer who owes 2FA
    login_manager.login_message = "Silakan masuk terlebih dahulu."
    login_manager.login_message_category = "info"
    login_manager.session_protection = None  # server-side sessions, regenerated at login
    login_manager.user_loader(load_user)
    app.before_request(_refuse_nul_in_address)
    app.before_request(_officer_idle_timeout)

    import core.models  # noqa: F401  (tables known to Alembic)


def select_locale() -> str:
    supported = ("id", "en")
    lang = request.args.get("lang")
    if lang in supported:
        return lang
    if request.cookies.get("lang") in supported:
        return request.cookies["lang"]
    return request.accept_languages.best_match(supported) or "id"


def load_user(user_key: str):
    from core.extensions import db
    from core.models import User

    try:
        user_id, version = (int(x) for x in user_key.split(":"))
    except ValueError:
        return None
    user = db.session.get(User, user_id)
    if user is None or user.session_version != version or not user.aktif:
        return None
    return user


def _officer_idle_timeout():
    """Officer sessions end after a quiet spell; the public's sessions only carry CSRF tokens."""
    from flask import current_app
    from flask_login import current_user, logout_user

    from core.workdays import utcnow

    if not session.get("_user_id"):
        return None
    now = utcnow().timestamp()
    last = session.get("seen_at", now)
    if now - last > current_app.config["OFFICER_IDLE_MINUTES"] * 60 and current_user.is_authenticated:
        logout_user()
        session.clear()
        return None
    if now - last > 60:  # write the session at most once a minute
        session["seen_at"] = now
    session.setdefault("seen_at", now)
    return None


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    import sqlite3

    if isinstance(dbapi_connection, sqlite3.Connection):
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=15000")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()
