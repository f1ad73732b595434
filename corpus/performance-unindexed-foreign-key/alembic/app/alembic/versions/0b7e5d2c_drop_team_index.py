"""The last revision, though its file sorts first: it drops the index that covered
item.team_id, and renames a column.

Revision ID: 0b7e5d2c
Revises: 1a31ce608336
"""
from alembic import op

revision = "0b7e5d2c"
down_revision = "1a31ce608336"


def upgrade():
    # ruleid: performance-unindexed-foreign-key
    op.drop_index("ix_item_team_id", table_name="item")
    # a foreign key whose column is renamed keeps its index
    op.alter_column("item", "project_id", new_column_name="project_ref")
    # a dropped foreign key needs no index
    op.drop_constraint("fk_item_approver", "item", type_="foreignkey")


def downgrade():
    op.alter_column("item", "project_ref", new_column_name="project_id")
    op.create_index("ix_item_team_id", "item", ["team_id"])
