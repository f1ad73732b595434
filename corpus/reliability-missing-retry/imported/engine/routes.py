"""Routes that call the model another module made."""
from tenacity import retry, stop_after_attempt

from engine.services import llm
from engine.services.llm import helper_model
from .services.llm import model


def summarize(text: str) -> str:
    # ruleid: reliability-missing-retry
    return model.generate_content(text).text


def summarize_pro(text: str) -> str:
    pro = helper_model()
    # ruleid: reliability-missing-retry
    return pro.generate_content(text).text


def summarize_ns(text: str) -> str:
    # ruleid: reliability-missing-retry
    return llm.model.generate_content(text).text


@retry(stop=stop_after_attempt(3))
def summarize_retried(text: str) -> str:
    # ok: reliability-missing-retry
    return model.generate_content(text).text


def summarize_own_retry(text: str) -> str:
    # ok: reliability-missing-retry
    return model.generate_content(text, request_options={"retry": None}).text
