"""Stage 1: drop page furniture before any NLP."""


def clean(raw: str) -> str:
    return raw.replace("\r\n", "\n").strip()
