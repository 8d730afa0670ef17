"""Stage 6: enforcement events with kind, date and participants.

An event is found from a trigger word and what it governs: "removed ...
listings" is a takedown, "released a white paper" a report, "filed a lawsuit"
a lawsuit, "called on legislators" advocacy. Triggers inside quotations,
under a modal ("should get penalties"), in a condition ("if we imposed") or
after "failed to" did not happen and are skipped.

The date comes from the words of the trigger's clause (or a clause it hangs
from), resolved against the publication date by ``dates.find_dates``; the
participants are the regulators and actors named in that clause.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from . import lexicon, references
from .clauses import clause_tokens, governing_verb, memo, span_of, text_of
from .dates import find_dates
from .lemmas import known_lemma
from .result import EventResult
from .statements import MIN_QUOTE_WORDS, find_quotes


@dataclass
class _Trigger:
    token: object
    kind: str
    is_verb: bool


def find_events(doc, found, published) -> list[EventResult]:
    dates = memo(doc, ("dates", published), lambda: find_dates(text_of(doc), published))
    quoted = bytearray(len(text_of(doc)))
    for start, end in memo(doc, "quotes", lambda: find_quotes(text_of(doc))):
        if len(text_of(doc)[start:end].split()) >= MIN_QUOTE_WORDS:
            quoted[start:end] = b"\x01" * (end - start)
    events: list[EventResult] = []
    seen_kinds: set[str] = set()
    seen_lemmas: set[str] = set()
    for sent in doc.sents:
        chosen: dict[str, _Trigger] = {}
        extra: list[_Trigger] = []
        for token in sent:
            if token.idx < len(quoted) and quoted[token.idx] or found.at(token.i) is not None:
                continue  # words inside quotes, or part of a name ("Bureau of Investigation")
            kind = trigger_kind(token, found)
            if kind is None or not _happened(token):
                continue
            if (
                token.pos_ != "VERB"
                and _is_definite(token)
                and (kind in seen_kinds or token.lemma_.lower() in seen_lemmas)
            ):
                continue  # "the letter", "the meeting", "the seizure": one already told
            if (
                token.pos_ != "VERB"
                and _is_definite(token)
                and token.head.lemma_.lower() in lexicon.REACTION_VERBS
            ):
                continue  # "Pfizer welcomed the verdict": a reaction, not a new event
            trigger = _Trigger(token, kind, token.pos_ == "VERB")
            current = chosen.get(kind)
            if current is not None and _separate_initiative(current, trigger):
                extra.append(trigger)
            elif current is None or trigger.is_verb and not current.is_verb:
                chosen[kind] = trigger
        seen_kinds.update(chosen)
        seen_lemmas.update(t.token.lemma_.lower() for t in chosen.values())
        for trigger in sorted([*chosen.values(), *extra], key=lambda t: t.token.i):
            event = _event(trigger, found, dates)
            if event is not None:
                events.append(event)
    return _merge_repeats(events)


def trigger_kind(token, found) -> str | None:
    """The kind of event ``token`` announces, if it is a trigger."""
    if token.pos_ == "VERB":
        return _verb_kind(token, known_lemma(token, TRIGGER_VERBS), found)
    lemma = token.lemma_.lower()
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ != "compound":
        return _noun_kind(token, lemma, found)
    return None


def _objects(token) -> set[str]:
    """Lemmas of what a verb acts on: objects, passive subjects, the noun it modifies."""
    words = set()
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
            words.add(child.lemma_.lower())
            words.update(c.lemma_.lower() for c in child.children if c.dep_ in ("conj", "compound"))
            for of in (c for c in child.children if c.dep_ == "prep" and c.lower_ == "of"):
                # "10 tonnes of counterfeit goods", "thousands of listings": the goods count
                words.update(p.lemma_.lower() for p in of.children if p.dep_ == "pobj")
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
    return _mentions(verb.token, lexicon.LIST_NOUNS)  # "added Taobao to its list"


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
    (lexicon.TAKEDOWN_VERBS, None, lexicon.TAKEDOWN_OBJECTS, "takedown"),
    (lexicon.TAKEDOWN_VERBS, None, ALWAYS, None),
    (lexicon.PHRASAL_TAKEDOWN_VERBS, lexicon.DOWN, lexicon.TAKEDOWN_OBJECTS, "takedown"),
    (lexicon.PHRASAL_TAKEDOWN_VERBS, lexicon.DOWN, ALWAYS, None),
    (lexicon.LISTING_VERBS, None, _names_a_list, "listing"),
    (lexicon.PUBLISHING_VERBS, None, lexicon.PUBLISHED_LISTS, "listing"),
    (lexicon.PUBLISHING_VERBS, None, lexicon.REPORT_OBJECTS, "report"),
    (lexicon.PUBLISHING_VERBS, None, ALWAYS, None),
    (lexicon.LAUNCH_VERBS, None, lexicon.PROGRAM_OBJECTS, "program"),
    (lexicon.LAUNCH_VERBS, None, ALWAYS, None),
    (lexicon.PHRASAL_LAUNCH_VERBS, lexicon.UP_OR_OUT, lexicon.PROGRAM_OBJECTS, "program"),
    (lexicon.PHRASAL_LAUNCH_VERBS, lexicon.UP_OR_OUT, ALWAYS, None),
    (lexicon.STEP_UP_VERBS, None, lexicon.CAMPAIGN_OBJECTS, "program"),
    (lexicon.WORKING_VERBS, lexicon.WITH, _works_towards_an_end, "program"),
    (lexicon.FILING_VERBS, None, _complaint_out_of_court, "complaint"),
    (lexicon.FILING_VERBS, None, lexicon.LEGAL_OBJECTS, "lawsuit"),
    (lexicon.DISMISSING_VERBS, None, lexicon.LEGAL_OBJECTS, "ruling"),
    (lexicon.FINDING_OF_FACT_VERBS, None, _finds_guilty, "ruling"),
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
    (lexicon.BREAKUP_VERBS, None, lexicon.NETWORK_OBJECTS, "investigation"),
    (lexicon.BREAKUP_VERBS, None, ALWAYS, None),
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
    kind = lexicon.NOUN_KINDS.get(lemma)
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
        ):
            return None
        return kind
    if kind == "complaint" and lemma == "letter":
        return "advocacy" if any(c.lower_ == "open" for c in token.children) else "complaint"
    if kind == "penalty" and any(c.lower_ in lexicon.COMPARATIVES for c in token.children):
        return None
    if kind != "advocacy" and any(
        a.lemma_.lower() in lexicon.ADVOCACY_VERBS for a in token.ancestors
    ):
        return None  # "pushed for tougher penalties": the penalties are asked for, not imposed
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


def _separate_initiative(first: _Trigger, second: _Trigger) -> bool:
    """Two programmes in one sentence ("worked with X to remove fakes, and set up a testing
    centre") are two events; two takedowns ("removed listings and closed stores") are one."""
    if first.kind != "program" or not (first.is_verb and second.is_verb):
        return False
    a, b = first.token, second.token
    return a.lemma_ != b.lemma_ and (
        b.dep_ == "conj" and b.head.i == a.i or a.dep_ == "conj" and a.head.i == b.i
    )


def _is_definite(token) -> bool:
    return any(
        c.dep_ in ("det", "poss") and c.lower_ in lexicon.DEFINITE_DETERMINERS
        for c in token.children
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
            if child.lemma_.lower() in lexicon.COURT_SUBJECTS:
                return True
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


def _happened(token) -> bool:
    """False for triggers under a modal, a condition, a negation or "failed to"."""
    current = token
    for _ in range(4):
        for child in current.children:
            if child.dep_ == "aux" and child.lower_ in lexicon.MODALS:
                return False
            if child.dep_ == "neg":
                return False
            if child.dep_ == "mark" and child.lower_ in lexicon.CONDITION_MARKS:
                return False
        head = current.head.lemma_.lower()
        if current.dep_ == "ccomp" and head in lexicon.REQUEST_HEADS:
            return False
        infinitive = current.dep_ == "xcomp" or any(
            c.dep_ == "aux" and c.lower_ == "to" for c in current.children
        )
        if current.dep_ in ("xcomp", "advcl") and head in lexicon.UNREALISED_HEADS and infinitive:
            return False
        if (
            current.dep_ in ("pcomp", "pobj")
            and current.head.lemma_.lower() in ("to", "of")
            and current.head.head.lemma_.lower() in lexicon.FAILURE_WORDS
        ):
            return False
        if current.head.i == current.i or current.pos_ == "VERB" and current.dep_ in ("ROOT",):
            break
        current = current.head
    return True


def _event(trigger: _Trigger, found, dates) -> EventResult | None:
    token = trigger.token
    tokens = clause_tokens(token, before=12, after=25)
    tokens = _with_described_noun(token, tokens)
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
    return EventResult(
        kind=trigger.kind,
        span=span,
        date=_date_for(token, tokens, dates),
        regulators=regulators,
        actors=actors,
    )


def _with_described_noun(token, tokens):
    """A trigger in a clause that describes a noun ("a statement released yesterday",
    "a scheme that was introduced in 2015") reads better with that noun phrase."""
    verb = governing_verb(token)
    if verb.dep_ not in ("acl", "relcl") or not tokens:
        return tokens
    noun = verb.head
    first = noun.left_edge.i
    if tokens[0].i - first > 10 or first >= tokens[0].i:
        return tokens
    lead = [t for t in noun.doc[first : tokens[0].i] if not (t.is_space)]
    return [*lead, *tokens]


def _date_for(token, tokens, dates):
    """The date the trigger's clause gives, else one given by a clause above it."""
    verb = governing_verb(token)
    scopes = [(min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens))]
    scopes.append((verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text)))
    for ancestor in verb.ancestors:
        if verb.dep_ == "relcl":
            break  # "SAIC, which released a report": not at the time of the main clause
        if ancestor.pos_ in ("VERB", "AUX"):
            scopes.append(
                (ancestor.left_edge.idx, ancestor.right_edge.idx + len(ancestor.right_edge.text))
            )
    for start, end in scopes:
        inside = [d for d in dates if start <= d.start and d.end <= end]
        if inside:
            nearest = min(inside, key=lambda d: abs(d.start - token.idx))
            return nearest.date
    return None


# Kinds that are one occurrence however often an article returns to them.
SINGULAR_KINDS = {"ruling", "lawsuit", "listing", "advocacy", "agreement"}


def _merge_repeats(events: list[EventResult]) -> list[EventResult]:
    """ "The court's decision ruled ..." after "a court dismissed ..." is the same ruling."""
    kept: list[EventResult] = []
    for event in events:
        duplicate = next(
            (
                other
                for other in kept
                if other.kind == event.kind
                and event.kind in SINGULAR_KINDS
                and other.date == event.date
                and set(other.regulators) == set(event.regulators)
            ),
            None,
        )
        if duplicate is None:
            kept.append(event)
        else:
            duplicate.actors.extend(a for a in event.actors if a not in duplicate.actors)
    return kept
