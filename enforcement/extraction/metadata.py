"""Stage 2: title, source outlet and publication date from the head of the text.

News pages open with a headline, then often a dateline ("2015-02-11 15:28
Shanghai Daily Web Editor: Qin Dexing", "Published: 19 June 2015", "By Jane
Doe | Reuters | June 19, 2015"). Those lines are read here and cut from the
text the later stages see, so a dateline's editor is not taken for an actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon
from .dates import PartialDate, find_date
from .lexicon import alternatives

_TIME = re.compile(
    r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|BST|CST|EST|EDT|PST|PDT|[+-]\d{2}:?\d{2}))?",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?,?", re.IGNORECASE
)
_DATE_LABEL = re.compile(
    rf"^\s*(?:{alternatives(lexicon.DATELINE_LABELS)})(?:\s+on)?\s*[:\-]?\s*",
    re.IGNORECASE,
)
_SOURCE_LABEL = re.compile(
    rf"^\s*(?:{alternatives(lexicon.SOURCE_LABELS)})\s*:\s*(?P<source>.+)$", re.IGNORECASE
)
_WIRE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'-]{1,40}?)(?:,\s*[A-Z][A-Za-z0-9. ]{1,20})?\s*(?:\((?P<wire>[A-Za-z. &-]{1,30})\))?(?:\s*[—–]\s*|\s+-{1,2}\s+|\s*--\s*)"
)
_BYLINE = re.compile(r"^\s*by\s+[A-Z]", re.IGNORECASE)
# What follows the outlet on a dateline: "Web Editor: Qin Dexing", "By Jane Doe".
_AFTER_SOURCE = re.compile(
    rf"\b(?:{alternatives(lexicon.BYLINE_WORDS)})\b.*$",
    re.IGNORECASE,
)


@dataclass
class Metadata:
    title: str | None = None
    source: str | None = None
    published: PartialDate | None = None
    body_start: int = 0  # where the story begins once headline and dateline are cut


def read_metadata(text: str) -> Metadata:
    """Read the headline, dateline and outlet from the first lines of ``text``."""
    meta = Metadata()
    offset = 0
    for index, line in enumerate(text.split("\n")):
        line_start, offset = offset, offset + len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        if index > 12:
            break
        if _read_dateline(stripped, meta):
            meta.body_start = offset
            continue
        label = _SOURCE_LABEL.match(stripped)
        if label and len(label["source"].split()) <= 6:
            meta.source = meta.source or label["source"].strip()
            meta.body_start = offset
            continue
        if _BYLINE.match(stripped) and len(stripped.split()) <= 8:
            meta.body_start = offset
            continue
        if meta.title is None and meta.body_start == 0 and _looks_like_headline(stripped):
            meta.title = stripped
            meta.body_start = offset
            continue
        meta.body_start = line_start
        wire = _WIRE_DATELINE.match(stripped)
        if wire:
            # "ROME (AP) — Italy's police said ...": the place and wire are not story text.
            meta.source = meta.source or (wire["wire"] or None)
            meta.body_start = line_start + (len(line) - len(line.lstrip())) + wire.end()
        break
    return meta


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 20 and not re.search(r"[.,;]$", line) and line[0].isupper()


def _read_dateline(line: str, meta: Metadata) -> bool:
    """Fill ``meta`` from a dateline; False when ``line`` is story text."""
    labelled = bool(_DATE_LABEL.match(line))
    found = find_date(line)
    if found is None:
        return False
    date, match = found
    rest = line[: match.start()] + " " + line[match.end() :]
    rest = _DATE_LABEL.sub("", rest)
    rest = _TIME.sub(" ", rest)
    rest = _WEEKDAY.sub(" ", rest)
    # A dateline is mostly date: allow an outlet and a byline, not a sentence.
    if not labelled and (len(rest.split()) > 10 or re.search(r"[.!?]\s*$", rest.strip())):
        return False
    if meta.published is None:
        meta.published = date
    source = _source_from(rest)
    if source and meta.source is None:
        meta.source = source
    return True


def _source_from(rest: str) -> str | None:
    parts = [part.strip(" -–—,") for part in re.split(r"[|·•]", rest)]
    for part in parts:
        if _BYLINE.match(part):
            continue
        candidate = _AFTER_SOURCE.sub("", part).strip(" -–—,:")
        if candidate and candidate[0].isupper() and len(candidate.split()) <= 5:
            return candidate
    return None
