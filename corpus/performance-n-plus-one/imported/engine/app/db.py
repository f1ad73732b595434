"""Query helpers the jobs import."""
import psycopg

conn = psycopg.connect("postgresql://localhost/app")


def get_lead(lead_id):
    with conn.cursor() as cur:
        cur.execute("SELECT * FROM leads WHERE id = %s", (lead_id,))
        return cur.fetchone()


def slugify(name):
    return name.lower().replace(" ", "-")
