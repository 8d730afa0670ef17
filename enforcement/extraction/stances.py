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
from .lexicon import PHRASAL_SPEECH, SPEECH_VERBS
from .result import StatementResult

# The vocabulary (moves to lexicon.py with the extraction refactor) ----------------------

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

# Verbs whose lemma says the stance.
STANCE_VERBS = {
    **dict.fromkeys(
        """accuse allege blame criticize criticise condemn slam complain charge attack fault
        denounce lambast berate""".split(),
        "accusation",
    ),
    **dict.fromkeys("""vow pledge promise commit undertake""".split(), "commitment"),
    **dict.fromkeys("""urge demand ask press appeal request implore""".split(), "demand"),
    **dict.fromkeys("""deny reject dismiss refute counter rebut dispute""".split(), "denial"),
    **dict.fromkeys("""defend insist maintain argue contend justify""".split(), "defence"),
    **dict.fromkeys(
        """welcome praise applaud hail commend thank congratulate celebrate""".split(), "praise"
    ),
    **dict.fromkeys("""warn caution alert threaten""".split(), "warning"),
    **dict.fromkeys(
        """find reveal show estimate conclude identify discover indicate establish""".split(),
        "finding",
    ),
}
# Verbs that take their stance from a particle or preposition: "called on", "hit out at".
PHRASAL_STANCE_VERBS = {
    ("call", "on"): "demand",
    ("call", "upon"): "demand",
    ("call", "for"): "demand",
    ("push", "for"): "demand",
    ("call", "out"): "accusation",
    ("hit", "out"): "accusation",
    ("lash", "out"): "accusation",
    ("point", "out"): "finding",
}
# Verbs that report speech without saying how (their words decide).
NEUTRAL_VERBS = (
    frozenset(SPEECH_VERBS)
    | frozenset(PHRASAL_SPEECH)
    | frozenset(
        """
    say tell write add state note explain comment respond reply remark announce report
""".split()
    )
)
_VERB_LEMMAS = frozenset(STANCE_VERBS) | NEUTRAL_VERBS | {verb for verb, _ in PHRASAL_STANCE_VERBS}

# Words and phrases that say the stance under a neutral verb; phrases are separated by
# "|", and a word ending in "*" stands for any ending ("urge*": urges, urged, urging).
DENIAL_CUES = """
    not true | untrue | baseless | groundless | no evidence | deny | denies | denied
    | did not know | did not sell | never sold | never knew | never did
"""
DEFENCE_CUES = """
    we have always | has always | have always | track record | working hard | a lot of work
    | we have already | has devoted | we continue to | in its defence | in its defense
    | in our defence | in our defense
"""
COMMITMENT_CUES = """
    committed to | commitment | determined to | steadfast | look forward to
    | we will | we'll | we shall | we would | we are going to | i will | i'll | i would
"""
WARNING_CUES = """
    at risk | risk of | risk to | risks | danger* | threat* | harm* | warn* | beware
    | serious offence | deadly | concerned | serious concern* | important concern*
    | considerable concern*
"""
DEMAND_CUES = """
    need to | needs to | must | should | have to | has to | ought to | call on | calls on
    | urge* | it is time | got to | indispensable | essential | vital | crucial
"""
ACCUSATION_CUES = """
    fail* | not doing enough | not enough | blame* | incomprehensible | not transparent
    | misled | mislead* | steal* | stolen | greed | decimated | lagging | inadequate
    | not improved | ambiguous | complicit | tolerat* | outdated | futile | lax
"""
PRAISE_CUES = """
    welcome* | pleased | delighted | applaud* | prais* | commend* | grateful | thank*
    | congratulat* | proud | meaningful | a whole lot more
"""
FINDING_CUES = """
    per cent | percent | found | finds | show | shows | showed | revealed | data | survey
    | estimate*
"""
# The order they are tried in: the first stance whose cue appears wins.
WORD_CUES = (
    ("denial", DENIAL_CUES),
    ("defence", DEFENCE_CUES),
    ("commitment", COMMITMENT_CUES),
    ("warning", WARNING_CUES),
    ("demand", DEMAND_CUES),
    ("accusation", ACCUSATION_CUES),
    ("praise", PRAISE_CUES),
    ("finding", FINDING_CUES),
)


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
# A cue right after one of these says the opposite: "no longer need to", "not meaningful".
NEGATIONS = frozenset("""not no never n't nor longer hardly""".split())
# A number in the words: a figure is reported, which is what a finding is.
_NUMBER = re.compile(r"\d")
# The future said of oneself or a named party ("Alibaba would boost ..."): a commitment.
FUTURE_AUXILIARIES = frozenset("""will would shall""".split())
PARTY_PRONOUNS = frozenset("""we i it they he she""".split())
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
