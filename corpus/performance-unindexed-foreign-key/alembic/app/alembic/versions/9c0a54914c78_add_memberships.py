"""Memberships: a composite primary key covers its leading column only; a composite foreign
key needs an index on its columns in its order.

Revision ID: 9c0a54914c78
Revises: e2412789c190
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "9c0a54914c78"
down_revision: Union[str, None] = "e2412789c190"
branch_labels: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "membership",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        # the primary key leads with user_id
        # ok: performance-unindexed-foreign-key
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], ondelete="CASCADE"),
        # ruleid: performance-unindexed-foreign-key
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "team_id"),
    )
    op.create_table(
        "assignment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        # the index below has these columns in the other order
        # ruleid: performance-unindexed-foreign-key
        sa.ForeignKeyConstraint(["user_id", "team_id"], ["membership.user_id", "membership.team_id"]),
        # ok: performance-unindexed-foreign-key
        sa.ForeignKeyConstraint(["item_id"], ["item.id"]),
    )
    op.create_index("ix_assignment_team_user", "assignment", ["team_id", "user_id"])
    op.create_index(op.f("ix_assignment_item_id"), "assignment", ["item_id"], unique=False)


def downgrade() -> None:
    op.drop_table("assignment")
    op.drop_table("membership")
