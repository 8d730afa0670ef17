"""Stage 5: figures with value, unit, qualifier, metric and period.

A figure is a number and what it counts: "380 million product listings",
"RMB10,000", "$7,200", "50,000 yuan", "87 per cent", "just over 10%",
"4,213 belts", "a seven-day prison sentence". Values are normalised
(380 million is 380000000), currencies become ISO codes, and the counted noun
comes from the parse. Dates, clock times, ages and reference intervals ("five
years ago", "less than two weeks") are not figures; a duration of an effort
("for two years") or a sentence ("a seven-day prison sentence") is.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from . import lexicon, references
from .clauses import clause_tokens, memo, span_of, text_of
from .dates import find_dates
from .lexicon import CURRENCY_PREFIXES, CURRENCY_SUFFIXES, SCALES, WORD_NUMBERS, alternatives
from .result import StatisticResult

_QUALIFIER_RE = re.compile(
    r"(?P<qual>"
    + "|".join(f"(?:{alternatives(phrases, space=' ')})" for phrases in lexicon.QUALIFIERS.values())
    + r")\s+$",
    re.IGNORECASE,
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDS = "|".join(sorted((w for w in WORD_NUMBERS if " " not in w), key=len, reverse=True))
_PREFIX = alternatives(frozenset(CURRENCY_PREFIXES))
_SUFFIX = alternatives(tuple(CURRENCY_SUFFIXES))
_SCALE = alternatives(frozenset(SCALES))
FIGURE = re.compile(
    rf"(?<![\w$€£¥.,])(?P<prefix>{_PREFIX})?\s?(?P<number>{_DIGITS}|(?:a\s+)?(?:{_WORDS}))"
    rf"(?:[\s-]?(?P<scale>{_SCALE})\b)?"
    rf"(?:\s?(?P<percent>%|per\s?cent\b|percent\b|percentage points?\b))?"
    rf"(?:\s(?P<suffix>{_SUFFIX})\b)?"
    rf"(?P<dayunit>-(?:day|week|month|year)s?\b)?",
    re.IGNORECASE,
)
# Words before a duration that make it the length of an effort: "for two years",
# "sentenced to about six months".
_DURATION_LEAD = re.compile(
    rf"\b(?:{alternatives(lexicon.DURATION_LEADS, space=' ')})\s+"
    rf"(?:(?:{alternatives(lexicon.DURATION_HEDGES, space=' ')})\s+)?$"
)
# Words after a sum that are part of it, not what it counts: "$5 million", "10 per cent".
_NOT_A_COUNTED_NOUN = {*SCALES, *CURRENCY_SUFFIXES, "per", "cent", "percent"}


def find_statistics(doc, found, published) -> list[StatisticResult]:
    dates = memo(doc, ("dates", published), lambda: find_dates(text_of(doc), published))
    date_chars = bytearray(len(text_of(doc)))
    for mention in dates:
        date_chars[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    results = []
    for match in FIGURE.finditer(text_of(doc)):
        if date_chars[match.start("number")]:
            continue
        statistic = _read(doc, match, found, dates)
        if statistic is not None:
            results.append(statistic)
    return results


def parse_value(number: str, scale: str | None = None) -> Decimal | None:
    """ "1.5", "billion" -> 1500000000; "seven" -> 7; "4,213" -> 4213."""
    word = number.lower().strip()
    word = re.sub(r"^a\s+", "a ", word)
    try:
        if word in WORD_NUMBERS:
            value = Decimal(WORD_NUMBERS[word])
        elif word.startswith("a ") and word[2:] in WORD_NUMBERS:
            value = Decimal(WORD_NUMBERS[word[2:]])
        else:
            value = Decimal(word.replace(",", ""))
    except InvalidOperation:
        return None
    if scale:
        value *= SCALES[scale.lower()]
    return value


def _read(doc, match, found, dates) -> StatisticResult | None:
    groups = match.groupdict()
    number = groups["number"]
    is_word = not number[0].isdigit()
    scale = groups["scale"]
    bare_letter_scale = (
        scale and scale.lower() in ("m", "b", "k") and not (groups["prefix"] or groups["suffix"])
    )
    if bare_letter_scale and not re.match(r"\d", number):
        return None
    value = parse_value(number, scale)
    if value is None:
        return None
    token = _token_at(doc, match.start("number"))
    if token is None or _is_reference(doc, match, token):
        return None
    unit, metric_head = _unit(doc, match, token)
    if unit is None:
        return None
    if is_word and unit not in lexicon.DURATION_UNITS and value < 10:
        return None  # "the two parties", "no one company": not a figure
    if unit in lexicon.DURATION_UNITS and not _is_duration_figure(doc, match, token):
        return None
    if (
        not is_word
        and not groups["prefix"]
        and not groups["percent"]
        and not scale
        and _looks_like_year(number, unit)
    ):
        return None
    tokens = clause_tokens(token)
    if metric_head is not None and tokens and metric_head.i > tokens[-1].i:
        # a mis-parsed counted noun ("4495 leads" read as a verb) still belongs to the figure
        tokens = [*tokens, *token.doc[tokens[-1].i + 1 : metric_head.i + 1]]
    span = span_of(tokens)
    if span is None or not (span.start <= match.start() < span.end):
        return None
    qualifier = _qualifier(text_of(doc)[max(0, match.start() - 25) : match.start()])
    date = next((d.date for d in dates if span.start <= d.start < span.end and d.date), None)
    subject = _subject(tokens, found)
    return StatisticResult(
        value=value,
        unit=unit,
        metric=_metric(metric_head or token, unit),
        span=span,
        qualifier=qualifier,
        date=date,
        subject=subject,
    )


def _token_at(doc, char):
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _looks_like_year(number: str, unit: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", number))


def _is_reference(doc, match, token) -> bool:
    """Clock times, ordinals, parts of names, list markers, ages."""
    text = text_of(doc)
    after = text[match.end() : match.end() + 12].lower()
    before = text[max(0, match.start() - 3) : match.start()]
    if re.match(r"[:/]\d", after) or re.search(r"\d[:/]$", before):
        return True
    if re.match(r"\s*-?(?:st|nd|rd|th)\b", after) or re.match(
        r"-(?:year-)?old|\s+years?\s+old", after
    ):
        return True
    return bool(token.i > 0 and doc[token.i - 1].lower_ in lexicon.LABEL_WORDS)


def _unit(doc, match, token) -> tuple[str | None, object]:
    """The unit (ISO currency, %, or counted noun) and the token the metric is read from."""
    groups = match.groupdict()
    if groups["percent"]:
        return "%", token
    if groups["prefix"]:
        return CURRENCY_PREFIXES.get(
            groups["prefix"].lower().rstrip(), groups["prefix"].upper()
        ), token
    if groups["suffix"]:
        return CURRENCY_SUFFIXES[groups["suffix"].lower()], token
    if groups["dayunit"]:
        unit = groups["dayunit"].strip("-").lower()
        unit = unit if unit.endswith("s") else unit + "s"
        after = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        modified = (
            next((t for t in doc[after.start : after.start + 3] if t.pos_ == "NOUN"), None)
            if after is not None
            else None
        )
        while modified is not None and modified.dep_ == "compound" and modified.head.pos_ == "NOUN":
            modified = modified.head
        return unit, modified or token
    # The counted noun: the first noun after the number within a few words.
    last = doc.char_span(match.start(), match.end(), alignment_mode="expand")
    index = last.end if last is not None else token.i + 1
    for offset, candidate in enumerate(doc[index : index + 4]):
        mistagged = offset == 0 and candidate.tag_ == "VBZ" and candidate.lower_.endswith("s")
        if (candidate.pos_ in ("NOUN", "PROPN") or mistagged) and candidate.is_alpha:
            if (
                candidate.ent_type_ in ("GPE", "NORP")
                or candidate.pos_ == "PROPN"
                and candidate.ent_type_
            ):
                return None, None
            # "380 million product listings": the counted thing is the compound's head.
            while (
                candidate.dep_ == "compound"
                and candidate.head.i > candidate.i
                and candidate.head.pos_ == "NOUN"
            ):
                candidate = candidate.head
            return candidate.lower_, candidate
        if (
            candidate.is_punct
            or candidate.pos_ not in ("ADJ", "NOUN", "PROPN", "ADV", "NUM")
            and candidate.tag_ not in ("VBN", "VBG")
        ):
            break
    return None, None


def _is_duration_figure(doc, match, token) -> bool:
    """ "for two years" or "a seven-day sentence" measure an effort; "two weeks ago" does not."""
    if match.group("dayunit"):
        return True
    window = text_of(doc)[match.end() : match.end() + 30].lower().split()
    following = window[1:2] if window else []
    if following and following[0].strip(",.") in lexicon.REFERENCE_WORDS:
        return False
    before = text_of(doc)[max(0, match.start() - 30) : match.start()].lower()
    return bool(_DURATION_LEAD.search(before))


def _qualifier(before: str) -> str | None:
    found = _QUALIFIER_RE.search(before)
    if not found:
        return None
    words = found.group("qual").lower()
    return next((name for name, phrases in lexicon.QUALIFIERS.items() if words in phrases), None)


def _noun_phrase(noun) -> str:
    modifiers = [
        t.lower_
        for t in noun.lefts
        if t.dep_ in ("amod", "compound")
        and t.is_alpha
        and t.lower_ not in lexicon.FILLER_WORDS
        and t.lower_ not in SCALES
    ]
    return " ".join([*modifiers, noun.lower_])


def _participle(verb) -> str:
    return verb.lower_ if verb.tag_ in ("VBD", "VBN") else verb.lemma_.lower()


def _metric(head, unit: str) -> str:
    """A few words on what the figure measures, read from the parse: "product listings
    removed", "criminal prosecution", "sentencings", "share of leads", "average fine"."""
    if unit == "%" or head.pos_ == "NUM" or not head.is_alpha:
        return _measure_of(head, unit)
    noun = head
    if noun.pos_ == "VERB":  # a counted noun the tagger took for a verb ("4495 leads")
        number = noun.doc[noun.i - 1]
        verb = number.head if number.head.pos_ == "VERB" else None
        return f"{noun.lower_} {_participle(verb)}" if verb is not None else noun.lower_
    if (
        unit in lexicon.DURATION_UNITS
        and noun.dep_ in ("pobj", "npadvmod")
        and noun.head.pos_ != "NOUN"
    ):
        verb = noun.head if noun.head.pos_ == "VERB" else noun.head.head
        return (
            f"duration of {verb.lemma_.lower()}" if verb.pos_ == "VERB" else f"duration in {unit}"
        )
    owner = noun.head
    if noun.dep_ == "pobj" and owner.lower_ == "of" and owner.head.pos_ == "NOUN":
        return _noun_phrase(owner.head)  # "the successful criminal prosecution of 469 cases"
    verb = noun.head
    while (
        verb.pos_ not in ("VERB", "AUX")
        and verb.head.i != verb.i
        and verb.dep_ in ("pobj", "prep", "dobj", "attr", "appos")
    ):
        verb = verb.head
    if noun.dep_ == "pobj" and verb.pos_ == "VERB":
        subjects = [t for t in verb.children if t.dep_ == "nsubj" and t.pos_ == "NOUN"]
        if subjects:
            return _noun_phrase(subjects[0])  # "sentencings occurred in 33 cases"
    phrase = _noun_phrase(noun)
    if verb.pos_ == "VERB" and verb.lemma_ not in lexicon.LIGHT_VERBS:
        phrase = f"{phrase} {_participle(verb)}"
    return " ".join(phrase.split()[:8])


def _of_phrase(noun) -> str:
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for"):
            objects = [t for t in child.children if t.dep_ == "pobj"]
            if objects:
                words = [
                    t.lower_
                    for t in objects[0].lefts
                    if t.dep_ in ("amod", "compound") and t.is_alpha
                ]
                return f" {child.lower_} " + " ".join([*words, objects[0].lower_])
    return ""


def _measure_of(token, unit: str) -> str:
    """For a share or a sum: what it is a share of, what it is the value of, or the
    noun it is said of ("the average fine was RMB10,000")."""
    if (
        token.head.dep_ == "pobj"
        and token.head.head.lower_ == "of"
        and token.head.head.head.pos_ == "NOUN"
    ):
        return _noun_phrase(token.head.head.head)  # "a fine of HK$500,000"
    current = token
    for _ in range(4):
        if current.lower_ == "worth" and current.head.pos_ == "NOUN":
            return "value of " + _noun_phrase(current.head)  # "goods worth 50,000 yuan"
        if current.lemma_.lower() == "value" and current.pos_ == "NOUN":
            return _noun_phrase(current)  # "an estimated market value of HK$12 million"
        of = _of_phrase(current)
        if of and current.lower_ not in ("most", "which"):
            return ("share" if unit == "%" else "value") + of
        if current.head.i == current.i:
            break
        current = current.head
    head = token.head
    if (
        head.pos_ == "NOUN"
        and head.i > token.i
        and head.is_alpha
        and head.lower_ not in _NOT_A_COUNTED_NOUN
    ):
        return _noun_phrase(head)  # "a $500 fine"
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ == "VERB" and verb.lemma_ not in lexicon.LIGHT_VERBS:
        return f"{'share' if unit == '%' else 'amount'} {_participle(verb)}"
    subjects = [t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN"]
    if subjects:
        return _noun_phrase(subjects[0])  # "the average fine was RMB10,000"
    return "share" if unit == "%" else "amount"


def _subject(tokens, found) -> str | None:
    for token in tokens:
        if token.dep_ in ("nsubj", "nsubjpass"):
            entity = references.resolve(token, found)
            if entity is not None:
                return entity.name
    return None
