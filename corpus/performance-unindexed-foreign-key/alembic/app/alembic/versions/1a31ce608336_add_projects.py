"""Projects, added to items after the fact; batch mode (SQLite's way, also used on Postgres).

Revision ID: 1a31ce608336
Revises: 9c0a54914c78
"""
import sqlalchemy as sa
from alembic import op

revision = "1a31ce608336"
down_revision = "9c0a54914c78"


def upgrade():
    op.create_table(
        "project",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(), unique=True),
    )
    op.add_column("item", sa.Column("project_id", sa.Integer(), nullable=True))
    # ok: performance-unindexed-foreign-key
    op.create_foreign_key(None, "item", "project", ["project_id"], ["id"], ondelete="SET NULL")
    op.create_index(op.f("ix_item_project_id"), "item", ["project_id"], unique=False)
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reviewer_id", sa.Integer(), nullable=True))
        # ruleid: performance-unindexed-foreign-key
        batch_op.create_foreign_key("fk_item_reviewer", "user", ["reviewer_id"], ["id"])
        batch_op.add_column(sa.Column("approver_id", sa.Integer(), nullable=True))
        # ok: performance-unindexed-foreign-key
        batch_op.create_foreign_key("fk_item_approver", "user", ["approver_id"], ["id"])
        batch_op.create_index("ix_item_approver_id", ["approver_id"])
    # a column added with its foreign key and index=True
    # ok: performance-unindexed-foreign-key
    op.add_column("project", sa.Column("lead_id", sa.Integer(), sa.ForeignKey("user.id"), index=True))


def downgrade():
    op.drop_column("project", "lead_id")
    op.drop_constraint("fk_item_reviewer", "item", type_="foreignkey")
    op.drop_column("item", "project_id")
    op.drop_table("project")
