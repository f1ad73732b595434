"""A job that loads each lead on its own."""
from app import db
from app.db import get_lead, slugify
from ..db import get_lead as load_lead


def refresh(ids):
    for lead_id in ids:
        # ruleid: performance-n-plus-one
        get_lead(lead_id)
        # ruleid: performance-n-plus-one
        db.get_lead(lead_id)
        # ruleid: performance-n-plus-one
        load_lead(lead_id)
        # ok: performance-n-plus-one
        slugify(lead_id)
    # ruleid: performance-n-plus-one
    return [get_lead(i) for i in ids]


def one(lead_id):
    # ok: performance-n-plus-one
    return get_lead(lead_id)
