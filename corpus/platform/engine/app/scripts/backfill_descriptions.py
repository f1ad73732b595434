"""One-off backfill: writes a description for every listing that has none.

Run by hand from a maintainer's shell (python -m app.scripts.backfill_descriptions); a failed
run is simply run again, and it skips what is done. Retries would only hide a broken key.
"""
# ok: maintainability-unused-suppression
# preflight-ignore-file[reliability-missing-retry]: one-off script, rerun by hand when a call fails
import os

import openai
import psycopg

openai.api_key = os.environ.get("OPENAI_API_KEY")


def describe(facts: str) -> str:
    # ok: reliability-missing-retry
    res = openai.ChatCompletion.create(
        model="gpt-3.5-turbo",
        messages=[{"role": "user", "content": f"Write a listing description:\n{facts}"}],
    )
    return res["choices"][0]["message"]["content"]


def main() -> None:
    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
        rows = conn.execute("select id, facts from listings where description is null").fetchall()
        for listing_id, facts in rows:
            text = describe(facts)
            # ok: maintainability-unused-suppression
            # preflight-ignore-next-line[performance-n-plus-one]: one update per LLM call, committed as it goes so that a rerun skips what is done
            # ok: performance-n-plus-one
            conn.execute("update listings set description = %s where id = %s", (text, listing_id))
            conn.commit()


if __name__ == "__main__":
    main()
