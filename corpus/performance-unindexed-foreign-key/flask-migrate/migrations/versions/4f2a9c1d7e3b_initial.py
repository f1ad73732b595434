"""Flask-Migrate keeps Alembic's revisions in migrations/versions.

Revision ID: 4f2a9c1d7e3b
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "4f2a9c1d7e3b"
down_revision = None


def upgrade():
    op.create_table("author", sa.Column("id", sa.Integer(), primary_key=True),
                    schema="blog")
    op.create_table("post", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("author_id", sa.Integer(), nullable=False),
                    sa.Column("editor_id", sa.Integer()),
                    schema="blog")
    # ruleid: performance-unindexed-foreign-key
    op.create_foreign_key("post_author_fk", "post", "author", ["author_id"], ["id"],
                          source_schema="blog", referent_schema="blog")
    # an index on an expression covers no column
    # ruleid: performance-unindexed-foreign-key
    op.create_foreign_key("post_editor_fk", "post", "author", ["editor_id"], ["id"],
                          source_schema="blog", referent_schema="blog")
    op.create_index("ix_post_editor_expr", "post", [sa.text("coalesce(editor_id, 0)")],
                    schema="blog")


def downgrade():
    op.drop_table("post", schema="blog")
    op.drop_table("author", schema="blog")
