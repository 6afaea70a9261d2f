"""The migrations build the schema the models describe, and going down and up again keeps the data of the
tables that the revisions taken down do not own."""
import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app
from flask_migrate import downgrade, upgrade
from sqlalchemy import MetaData, create_engine, inspect, select, text
from sqlalchemy.engine import make_url

from app import create_app
from core.config import normalize_database_url
from core.extensions import db
from tests.conftest import base_config, dispose_app
from tests.wbs.helpers import make_officer
from tests.wbs.helpers import submit as submit_wbs

# tables every domain's data must reach, so the round trip below is not checked on empty tables
FILLED = ("unit", "user", "user_role", "setting", "audit_event", "pengaduan", "skm_respon", "laporan_gratifikasi",
          "wbs_laporan", "wbs_kunci", "wbs_bungkus_kunci")
SCHEMA = "uji_migrasi"


def test_migrations_match_models(app_ctx):
    # the session fixture upgraded an empty database to head; nothing may be left to generate
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts=current_app.extensions["migrate"].configure_args)
        diff = compare_metadata(context, db.metadata)
    assert diff == []


def test_flask_db_check_is_clean(runner):
    result = runner.invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output


@pytest.fixture
def empty_app(tmp_path):
    """An app on a database of its own (a fresh SQLite file, or a fresh schema on the PostgreSQL server), so
    taking the schema down does not disturb the one the other tests share."""
    url = normalize_database_url(os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'migrasi.db'}")
    server = None
    if url.startswith("postgresql"):
        server = create_engine(url)
        with server.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE; CREATE SCHEMA {SCHEMA}"))
        url = make_url(url).update_query_dict({"options": f"-csearch_path={SCHEMA}"}).render_as_string(False)
    app = create_app(base_config(tmp_path, url))
    with app.app_context():
        yield app
    dispose_app(app)
    if server is not None:
        with server.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {SCHEMA} CASCADE"))
        server.dispose()


def _tables() -> set[str]:
    return set(inspect(db.engine).get_table_names()) - {"alembic_version"}


def _columns() -> dict[str, set[str]]:
    found = inspect(db.engine)
    return {t: {c["name"] for c in found.get_columns(t)} for t in _tables()}


# columns a revision rewrites on purpose (it says so in its module as REWRITES = {table: [columns]}):
# e.g. the audit chain is re-keyed, so its hashes change while every row stays
REWRITTEN: dict[str, set[str]] = {}


def _rows() -> dict[str, list[dict]]:
    """Every row of every table, in primary-key order, without the columns a revision rewrites."""
    meta = MetaData()
    with db.engine.connect() as conn:
        meta.reflect(conn)
        out = {}
        for name, t in meta.tables.items():
            if name == "alembic_version":
                continue
            cols = [c for c in t.columns if c.name not in REWRITTEN.get(name, ())]
            rows = conn.execute(select(*cols).order_by(*(t.primary_key.columns or t.columns)))
            out[name] = [dict(r._mapping) for r in rows]
        return out


def _fill() -> None:
    """Data in every domain's tables, through the application's own seeder and services."""
    result = current_app.test_cli_runner().invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output
    make_officer()
    submit_wbs()
    db.session.commit()
    db.session.remove()


def _assert_kept(before: dict[str, list[dict]], columns: dict[str, set[str]], when: str) -> None:
    """The rows of the tables, in the columns, that the revision taken down to left: a column a later revision
    adds to an earlier table (the outbox's claims, a unit's English name) goes with that revision."""
    now = _rows()
    for name in sorted(columns):
        common = sorted(set(before[name][0]) & set(now[name][0]) & columns[name]) if before[name] and now[name] else []
        kept = [tuple(row[c] for c in common) for row in now[name]]  # a list: JSON values do not hash
        missing = [row for row in before[name] if tuple(row[c] for c in common) not in kept]
        assert not missing, f"{when}: {len(missing)} of {len(before[name])} rows of {name} lost, e.g. {missing[0]}"


def test_downgrade_and_upgrade_keep_the_rows_of_earlier_tables(empty_app):
    script = ScriptDirectory.from_config(empty_app.extensions["migrate"].migrate.get_config())
    assert len(script.get_heads()) == 1, "more than one head: merge them"
    chain = list(reversed(list(script.walk_revisions())))  # base → head
    for rev in chain:
        for table, columns in getattr(rev.module, "REWRITES", {}).items():
            REWRITTEN.setdefault(table, set()).update(columns)

    tables_at, columns_at = {"base": set()}, {"base": {}}  # the tables (and their columns) each revision leaves
    for rev in chain:
        upgrade(revision=rev.revision)
        tables_at[rev.revision], columns_at[rev.revision] = _tables(), _columns()
    assert tables_at[chain[-1].revision] == set(db.metadata.tables)

    _fill()
    before = _rows()
    empty = [name for name in FILLED if not before.get(name)]
    assert not empty, f"no test data in {empty}"

    # take down the newest revision, then the two newest, … then all of them; each time back to head
    for rev in reversed(chain):
        for target in rev.down_revision if isinstance(rev.down_revision, tuple) else (rev.down_revision,):
            target = target or "base"
            downgrade(revision=target)
            assert _tables() == tables_at[target], f"downgrade to {target} leaves other tables"
            _assert_kept(before, columns_at[target], f"after downgrade to {target}")
            upgrade(revision="head")
            assert _tables() == tables_at[chain[-1].revision]
            _assert_kept(before, columns_at[target], f"after {target} → head")
