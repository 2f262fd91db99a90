"""web_session: server-side editor sessions (revocable: logout, expiry, password change)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 01:00:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
import digest.store.dbtypes


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('web_session',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('account', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('credential', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', digest.store.dbtypes.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', digest.store.dbtypes.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', digest.store.dbtypes.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('web_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_web_session_account'), ['account'], unique=False)
        batch_op.create_index(batch_op.f('ix_web_session_expires_at'), ['expires_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('web_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_web_session_expires_at'))
        batch_op.drop_index(batch_op.f('ix_web_session_account'))
    op.drop_table('web_session')
