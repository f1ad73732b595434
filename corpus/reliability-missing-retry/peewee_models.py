"""An ORM model named like an OpenAI resource, in a file that never mentions that SDK."""
from peewee import FloatField, Model, TextField


class Embedding(Model):
    text = TextField()
    norm = FloatField()


def store(text: str, norm: float) -> Embedding:
    # ok: reliability-missing-retry
    return Embedding.create(text=text, norm=norm)
