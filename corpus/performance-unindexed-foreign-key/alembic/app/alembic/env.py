"""Alembic's environment: not a migration."""
from alembic import context

context.configure(url="postgresql://localhost/app")
