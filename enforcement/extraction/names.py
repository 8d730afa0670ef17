"""One normal form for names, so the same name resolves one way everywhere.

The extraction ties an article's mentions together with it, the gazetteer is
keyed by it, and the database looks names up by it (``Alias.normalized``):
``models.normalize_name`` is this function. The form is case-blind,
accent-blind and punctuation-blind, without a leading "the"; an apostrophe
before "s" is dropped, so "Macy's" and "Macys" are one name.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_POSSESSIVE_S = re.compile(r"['’`]s\b")
_NOT_A_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=16384)
def normalize_name(name: str) -> str:
    """ "The Alibaba Group's" -> "alibaba groups"; "Fédération" -> "federation"."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _POSSESSIVE_S.sub("s", text.casefold())
    text = _NOT_A_WORD.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    return text.removeprefix("the ")


_LEADING_THE = re.compile(r"^(?:the\s+)+", re.IGNORECASE)
_TRAILING_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def surface_name(text: str) -> str:
    """A name as written, without what surrounds it in a sentence: its first line, no
    leading "the", trailing possessive, quotes or brackets ("the SAIC's" -> "SAIC")."""
    text = text.strip().split("\n")[0]
    text = _LEADING_THE.sub("", text)
    text = _TRAILING_POSSESSIVE.sub("", text)
    return text.strip(' "“”()[],.').strip()
