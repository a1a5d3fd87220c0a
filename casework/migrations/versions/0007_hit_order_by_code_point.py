"""cross-case hits: order a hit's two cases by code point on PostgreSQL, as the code does

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 21:00:00.000000

The check ``case_a < case_b`` compares with the database's collation. Casebot orders the pair by
code point (Python's ``sorted``), which SQLite's BINARY collation matches but a PostgreSQL
database created with a locale collation (en_US.UTF-8, the usual default) does not: a pair such
as ``OP-B`` / ``OPA`` would break the check and lose the hit.
"""

from __future__ import annotations

from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

NAME = 'ck_cross_case_hits_order'


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.drop_constraint(NAME, 'cross_case_hits', type_='check')
    op.create_check_constraint(NAME, 'cross_case_hits', 'case_a COLLATE "C" < case_b COLLATE "C"')


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.drop_constraint(NAME, 'cross_case_hits', type_='check')
    op.create_check_constraint(NAME, 'cross_case_hits', 'case_a < case_b')
