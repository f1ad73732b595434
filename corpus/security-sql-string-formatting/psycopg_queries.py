"""Scraper storage helpers in the style of the data engine: psycopg, DB-API cursors."""
import logging

import psycopg
from psycopg import sql

log = logging.getLogger(__name__)

TABLE = "properties"
SORT_COLUMNS = {"price": "price", "newest": "created_at", "beds": "bedrooms"}
DEFAULT_LIMIT = 50


def property_by_id(conn: psycopg.Connection, property_id: str):
    # the audit's example
    query = f"SELECT * FROM properties WHERE id = '{property_id}'"
    with conn.cursor() as cur:
        # ruleid: security-sql-string-formatting
        cur.execute(query)
        return cur.fetchone()


def property_by_id_inline(cur, property_id):
    # ruleid: security-sql-string-formatting
    cur.execute(f"SELECT * FROM properties WHERE id = '{property_id}'")


def properties_by_city_percent(cur, city):
    # ruleid: security-sql-string-formatting
    cur.execute("SELECT * FROM properties WHERE city = '%s'" % city)


def properties_by_city_percent_tuple(cur, city, state):
    q = "SELECT * FROM properties WHERE city = '%s' AND state = '%s'" % (city, state)
    # ruleid: security-sql-string-formatting
    cur.execute(q)


def properties_by_city_format(cur, city):
    # ruleid: security-sql-string-formatting
    cur.execute("SELECT * FROM properties WHERE city = '{}'".format(city))


def properties_by_city_format_keyword(cur, city):
    template = "SELECT * FROM properties WHERE city = '{city}'"
    # ruleid: security-sql-string-formatting
    cur.execute(template.format(city=city))


def leads_by_status_concat(cur, status):
    # ruleid: security-sql-string-formatting
    cur.execute("SELECT * FROM leads WHERE status = '" + status + "'")


def leads_filtered_augmented(cur, status=None, source=None):
    query = "SELECT * FROM leads WHERE 1 = 1"
    if status:
        query += f" AND status = '{status}'"
    if source:
        query += " AND source = %s"
    # ruleid: security-sql-string-formatting
    cur.execute(query, (source,))


def leads_filters_loop(cur, filters: dict):
    query = "SELECT * FROM leads WHERE true"
    for column, value in filters.items():
        query += f" AND {column} = '{value}'"
    # ruleid: security-sql-string-formatting
    cur.execute(query)


def leads_where_join(cur, params: dict):
    clauses = []
    for key in params:
        clauses.append(f"{key} = '{params[key]}'")
    where = " AND ".join(clauses)
    # ruleid: security-sql-string-formatting
    cur.execute("SELECT * FROM leads WHERE " + where)


def update_columns_join(cur, lead_id, data: dict):
    assignments = ", ".join(f"{k} = %s" for k in data)
    # ruleid: security-sql-string-formatting
    cur.execute(f"UPDATE leads SET {assignments} WHERE id = %s", (*data.values(), lead_id))


def branch_joined(cur, name, exact):
    if exact:
        q = "SELECT * FROM agents WHERE name = %s"
    else:
        q = f"SELECT * FROM agents WHERE name ILIKE '%{name}%'"
    # ruleid: security-sql-string-formatting
    cur.execute(q, (name,))


def alias_chain(cur, zip_code):
    base = "SELECT id, price FROM properties"
    where = f" WHERE zip = '{zip_code}'"
    full = base + where
    stmt = full
    # ruleid: security-sql-string-formatting
    cur.execute(stmt)


def executemany_formatted(cur, table_suffix, rows):
    # ruleid: security-sql-string-formatting
    cur.executemany(f"INSERT INTO scraped_{table_suffix} (url, html) VALUES (%s, %s)", rows)


def keyword_argument(cur, agent):
    # ruleid: security-sql-string-formatting
    cur.execute(query=f"DELETE FROM agents WHERE email = '{agent.email}'")


def attribute_of_parameter(self_like, cur):
    # ruleid: security-sql-string-formatting
    cur.execute(f"SELECT * FROM {self_like.table} WHERE archived = false")


def conditional_expression(cur, name, by_email):
    q = f"SELECT * FROM agents WHERE email = '{name}'" if by_email else "SELECT * FROM agents"
    # ruleid: security-sql-string-formatting
    cur.execute(q)


# ---- look-alikes that must stay clean ---------------------------------------------------


def parameterised(conn, property_id):
    query = "SELECT * FROM properties WHERE id = %s"
    with conn.cursor() as cur:
        # ok: security-sql-string-formatting
        cur.execute(query, (property_id,))


def module_constant_table(cur, property_id):
    # ok: security-sql-string-formatting
    cur.execute(f"SELECT * FROM {TABLE} WHERE id = %s", (property_id,))


def placeholders_from_join(cur, ids):
    placeholders = ",".join(["%s"] * len(ids))
    # ok: security-sql-string-formatting
    cur.execute(f"SELECT * FROM properties WHERE id IN ({placeholders})", ids)


def placeholders_from_generator(cur, ids):
    marks = ", ".join("%s" for _ in ids)
    # ok: security-sql-string-formatting
    cur.execute("SELECT * FROM leads WHERE id IN (" + marks + ")", tuple(ids))


def placeholders_named(cur, ids):
    names = ", ".join(f"%(id{i})s" for i in range(len(ids)))
    # ok: security-sql-string-formatting
    cur.execute(f"SELECT * FROM leads WHERE id IN ({names})", {f"id{i}": v for i, v in enumerate(ids)})


def psycopg_sql_composition(cur, table, property_id):
    query = sql.SQL("SELECT * FROM {} WHERE id = %s").format(sql.Identifier(table))
    # ok: security-sql-string-formatting
    cur.execute(query, (property_id,))


def psycopg_sql_inline(cur, column, value):
    # ok: security-sql-string-formatting
    cur.execute(sql.SQL("UPDATE leads SET {} = %s").format(sql.Identifier(column)), (value,))


def numbers_converted(cur, limit, page):
    # ok: security-sql-string-formatting
    cur.execute(f"SELECT * FROM leads ORDER BY id LIMIT {int(limit)} OFFSET {int(page) * 20}")


def sort_from_fixed_table(cur, sort):
    column = SORT_COLUMNS.get(sort, "created_at")
    # ok: security-sql-string-formatting
    cur.execute(f"SELECT * FROM properties ORDER BY {column} DESC LIMIT {DEFAULT_LIMIT}")


def sort_by_subscript(cur, sort):
    # ok: security-sql-string-formatting
    cur.execute("SELECT * FROM properties ORDER BY " + SORT_COLUMNS[sort])


def reassigned_before_use(cur, name):
    q = f"SELECT * FROM leads WHERE name = '{name}'"
    log.debug("discarding %s", q)
    q = "SELECT * FROM leads WHERE name = %s"
    # ok: security-sql-string-formatting
    cur.execute(q, (name,))


def built_but_only_logged(cur, property_id):
    query = f"SELECT * FROM properties WHERE id = '{property_id}'"
    # ok: security-sql-string-formatting
    log.info(query)
    # ok: security-sql-string-formatting
    log.warning(f"DELETE FROM properties WHERE id = {property_id} was skipped")
    cur.execute("SELECT 1")


def exception_message(property_id):
    # ok: security-sql-string-formatting
    raise ValueError(f"SELECT * FROM properties WHERE id = '{property_id}' returned nothing")


def local_constant(cur, lead_id):
    table = "leads"
    if lead_id is None:
        table = "archived_leads"
    # ok: security-sql-string-formatting
    cur.execute(f"SELECT * FROM {table} WHERE id = %s", (lead_id,))


def conditions_with_placeholders(cur, status, source):
    conditions = []
    values = []
    if status:
        conditions.append("status = %s")
        values.append(status)
    if source:
        conditions.append("source = %s")
        values.append(source)
    where = " AND ".join(conditions) or "true"
    # ok: security-sql-string-formatting
    cur.execute(f"SELECT * FROM leads WHERE {where}", values)


def not_sql_execute(executor, job_name):
    # an execute() whose text is not SQL
    # ok: security-sql-string-formatting
    executor.execute(f"run job {job_name} now")


def prose_in_log_with_percent(user):
    # ok: security-sql-string-formatting
    log.info("select from where %s" % user)


lead_by_email_sql = "SELECT * FROM leads WHERE email = '%s'"
LEADS_BY_SOURCE = "SELECT * FROM leads WHERE source = '{}'"
LEAD_BY_ID = "SELECT * FROM leads WHERE id = %s"


def module_template_percent(cur, email):
    # ruleid: security-sql-string-formatting
    cur.execute(lead_by_email_sql % email)


def module_template_format(cur, source):
    # ruleid: security-sql-string-formatting
    cur.execute(LEADS_BY_SOURCE.format(source))


def module_template_parameterised(cur, lead_id):
    # ok: security-sql-string-formatting
    cur.execute(LEAD_BY_ID, (lead_id,))
