# Forms whose optional fields are absent (no arguments, no alias, no type, no value).
import httpx
import openai
from . import models
from .. import *
from openai import OpenAI
from tenacity import retry

client = OpenAI()
x: int
y: "str"


def bare():
    return


def star(*, a):
    yield


def only_kwargs(**kw):
    pass


lam = lambda: 0
lam2 = lambda *a, **k: None


@retry
def wrapped():
    raise


@retry()
async def wrapped2():
    async with httpx.AsyncClient() as c, httpx.AsyncClient():
        pass
    async for _ in c:
        pass
    with open:
        pass
    try:
        client.chat.completions.create()
    except:
        pass
    except* ValueError:
        pass
    else:
        pass
    finally:
        pass
    for _ in []:
        pass
    else:
        pass
    while False:
        pass
    else:
        pass
    del x
    assert x
    global g
    nonlocal_ = [i for i in [] if i]
    s = a[:]
    s = a[::]
    t = ()
    d = {**{}}
    print(*[], **{})
    match x:
        case _:
            pass
    if x:
        pass
    elif x:
        pass
    return (yield)


class C:
    pass


class D():
    def m(self): ...


type Alias = int
