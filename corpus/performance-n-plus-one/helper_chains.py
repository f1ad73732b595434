"""Queries two calls away: a job loops over a service function that calls a data function."""


def fetch_events(conn, lead_id):
    return conn.execute("SELECT kind FROM lead_events WHERE lead_id = %s", (lead_id,)).fetchall()


def score(conn, lead):
    return sum(1 for _ in fetch_events(conn, lead["id"]))


def normalise(lead):
    return lead["email"].strip().lower()


def clean(lead):
    return {**lead, "email": normalise(lead)}


def score_all(conn, leads):
    scores = {}
    for lead in leads:
        # ruleid: performance-n-plus-one
        scores[lead["id"]] = score(conn, lead)
        # ok: performance-n-plus-one
        clean(lead)
    return scores
