"""Django, pandas and `databases` spellings of raw SQL."""
import pandas as pd
from databases import Database
from django.db import connection
from django.db.models.expressions import RawSQL

from .models import Listing

database = Database("postgresql://localhost/app")


def listings_by_city(city):
    # ruleid: security-sql-string-formatting
    return Listing.objects.raw(f"SELECT * FROM listings WHERE city = '{city}'")


def listings_extra(min_price):
    # ruleid: security-sql-string-formatting
    return Listing.objects.extra(where=[f"price > {min_price}"])


def listings_extra_select(currency):
    # ruleid: security-sql-string-formatting
    return Listing.objects.extra(select={"converted": "price * rate('%s')" % currency})


def listings_annotated(unit):
    # ruleid: security-sql-string-formatting
    return Listing.objects.annotate(area=RawSQL("SELECT area_" + unit + " FROM areas", []))


def django_cursor(city):
    with connection.cursor() as cursor:
        # ruleid: security-sql-string-formatting
        cursor.execute("SELECT count(*) FROM listings WHERE city = '%s'" % city)
        return cursor.fetchone()


def price_frame(con, city):
    # ruleid: security-sql-string-formatting
    return pd.read_sql(f"SELECT price, beds FROM listings WHERE city = '{city}'", con)


def price_frame_query(con, city):
    query = "SELECT price FROM listings WHERE city = '" + city + "'"
    # ruleid: security-sql-string-formatting
    return pd.read_sql_query(query, con)


async def recent_for_agent(agent_id):
    # ruleid: security-sql-string-formatting
    return await database.fetch_all(f"SELECT * FROM leads WHERE agent_id = '{agent_id}'")


async def one_for_agent(agent_id):
    # ruleid: security-sql-string-formatting
    return await database.fetch_one(query="SELECT * FROM leads WHERE agent_id = %s" % agent_id)


def listings_by_city_ok(city):
    # ok: security-sql-string-formatting
    return Listing.objects.raw("SELECT * FROM listings WHERE city = %s", [city])


def listings_extra_ok(min_price):
    # ok: security-sql-string-formatting
    return Listing.objects.extra(where=["price > %s"], params=[min_price])


def price_frame_ok(con, city):
    # ok: security-sql-string-formatting
    return pd.read_sql("SELECT price, beds FROM listings WHERE city = %(city)s", con, params={"city": city})


async def recent_for_agent_ok(agent_id):
    # ok: security-sql-string-formatting
    return await database.fetch_all("SELECT * FROM leads WHERE agent_id = :a", values={"a": agent_id})
