"""A script outside alembic/versions that uses the same operations: not a migration."""
import sqlalchemy as sa
from alembic import op


def upgrade():
    # ok: performance-unindexed-foreign-key
    op.create_table("note", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("item_id", sa.Integer(), sa.ForeignKey("item.id")))
