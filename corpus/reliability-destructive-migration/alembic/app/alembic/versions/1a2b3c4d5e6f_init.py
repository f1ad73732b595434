"""Accounts and their events.

Revision ID: 1a2b3c4d5e6f
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "1a2b3c4d5e6f"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("display_name", sa.String()),
    )
    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String()),
    )
    # the table was made just above: it holds no rows yet
    # ok: reliability-destructive-migration
    op.execute("UPDATE event SET kind = 'created'")


def downgrade() -> None:
    op.drop_table("event")
    op.drop_table("account")
