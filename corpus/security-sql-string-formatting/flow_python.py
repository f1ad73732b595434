"""How the query text travels inside a function: classes, closures, walrus, try, loops."""
import typing
from typing import Literal

import psycopg


class LeadRepo:
    table = "leads"
    order = "created_at"

    def __init__(self, conn: psycopg.Connection, schema: str):
        self.conn = conn
        self.schema = schema

    def by_name(self, name):
        with self.conn.cursor() as cur:
            # ruleid: security-sql-string-formatting
            cur.execute(f"SELECT * FROM leads WHERE name = '{name}'")

    def class_constant_ok(self, lead_id):
        with self.conn.cursor() as cur:
            # ok: security-sql-string-formatting
            cur.execute(f"SELECT * FROM {self.table} WHERE id = %s ORDER BY {self.order}", (lead_id,))

    def instance_attribute(self, lead_id):
        with self.conn.cursor() as cur:
            # set from a constructor argument: it varies
            # ruleid: security-sql-string-formatting
            cur.execute(f"SELECT * FROM {self.schema}.leads WHERE id = %s", (lead_id,))

    def closure(self, name):
        q = f"SELECT * FROM leads WHERE name = '{name}'"

        def run(cur):
            # ruleid: security-sql-string-formatting
            cur.execute(q)

        return run

    def walrus(self, cur, name):
        if q := f"SELECT * FROM leads WHERE name = '{name}'" if name else None:
            # ruleid: security-sql-string-formatting
            cur.execute(q)

    def try_except_join(self, cur, raw):
        q = "SELECT * FROM leads"
        try:
            q = f"SELECT * FROM leads WHERE id = '{raw}'"
            int(raw)
        except ValueError:
            # ruleid: security-sql-string-formatting
            cur.execute(q)

    def while_back_edge(self, cur, names):
        q = "SELECT * FROM leads WHERE false"
        i = 0
        while i < len(names):
            # ruleid: security-sql-string-formatting
            # ruleid: performance-n-plus-one
            cur.execute(q)
            q += f" OR name = '{names[i]}'"
            i += 1

    def with_target(self, cur, path):
        with open(path) as fh:
            # ruleid: security-sql-string-formatting
            cur.execute("INSERT INTO imports (body) VALUES ('" + fh.read() + "')")

    def enumerate_index_ok(self, cur, ids):
        names = ", ".join(f"%(p{i})s" for i, _ in enumerate(ids))
        # ok: security-sql-string-formatting
        cur.execute(f"SELECT * FROM leads WHERE id IN ({names})", {f"p{i}": v for i, v in enumerate(ids)})

    def tuple_unpacking_ok(self, cur):
        table, column = "leads", "name"
        # ok: security-sql-string-formatting
        cur.execute(f"SELECT {column} FROM {table}")

    def loop_over_constants_ok(self, cur):
        for table in ("leads", "tours"):
            # ok: security-sql-string-formatting
            cur.execute(f"DELETE FROM {table} WHERE archived")

    def number_as_text_ok(self, cur, n):
        # ok: security-sql-string-formatting
        cur.execute("SELECT * FROM leads LIMIT " + str(int(n)))

    def early_return_ok(self, cur, name, safe):
        q = "SELECT * FROM leads WHERE name = %s"
        if not safe:
            q = f"SELECT * FROM leads WHERE name = '{name}'"
            return q
        # ok: security-sql-string-formatting
        cur.execute(q, (name,))

    def every_branch_reassigns_ok(self, cur, name, flag):
        q = f"SELECT * FROM leads WHERE name = '{name}'"
        if flag:
            q = "SELECT 1"
        elif name:
            q = "SELECT 2"
        else:
            q = "SELECT 3"
        # ok: security-sql-string-formatting
        cur.execute(q)

    def one_branch_keeps_it(self, cur, name, flag):
        q = f"SELECT * FROM leads WHERE name = '{name}'"
        if flag:
            q = "SELECT 1"
        elif name:
            pass
        else:
            q = "SELECT 3"
        # ruleid: security-sql-string-formatting
        cur.execute(q)

    def used_before_built_ok(self, cur, name):
        q = "SELECT * FROM leads"
        # ok: security-sql-string-formatting
        cur.execute(q)
        q = f"SELECT * FROM leads WHERE name = '{name}'"
        return q


def run_script(cur):
    name = input("lead name: ")
    # ruleid: security-sql-string-formatting
    cur.execute(f"SELECT * FROM leads WHERE name = '{name}'")


def sort_literal_ok(cur, direction: Literal["asc", "desc"], nulls: typing.Literal["first", "last"] = "last"):
    # ok: security-sql-string-formatting
    cur.execute(f"SELECT * FROM leads ORDER BY created_at {direction} NULLS {nulls}")


def sort_str(cur, direction: str = "asc"):
    # ruleid: security-sql-string-formatting
    cur.execute(f"SELECT * FROM leads ORDER BY created_at {direction}")
