"""The migrations build the schema the models describe."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from core.extensions import db


def test_migrations_match_models(app_ctx):
    # the session fixture upgraded an empty database to head; nothing may be left to generate
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, db.metadata)
    assert diff == []


def test_flask_db_check_is_clean(runner):
    result = runner.invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output
