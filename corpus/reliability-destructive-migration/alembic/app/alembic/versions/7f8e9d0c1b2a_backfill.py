"""Slugs for accounts, and data changes written as SQL in op.execute().

Revision ID: 7f8e9d0c1b2a
Revises: 1a2b3c4d5e6f
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy import text

revision = "7f8e9d0c1b2a"
down_revision = "1a2b3c4d5e6f"

LEGACY = "legacy"


def upgrade() -> None:
    op.add_column("account", sa.Column("slug", sa.String(), nullable=True))
    op.add_column("account", sa.Column("owner_ref", sa.Integer(), nullable=True))
    # a backfill of the columns this migration added overwrites nothing
    # ok: reliability-destructive-migration
    op.execute("UPDATE account SET slug = lower(email)")
    # ok: reliability-destructive-migration
    op.execute('UPDATE "account" SET owner_ref = (SELECT min(id) FROM event)')
    # a column that was there before, in every row
    # ruleid: reliability-destructive-migration
    op.execute(sa.text("UPDATE account SET display_name = email"))
    # ruleid: reliability-destructive-migration
    op.execute(text("DELETE FROM event"))
    # ok: reliability-destructive-migration
    op.execute("UPDATE event SET kind = 'seen' WHERE kind IS NULL")
    op.execute(
        """
        -- ok: reliability-destructive-migration
        UPDATE account SET slug = 'a-' || id::text;
        -- ruleid: reliability-destructive-migration
        TRUNCATE event;
        """
    )
    # a text the reader cannot see whole is still read as a driver's SQL
    # ruleid: reliability-destructive-migration
    op.execute(f"UPDATE account SET display_name = '{LEGACY}'")
    # Alembic's drops come with their downgrade()
    # ok: reliability-destructive-migration
    op.drop_column("account", "display_name")


def downgrade() -> None:
    op.add_column("account", sa.Column("display_name", sa.String()))
    op.drop_column("account", "owner_ref")
    op.drop_column("account", "slug")
