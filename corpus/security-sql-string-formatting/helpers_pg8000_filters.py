"""SQL built in a helper of the same file, pg8000's conn.run(), and SQLAlchemy Query.filter()
and order_by() given text() built by formatting."""
import pg8000.native
from sqlalchemy import text
from sqlalchemy.orm import Session

from .models import Lead

con = pg8000.native.Connection("app")
SORTS = {"new": "created_at DESC", "name": "name"}


def lead_query(lead_id):
    return f"SELECT * FROM leads WHERE id = {lead_id}"


def fixed_query():
    return "SELECT * FROM leads LIMIT 10"


def by_id(lead_id: str):
    # ruleid: security-sql-string-formatting
    return con.run(lead_query(lead_id))


def by_id_bound(lead_id: str):
    # ok: security-sql-string-formatting
    return con.run("SELECT * FROM leads WHERE id = :id", id=lead_id)


def constant_helper():
    # ok: security-sql-string-formatting
    return con.run(fixed_query())


def by_status(status: str):
    # ruleid: security-sql-string-formatting
    return con.run("SELECT * FROM leads WHERE status = '%s'" % status)


def by_name(session: Session, name: str):
    # ruleid: security-sql-string-formatting
    return session.query(Lead).filter(text(f"name = '{name}'")).all()


def sorted_leads(session: Session, column: str):
    # ruleid: security-sql-string-formatting
    return session.query(Lead).order_by(text(column + " DESC")).all()


def sorted_fixed(session: Session, key: str):
    # a lookup in a fixed table is no varying text
    # ok: security-sql-string-formatting
    return session.query(Lead).order_by(text(SORTS.get(key, "name"))).all()


def by_name_bound(session: Session, name: str):
    # ok: security-sql-string-formatting
    return session.query(Lead).filter(text("name = :name")).params(name=name).all()


def label(name: str):
    # text() outside a query with no SQL in it is left alone
    # ok: security-sql-string-formatting
    return text(f"{name} label")
