"""A function that does not parse is skipped whole; the rest of the file is still checked."""


def broken(cur, name):
    q = f"SELECT * FROM leads WHERE name = '{name}'"
    if (:
        pass
    # ok: security-sql-string-formatting
    cur.execute(q)


def fine(cur, name):
    # ruleid: security-sql-string-formatting
    cur.execute(f"SELECT * FROM leads WHERE name = '{name}'")
