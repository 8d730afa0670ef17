"""Stage 1: drop page furniture before any NLP.

A news page saved as text carries more than the story: share prompts, comment
counts, "most popular" boxes, navigation bars, copyright lines, photo credits,
author bios and advertising. Every rule here looks at the *shape* of a line or
paragraph (pipes between short items, a copyright sign, an e-mail address, a
label with no sentence in it, a closing block that shares no words with the
story) so it works on pages nobody here has seen.
"""

from __future__ import annotations

import re
import unicodedata

from . import lexicon
from .dates import find_date
from .lexicon import alternatives

# A line that is only a site's call to action or a box heading.
_FURNITURE_LINE = re.compile(
    rf"""^(?:
        (?:like|follow|join|connect\s+with)\s+us\b.*
      | (?:click|tap)\s+here\b.*
      | no\s+comments?
      | (?:tags?|filed\s+under|categories|category|topics)\s*:.*
      | top\s+of\s+(?:the\s+)?page
      | \((?:updates|adds|recasts|corrects|changes|refiles|repeats|releads|rewrites)\b[^)]*\)
      | \((?:additional\s+)?(?:reporting|writing|editing)\s+by\b.*\)
      | (?:additional\s+)?reporting\s+by\b[^.]*;\s*editing\s+by\b.*
      | share(?:\s+(?:this(?:\s+\w+)?|on\b.*|via\b.*))?
      | (?:{alternatives(lexicon.PAGE_ACTIONS)})\b.{{0,30}}
      | comments?\s*\(?\d*\)?
      | \d+\s+comments?
      | more\s+from\b.*
      | (?:{alternatives(lexicon.BOX_HEADINGS)})\b.{{0,40}}
      | want\s+our\s+news\b.*
      | yes\s+please\b.*
      | back\s+to\s+top
      | (?:photo|image|picture|video)\s*(?:credit)?\s*:.*
      | (?:text|font\s*size)\s*:.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# The heading of a box of links to other stories: "Related Posts", "Most read".
_BOX_HEADING = re.compile(rf"^(?:{alternatives(lexicon.BOX_HEADINGS)})\b.{{0,40}}$", re.IGNORECASE)
# A teaser cut short: "A man died after crashing his scooter into a ..."
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)[\"'”’)]*$")
# A site's copyright notice: a sign, a year after the word, or the stock phrases. The bare
# word is not enough: stories about fakes cite "the Copyright Act" and "copyright holders".
_COPYRIGHT = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\s*(?:\(c\)|\d{4})|all rights reserved"
    r"|reproduction in whole or in part",
    re.IGNORECASE,
)
# The bare word is a notice only on a short line that is no sentence: "Copyright Example News".
_COPYRIGHT_LABEL = re.compile(r"^copyright\b", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
_URL = re.compile(r"https?://\S+|\bwww\.\S+", re.IGNORECASE)
# A trailing photo credit: "(Photo : Getty Images)", "(Reuters/File Photo)".
_PHOTO_CREDIT = re.compile(
    r"\((?:photo|image|picture|credit)[^)]*\)\s*$|\([^)]*\bphoto\)\s*$"
    r"|\|\s*(?:file\s+)?(?:photo|image|picture)s?\b[^|]{0,40}$",
    re.IGNORECASE,
)
# A caption's credit to an agency and its photographer: "REUTERS/Jane Doe", "AFP/Getty Images".
_AGENCY_CREDIT = re.compile(r"(?:\b[A-Z]{2,}|\bAP Photo|\bGetty Images)/[A-Z][\w.'’ -]{1,40}$")
# A link to another story: a short label, a colon (often glued to the link by the copy) and
# that story's headline, with no full stop: "Store closures:Retailer to shut 30 branches".
_CROSS_LINK = re.compile(
    r"^[A-Z][^\s:]*(?:\s+[^\s:]+){0,3}:(?P<glued>(?=[^\s]))?\s*[A-Z0-9‘'\"“][^:]*(?::.*)?$"
)
_BULLET = re.compile(r"^\s*[•·▪►*–-]\s+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")


def clean(raw: str) -> str:
    """The story's text with page furniture removed, paragraphs kept."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    text = _restore_lost_spaces(text)
    lines = _unwrap([line.rstrip() for line in text.split("\n")])
    lines = _drop_furniture_lines(lines)
    paragraphs = _paragraphs(lines)
    paragraphs = _drop_unrelated_tail(paragraphs)
    return "\n\n".join(paragraphs).strip()


# A sentence's end glued to the next sentence by a bad copy: "in 2013.The report", "said so.It".
# Not "Amazon.com", "U.S.Customs" or "3.5": the next word is capitalised, the last one ends
# in two small letters, a digit, a closing quote or bracket.
_LOST_SENTENCE_SPACE = re.compile(r"(?:(?<=[a-z][a-z])|(?<=[0-9%)”\"’]))([.!?])(?=[A-Z][a-z])")
# A comma glued to the next word ("per cent,and Morocco"), a colon to a quotation
# ("said:\"The").
_LOST_COMMA_SPACE = re.compile(r"(?<=[a-z])(,(?=[A-Za-z])|:(?=[\"“]))")


def _restore_lost_spaces(text: str) -> str:
    """The spaces a bad copy lost after a full stop or comma, so sentences split where the
    writer ended them. Words glued to words ("completethe") are left as they stand."""
    text = _LOST_SENTENCE_SPACE.sub(r"\1 ", text)
    return _LOST_COMMA_SPACE.sub(r"\1 ", text)


def is_furniture(line: str) -> bool:
    """Whether one line, on its own, is page furniture rather than story text."""
    stripped = line.strip()
    if not stripped:
        return False
    if _FURNITURE_LINE.match(stripped) or _COPYRIGHT.search(stripped) or _EMAIL.search(stripped):
        return True
    if _COPYRIGHT_LABEL.match(stripped) and not _is_sentence(stripped):
        return True
    if _is_navigation(stripped) and not _has_date(stripped):
        return True
    if _URL.fullmatch(stripped):
        return True
    # A label with no words in it ("1", "2 |", "Ali 2") or a lone word or two with a digit.
    words = _WORD.findall(stripped)
    if not words:
        return True
    return bool(
        len(stripped.split()) <= 3
        and re.search(r"\d", stripped)
        and not _SENTENCE_END.search(stripped)
        and not _has_date(stripped)  # a dateline ("March 15, 2023") is read by the metadata stage
    )


def _has_date(line: str) -> bool:
    """A dateline ("By Jane Doe | Reuters | March 3, 2016") is read by the metadata stage."""
    return find_date(line) is not None


def _is_navigation(line: str) -> bool:
    """Short items between pipes or bullets: "Home | About us | Contact us"."""
    parts = [part.strip() for part in re.split(r"\s*[|»›]\s*", line)]
    if len(parts) < 2:
        return False
    return all(len(part.split()) <= 4 for part in parts)


def _drop_furniture_lines(lines: list[str]) -> list[str]:
    kept: list[str] = []
    seen: set[str] = set()
    in_box = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if _BOX_HEADING.match(stripped):
            in_box = True  # the links under it go too, up to the story's next sentence
            continue
        if in_box and stripped:
            if _is_teaser(stripped):
                continue
            in_box = False
        if is_furniture(stripped):
            continue
        if _PHOTO_CREDIT.search(stripped) or _AGENCY_CREDIT.search(stripped):
            continue  # a photo caption, not story text
        if _is_cross_link(stripped, next((k for k in reversed(kept) if k), None)):
            continue
        # A bullet teaser or a caption repeating a later line, or a breadcrumb
        # ("Home Market <headline>") that ends with the next line.
        following = _next_nonblank(lines, index)
        bare = _BULLET.sub("", stripped)
        key = _key(bare)
        if key in seen:
            continue
        if following is not None:
            next_key = _key(_PHOTO_CREDIT.sub("", _BULLET.sub("", following)))
            if next_key and key != next_key and key.endswith(next_key) and len(next_key) > 15:
                continue
            if _BULLET.match(stripped) and next_key.startswith(key):
                continue
        seen.add(key)
        kept.append(bare if _BULLET.match(stripped) and len(bare.split()) > 12 else stripped)
    return kept


def _is_teaser(line: str) -> bool:
    """A line of a box of links: a headline (no full stop), a teaser cut short by an
    ellipsis, or the date of a linked story."""
    if _ELLIPSIS_END.search(line) or not _SENTENCE_END.search(line):
        return True
    return len(line.split()) <= 5 and _has_date(line)


def _is_cross_link(line: str, previous: str | None) -> bool:
    """A headline of another story linked from inside this one. Its colon is glued to the
    link, or the line sits between story paragraphs; a headline at the top of the page
    ("Fakes: the hidden cost") follows no sentence and stays."""
    found = _CROSS_LINK.match(line)
    if not found or _SENTENCE_END.search(line) or _has_date(line):
        return False
    headline = line.split(":", 1)[1]
    if len(headline.split()) < 4:
        return False
    return bool(found.group("glued")) or (previous is not None and _is_sentence(previous))


def _next_nonblank(lines: list[str], index: int) -> str | None:
    for line in lines[index + 1 :]:
        if line.strip():
            return line.strip()
    return None


def _key(line: str) -> str:
    return " ".join(re.findall(r"\w+", line.casefold()))


_WRAP_WIDTH = 60  # a line this long that stops mid-sentence was wrapped, not ended


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines (e-mailed or wire copy broken at 70 columns) back into
    their paragraphs, so a sentence is never cut in two."""
    joined: list[str] = []
    for line in lines:
        previous = joined[-1] if joined else ""
        stripped = line.strip()
        continues = (
            previous.strip()
            and stripped
            and not _SENTENCE_END.search(previous)
            and not previous.rstrip().endswith((":", ";", "|"))
            and (len(previous) >= _WRAP_WIDTH or stripped[0].islower())
            and not _BULLET.match(line)
        )
        if continues:
            joined[-1] = previous.rstrip() + " " + stripped
        else:
            joined.append(line)
    return joined


def _paragraphs(lines: list[str]) -> list[str]:
    """Each non-blank line is a paragraph: pages saved as text break lines at
    paragraph ends, and a headline or list item stays on its own."""
    return [line.strip() for line in lines if line.strip()]


def _addresses_reader(paragraph: str) -> bool:
    """Advertising talks to the reader ("you can", "your inbox"); news reports do not,
    outside quotation marks."""
    unquoted = re.sub(r"[\"“][^\"”]*[\"”]", " ", paragraph)
    return bool(re.search(r"\byou(?:r|rs|'re|’re|'ll|’ll)?\b", unquoted, re.IGNORECASE))


def _drop_unrelated_tail(paragraphs: list[str]) -> list[str]:
    """Cut the page's closing furniture: from the first paragraph in the second half
    that talks to the reader (advertising, newsletter boxes), and any closing run of
    bare labels (an author's name, "joomla stats")."""
    if len(paragraphs) < 4:
        return paragraphs
    end = len(paragraphs)
    for index in range(max(3, len(paragraphs) // 2), len(paragraphs)):
        if _addresses_reader(paragraphs[index]):
            end = index
            break
    while end > 3 and _is_label(paragraphs[end - 1]):
        end -= 1
    return paragraphs[:end]


def _is_label(paragraph: str) -> bool:
    return len(paragraph.split()) <= 4 and not _SENTENCE_END.search(paragraph)


def _is_sentence(line: str) -> bool:
    """A line of story text: a few words that end as a sentence ends."""
    return len(line.split()) >= 4 and bool(_SENTENCE_END.search(line))
