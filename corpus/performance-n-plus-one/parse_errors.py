"""A loop with a syntax error is skipped rather than guessed at; the rest of the file is not."""


def broken(cur, ids):
    for lead_id in ids
        # ok: performance-n-plus-one
        cur.execute("SELECT * FROM leads WHERE id = %s", (lead_id,))


def fine(cur, ids):
    for lead_id in ids:
        # ruleid: performance-n-plus-one
        cur.execute("SELECT * FROM leads WHERE id = %s", (lead_id,))
