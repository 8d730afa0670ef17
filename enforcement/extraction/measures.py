"""Stage 8: what each figure measures, from a fixed vocabulary of enforcement measures.

A figure's ``metric`` is a phrase read from its sentence ("amount pay",
"counterfeit products seized"); its ``measure`` is one of ``MEASURES``, so that
figures from different outlets can be charted, compared and grouped. The rule:

1. **What it is counted in** (``unit_class``): money (a currency code), a share
   (%), a weight, a volume, a duration, or a count of the noun named as unit.
2. **The words around the number**, nearest first: the figure's own phrase
   ("$64,000 in restitution", "worth of seizures"), the verb it belongs to
   ("seized", "removed") with that verb's particles, object and prepositional
   objects, and the subject when the sentence is "the average fine was RMB10,000". Only
   when these say nothing are the words of its whole clause read.
3. **The table.** A count is read first by its noun: ``COUNTED_NOUNS`` maps
   "listings", "stores", "leads", "arrests", "cases" ... to a measure, some only
   with a cue ("listings" are *removed* listings only beside "removed",
   "deleted", "taken down"; "cases" are prosecutions, sentences or fines by the
   cue beside them). Other figures follow ``RULES``, in order: the first whose
   unit class fits and whose cue words appear wins. Counts of anything else
   beside a seizure cue are goods seized (count).
4. **The event around it**: a figure with no cue takes the measure its event's
   kind implies for its unit class (money in a seizure event is the goods'
   value, a duration in a penalty event is a prison sentence).
5. **The story it is in**: in an article that tells a seizure, a count of goods
   ("4,213 belts", "1,300 counterfeit products"), their value ("worth
   HK$350,000", "appraised at $2,950,479") and a weight are what was seized.
6. Otherwise "other": the number of countries in an operation, a company's
   buyers, the money it raised are facts, but not enforcement measures.

``unit_label`` gives the unit as a reader writes it: "tonnes", "litres", a
currency's symbol.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .lemmas import known_lemma
from .lexicon import (
    ARREST_CUES,
    CASE_NOUNS,
    COMPLAINT_CUES,
    CONVICTION_CUES,
    COUNTED_NOUNS,
    COURT_CUES,
    DAMAGES_CUES,
    DURATION_UNITS,
    FINE_CUES,
    GOODS_CUES,
    INVESTIGATION_CUES,
    MASS_UNITS,
    NOT_GOODS,
    PROSECUTION_CUES,
    RAID_CUES,
    REMOVAL_CUES,
    RESTITUTION_CUES,
    SEIZURE_CUES,
    SENTENCE_CUES,
    TRADE_CUES,
    UNIT_LABELS,
    VALUE_CUES,
    VOLUME_UNITS,
)
from .result import EventResult, StatisticResult
from .statistics import FIGURE, parse_value

# The measures, and the tables that choose one (their words are in lexicon.py) -----------

MEASURES = {
    "listings_removed": "Listings removed",
    "stores_closed": "Stores or sellers closed",
    "websites_shut": "Websites shut down",
    "leads_referred": "Leads referred",
    "investigations_opened": "Investigations opened",
    "raids": "Raids",
    "arrests": "Arrests",
    "prosecutions": "Prosecutions",
    "convictions": "Convictions",
    "prison_sentences": "Prison sentences",
    "fines": "Fines and penalties",
    "damages": "Damages awarded",
    "restitution": "Restitution",
    "goods_seized_count": "Goods seized (count)",
    "goods_seized_value": "Goods seized (value)",
    "goods_seized_weight": "Goods seized (weight or volume)",
    "seizure_share_by_origin": "Share of seizures by origin",
    "counterfeit_trade_share": "Share of counterfeits in trade",
    "complaints_received": "Complaints received",
    "other": "Other",
}
OTHER = "other"

ALL_CUES = (
    REMOVAL_CUES
    | SEIZURE_CUES
    | ARREST_CUES
    | RAID_CUES
    | INVESTIGATION_CUES
    | PROSECUTION_CUES
    | CONVICTION_CUES
    | SENTENCE_CUES
    | FINE_CUES
    | DAMAGES_CUES
    | COURT_CUES
    | RESTITUTION_CUES
    | COMPLAINT_CUES
    | TRADE_CUES
    | GOODS_CUES
    | VALUE_CUES
)

CASE_CUES = (
    ("prison_sentences", SENTENCE_CUES),
    ("convictions", CONVICTION_CUES),
    ("prosecutions", PROSECUTION_CUES),
    ("fines", FINE_CUES),
    ("complaints_received", COMPLAINT_CUES),
    ("investigations_opened", INVESTIGATION_CUES),
)
# (measure, unit classes, cue words): the first that fits wins.
RULES = (
    ("restitution", {"currency"}, RESTITUTION_CUES),
    ("damages", {"currency"}, DAMAGES_CUES),
    ("fines", {"currency"}, FINE_CUES),
    ("goods_seized_value", {"currency"}, SEIZURE_CUES),
    ("damages", {"currency"}, COURT_CUES),
    ("prison_sentences", {"duration"}, SENTENCE_CUES),
    ("goods_seized_weight", {"mass", "volume"}, SEIZURE_CUES),
    ("counterfeit_trade_share", {"percent"}, TRADE_CUES),
    ("seizure_share_by_origin", {"percent"}, SEIZURE_CUES),
    ("convictions", {"percent"}, CONVICTION_CUES),
    ("prosecutions", {"percent"}, PROSECUTION_CUES),
    ("arrests", {"count"}, ARREST_CUES),
    ("raids", {"count"}, RAID_CUES),
    ("goods_seized_count", {"count"}, SEIZURE_CUES),
)
# The event around a figure with no cue: (event kind, unit class) -> measure.
EVENT_MEASURES = {
    ("seizure", "currency"): "goods_seized_value",
    ("seizure", "count"): "goods_seized_count",
    ("seizure", "mass"): "goods_seized_weight",
    ("seizure", "volume"): "goods_seized_weight",
    ("penalty", "currency"): "fines",
    ("penalty", "duration"): "prison_sentences",
    ("ruling", "currency"): "damages",
    ("lawsuit", "currency"): "damages",
}

# How a reader writes a unit.
CURRENCY_SYMBOLS = {
    "USD": "US$",
    "EUR": "€",
    "GBP": "£",
    "CNY": "¥",
    "JPY": "¥",
    "HKD": "HK$",
    "INR": "₹",
    "KRW": "₩",
    "SGD": "S$",
    "AUD": "A$",
    "CAD": "C$",
    "TWD": "NT$",
    "BRL": "R$",
    "CHF": "CHF ",
    "MXN": "MX$",
    "THB": "฿",
    "RUB": "₽",
    "TRY": "₺",
    "NGN": "₦",
    "PHP": "₱",
    "KES": "KSh ",
    "PKR": "Rs ",
    "MYR": "RM ",
    "AED": "AED ",
}


def add_measures(doc, statistics: list[StatisticResult], events: list[EventResult]) -> None:
    """Set ``measure`` on every figure; nothing else is changed."""
    for statistic in statistics:
        statistic.measure = measure_of(doc, statistic, events)


def measure_of(doc, statistic: StatisticResult, events: list[EventResult] = ()) -> str:
    unit = unit_class(statistic.unit)
    figure = _figure_token(doc, statistic)
    near = _words_near(figure) if figure is not None else set()
    near |= _words(statistic.metric)
    noun = _counted_noun(statistic.unit) if unit == "count" else None
    clause = _clause_words(doc, statistic) | near
    for words in (near, clause):
        found = _by_noun(noun, words) if noun else None
        found = found or _by_rules(unit, noun, words)
        if found:
            return found
    kind = _event_kind(statistic, events)
    measure = EVENT_MEASURES.get((kind, unit))
    if measure == "goods_seized_count" and noun in NOT_GOODS:
        return OTHER
    if measure is None and any(event.kind == "seizure" for event in events):
        measure = _seized_in_story(unit, noun, near)
    return measure or OTHER


def _seized_in_story(unit: str, noun: str | None, near: set[str]) -> str | None:
    """In a seizure story: goods counted, valued or weighed are the goods seized."""
    if unit == "count" and noun not in NOT_GOODS and noun not in COUNTED_NOUNS:
        return "goods_seized_count" if (GOODS_CUES & near or noun in GOODS_CUES) else None
    if unit == "currency" and (GOODS_CUES & near) and (VALUE_CUES & near):
        return "goods_seized_value"
    if unit in ("mass", "volume"):
        return "goods_seized_weight"
    return None


def unit_class(unit: str) -> str:
    """ "currency", "percent", "mass", "volume", "duration" or "count"."""
    if unit == "%":
        return "percent"
    if unit in CURRENCY_SYMBOLS or re.fullmatch(r"[A-Z]{3}", unit or ""):
        return "currency"
    word = (unit or "").lower()
    if word in MASS_UNITS:
        return "mass"
    if word in VOLUME_UNITS:
        return "volume"
    if word in DURATION_UNITS:
        return "duration"
    return "count"


def unit_label(unit: str) -> str:
    """The unit as a reader writes it: "tonnes", "litres", "items", "US$", "%"."""
    if unit_class(unit) == "currency":
        return CURRENCY_SYMBOLS.get(unit, unit + " ")
    return UNIT_LABELS.get((unit or "").lower(), unit)


def format_figure(value: Decimal, unit: str) -> str:
    """ "US$3,000,000", "87%", "2,500 tonnes", "4,213 belts"."""
    number = f"{Decimal(value).normalize():,f}"
    label = unit_label(unit)
    if unit_class(unit) == "currency":
        return f"{label}{number}"
    if unit == "%":
        return f"{number}%"
    return f"{number} {label}"


# Reading the words ------------------------------------------------------------------------


def _by_noun(noun: str, words: set[str]) -> str | None:
    if noun in CASE_NOUNS:
        return next((measure for measure, cues in CASE_CUES if cues & words), None)
    entry = COUNTED_NOUNS.get(noun)
    if entry is None:
        return None
    measure, cues = entry
    if cues is None or cues & words:
        return measure
    return None


def _by_rules(unit: str, noun: str | None, words: set[str]) -> str | None:
    for measure, classes, cues in RULES:
        if unit not in classes or not cues & words:
            continue
        if measure == "goods_seized_count" and (noun in NOT_GOODS or noun in COUNTED_NOUNS):
            continue  # "47 countries" in a seizure story are not goods
        return measure
    return None


def _counted_noun(unit: str) -> str:
    """The counted noun's lemma, roughly: "listings" -> "listing", "boxes" -> "box"."""
    word = (unit or "").lower()
    for noun in (word, _singular(word)):
        if noun in COUNTED_NOUNS or noun in CASE_NOUNS or noun in NOT_GOODS:
            return noun
    return _singular(word)


def _singular(word: str) -> str:
    if word.endswith(("people", "men", "women")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _words(text: str | None) -> set[str]:
    words = set(re.findall(r"[a-z]+", (text or "").lower()))
    return words | {_singular(word) for word in words}


def _lemmas(tokens) -> set[str]:
    words = set()
    for token in tokens:
        words.add(known_lemma(token, ALL_CUES))  # "fined" is "fine", whatever the tagger says
        words.add(token.lower_)
    return words


def _figure_token(doc, statistic: StatisticResult):
    """The number's token in the figure's clause: the match of ``FIGURE`` with its value."""
    span = statistic.span
    text = span.text
    for match in FIGURE.finditer(text):
        value = parse_value(match.group("number"), match.group("scale"))
        if value is None or value != statistic.value:
            continue
        start = span.start + match.start("number")
        found = doc.char_span(start, start + 1, alignment_mode="expand")
        if found is not None and len(found):
            return found[0]
    return None


# Dependencies through which a number reaches the noun phrase it belongs to.
_PHRASE_DEPS = frozenset(
    {"nummod", "quantmod", "compound", "pobj", "prep", "npadvmod", "appos", "amod", "nmod", "conj"}
)
_VERBAL = frozenset({"VERB", "AUX"})


def _words_near(token) -> set[str]:
    """The figure's phrase, the verb it belongs to with its particles, object and prepositional
    objects, and the verb's subject when the verb is a copula ("the fine was RMB10,000")."""
    top = token
    for _ in range(6):
        if top.head.i == top.i or top.head.pos_ in _VERBAL or top.dep_ not in _PHRASE_DEPS:
            break
        top = top.head
    near = set(_lemmas(t for t in top.subtree if t.dep_ not in ("relcl", "advcl")))
    verb = top.head if top.head.pos_ in _VERBAL else None
    if verb is None:
        return near
    near |= _lemmas([verb])
    for child in verb.children:
        if child.dep_ in ("prt", "dobj") and not top.left_edge.i <= child.i <= top.right_edge.i:
            near |= _lemmas([child])  # "shut down", "appraised the products at $2.9 million"
        if child.dep_ == "prep" and not top.left_edge.i <= child.i <= top.right_edge.i:
            near |= _lemmas(c for c in child.children if c.dep_ == "pobj")
        if child.dep_ in ("nsubj", "nsubjpass") and verb.lemma_ in ("be", "stand", "total"):
            near |= _lemmas([child])
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ == "NOUN":
        near |= _lemmas([verb.head])  # "goods seized worth ...": the goods
    return near


def _clause_words(doc, statistic: StatisticResult) -> set[str]:
    span = doc.char_span(statistic.span.start, statistic.span.end, alignment_mode="expand")
    return _lemmas(span) if span is not None else set()


def _event_kind(statistic: StatisticResult, events) -> str | None:
    """The kind of the event whose words hold the figure's number, or overlap them most."""
    best, best_overlap = None, 0
    for event in events:
        overlap = min(event.span.end, statistic.span.end) - max(
            event.span.start, statistic.span.start
        )
        if overlap > best_overlap:
            best, best_overlap = event.kind, overlap
    return best
