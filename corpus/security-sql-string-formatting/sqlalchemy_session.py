"""Reporting queries on SQLAlchemy."""
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session
import sqlalchemy as sa

engine = create_engine("postgresql+psycopg://localhost/app")
REPORT_VIEW = "occupancy_report"


def occupancy(session: Session, building: str):
    # ruleid: security-sql-string-formatting
    return session.execute(text(f"SELECT * FROM occupancy WHERE building = '{building}'")).all()


def occupancy_module_text(session: Session, building: str):
    # ruleid: security-sql-string-formatting
    stmt = sa.text("SELECT * FROM occupancy WHERE building = '" + building + "'")
    return session.execute(stmt).all()


def occupancy_module_text_inline(session: Session, building: str):
    # ruleid: security-sql-string-formatting
    return session.execute(sa.text("SELECT * FROM occupancy WHERE building = '%s'" % building)).all()


def legacy_string_execute(building):
    with engine.connect() as conn:
        # ruleid: security-sql-string-formatting
        return conn.exec_driver_sql(f"SELECT * FROM occupancy WHERE building = '{building}'").all()


def legacy_session_execute(session: Session, unit):
    sql = "DELETE FROM units WHERE id = {}".format(unit)
    # ruleid: security-sql-string-formatting
    session.execute(sql)


def occupancy_ok(session: Session, building: str):
    # ok: security-sql-string-formatting
    return session.execute(text("SELECT * FROM occupancy WHERE building = :b"), {"b": building}).all()


def report_view_ok(session: Session, month: int):
    # ok: security-sql-string-formatting
    return session.execute(text(f"SELECT * FROM {REPORT_VIEW} WHERE month = :m"), {"m": month}).all()


def bindparams_ok(session: Session, building: str):
    stmt = text("SELECT * FROM occupancy WHERE building = :b").bindparams(b=building)
    # ok: security-sql-string-formatting
    return session.execute(stmt).all()


def label_text_ok(building: str):
    # text() of a UI toolkit is not SQL: no SQL words
    # ok: security-sql-string-formatting
    return text(f"Occupancy of {building}")
