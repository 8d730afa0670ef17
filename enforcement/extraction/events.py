"""Stage 6: enforcement events with kind, date and participants.

An event is found from a trigger word and what it governs: "removed ...
listings" is a takedown, "released a white paper" a report, "filed a lawsuit"
a lawsuit, "called on legislators" advocacy; nouns tell events too ("ended with
156 arrests", "a six-month jail sentence"). Triggers inside quotations, under a
modal ("should get penalties"), in a condition ("if we imposed"), after "failed
to" or "fends off", or in a headline's "Retailer to close stores" did not
happen and are skipped. Several acts of different kinds in one sentence are
several events ("arrested five people and seized ..."); one kind is one event
per sentence, and an event noun that frames a verb's act ("seized 2,500 tons
through a joint operation") is that act's, not an event of its own.

An event told again is one event: a noun with "the" after its kind was told, an
act on "the shipment" whose date lies within the first telling's, a lawsuit or
ruling the story returns to, a headline that restates the body.

The date comes from the words of the trigger's clause (or a clause it hangs
from, but not from the verb that reports it: "arrested ..., Europol announced on
Thursday" is the day it was told), resolved against the publication date by
``dates.find_dates``. An act with no time words of its own in a dated paper took
place in the story's time: the month the story's recent dates lie in ("between
June 9 and 16" makes the operation's other results June too), unless it is told
as earlier ("had been suspended", "previously sought"). The participants are the regulators and
actors named in that clause; a passive or agentless act with no body named
("were arrested") is the story's body of that sort (police, customs, a court).
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from . import lexicon, references
from .clauses import clause_tokens, governing_verb, memo, span_of, text_of
from .dates import DAY, YEAR, DateMention, PartialDate, covering, find_dates
from .lemmas import known_lemma
from .result import EventResult
from .statements import MIN_QUOTE_WORDS, find_quotes

# How far back a date may lie and still be the time of the story a paper tells.
STORY_DAYS = 62
_WHOLE_CLAUSE = 10_000  # no window limit: the whole clause
_VERBAL = ("VERB", "AUX")


@dataclass
class _Trigger:
    token: object
    kind: str
    is_verb: bool
    # Other words of the sentence that tell the same act: "was found at a warehouse, where
    # they confiscated ... on Aug. 26" (the date may be theirs).
    also: list = field(default_factory=list)


@dataclass
class _Told:
    """An event as found, with what the later steps need to know about its telling."""

    event: EventResult
    trigger: _Trigger
    when: DateMention | None  # the words its date came from
    in_head: bool  # told in a headline line above the story
    retold: bool  # its act is done to something told before: "seized the shipment"
    earlier: bool  # told as before the story's time: "had been suspended"
    passive: bool = False  # no doer named as its subject: "were arrested"


def find_events(doc, found, published) -> list[EventResult]:
    text = text_of(doc)
    dates = memo(doc, ("dates", published), lambda: find_dates(text, published))
    quoted = bytearray(len(text))
    for start, end in memo(doc, "quotes", lambda: find_quotes(text)):
        if len(text[start:end].split()) >= MIN_QUOTE_WORDS:
            quoted[start:end] = b"\x01" * (end - start)
    body = _body_start(text)
    told: list[_Told] = []
    seen_kinds: set[str] = set()
    seen_lemmas: set[str] = set()
    notices: set[str] = set()  # lemmas of nouns that were found to be no event
    for block in _blocks(doc):
        triggers = _triggers(block, found, quoted, seen_kinds, seen_lemmas, notices)
        seen_kinds.update(t.kind for t in triggers)
        seen_lemmas.update(t.token.lemma_.lower() for t in triggers)
        for trigger in triggers:
            item = _tell(trigger, block, found, dates, body)
            if item is not None:
                told.append(item)
    told = _without_restated_headlines(told)
    told = _without_retellings(told)
    told = _merge_repeats(told)
    _date_from_the_story(told, dates, published, body)
    _stand_in_regulators(told, found)
    return [item.event for item in told]


def _triggers(block, found, quoted, seen_kinds, seen_lemmas, notices) -> list[_Trigger]:
    """The triggers of one sentence (or of the part of it in one paragraph), in text order."""
    candidates: list[_Trigger] = []
    if _is_a_question(block):
        return []  # "Why do fakes still sell?": a heading or a question, not a fact
    for token in block:
        if token.idx < len(quoted) and quoted[token.idx] or found.at(token.i) is not None:
            continue  # words inside quotes, or part of a name ("Bureau of Investigation")
        kind = trigger_kind(token, found)
        if kind is None:
            if token.pos_ == "NOUN":
                lemma = token.lemma_.lower()
                if lemma in lexicon.NOUN_KINDS and _is_a_notice(token, found):
                    notices.add(lemma)
            continue
        lemma = token.lemma_.lower()
        if not _happened(token, kind) or _names_a_role(token):
            continue
        if token.pos_ != "VERB" and _is_definite(token):
            if kind in seen_kinds or lemma in seen_lemmas or lemma in notices:
                continue  # "the letter", "the meeting", "the seizure": one already told
            if token.head.lemma_.lower() in lexicon.REACTION_VERBS:
                continue  # "Pfizer welcomed the verdict": a reaction, not a new event
        candidates.append(_Trigger(token, kind, token.pos_ == "VERB"))
    verbs = {t.token.i: t for t in candidates if t.is_verb}
    chosen: dict[str, _Trigger] = {}
    extra: list[_Trigger] = []
    for trigger in candidates:
        frame = None if trigger.is_verb else _framed_act(trigger.token, verbs)
        if frame is not None:
            if frame.kind == "other":
                frame.kind = trigger.kind  # "called out ... in a hearing": the hearing says what
            continue
        current = chosen.get(trigger.kind)
        if current is not None and _separate_initiative(current, trigger):
            extra.append(trigger)
        elif current is None or trigger.is_verb and not current.is_verb:
            chosen[trigger.kind] = trigger
            if current is not None:
                trigger.also = [*current.also, current.token]
        else:
            current.also.append(trigger.token)
    return sorted([*chosen.values(), *extra], key=lambda t: t.token.i)


def _names_a_role(token) -> bool:
    """ "Mr Davies, prosecuting for the council, told the court": a person's part, no act."""
    doc = token.doc
    return (
        token.tag_ == "VBG"
        and token.i >= 2
        and doc[token.i - 1].text == ","
        and doc[token.i - 2].pos_ == "PROPN"
    )


def _is_a_question(block) -> bool:
    last = next((t for t in reversed(block) if not t.is_space), None)
    return last is not None and last.text == "?"


def _framed_act(token, verbs: dict[int, _Trigger]) -> _Trigger | None:
    """The verb trigger whose act an event noun frames: "seized ... through a joint
    operation", "in one of the major raids, police recovered ...", "the crackdown came when
    police unearthed ..."."""
    head = token.head
    if token.dep_ == "nsubj" and head.lemma_.lower() in lexicon.OCCURRING_VERBS:
        for clause in (c for c in head.children if c.dep_ == "advcl"):
            if clause.i in verbs:
                return verbs[clause.i]  # "the crackdown came when police unearthed a unit"
    framed = False
    current = token
    while current.head.i != current.i and current.pos_ not in _VERBAL:
        current = current.head
        # the small model tags a sentence-initial "Upon" SCONJ, still a preposition by its arc
        preposition = current.pos_ == "ADP" or current.dep_ == "prep"
        framed = framed or preposition and current.lower_ in lexicon.FRAME_PREPOSITIONS
    return verbs.get(current.i) if framed else None


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_HEAD_LINE_WORDS = 20
_SHORT_LINE_WORDS = 6


def _paragraph_starts(text: str) -> list[int]:
    """Where paragraphs begin: after a blank line, unless the line before ends with a comma
    (a wire's broken line, "filed by Gucci,\n\nYves Saint Laurent")."""
    starts = [0]
    for match in _PARAGRAPH_BREAK.finditer(text):
        if not text[: match.start()].rstrip().endswith(","):
            starts.append(match.end())
    return starts


def _blocks(doc):
    """The doc's sentences, each cut where a paragraph ends inside it: a headline the
    parser ran into the lead is a sentence of its own."""
    starts = memo(doc, "paragraph starts", lambda: _paragraph_starts(text_of(doc)))
    for sent in doc.sents:
        begin = sent.start
        paragraph = bisect.bisect_right(starts, sent[0].idx)
        for token in sent:
            where = bisect.bisect_right(starts, token.idx)
            if where != paragraph and not token.is_space:
                if token.i > begin:
                    yield doc[begin : token.i]
                begin, paragraph = token.i, where
        if sent.end > begin:
            yield doc[begin : sent.end]


def _body_start(text: str) -> int:
    """Where the story begins below the headline lines the metadata stage left in the text
    (a masthead, a date line, a headline): paragraphs of short lines with no full stop."""
    offset = 0
    for paragraph in _PARAGRAPH_BREAK.split(text):
        lines = [line.strip() for line in paragraph.strip().split("\n") if line.strip()]
        if lines and all(_is_head_line(line) for line in lines):
            offset = text.index(paragraph, offset) + len(paragraph)
            continue
        break
    return offset


def _is_head_line(line: str) -> bool:
    words = len(line.split())
    if words > _HEAD_LINE_WORDS:
        return False
    return words <= _SHORT_LINE_WORDS or not re.search(r"[.!?][\"'”’)]?$", line)


def _tell(trigger: _Trigger, block, found, dates, body: int) -> _Told | None:
    token = trigger.token
    tokens = clause_tokens(token, before=12, after=25, within=block)
    tokens = _with_described_noun(token, tokens, block)
    span = span_of(tokens)
    if span is None or len(tokens) < 3:
        return None
    regulators, actors = [], []
    for t in tokens:
        entity = found.at(t.i)
        if (
            entity is None
            and t.dep_ in ("nsubj", "nsubjpass", "pobj")
            and t.pos_ in ("PRON", "NOUN")
        ):
            entity = references.resolve(t, found)
        if entity is None and t.lower_ in ("which", "who", "that") and t.head.dep_ == "relcl":
            entity = references.resolve(t.head.head, found)  # "the SAIC, which released ..."
        if entity is None:
            continue
        bucket = regulators if entity.is_regulator else actors
        if entity.name not in bucket:
            bucket.append(entity.name)
    when = _date_for(token, tokens, dates, block)
    for other in trigger.also if when is None else ():
        other_tokens = clause_tokens(other, before=12, after=25, within=block)
        when = _date_for(other, other_tokens, dates, block)
        if when is not None:
            break
    event = EventResult(
        kind=trigger.kind,
        span=span,
        date=when.date if when else None,
        regulators=regulators,
        actors=actors,
    )
    return _Told(
        event,
        trigger,
        when,
        in_head=span.start < body,
        retold=trigger.is_verb and _acts_on_something_told(token),
        earlier=_told_as_earlier(token),
        passive=_has_no_doer(token, found),
    )


def trigger_kind(token, found) -> str | None:
    """The kind of event ``token`` announces, if it is a trigger."""
    pos = token.pos_
    if pos == "VERB":
        return _verb_kind(token, known_lemma(token, TRIGGER_VERBS), found)
    if pos != "NOUN" and pos != "PROPN":
        return None  # the cheap test first: most words are neither
    if pos == "PROPN" and _names_an_effort(token):
        return "program"
    if token.dep_ != "compound":
        return _noun_kind(token, token.lemma_.lower(), found)
    return None


def _spoken_through(document, found) -> bool:
    """ "Amazon said in its annual report", "according to its 2023 report": a body's own
    report that the story quotes is the report's publication."""
    prep = document.head
    if document.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    speaking = (prep.lower_ == "to" and prep.head.lower_ == "according") or (
        prep.lower_ == "in" and known_lemma(prep.head, lexicon.SPEECH_VERBS) in lexicon.SPEECH_VERBS
    )
    return speaking and references.author_of(document, found) is not None


def _names_an_effort(token) -> bool:
    """ "Operation Opson IV involved officials ...": a named operation that acts is the
    operation itself (only as the subject: "dubbed Operation Opson IV" names it)."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    first = token
    while True:
        before = [c for c in first.children if c.dep_ == "compound" and c.i < first.i]
        if not before:
            break
        first = before[0]
    return first.i < token.i and first.text in lexicon.EFFORT_NAME_WORDS


def _objects(token) -> set[str]:
    """Lemmas of what a verb acts on: objects, passive subjects, the noun it modifies."""
    words = set()
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
            words.add(child.lemma_.lower())
            words.update(c.lemma_.lower() for c in child.children if c.dep_ in ("conj", "compound"))
            for of in (c for c in child.children if c.dep_ == "prep" and c.lower_ in ("of", "in")):
                # "10 tonnes of counterfeit goods", "thousands of listings": the goods count;
                # "$5 million in damages": what the sum is
                words.update(p.lemma_.lower() for p in of.children if p.dep_ == "pobj")
            if child.lemma_.lower() not in lexicon.TRADE_NOUNS and any(
                m.dep_ == "amod" and m.lower_ in lexicon.FAKE_WORDS for m in child.children
            ):
                words.add("fake")  # "600 fake handbags": goods, whatever they are
        if child.dep_ == "prep":
            words.update(c.lemma_.lower() for c in child.children if c.dep_ == "pobj")
    if token.dep_ in ("acl", "relcl") and token.head.pos_ in ("NOUN", "PROPN"):
        words.add(token.head.lemma_.lower())
    return words


def _particles(token) -> set[str]:
    """ "call on", "take down", and the "for" of "calling for the government to act"."""
    words = {c.lower_ for c in token.children if c.dep_ in ("prt", "prep", "advmod")}
    for child in token.children:
        if child.dep_ in ("advcl", "ccomp", "xcomp") and child.i > token.i:
            words.update(
                m.lower_ for m in child.children if m.dep_ == "mark" and m.i == token.i + 1
            )
    return words


class _Verb(NamedTuple):
    """A verb that may announce an event, with what the rules ask of it."""

    token: object
    lemma: str
    objects: set[str]  # lemmas of what it acts on (``_objects``)
    particles: set[str]  # its particles and prepositions (``_particles``)
    found: object


# Conditions that are not "it acts on one of these words": each reads a ``_Verb``.
def _names_a_list(verb: _Verb) -> bool:
    # "added Taobao to its list" (the verb itself is no list: "a U.S. listing by a firm")
    return any(
        t.i != verb.token.i
        and (t.lower_ in lexicon.LIST_NOUNS or t.lemma_.lower() in lexicon.LIST_NOUNS)
        for t in verb.token.subtree
    )


def _works_towards_an_end(verb: _Verb) -> bool:
    # "has been working with Alibaba to remove fake goods"
    return any(c.dep_ in ("xcomp", "advcl") for c in verb.token.children)


def _complaint_out_of_court(verb: _Verb) -> bool:
    return "complaint" in verb.objects and not _mentions(verb.token, {"court"})


def _finds_guilty(verb: _Verb) -> bool:
    return any(c.lower_ in lexicon.VERDICT_WORDS for c in verb.token.children)


def _court_is_subject(verb: _Verb) -> bool:
    return _subject_is_court(verb.token, verb.found)


def _aims_at_the_state(verb: _Verb) -> bool:
    return _advocacy_target(verb.token, verb.found)


def _rules_outside_a_court(verb: _Verb) -> bool:
    # "rules" of a company, not a court's ruling
    return not _subject_is_court(verb.token, verb.found) and verb.token.dep_ != "ROOT"


def _charges_a_fee(verb: _Verb) -> bool:
    # "charged with fraud" is a prosecution, "charged a fee" is not
    token = verb.token
    return not (token.tag_ == "VBN" or any(c.lower_ == "with" for c in token.children))


def _destroys_no_goods(verb: _Verb) -> bool:
    return not verb.objects & lexicon.GOODS_OBJECTS


def _describes_goods(verb: _Verb) -> bool:
    # "goods seized coming into the US" describes goods, not a seizure
    return verb.token.dep_ == "acl" and not _has_agent(verb.token)


def _describes_a_document(verb: _Verb) -> bool:
    return verb.token.dep_ == "acl"  # "a report accusing Alibaba" is the report


def _publishes_a_document(verb: _Verb) -> bool:
    # "released a report", "a study was published", "a statement released by the agency";
    # "submitted the items for review" sends goods to be examined: what a verb is *for* is
    # no document it publishes
    token = verb.token
    if token.dep_ in ("acl", "relcl") and token.head.lemma_.lower() in lexicon.REPORT_OBJECTS:
        return True
    return any(
        c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")
        and (c.lemma_.lower() in lexicon.REPORT_OBJECTS or c.lower_ in lexicon.REPORT_OBJECTS)
        for c in verb.token.children
    )


def _orders_a_payment(verb: _Verb) -> bool:
    # "ordered Ms Lee to pay £1,000 towards costs", "was ordered to do unpaid work"
    return any(
        c.dep_ in ("xcomp", "ccomp", "conj") and c.lemma_.lower() in lexicon.PAYMENT_VERBS
        for t in (verb.token, *(c for c in verb.token.children if c.dep_ in ("xcomp", "ccomp")))
        for c in (t, *t.children)
        if c is not verb.token
    )


def _a_court_bans_someone(verb: _Verb) -> bool:
    # "the judge banned her from advertising" (a platform banning sellers is a takedown)
    return _subject_is_court(verb.token, verb.found) or bool(
        verb.objects & lexicon.PEOPLE_NOUNS and "from" in verb.particles
    )


def _acts_on_people(verb: _Verb) -> bool:
    # "detained five people": an arrest; "detained the shipment": a seizure
    if verb.objects & lexicon.PEOPLE_NOUNS:
        return True
    for child in verb.token.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            entity = references.entity_in(child, verb.found)
            if entity is not None and entity.kind == "person":
                return True
    return False


def _a_document_is_subject(verb: _Verb) -> bool:
    # "the study examined 500 listings" describes a document, not an inspection
    return any(
        c.dep_ == "nsubj" and c.lemma_.lower() in lexicon.DOCUMENT_SUBJECTS
        for c in verb.token.children
    )


Condition = frozenset[str] | Callable[[_Verb], bool] | None
ALWAYS: Condition = None
_SEIZING_OR_INVESTIGATING = frozenset(
    verb for verb, kind in lexicon.VERB_KINDS.items() if kind in ("seizure", "investigation")
)

# The kind a verb announces, by verb family, particle and what it acts on. The first row
# whose verbs hold the lemma, whose particles (if any) the verb has one of, and whose
# condition holds gives the kind; a kind of None means "not an event" and ends the search.
# A condition is a set of words one of which the verb must act on, or a predicate above.
# Verbs no row decides take their kind from ``lexicon.VERB_KINDS``.
VERB_RULES: tuple[tuple[frozenset[str], frozenset[str] | None, Condition, str | None], ...] = (
    # verbs                            particles             condition                 kind
    (lexicon.BANNING_VERBS, None, _a_court_bans_someone, "ruling"),
    (lexicon.TAKEDOWN_VERBS, None, lexicon.TAKEDOWN_OBJECTS, "takedown"),
    (lexicon.TAKEDOWN_VERBS, None, ALWAYS, None),
    (lexicon.PHRASAL_TAKEDOWN_VERBS, lexicon.DOWN, lexicon.TAKEDOWN_OBJECTS, "takedown"),
    (lexicon.PHRASAL_TAKEDOWN_VERBS, lexicon.DOWN, ALWAYS, None),
    (lexicon.LISTING_BY_ITSELF_VERBS, None, ALWAYS, "listing"),
    (lexicon.LISTING_VERBS, None, _names_a_list, "listing"),
    (lexicon.PUBLISHING_VERBS, None, lexicon.PUBLISHED_LISTS, "listing"),
    (lexicon.PUBLISHING_VERBS, None, _publishes_a_document, "report"),
    (lexicon.LAUNCH_VERBS, None, lexicon.PROGRAM_OBJECTS, "program"),
    (lexicon.FILING_VERBS, None, _complaint_out_of_court, "complaint"),
    (lexicon.FILING_VERBS, None, lexicon.CRIMINAL_FILINGS, "prosecution"),
    (lexicon.FILING_VERBS, None, lexicon.LEGAL_OBJECTS, "lawsuit"),
    # Only now what a verb of several families acts on has told none of them: "unveiled a
    # tool" is a programme, "launched a lawsuit" a lawsuit.
    (lexicon.PUBLISHING_VERBS, None, ALWAYS, None),
    (lexicon.LAUNCH_VERBS, None, ALWAYS, None),
    (lexicon.PHRASAL_LAUNCH_VERBS, lexicon.UP_OR_OUT, lexicon.PROGRAM_OBJECTS, "program"),
    (lexicon.PHRASAL_LAUNCH_VERBS, lexicon.UP_OR_OUT, ALWAYS, None),
    (lexicon.STEP_UP_VERBS, None, lexicon.CAMPAIGN_OBJECTS, "program"),
    (lexicon.WORKING_VERBS, lexicon.WITH, _works_towards_an_end, "program"),
    (lexicon.SEEKING_VERBS, None, lexicon.REDRESS_OBJECTS, "lawsuit"),
    (lexicon.DISMISSING_VERBS, None, lexicon.LEGAL_OBJECTS, "ruling"),
    (lexicon.WINNING_VERBS, None, lexicon.LEGAL_OBJECTS, "ruling"),
    (lexicon.FINDING_OF_FACT_VERBS, None, _finds_guilty, "ruling"),
    (lexicon.DISCOVERY_VERBS, None, _a_document_is_subject, None),
    (lexicon.DISCOVERY_VERBS, None, lexicon.HAUL_OBJECTS, "seizure"),
    (lexicon.DISCOVERY_VERBS, None, lexicon.CASE_OBJECTS, "investigation"),
    (lexicon.REGISTERING_VERBS, None, lexicon.CHARGE_OBJECTS, "prosecution"),
    (lexicon.ORDERING_VERBS, None, _orders_a_payment, "penalty"),
    (lexicon.COURT_ORDER_VERBS, None, _court_is_subject, "ruling"),
    (lexicon.JOINING_VERBS, None, lexicon.FORCES, "agreement"),
    (lexicon.AGREEING_VERBS, None, ALWAYS, "agreement"),
    (lexicon.SIGNING_VERBS, None, lexicon.AGREEMENT_OBJECTS, "agreement"),
    (lexicon.SIGNING_VERBS, None, ALWAYS, None),
    (lexicon.REBUKING_VERBS, lexicon.OUT, ALWAYS, "other"),  # "called out Alibaba"
    (lexicon.CALLING_VERBS, lexicon.FOR_OR_ON, _aims_at_the_state, "advocacy"),
    (lexicon.CALLING_VERBS, lexicon.FOR_OR_ON, ALWAYS, None),
    (lexicon.DEMAND_VERBS, None, _aims_at_the_state, "advocacy"),
    (lexicon.DEMAND_VERBS, None, ALWAYS, None),
    (lexicon.WARNING_VERBS, None, lexicon.PUBLIC_NOUNS, "advocacy"),
    (lexicon.WARNING_VERBS, None, ALWAYS, None),
    (lexicon.BREAKUP_VERBS, None, lexicon.NETWORK_OBJECTS, "investigation"),
    (lexicon.BUSTING_VERBS, None, lexicon.PREMISES_OBJECTS, "seizure"),
    (lexicon.BREAKUP_VERBS, None, ALWAYS, None),
    (lexicon.DETAINING_VERBS, None, _acts_on_people, "prosecution"),
    (lexicon.HOLDING_VERBS, None, _finds_guilty, "ruling"),
    (lexicon.HOLDING_VERBS, None, _acts_on_people, "prosecution"),
    (lexicon.EXECUTING_VERBS, None, lexicon.WARRANT_OBJECTS, "seizure"),
    (lexicon.FOLLOWING_VERBS, lexicon.UP_OR_INTO, ALWAYS, "investigation"),
    (lexicon.EXAMINING_VERBS, None, _a_document_is_subject, None),
    (frozenset({"rule"}), None, _rules_outside_a_court, None),
    (frozenset({"charge"}), None, _charges_a_fee, None),
    (frozenset({"destroy"}), None, _destroys_no_goods, None),
    (_SEIZING_OR_INVESTIGATING, None, _describes_goods, None),
    (frozenset({"accuse"}), None, _describes_a_document, None),
)
TRIGGER_VERBS = frozenset(lexicon.VERB_KINDS).union(*(verbs for verbs, *_ in VERB_RULES))
# The rows of each verb, in table order: a verb is checked against its own rows only.
_RULES_OF = {lemma: tuple(row for row in VERB_RULES if lemma in row[0]) for lemma in TRIGGER_VERBS}


def _holds(condition: Condition, verb: _Verb) -> bool:
    if condition is None:
        return True
    if isinstance(condition, frozenset):
        return bool(verb.objects & condition)
    return condition(verb)


def _verb_kind(token, lemma: str, found) -> str | None:
    """The first row of ``VERB_RULES`` that fits gives the kind, else ``VERB_KINDS``."""
    rules = _RULES_OF.get(lemma)
    if rules is None:
        return None  # not a trigger verb: no row and no kind
    verb = _Verb(token, lemma, _objects(token), _particles(token), found)
    for _, particles, condition, kind in rules:
        if (particles is None or verb.particles & particles) and _holds(condition, verb):
            return kind
    return lexicon.VERB_KINDS.get(lemma)


def _noun_kind(token, lemma: str, found) -> str | None:
    if lemma in lexicon.SUBMISSION_NOUNS:
        # "in comments given to the U.S. Commerce Department"
        return "advocacy" if _addressed_to_a_body(token, found) else None
    kind = lexicon.NOUN_KINDS.get(token.lower_, lexicon.NOUN_KINDS.get(lemma))
    if kind is not None and _in_a_title(token):
        return None  # "coordinator of investigations in Europe" is a person's post
    if lemma == "hearing" and not _legislative(token, found):
        return None  # a court's hearing is the case's, not a meeting
    if lemma in lexicon.OPERATION_NOUNS and not any(
        found.at(t.i) is not None and found.at(t.i).is_regulator for t in token.sent
    ):
        return None  # a company's "operations" are not a police operation
    if kind is None:
        if lemma in lexicon.NOTORIOUS_LISTS and _mentions(token, {"notorious"}):
            return "listing"
        return None
    if kind == "report":
        head = token.head
        from_outlet = any(found.is_outlet(t.i) for t in token.subtree)
        if from_outlet or not (
            head.lemma_.lower() in lexicon.FINDING_VERBS
            and token.dep_ == "nsubj"
            or any(
                c.dep_ == "prep" and c.lower_ in lexicon.AUTHOR_PREPOSITIONS for c in token.children
            )
            or _spoken_through(token, found)
        ):
            return None
        return kind
    if kind == "complaint" and _is_a_notice(token, found):
        return None  # "letters from U.S. Customs": a body's notices, not a complaint
    if kind == "complaint" and lemma == "letter":
        return "advocacy" if any(c.lower_ == "open" for c in token.children) else "complaint"
    if kind == "penalty" and any(c.lower_ in lexicon.COMPARATIVES for c in token.children):
        return None
    if kind == "penalty" and _what_the_law_allows(token):
        return None
    if kind != "advocacy" and _asked_for(token):
        return None  # "pushed for tougher penalties": the penalties are asked for, not imposed
    if _measured(token):
        return None  # "63 per cent of customs seizures", "a report on seizures"
    if token.dep_ == "nsubj" and token.head.lemma_.lower() in lexicon.CHANGE_VERBS:
        return None  # "IPR seizures increased 8 percent": a figure, not an act
    if kind == "program" and lemma == "launch" and not _mentions(token, lexicon.PROGRAM_OBJECTS):
        return None
    if (
        kind == "program"
        and lemma == "campaign"
        and token.head.lemma_.lower() in lexicon.CAMPAIGN_REQUEST_VERBS
    ):
        return None
    if lemma == "deal" and token.head.lemma_.lower() in lexicon.QUANTITY_DEAL_WORDS:
        return None
    if kind == "advocacy" and lemma in ("push", "call"):
        has_for = any(c.dep_ == "prep" and c.lower_ in ("for", "on") for c in token.children)
        return kind if has_for and _advocacy_target(token, found) else None
    return kind


def _what_the_law_allows(token) -> bool:
    """ "a maximum penalty of ...", "the maximum penalty is a fine of $500,000": the range a
    law sets, not a penalty imposed."""
    if any(c.lower_ in lexicon.STATUTORY_LIMITS for c in token.children):
        return True
    head = token.head
    if token.dep_ == "attr" and head.lemma_ == "be":
        return any(
            c.dep_ == "nsubj" and any(g.lower_ in lexicon.STATUTORY_LIMITS for g in c.children)
            for c in head.children
        )
    return False


def _legislative(token, found) -> bool:
    """A hearing of a legislature: "a congressional hearing", "called out by the Committee
    chairman in a hearing"."""
    for t in token.sent:
        entity = found.at(t.i)
        if entity is not None and entity.is_regulator and entity.kind == "legislature":
            return True
        if t.lower_ in lexicon.LEGISLATIVE_WORDS:
            return True
    return False


def _asked_for(token) -> bool:
    left = _left_conjunct(token)
    if left is not None and _asked_for(left):
        return True  # "seeking damages and an injunction", however the parser joins them
    for ancestor in token.ancestors:
        lemma = ancestor.lemma_.lower()
        if lemma in lexicon.ADVOCACY_VERBS and (
            lemma not in lexicon.CALLING_VERBS or _particles(ancestor) & lexicon.FOR_OR_ON
        ):
            return True  # "called for tougher penalties" (but "called out in a hearing")
    return False


def _left_conjunct(token):
    """The noun before "and" or "or" that ``token``'s phrase follows: "damages and an
    injunction" (the small model sometimes hangs the second from the verb)."""
    if token.dep_ != "conj":
        return None
    i = token.left_edge.i - 1
    doc = token.doc
    if i < 0 or doc[i].dep_ != "cc":
        return None
    i -= 1
    while i >= 0 and doc[i].is_punct:
        i -= 1
    return doc[i] if i >= 0 and doc[i].pos_ == "NOUN" and doc[i].i != token.head.i else None


def _measured(token) -> bool:
    """ "63 per cent of customs seizures", "a report on seizures": what a figure counts or a
    document is about."""
    head = token.head
    if (
        token.dep_ == "pobj"
        and head.lower_ in lexicon.TOPIC_PREPOSITIONS
        and head.head.lemma_.lower() in lexicon.DOCUMENT_SUBJECTS | lexicon.REPORT_OBJECTS
    ):
        return True
    return (
        token.dep_ == "pobj"
        and head.lower_ == "of"
        and (
            head.head.lower_ in lexicon.MEASURE_HEADS
            or head.head.lemma_.lower() in lexicon.MEASURE_HEADS
        )
    )


def _in_a_title(token) -> bool:
    head = token.head
    return (
        head.lower_ in ("of", "for")
        and head.head.pos_ == "NOUN"
        and head.head.lower_ in lexicon.TITLE_WORDS
        and head.head.lower_ not in lexicon.TITLE_JOINERS_BEFORE
    )


def _is_a_notice(token, found) -> bool:
    """A letter or notice that a public body sent: "several letters from CBP"."""
    holders = [token, token.head] if token.dep_ in ("dobj", "nsubjpass") else [token]
    for child in (c for holder in holders for c in holder.children):
        if child.dep_ == "prep" and child.lower_ == "from":
            for target in (c for c in child.children if c.dep_ == "pobj"):
                entity = references.entity_in(target, found)
                if entity is not None and entity.is_regulator:
                    return True
    return False


def _addressed_to_a_body(token, found) -> bool:
    for t in token.subtree:
        if t.dep_ in ("prep", "dative") and t.lower_ == "to":
            for target in (c for c in t.children if c.dep_ == "pobj"):
                entity = references.entity_in(target, found)
                if entity is not None and entity.is_regulator:
                    return True
    return False


def _separate_initiative(first: _Trigger, second: _Trigger) -> bool:
    """Two programmes in one sentence ("worked with X to remove fakes, and set up a testing
    centre") are two events; two takedowns ("removed listings and closed stores") are one."""
    if first.kind != "program" or not (first.is_verb and second.is_verb):
        return False
    a, b = first.token, second.token
    return a.lemma_ != b.lemma_ and (
        b.dep_ == "conj" and b.head.i == a.i or a.dep_ == "conj" and a.head.i == b.i
    )


def _is_definite(token, *, one_of_several_is_new: bool = False) -> bool:
    """ "the seizure", "these letters", "its lawsuit" (but not "the other two cases"; nor, as
    what an act is done to, "the largest case", one of several)."""
    children = list(token.children)
    return any(
        c.dep_ in ("det", "poss") and c.lower_ in lexicon.RETOLD_DETERMINERS for c in children
    ) and not any(
        c.lower_ in lexicon.NEW_REFERENT_WORDS or one_of_several_is_new and c.tag_ in ("JJS", "RBS")
        for c in children
    )


def _mentions(token, words: set[str]) -> bool:
    return any(t.lower_ in words or t.lemma_.lower() in words for t in token.subtree)


def _has_agent(token) -> bool:
    return any(c.dep_ == "agent" for c in token.children)


def _subject_is_court(token, found) -> bool:
    for child in token.children:
        if child.dep_ in ("nsubj",):
            entity = references.resolve(child, found)
            if entity is not None and entity.is_regulator and entity.kind == "court":
                return True
            titles = (child, *(c for c in child.children if c.dep_ == "compound"))
            if any(t.lemma_.lower() in lexicon.COURT_SUBJECTS for t in titles):
                return True  # "the court", "Judge Sheridan"
    return False


def _advocacy_target(token, found) -> bool:
    """A call aimed at the state or at the law, not a request to a company."""
    for child in token.children:
        targets = [child] if child.dep_ == "dobj" else []
        if child.dep_ == "prep" and child.lower_ in ("on", "upon"):
            targets = [c for c in child.children if c.dep_ == "pobj"]
        for target in targets:
            entity = references.resolve(target, found)
            if entity is not None and not entity.is_regulator:
                return False  # "urged Alibaba to ...": a request to a company
    for t in token.subtree:
        if t.i == token.i:
            continue
        entity = found.at(t.i)
        if entity is not None and entity.is_regulator:
            return True
        if t.lemma_.lower() in lexicon.ADVOCACY_OBJECTS or t.lower_ in lexicon.ADVOCACY_OBJECTS:
            return True
    return False


def _happened(token, kind: str | None = None) -> bool:
    """False for triggers under a modal, a condition, a negation, "failed to", "fends off",
    or a headline's "Retailer to close 24 stores". A penalty that "must" be paid is imposed."""
    if _is_a_headline_infinitive(token) or _is_habitual(governing_verb(token)):
        return False
    verb = governing_verb(token)
    if _simple_present(verb) and verb.sent.start > 0 and kind not in lexicon.STANDING_KINDS:
        return False  # "the department issues warnings and imposes fines": what it does
    current = token
    for _ in range(4):
        for child in current.children:
            if child.dep_ == "aux" and child.lower_ in lexicon.MODALS:
                if kind == "penalty" and child.lower_ in lexicon.OBLIGATION_MODALS:
                    continue  # "must also pay $64,000 in restitution"
                return False
            if child.dep_ == "neg":
                return False
            if child.dep_ == "mark" and child.lower_ in lexicon.CONDITION_MARKS:
                return False
        head = current.head.lemma_.lower()
        realised = head in lexicon.ENABLING_HEADS and _is_past(current.head)
        if current.dep_ == "ccomp" and head in lexicon.REQUEST_HEADS and not realised:
            return False
        infinitive = current.dep_ == "xcomp" or any(
            c.dep_ == "aux" and c.lower_ == "to" for c in current.children
        )
        if (
            current.dep_ in ("xcomp", "advcl")
            and head in lexicon.UNREALISED_HEADS
            and infinitive
            and not realised
        ):
            return False
        if (
            current.dep_ in ("pcomp", "pobj")
            and current.head.lemma_.lower() in ("to", "of")
            and current.head.head.lemma_.lower() in lexicon.FAILURE_WORDS
        ):
            return False  # "the failure of ...", "with a goal of removing"
        if current.dep_ == "acl" and infinitive and head in lexicon.FAILURE_WORDS:
            return False  # "the failure to remove listings"
        if (
            current.dep_ in ("dobj", "xcomp", "conj", "pobj", "prep")
            and head in lexicon.RISK_VERBS
            and current.head.pos_ == "VERB"
        ):
            return False  # "fends off lawsuits", "tried to avoid litigation"
        if current.head.i == current.i or current.pos_ == "VERB" and current.dep_ in ("ROOT",):
            break
        if current.dep_ == "conj" and any(c.dep_.startswith("nsubj") for c in current.children):
            break  # "didn't call out anyone, but it accused Alibaba": a clause of its own
        current = current.head
    return True


def _is_habitual(verb) -> bool:
    """ "officers routinely seize ...", "on an average day, CBP seized ...": what happens as a
    rule is no event."""
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in lexicon.HABITUAL_WORDS:
            return True
        if child.dep_ in ("npadvmod", "prep"):
            words = [t for t in child.subtree]
            if any(t.lemma_.lower() in lexicon.TIME_UNITS for t in words) and any(
                t.lower_ in lexicon.EVERY_WORDS for t in words
            ):
                return True
    return False


def _simple_present(verb) -> bool:
    """ "issues", "seize", "are destroyed": the present, neither perfect nor progressive."""
    if verb.pos_ != "VERB":
        return False
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return verb.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in verb.children
    )


def _is_past(token) -> bool:
    return (
        token.tag_ == "VBD"
        or token.tag_ == "VBN"
        and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in token.children)
    )


def _is_a_headline_infinitive(token) -> bool:
    """ "Retailer to close 24 more stores": a headline's future, a subject and "to" with no
    verb of its own ("called for the government to act" has its "for")."""
    if token.pos_ != "VERB":
        return False
    children = list(token.children)
    return (
        any(c.dep_ == "aux" and c.lower_ == "to" for c in children)
        and any(c.dep_ == "nsubj" for c in children)
        and not any(c.dep_ == "mark" for c in children)
    )


def _acts_on_something_told(token) -> bool:
    """ "CBP officers seized the shipment": the act is done to a thing told before (not to
    one a name or a number makes new: "released the 2020 Special 301 Report")."""
    target = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
    return (
        target is not None
        and target.pos_ == "NOUN"
        and _is_definite(target, one_of_several_is_new=True)
        and not any(m.pos_ in ("PROPN", "NUM") for m in target.children)
    ) or _framed_by_an_act_told(token)


def _framed_by_an_act_told(token) -> bool:
    """ "Fake watches were found during the raids": an act inside one told before."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in lexicon.FRAME_PREPOSITIONS:
            continue
        for frame in prep.children:
            if (
                frame.dep_ == "pobj"
                and frame.lemma_.lower() in lexicon.NOUN_KINDS
                and any(
                    c.dep_ in ("det", "poss") and c.lower_ in lexicon.RETOLD_DETERMINERS
                    for c in frame.children
                )
            ):
                return True
    return False


def _told_as_earlier(token) -> bool:
    """ "had been suspended", "previously sought": before the time the story tells."""
    verb = governing_verb(token)
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in ("had", "'d"):
            return True
        if child.dep_ == "advmod" and child.lower_ in lexicon.EARLIER_WORDS:
            return True
    return False


def _has_no_doer(token, found) -> bool:
    """Passive with no by-phrase, or a subject that names no body ("officers arrested")."""
    verb = governing_verb(token)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "agent")]
    if not subjects:
        return verb.pos_ in _VERBAL
    for subject in subjects:
        target = subject
        if subject.dep_ == "agent":
            target = next((c for c in subject.children if c.dep_ == "pobj"), subject)
        if subject.dep_ == "nsubjpass":
            continue
        entity = references.entity_in(target, found)
        if entity is not None:
            return False
    return True


def _with_described_noun(token, tokens, block):
    """A trigger in a clause that describes a noun ("a statement released yesterday",
    "a scheme that was introduced in 2015") reads better with that noun phrase."""
    verb = governing_verb(token)
    if verb.dep_ not in ("acl", "relcl") or not tokens:
        return tokens
    noun = verb.head
    first = max(noun.left_edge.i, block.start)
    if tokens[0].i - first > 10 or first >= tokens[0].i:
        return tokens
    lead = [t for t in noun.doc[first : tokens[0].i] if not (t.is_space)]
    return [*lead, *tokens]


def _clause_ids(anchor) -> set[int]:
    return {t.i for t in clause_tokens(anchor, before=_WHOLE_CLAUSE, after=_WHOLE_CLAUSE)}


def _date_for(token, tokens, dates, block) -> DateMention | None:
    """The date words of the trigger's clause, else of a clause above it; a clause that
    describes a noun has its own time ("the SAIC, which released a report in 2015"), except
    one that tells what happened at a time or place ("on June 2, where officers seized")."""
    doc = token.doc
    starts = memo(doc, ("date tokens", id(dates)), lambda: _mention_tokens(doc, dates))
    inside_block = [(m, i) for m, i in starts if block.start <= i < block.end]
    if not inside_block:
        return None
    verb = governing_verb(token)
    scopes = [{t.i for t in tokens}, _clause_ids(token)]
    for ancestor in verb.ancestors:
        if verb.dep_ == "relcl" and not _tells_a_time_or_place(verb):
            break
        if ancestor.lemma_.lower() in lexicon.SPEECH_VERBS:
            break  # "arrested ..., Europol announced on Thursday": the day it was told
        if ancestor.pos_ in _VERBAL:
            scopes.append(_clause_ids(ancestor))
    for scope in scopes:
        inside = [m for m, i in inside_block if i in scope]
        if inside:
            return min(inside, key=lambda m: abs(m.start - token.idx))
    return None


def _mention_tokens(doc, dates) -> list[tuple[DateMention, int]]:
    found = []
    for mention in dates:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and len(span):
            found.append((mention, span.start))
    return found


def _tells_a_time_or_place(verb) -> bool:
    return any(c.dep_ == "advmod" and c.lower_ in ("where", "when") for c in verb.children)


# Telling again ------------------------------------------------------------------------------


def _within(inner: DateMention | None, outer: DateMention | None) -> bool:
    """Whether the days ``inner`` gives lie within those ``outer`` gives; words with no days
    lie within anything, and nothing but such words lies within words with none."""
    if inner is None or inner.window is None:
        return True
    if outer is None or outer.window is None:
        return False
    return outer.first <= inner.first and inner.last <= outer.last


def _absorb(first: _Told, again: _Told) -> None:
    """``again`` tells ``first`` once more: its date, if more precise, and its people join."""
    if again.when is not None and again.when.date is not None and _within(again.when, first.when):
        first.event.date = again.when.date
        first.when = again.when
    for name in again.event.regulators:
        if name not in first.event.regulators:
            first.event.regulators.append(name)
    for name in again.event.actors:
        if name not in first.event.actors:
            first.event.actors.append(name)


def _without_retellings(told: list[_Told]) -> list[_Told]:
    """ "... last week seized nearly $3 million in goods. ... CBP officers seized the shipment
    on Sept. 15.": an act on a thing told before, at a time within the first telling's, is the
    first telling's act; its date, the more precise, is the event's."""
    kept: list[_Told] = []
    for item in told:
        if item.retold:
            first = next(
                (
                    k
                    for k in reversed(kept)
                    if k.event.kind == item.event.kind and _within(item.when, k.when)
                ),
                None,
            )
            if first is not None:
                _absorb(first, item)
                continue
        kept.append(item)
    return kept


def _without_restated_headlines(told: list[_Told]) -> list[_Told]:
    """A headline line that the metadata left in the text restates the story when the body
    tells an event of a kind it tells: then its events are the body's."""
    body_kinds = {item.event.kind for item in told if not item.in_head}
    if any(item.in_head and item.event.kind in body_kinds for item in told):
        return [item for item in told if not item.in_head]
    return told


# Kinds that are one occurrence however often an article returns to them; a court case is
# so even when told again with no date or court of its own.
SINGULAR_KINDS = {"ruling", "lawsuit", "listing", "advocacy", "agreement"}
COURT_CASE_KINDS = {"ruling", "lawsuit"}


def _merge_repeats(told: list[_Told]) -> list[_Told]:
    """ "The court's decision ruled ..." after "a court dismissed ..." is the same ruling; a
    lawsuit told again with no date of its own is the lawsuit told first."""
    kept: list[_Told] = []
    for item in told:
        event = item.event
        duplicate = next(
            (
                other
                for other in kept
                if other.event.kind == event.kind
                and event.kind in SINGULAR_KINDS
                and _told_again(other.event, event)
            ),
            None,
        )
        if duplicate is None:
            kept.append(item)
        else:
            _absorb(duplicate, item)
    return kept


def _told_again(first: EventResult, again: EventResult) -> bool:
    if first.date == again.date and set(first.regulators) == set(again.regulators):
        return True
    if again.kind not in COURT_CASE_KINDS or again.date not in (None, first.date):
        return False
    return (
        not first.regulators
        or not again.regulators
        or bool(set(first.regulators) & set(again.regulators))
    )


# The story's time and bodies ----------------------------------------------------------------


def _date_from_the_story(told: list[_Told], dates, published, body: int) -> None:
    """An act told with no time words in a dated paper took place in the story's time: the
    month the story's recent dates lie in. A story told across months gives nothing (its
    year would say less than the report's own date, and would make different acts of one
    kind look alike)."""
    if published is None or published.precision != DAY:
        return
    today = published.first_day()
    earliest = today - datetime.timedelta(days=STORY_DAYS)
    recent = [
        m.window
        for m in dates
        if m.start >= body and m.window and earliest <= m.first and m.last <= today
    ]
    if not recent:
        return
    date = covering((min(w[0] for w in recent), max(w[1] for w in recent)))
    if date is None or date.precision == YEAR:
        return  # a story told across months: its undated acts stay with their report's date
    date = PartialDate(date.year, date.month)
    for item in told:
        if item.event.date is None and item.when is None and not item.earlier:
            item.event.date = date


# Kinds whose doer, when the words name none, is the story's court; and those whose doer is
# the story's police, customs or agency (an arrest is a prosecution done by the police).
_COURT_KINDS = {"ruling", "penalty", "prosecution"}
_FORCE_KINDS = {"seizure", "investigation"}


def _stand_in_regulators(told: list[_Told], found) -> None:
    """ "Four drivers were arrested": with no body named, the body the story is about."""
    counts = Counter(mention.entity for mention in found.mentions())
    courts, forces = [], []
    for entity in found.regulators:
        if entity.kind == "court":
            courts.append(entity)
        elif entity.kind != "legislature":
            forces.append(entity)
    for item in told:
        event = item.event
        if event.regulators or not item.passive:
            continue
        arrest = item.trigger.token.lemma_.lower() in lexicon.ARRESTING_WORDS
        if event.kind in _FORCE_KINDS or arrest:
            pool = forces
        else:
            pool = courts if event.kind in _COURT_KINDS else []
        if pool:
            event.regulators.append(max(pool, key=lambda e: counts[e.name]).name)
