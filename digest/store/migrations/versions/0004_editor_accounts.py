"""editor accounts, source settings, mail schedules, article.updated_at index

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 00:30:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
import digest.store.dbtypes


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_article_updated_at', 'article', ['updated_at'], unique=False)
    op.create_table('editor_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('name_key', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('password_hash', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('created_at', digest.store.dbtypes.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_login_at', digest.store.dbtypes.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_editor_account_name_key'), 'editor_account', ['name_key'], unique=True)
    op.create_table('source_setting',
    sa.Column('name_key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('changed_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('changed_at', digest.store.dbtypes.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name_key')
    )


    op.create_table('mail_schedule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bulletin_id', sa.Integer(), nullable=False),
    sa.Column('send_at', digest.store.dbtypes.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('created_at', digest.store.dbtypes.UTCDateTime(timezone=True), nullable=False),
    sa.Column('started_at', digest.store.dbtypes.UTCDateTime(timezone=True), nullable=True),
    sa.Column('finished_at', digest.store.dbtypes.UTCDateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['bulletin_id'], ['bulletin.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('bulletin_id')
    )


def downgrade() -> None:
    op.drop_index('ix_article_updated_at', table_name='article')
    op.drop_table('mail_schedule')
    op.drop_table('source_setting')
    op.drop_index(op.f('ix_editor_account_name_key'), table_name='editor_account')
    op.drop_table('editor_account')
