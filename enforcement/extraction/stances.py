"""Stage 9: what kind of statement each one is, from its verb and its words.

``STANCES`` are the kinds a reader filters by: an accusation, a commitment
("vowed", "pledged", "committed to", "promised"), a demand ("urged", "called
on", "demanded"), a denial, a defence of one's own record, praise or welcome,
a warning, a finding (what a report or an investigation established), other.
The rule:

1. **The verb that reports it**, when it says the stance: "accused", "vowed",
   "urged", "denied", "defended", "welcomed", "warned", "found" (``STANCE_VERBS``;
   phrasal ones such as "called on", "hit out at" in ``PHRASAL_STANCE_VERBS``).
   The verb is the statement's own first word ("urged Alibaba to ..."), the
   verb its words hang from ("Ma told SAIC that ..."), or the speech verb of the
   sentence a quotation stands in ("..., he warned").
2. **Otherwise its words**, for a neutral verb ("said", "told", "wrote"),
   tried in the order of ``WORD_CUES``: a denial ("not true"), a defence of a
   record ("we have always", "track record"), a commitment ("we will", "is
   committed to"; a future said of oneself or of a named party), a demand
   ("need to", "must", "should"), a warning ("risk", "threat", "dangerous"), an
   accusation ("failed to", "fraud", "not doing enough"), praise ("welcome",
   "pleased"), a finding (a number, "found", "shows").
3. Otherwise "other".
"""

from __future__ import annotations

import re

from . import lexicon
from .lemmas import known_lemma
from .lexicon import (
    FUTURE_AUXILIARIES,
    NEGATIONS,
    NEUTRAL_VERBS,
    PARTY_PRONOUNS,
    PHRASAL_STANCE_VERBS,
    STANCE_VERBS,
    WORD_CUES,
)
from .result import StatementResult

# The stances (the words that tell them are in lexicon.py) -------------------------------

STANCES = {
    "accusation": "Accusation",
    "commitment": "Commitment",
    "demand": "Demand",
    "denial": "Denial",
    "defence": "Defence",
    "praise": "Praise or welcome",
    "warning": "Warning",
    "finding": "Finding",
    "other": "Other",
}
OTHER = "other"

_VERB_LEMMAS = frozenset(STANCE_VERBS) | NEUTRAL_VERBS | {verb for verb, _ in PHRASAL_STANCE_VERBS}


def _cue_pattern(phrases: str) -> re.Pattern:
    alternatives = []
    for phrase in phrases.split("|"):
        words = [
            re.escape(word.rstrip("*")) + (r"\w*" if word.endswith("*") else "")
            for word in phrase.split()
        ]
        alternatives.append(r"\s+".join(words))
    return re.compile(rf"\b(?:{'|'.join(alternatives)})\b", re.IGNORECASE)


_CUES = [(stance, _cue_pattern(phrases)) for stance, phrases in WORD_CUES]
# A number in the words: a figure is reported, which is what a finding is.
_NUMBER = re.compile(r"\d")
PARTY_NOUNS = (
    frozenset(lexicon.COMPANY_NOUNS)
    | frozenset(lexicon.REGULATOR_NOUNS)
    | frozenset(lexicon.ASSOCIATION_NOUNS)
)


def add_stances(doc, statements: list[StatementResult]) -> None:
    """Set ``stance`` on every statement; nothing else is changed."""
    for statement in statements:
        statement.stance = stance_of(doc, statement)


def stance_of(doc, statement: StatementResult) -> str:
    span = doc.char_span(statement.span.start, statement.span.end, alignment_mode="expand")
    if span is None or not len(span):
        return _by_words(statement.span.text, None)
    verb = reporting_verb(span)
    if verb is not None:
        stance = _by_verb(verb)
        if stance is not None:
            return stance
    return _by_words(statement.span.text, span)


def reporting_verb(span):
    """The verb that reports the statement: its own first word ("urged ..."), the verb
    its words hang from ("told SAIC that ..."), or the speech verb of its sentence."""
    for own in (span[0], span.root):
        if own.i - span.start <= 2 and _is_reporting(own):
            return own  # "urged Alibaba to ...", "has called on legislators to ..."
    for ancestor in span.root.ancestors:
        if not span.start <= ancestor.i < span.end and _is_reporting(ancestor):
            return ancestor
    doc = span.doc
    sentences = range(span[0].sent.start, span[-1].sent.end)
    outside = [doc[i] for i in sentences if not span.start <= i < span.end]
    verbs = [t for t in outside if _is_reporting(t)]
    return min(verbs, key=lambda t: min(abs(t.i - span.start), abs(t.i - span.end)), default=None)


def _is_reporting(token) -> bool:
    return token.pos_ in ("VERB", "AUX") and _lemma(token) in _VERB_LEMMAS


def _lemma(token) -> str:
    return known_lemma(token, _VERB_LEMMAS)


def _by_verb(verb) -> str | None:
    lemma = _lemma(verb)
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "advmod")}
    for particle in particles:
        stance = PHRASAL_STANCE_VERBS.get((lemma, particle))
        if stance is not None:
            return stance
    if lemma in ("call", "push", "hit", "lash", "point"):
        return None  # "called" alone is neither a call on nor a call out
    return STANCE_VERBS.get(lemma)


def _by_words(text: str, span) -> str:
    for stance, pattern in _CUES:
        if stance == "commitment" and span is not None and _future_of_a_party(span):
            return stance
        if any(not _negated(text, match.start()) for match in pattern.finditer(text)):
            return stance
    return "finding" if _NUMBER.search(text) else OTHER


def _negated(text: str, start: int) -> bool:
    before = re.findall(r"[a-z']+", text[max(0, start - 20) : start].lower())[-2:]
    return any(word in NEGATIONS or word.endswith("n't") for word in before)


def _future_of_a_party(span) -> bool:
    """ "Alibaba would boost collaboration", "it will interview staff": a future act of a
    party, not a prediction about things ("the battle will be a lengthy one", "the probe
    would likely impact ...") nor a condition ("if ..., society would not have agreed")."""
    if any(t.lower_ in ("if", "unless") for t in span):
        return False
    for token in span:
        if token.lower_ not in FUTURE_AUXILIARIES or token.head.lemma_ == "be":
            continue
        for subject in (c for c in token.head.children if c.dep_ == "nsubj"):
            if subject.pos_ == "PROPN" or subject.lower_ in PARTY_PRONOUNS:
                return True
            if subject.lemma_.lower() in PARTY_NOUNS and any(
                c.lower_ == "the" for c in subject.children
            ):
                return True  # "the company would employ ..."
    return False
