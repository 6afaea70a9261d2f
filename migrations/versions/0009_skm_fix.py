"""skm: the office's target per unsur on a period; how an imported file's header was read

Revision ID: 0009_skm_fix
Revises: 0007_wbs_security
Create Date: 2026-12-02 09:00:00

Two nullable columns. A downgrade drops them with their values (the targets set and the header mappings
recorded); every row stays.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009_skm_fix'
down_revision = '0007_wbs_security'
branch_labels = None
depends_on = None
# the columns this revision adds: a downgrade drops their values, the rows stay (tests/core/test_migrations.py)
REWRITES = {"skm_periode": ["target_unsur"], "skm_impor": ["pemetaan"]}


def upgrade():
    with op.batch_alter_table('skm_periode', schema=None) as batch_op:
        batch_op.add_column(sa.Column('target_unsur', sa.Numeric(precision=5, scale=2), nullable=True))
    with op.batch_alter_table('skm_impor', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pemetaan', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('skm_impor', schema=None) as batch_op:
        batch_op.drop_column('pemetaan')
    with op.batch_alter_table('skm_periode', schema=None) as batch_op:
        batch_op.drop_column('target_unsur')
