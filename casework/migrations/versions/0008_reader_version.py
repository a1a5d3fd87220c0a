"""source files: the reader version that read each file

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 13:30:00.000000

Files read before this revision get none: they are read again on the next run that meets them,
since the loaders that read them may have changed since.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('source_files') as batch:
        batch.add_column(sa.Column('reader_version', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('source_files') as batch:
        batch.drop_column('reader_version')
