"""Stage 5: figures with value, unit, qualifier, metric and period.

A figure is a number and what it counts: "380 million product listings",
"RMB10,000", "$7,200", "50,000 yuan", "87 per cent", "just over 10%",
"4,213 belts", "five 'Chanel' handbags", "30 000 bottles", "Rs 2 crore",
"almost half a trillion dollars". Values are normalised (380 million is
380000000), currencies become ISO codes, and the counted noun comes from the
parse, read past the brands of an inventory ("39 Gucci shirts" counts shirts).

Not figures, by the keys' convention: durations of any kind ("for two years",
"a six-month sentence", "150 hours of unpaid work"), descriptions made with a
hyphen ("a three-pronged strategy"), ages, dates, clock times, labels, ratios'
bases ("one in ten") and numbers inside names ("No. 1", "3M Company",
"COVID-19"), a clause under "if", small numbers written as words that point
back ("the other two cases", "one of"), the whole a share is taken of, and
capital-market figures (share prices, IPO proceeds, valuations, profits, a
platform's number of users).

Each item of a listed haul keeps its own words as provenance ("two 'Rolex'
watches"); any other figure keeps its clause.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from . import lexicon, references
from .clauses import clause_tokens, governing_verb, memo, span_of, text_of
from .dates import find_dates
from .lexicon import CURRENCY_PREFIXES, CURRENCY_SUFFIXES, SCALES, WORD_NUMBERS, alternatives
from .result import StatisticResult

_QUALIFIER_RE = re.compile(
    r"(?P<qual>"
    + "|".join(f"(?:{alternatives(phrases, space=' ')})" for phrases in lexicon.QUALIFIERS.values())
    + r")\s+$",
    re.IGNORECASE,
)
# Digits: "4,213", "1,00,000" (lakh grouping), "30 000" (thousands set apart by spaces), "2.5".
_DIGITS = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?"
    r"|\d{1,3}(?:[ \u2009\u202f]\d{3})+(?!\d|,\d)(?:\.\d+)?"
    r"|\d+(?:\.\d+)?"
)
_TENS = [w for w, v in WORD_NUMBERS.items() if 20 <= v < 100 and v % 10 == 0 and " " not in w]
_UNITS = [w for w, v in WORD_NUMBERS.items() if 1 <= v <= 9 and " " not in w]
# "twenty-five", "forty two": a ten and a unit.
_COMPOUND_WORDS = rf"(?:{'|'.join(_TENS)})[-\s](?:{'|'.join(_UNITS)})\b"
_WORDS = "|".join(sorted((w for w in WORD_NUMBERS if " " not in w), key=len, reverse=True))
_PREFIX = alternatives(frozenset(CURRENCY_PREFIXES)) + "".join(
    f"|(?-i:{re.escape(sign)})" for sign in lexicon.CASED_CURRENCY_PREFIXES
)
_SUFFIX = alternatives(tuple(CURRENCY_SUFFIXES))
_SCALE = alternatives(frozenset(SCALES))
# A second scale word after the first: "1 lakh crore", "two hundred thousand".
_WORD_SCALE = alternatives(frozenset(w for w in SCALES if w not in lexicon.LETTER_SCALES))
# "a million", "half a trillion": a count that needs the scale word after it.
_SCALE_COUNT = rf"(?:{alternatives(frozenset(lexicon.SCALE_COUNTS))})(?=[\s-]+(?:{_WORD_SCALE})\b)"
# Where a figure starts: at a word, after a currency sign or code if any (tried only where one
# to four signs or letters stand before a digit, the cheap test first), or at a digit glued
# to a lower-case word by a bad copy ("a whopping63.2 per cent").
_START = (
    rf"(?:(?<![\w$€£¥.,])(?<![A-Za-z]-)(?:(?=[^\s\d]{{1,4}}\s?\d)(?P<prefix>{_PREFIX}))?\s?"
    r"|(?<=(?-i:[a-z][a-z]))(?=\d))"
)
FIGURE = re.compile(
    _START + rf"(?P<number>{_DIGITS}|{_COMPOUND_WORDS}|{_SCALE_COUNT}|(?:a\s+)?(?:{_WORDS})\b)"
    rf"(?:[\s-]?(?P<scale>(?:{_SCALE})\b(?:\s(?:{_WORD_SCALE})\b)*))?"
    rf"(?:\s?(?P<percent>%|percentage\s+points?\b|per\s?cent(?!ile|age)))?"
    rf"(?:\s(?P<suffix>{_SUFFIX})\b)?"
    # A word joined by a hyphen makes the number a description: "a six-month", "three-pronged".
    rf"(?P<hyphen>-[a-z]+)?",
    re.IGNORECASE,
)
# Words after a sum that are part of it, not what it counts: "$5 million", "10 per cent".
_NOT_A_COUNTED_NOUN = {*SCALES, *CURRENCY_SUFFIXES, "per", "cent", "percent"}
_MARKET_WORD = re.compile(rf"\b(?:{alternatives(lexicon.MARKET_NOUNS)})\b", re.IGNORECASE)
_GLUED_WORD = re.compile(r"([A-Za-z]+)\b(\s+of\b)?")
_LIST_LINKS = ("conj", "appos")
_QUOTES = frozenset("'\"‘’“”")


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
    """ "1.5", "billion" -> 1500000000; "seven" -> 7; "4,213" -> 4213; "30 000" -> 30000;
    "twenty-five" -> 25; "half a", "trillion" -> 500000000000."""
    word = " ".join(number.lower().replace("-", " ").split())
    try:
        if word in WORD_NUMBERS:
            value = Decimal(WORD_NUMBERS[word])
        elif word.startswith("a ") and word[2:] in WORD_NUMBERS:
            value = Decimal(WORD_NUMBERS[word[2:]])
        elif word in lexicon.SCALE_COUNTS and scale:
            value = Decimal(lexicon.SCALE_COUNTS[word])
        elif " " in word and all(part in WORD_NUMBERS for part in word.split()):
            value = Decimal(sum(WORD_NUMBERS[part] for part in word.split()))
        else:
            value = Decimal(re.sub(r"[,\s\u2009\u202f]", "", word))
    except InvalidOperation:
        return None
    for factor in (scale or "").lower().split():
        value *= SCALES[factor]
    return value


def _read(doc, match, found, dates) -> StatisticResult | None:
    groups = match.groupdict()
    number = groups["number"]
    is_word = not number[0].isdigit()
    scale = groups["scale"]
    money = bool(groups["prefix"] or groups["suffix"])
    if scale and scale.lower() in lexicon.LETTER_SCALES and not money and not scale.islower():
        return None  # "3M Company": a capital letter scales only a sum
    glued = match.start() > 0 and text_of(doc)[match.start() - 1].isalpha()
    if glued and not (money or groups["percent"] or scale):
        return None  # "covid19 cases": only a share or a sum is read out of a glued word
    if groups["hyphen"] and not (money or groups["percent"]):
        return None  # "a six-month sentence", "a 24-year-old", "a three-pronged strategy"
    value = parse_value(number, scale)
    if value is None:
        return None
    token = _token_at(doc, match.start("number"))
    if token is None or _is_reference(doc, match, token):
        return None
    if is_word and value < 10 and not _counts_as_a_word(doc, token, value):
        return None
    unit, metric_head = _unit(doc, match, token)
    if unit is None or unit in lexicon.DURATION_UNITS:
        return None
    if (
        not is_word
        and not money
        and not groups["percent"]
        and not scale
        and _looks_like_year(number, unit)
    ):
        return None
    if _is_hypothetical(token) or _is_market_figure(token, unit, metric_head, found):
        return None
    if _is_currency(unit) and _is_whole_of_a_share(token):
        return None
    tokens = clause_tokens(token)
    if metric_head is not None and tokens and metric_head.i > tokens[-1].i:
        # a mis-parsed counted noun ("4495 leads" read as a verb) still belongs to the figure
        tokens = [*tokens, *token.doc[tokens[-1].i + 1 : metric_head.i + 1]]
    if metric_head is not None and tokens:
        tokens = _own_item(tokens, metric_head)
    span = span_of(tokens)
    if span is None or not (span.start <= match.start("number") < span.end):
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


def _own_item(tokens, noun):
    """In a list of counts ("seized five bags, two 'Rolex' watches and 58 rings") each figure's
    words are its own item: the first keeps the clause before it, the others only themselves."""
    if not _is_noun(noun):
        return tokens
    # (A list's later items hang on the first as conjuncts or, when only commas part them,
    # appositions.)
    siblings = [c for c in noun.children if c.dep_ in _LIST_LINKS and _is_noun(c)]
    listed = noun.dep_ in _LIST_LINKS and _is_noun(noun.head)
    if not listed and not siblings:
        return tokens
    branches = {t.i for c in siblings for t in c.subtree}
    branches |= {c.i for c in noun.children if c.dep_ in ("cc", "punct") and c.i > noun.i}
    own = [t.i for t in noun.subtree if t.i not in branches]
    start = min(own) if listed else tokens[0].i
    item = [t for t in tokens if start <= t.i <= max(own)]
    while item and (item[-1].is_punct or item[-1].is_space) and item[-1].text != "%":
        item.pop()
    return item or tokens


def _is_currency(unit: str) -> bool:
    return len(unit) == 3 and unit.isupper()  # an ISO code; counted nouns are lower case


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
    if _is_base_of_a_ratio(doc, token):
        return True
    return bool(token.i > 0 and doc[token.i - 1].lower_ in lexicon.LABEL_WORDS)


def _is_base_of_a_ratio(doc, token) -> bool:
    """ "one in ten medicines", "nine out of 10 shoppers": the base counts nothing."""
    before = [t.lower_ for t in doc[max(0, token.i - 3) : token.i]]
    for joiner in (["in"], ["out", "of"]):
        size = len(joiner)
        if before[-size:] == joiner and len(before) > size and doc[token.i - size - 1].like_num:
            return True
    return False


def _counts_as_a_word(doc, token, value) -> bool:
    """A small number written as a word counts things ("five people", "two alleged
    counterfeiters") unless it points back ("the other two cases", "no one company");
    "one" counts only as an item of a list ("..., one necklace and ..."), since it is
    otherwise a pronoun or an article ("one of the biggest", "one seller said")."""
    previous = doc[token.i - 1] if token.i > 0 else None
    if previous is not None and previous.lower_ in lexicon.BACK_REFERENCES:
        return False
    if previous is not None and previous.like_num:
        return False  # "one two investigators": a garbled copy, either number is a guess
    if value == 1:
        return previous is not None and previous.lower_ in lexicon.LIST_MARKS
    return True


def _unit(doc, match, token) -> tuple[str | None, object]:
    """The unit (ISO currency, %, or counted noun) and the token the metric is read from."""
    groups = match.groupdict()
    if groups["percent"]:
        return "%", token
    if groups["prefix"]:
        sign = groups["prefix"].rstrip()
        return (
            lexicon.CASED_CURRENCY_PREFIXES.get(sign)
            or CURRENCY_PREFIXES.get(sign.lower(), sign.upper())
        ), token
    if groups["suffix"]:
        currency = CURRENCY_SUFFIXES[" ".join(groups["suffix"].lower().split())]
        if currency == "GBP" and _weighs(doc, match, token):
            return "lb", token  # "a parcel weighing 68 pounds", "500 pounds of fake tea"
        return currency, token
    glued = (
        _GLUED_WORD.match(text_of(doc), match.end()) if match.end() == match.end("number") else None
    )
    if glued:
        # "5kg of heroin" is a weight; "8gm packets", "4K televisions", "10am" are no figures.
        word = glued.group(1).lower()
        if word in lexicon.GLUED_MEASURES and glued.group(2):
            return lexicon.UNIT_SPELLINGS.get(word, word), token
        return None, None
    # The counted noun: the first common noun after the number within a few words, read past
    # the brands and places that name the goods ("176 Louis Vuitton handbags", "five 'Chanel'
    # handbags", "20 Chinese nationals").
    last = doc.char_span(match.start(), match.end(), alignment_mode="expand")
    index = last.end if last is not None else token.i + 1
    quoted = False
    for offset, candidate in enumerate(doc[index : index + 7]):
        mistagged = offset == 0 and candidate.tag_ == "VBZ" and candidate.lower_.endswith("s")
        if candidate.text in _QUOTES:
            quoted = not quoted  # a quoted word is a name: "five 'Adidas' tracksuits"
            continue
        if quoted or _names_the_goods(candidate) or _joins_modifiers(candidate):
            continue
        if candidate.text == "-" and not candidate.whitespace_ and offset:
            continue  # inside a hyphenated word: "three semi-automatic machines"
        if (candidate.pos_ == "NOUN" or mistagged) and candidate.is_alpha:
            # "380 million product listings": the counted thing is the compound's head.
            # "362 counterfeit designer watches": a noun that modifies a later noun too.
            while (
                candidate.dep_ in ("compound", "amod", "nmod")
                and candidate.head.i > candidate.i
                and _is_noun(candidate.head)
            ):
                candidate = candidate.head
            return _unit_name(candidate), candidate
        if (
            candidate.is_punct
            or candidate.pos_ not in ("ADJ", "NOUN", "ADV", "NUM")
            and candidate.tag_ not in ("VBN", "VBG")
        ):
            break
    return None, None


def _is_noun(token) -> bool:
    """A noun, or a plural noun the tagger took for a verb in a noun's place ("watches")."""
    return token.pos_ == "NOUN" or (
        token.tag_ == "VBZ" and token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "conj")
    )


def _unit_name(noun) -> str:
    """The counted noun as the keys write it: "kg" for "kgs", "pairs of jeans"."""
    word = noun.lower_
    if word in lexicon.COUNTED_BY_OF:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        thing = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if thing is not None and thing.pos_ == "NOUN":
            return f"{word} of {thing.lower_}"
    return lexicon.UNIT_SPELLINGS.get(word, word)


def _joins_modifiers(token) -> bool:
    """ "and" or a comma between two words that describe the counted noun: "28 million
    counterfeit and illegal products", "400 fake, unsafe toys"."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (
        (token.pos_ == "CCONJ" or token.text == ",")
        and following is not None
        and following.pos_ == "ADJ"
        and token.i > 0
        and token.nbor(-1).pos_ == "ADJ"
    )


def _weighs(doc, match, token) -> bool:
    after = text_of(doc)[match.end() : match.end() + 4]
    before = doc[max(0, token.i - 3) : token.i]
    return after.startswith(" of ") or any(
        t.lemma_.lower() in lexicon.WEIGHING_VERBS for t in before
    )


def _names_the_goods(token) -> bool:
    """A proper name between a count and its noun: a brand, a place, a people."""
    return (
        token.pos_ == "PROPN"
        or token.ent_type_ in ("GPE", "NORP")
        or (
            token.is_punct
            and token.text in "-&"
            and token.i > 0
            and token.doc[token.i - 1].pos_ == "PROPN"
        )
    )


def _is_hypothetical(token) -> bool:
    """A figure in a clause under "if" or "unless": "if we imposed a fine of $500"."""
    for verb in (token, *token.ancestors):
        if verb.pos_ in ("VERB", "AUX") and any(
            child.dep_ == "mark" and child.lower_ in lexicon.CONDITION_MARKS
            for child in verb.children
        ):
            return True
    return False


def _is_market_figure(token, unit: str, counted, found) -> bool:
    """Share prices, proceeds, valuations and profits ("shares fell 14 percent", "raised $1.6
    billion", "valued the firm at $20 billion"), read over the sentence, and a platform's size
    ("it has 300 million users") are about a company in the capital market, not about the
    fight against fakes."""
    verb = governing_verb(token)
    sum_or_share = unit == "%" or _is_currency(unit)
    sentence = token.sent
    if sum_or_share and _MARKET_WORD.search(
        text_of(token.doc), sentence.start_char, sentence.end_char
    ):
        return True
    if sum_or_share and verb.lemma_.lower() in lexicon.MARKET_VERBS:
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
        if verb.lemma_.lower() == "raise" or any(_is_company(o, found) for o in objects):
            return True
    if counted is not None and unit in lexicon.CUSTOMER_NOUNS:
        return verb.lemma_.lower() == "have"
    return False


def _is_whole_of_a_share(token) -> bool:
    """The sum a share is taken of is its context, not a figure of its own: "2.5 per cent of
    the total imports in world trade of $17.9 trillion"."""
    return any(
        ancestor.lower_ == "of" and ancestor.head.lower_ in lexicon.SHARE_WORDS
        for ancestor in token.ancestors
    )


def _is_company(token, found) -> bool:
    """A firm, named ("Pinduoduo") or not ("the marketplace")."""
    if token.lemma_.lower() in lexicon.COMPANY_NOUNS:
        return True
    entity = references.resolve(token, found)
    return entity is not None and not entity.is_regulator and entity.kind != "person"


def _qualifier(before: str) -> str | None:
    found = _QUALIFIER_RE.search(before)
    if not found:
        return None
    words = found.group("qual").lower()
    return next((name for name, phrases in lexicon.QUALIFIERS.items() if words in phrases), None)


def _noun_phrase(noun) -> str:
    """The noun with its describing words; a name keeps all its words ("louis vuitton
    handbags", not "vuitton handbags")."""
    modifiers = []
    for t in noun.lefts:
        if (
            t.dep_ in ("amod", "compound")
            and t.is_alpha
            and t.lower_ not in lexicon.FILLER_WORDS
            and t.lower_ not in SCALES
        ):
            if t.pos_ == "PROPN":
                modifiers.extend(c.lower_ for c in t.lefts if c.dep_ == "compound" and c.is_alpha)
            modifiers.append(t.lower_)
    return " ".join([*modifiers, noun.lower_])


def _tells_the_measure(verb) -> bool:
    """A verb worth adding to a metric: not "be" or "have", nor the "said" that reports it."""
    lemma = verb.lemma_.lower()
    return verb.pos_ == "VERB" and lemma not in lexicon.LIGHT_VERBS | lexicon.SPEECH_VERBS


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
    if _tells_the_measure(verb):
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
    if _tells_the_measure(verb):
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
