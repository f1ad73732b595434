"""Initialize models: the first revision. Autogenerate names files by revision id, so the
order of the files is not the order of the migrations: down_revision is.

Revision ID: e2412789c190
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "e2412789c190"
down_revision = None


def upgrade():
    op.create_table(
        "user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "team",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(), nullable=False),
    )
    op.create_table(
        "item",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.String(), nullable=False),
        # ruleid: performance-unindexed-foreign-key
        sa.Column("owner_id", sa.Integer(), sa.ForeignKey("user.id"), nullable=False),
        # an index=True column is indexed by create_table itself
        # ok: performance-unindexed-foreign-key
        sa.Column("team_id", sa.Integer(), sa.ForeignKey("team.id"), index=True),
    )
    # a partial index does not cover every row of the foreign key
    op.create_index("ix_item_live_owner", "item", ["owner_id"], postgresql_where=sa.text("title <> ''"))


def downgrade():
    # downgrade() is not the schema the project runs on
    op.drop_index("ix_item_team_id", table_name="item")
    op.drop_table("item")
    op.drop_table("team")
    op.drop_table("user")
