"""classification.section_confidence: P(section | relevant) beside P(relevant)

Issue 9: ``classification.confidence`` is now P(relevant) for every story (so the left-out list
ranks by it directly) and ``section_confidence`` holds P(section | relevant) for the section
given; rows written before this revision keep NULL until ``bantin classify --all``.

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('classification') as batch:
        batch.add_column(sa.Column('section_confidence', sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('classification') as batch:
        batch.drop_column('section_confidence')
