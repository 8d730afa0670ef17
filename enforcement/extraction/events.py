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

from dataclasses import dataclass

from . import references
from .clauses import clause_tokens, governing_verb, memo, span_of, text_of
from .dates import find_dates
from .lemmas import known_lemma
from .result import EventResult
from .statements import MIN_QUOTE_WORDS, find_quotes

TAKEDOWN_OBJECTS = {
    "listing",
    "store",
    "shop",
    "account",
    "website",
    "site",
    "link",
    "page",
    "seller",
    "vendor",
    "merchant",
    "product",
    "item",
    "post",
    "storefront",
    "domain",
    "ad",
    "advertisement",
    "url",
    "offer",
    "video",
    "channel",
    "app",
}
PROGRAM_OBJECTS = {
    "system",
    "program",
    "programme",
    "scheme",
    "campaign",
    "initiative",
    "center",
    "centre",
    "tool",
    "alliance",
    "force",
    "mechanism",
    "unit",
    "team",
    "project",
    "database",
    "portal",
    "pilot",
    "platform",
    "hotline",
    "registry",
    "office",
    "task",
}
REPORT_OBJECTS = {
    "report",
    "paper",
    "statement",
    "study",
    "survey",
    "findings",
    "data",
    "figures",
    "review",
    "assessment",
}
LIST_NOUNS = {"list", "roster", "blacklist", "watchlist", "market", "markets"}
ADVOCACY_OBJECTS = {
    "law",
    "laws",
    "legislation",
    "penalty",
    "penalties",
    "enforcement",
    "regulation",
    "regulations",
    "rule",
    "rules",
    "crackdown",
    "action",
    "measures",
    "sentences",
    "punishment",
    "protection",
    "cost",
    "reform",
    "reforms",
}
LEGAL_OBJECTS = {
    "lawsuit",
    "suit",
    "case",
    "claim",
    "complaint",
    "charge",
    "charges",
    "appeal",
    "action",
}
ADVOCACY_VERBS = {"call", "push", "press", "demand", "urge", "lobby", "campaign", "ask"}
# Verbs whose complement has not (yet) happened: "failed to remove", "urged X to raid".
UNREALISED_HEADS = {
    "fail",
    "refuse",
    "threaten",
    "plan",
    "want",
    "promise",
    "vow",
    "pledge",
    "need",
    "call",
    "urge",
    "ask",
    "tell",
    "order",
    "press",
    "require",
    "demand",
    "hope",
    "aim",
    "seek",
    "try",
    "propose",
    "let",
    "allow",
    "enable",
    "help",
    "encourage",
    "expect",
}
# Verbs whose clause is asked for: "demanded that authorities crack down".
REQUEST_HEADS = {
    "demand",
    "urge",
    "ask",
    "want",
    "propose",
    "call",
    "require",
    "insist",
    "suggest",
    "recommend",
    # abilities, not acts: "a program that lets brands delete listings"
    "let",
    "allow",
    "enable",
    "help",
}
REACTION_VERBS = {
    "welcome",
    "criticize",
    "criticise",
    "praise",
    "condemn",
    "appeal",
    "challenge",
    "hail",
    "applaud",
    "slam",
    "question",
    "reject",
    "celebrate",
    "dispute",
}
MODALS = {
    "will",
    "shall",
    "would",
    "should",
    "could",
    "might",
    "must",
    "may",
    "can",
    "need",
    "ought",
}
COMPARATIVES = {
    "tougher",
    "stiffer",
    "harsher",
    "bigger",
    "heavier",
    "longer",
    "same",
    "proper",
    "stricter",
    "greater",
    "more",
}

VERB_KINDS = {
    "sue": "lawsuit",
    "plead": "prosecution",
    "extradite": "prosecution",
    "settle": "agreement",
    "rule": "ruling",
    "convict": "ruling",
    "acquit": "ruling",
    "uphold": "ruling",
    "overturn": "ruling",
    "investigate": "investigation",
    "probe": "investigation",
    "raid": "investigation",
    "arrest": "investigation",
    "detain": "investigation",
    "bust": "investigation",
    "inspect": "investigation",
    "prosecute": "prosecution",
    "indict": "prosecution",
    "charge": "prosecution",
    "fine": "penalty",
    "penalise": "penalty",
    "penalize": "penalty",
    "sentence": "penalty",
    "jail": "penalty",
    "imprison": "penalty",
    "punish": "penalty",
    "seize": "seizure",
    "destroy": "seizure",
    "confiscate": "seizure",
    "intercept": "seizure",
    "impound": "seizure",
    "screen": "program",
    "monitor": "program",
    "patrol": "program",
    "complain": "complaint",
    "accuse": "complaint",
    "criticize": "complaint",
    "criticise": "complaint",
    "protest": "complaint",
    "meet": "meeting",
    "summon": "meeting",
    "lobby": "advocacy",
    "petition": "advocacy",
}
NOUN_KINDS = {
    "lawsuit": "lawsuit",
    "litigation": "lawsuit",
    "ruling": "ruling",
    "verdict": "ruling",
    "judgment": "ruling",
    "judgement": "ruling",
    "injunction": "ruling",
    "investigation": "investigation",
    "probe": "investigation",
    "raid": "investigation",
    "arrest": "investigation",
    "prosecution": "prosecution",
    "indictment": "prosecution",
    "operation": "investigation",
    "crackdown": "investigation",
    "sentencing": "penalty",
    "fine": "penalty",
    "penalty": "penalty",
    "seizure": "seizure",
    "confiscation": "seizure",
    "haul": "seizure",
    "campaign": "program",
    "initiative": "program",
    "programme": "program",
    "launch": "program",
    "complaint": "complaint",
    "letter": "complaint",
    "petition": "advocacy",
    "agreement": "agreement",
    "deal": "agreement",
    "memorandum": "agreement",
    "mou": "agreement",
    "pact": "agreement",
    "partnership": "agreement",
    "settlement": "agreement",
    "meeting": "meeting",
    "talks": "meeting",
    "summit": "meeting",
    "push": "advocacy",
    "call": "advocacy",
    "report": "report",
}


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
                and token.head.lemma_.lower() in REACTION_VERBS
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


# Verbs whose kind depends on what they act on, each family named once.
TAKEDOWN_VERBS = {
    "remove",
    "delete",
    "delist",
    "close",
    "block",
    "ban",
    "suspend",
    "terminate",
    "purge",
}
PHRASAL_TAKEDOWN_VERBS = {"take", "shut"}  # with "down"
LISTING_VERBS = {"add", "put", "place", "name", "include", "list", "return", "keep"}
PUBLISHING_VERBS = {"release", "publish", "issue", "unveil", "submit", "present"}
LAUNCH_VERBS = {"launch", "introduce", "establish", "unveil", "create", "start", "deploy", "begin"}
PHRASAL_LAUNCH_VERBS = {"set", "roll"}  # with "up" or "out"
STEP_UP_VERBS = {"wage", "intensify", "step", "expand", "strengthen"}
CAMPAIGN_OBJECTS = {"war", "campaign", "battle", "fight", "crackdown", "effort", "efforts"}
FILING_VERBS = {"file", "bring", "launch", "lodge"}
COURT_ORDER_VERBS = {"order", "award", "grant"}
SIGNING_VERBS = {"sign", "reach", "strike", "agree"}
AGREEMENT_OBJECTS = {"agreement", "deal", "memorandum", "mou", "pact", "settlement"}
CALLING_VERBS = {"call", "push", "press"}  # with "for" or "on"
DEMAND_VERBS = {"urge", "demand"}
BREAKUP_VERBS = {"dismantle", "break", "bust", "smash"}
NETWORK_OBJECTS = {"network", "gang", "ring", "syndicate", "operation", "factory", "workshop"}
GOODS_OBJECTS = {
    "good",
    "goods",
    "product",
    "item",
    "fake",
    "counterfeit",
    "shipment",
    "merchandise",
    "bag",
    "watch",
}
TRIGGER_VERBS = (
    set(VERB_KINDS)
    | TAKEDOWN_VERBS
    | PHRASAL_TAKEDOWN_VERBS
    | LISTING_VERBS
    | PUBLISHING_VERBS
    | LAUNCH_VERBS
    | PHRASAL_LAUNCH_VERBS
    | STEP_UP_VERBS
    | FILING_VERBS
    | COURT_ORDER_VERBS
    | SIGNING_VERBS
    | CALLING_VERBS
    | DEMAND_VERBS
    | BREAKUP_VERBS
    | {"work", "dismiss", "find", "join"}
)


def _verb_kind(token, lemma: str, found) -> str | None:
    objects = _objects(token)
    particles = _particles(token)
    if lemma in TAKEDOWN_VERBS or lemma in PHRASAL_TAKEDOWN_VERBS and "down" in particles:
        return "takedown" if objects & TAKEDOWN_OBJECTS else None
    if lemma in LISTING_VERBS and _mentions(token, LIST_NOUNS):
        return "listing"
    if lemma in PUBLISHING_VERBS:
        if objects & {"list", "blacklist", "watchlist"}:
            return "listing"
        return "report" if objects & REPORT_OBJECTS else None
    if lemma in LAUNCH_VERBS or lemma in PHRASAL_LAUNCH_VERBS and particles & {"up", "out"}:
        return "program" if objects & PROGRAM_OBJECTS else None
    if lemma in STEP_UP_VERBS and objects & CAMPAIGN_OBJECTS:
        return "program"
    if (
        lemma == "work"
        and "with" in particles
        and any(c.dep_ in ("xcomp", "advcl") for c in token.children)
    ):
        return "program"  # "has been working with Alibaba to remove fake goods"
    if lemma in FILING_VERBS and objects & LEGAL_OBJECTS:
        in_court = _mentions(token, {"court"})
        return "complaint" if "complaint" in objects and not in_court else "lawsuit"
    if lemma == "dismiss" and objects & LEGAL_OBJECTS:
        return "ruling"
    if lemma == "find" and any(c.lower_ in ("guilty", "liable") for c in token.children):
        return "ruling"  # "was found guilty of cheating"
    if lemma in COURT_ORDER_VERBS and _subject_is_court(token, found):
        return "ruling"
    if lemma == "join" and "force" in objects:
        return "agreement"  # "joined forces with TikTok"
    if lemma in SIGNING_VERBS:
        return "agreement" if lemma == "agree" or objects & AGREEMENT_OBJECTS else None
    if lemma == "call" and "out" in particles:
        return "other"  # a public rebuke: "the regulator called out Alibaba"
    if lemma in CALLING_VERBS and particles & {"for", "on", "upon"} or lemma in DEMAND_VERBS:
        return "advocacy" if _advocacy_target(token, found) else None
    if lemma in BREAKUP_VERBS:
        return "investigation" if objects & NETWORK_OBJECTS else None  # "dismantled a network"
    if lemma == "rule" and not _subject_is_court(token, found) and token.dep_ != "ROOT":
        return None
    if lemma == "charge" and not (
        token.tag_ == "VBN" or any(c.lower_ == "with" for c in token.children)
    ):
        return None  # "charged with fraud", not "charged a fee"
    if lemma == "destroy" and not objects & GOODS_OBJECTS:
        return None
    kind = VERB_KINDS.get(lemma)
    if kind in ("seizure", "investigation") and token.dep_ == "acl" and not _has_agent(token):
        return None  # "goods seized coming into the US" describes goods, not a seizure
    if kind == "complaint" and lemma == "accuse" and token.dep_ == "acl":
        return None  # "a report accusing Alibaba" is the report
    return kind


def _noun_kind(token, lemma: str, found) -> str | None:
    kind = NOUN_KINDS.get(lemma)
    if lemma in ("operation", "crackdown") and not any(
        found.at(t.i) is not None and found.at(t.i).is_regulator for t in token.sent
    ):
        return None  # a company's "operations" are not a police operation
    if kind is None:
        if lemma in ("list", "roster") and _mentions(token, {"notorious"}):
            return "listing"
        return None
    if kind == "report":
        head = token.head
        from_outlet = any(t.i in found.outlet_tokens for t in token.subtree)
        if from_outlet or not (
            head.lemma_.lower()
            in ("find", "show", "say", "reveal", "accuse", "conclude", "estimate")
            and token.dep_ in ("nsubj",)
            or any(c.dep_ == "prep" and c.lower_ in ("from", "by") for c in token.children)
        ):
            return None
        return kind
    if kind == "complaint" and lemma == "letter":
        return "advocacy" if any(c.lower_ == "open" for c in token.children) else "complaint"
    if kind == "penalty" and any(c.lower_ in COMPARATIVES for c in token.children):
        return None
    if kind != "advocacy" and any(a.lemma_.lower() in ADVOCACY_VERBS for a in token.ancestors):
        return None  # "pushed for tougher penalties": the penalties are asked for, not imposed
    if kind == "program" and lemma == "launch" and not _mentions(token, PROGRAM_OBJECTS):
        return None
    if (
        kind == "program"
        and lemma == "campaign"
        and token.head.lemma_.lower() in ("call", "urge", "demand")
    ):
        return None
    if lemma in ("deal",) and token.head.lemma_.lower() in ("great", "good"):
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
        c.dep_ in ("det", "poss")
        and c.lower_ in ("the", "this", "that", "his", "her", "its", "their")
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
            if child.lemma_.lower() in ("court", "judge", "decision", "tribunal"):
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
        if t.lemma_.lower() in ADVOCACY_OBJECTS or t.lower_ in ADVOCACY_OBJECTS:
            return True
    return False


def _happened(token) -> bool:
    """False for triggers under a modal, a condition, a negation or "failed to"."""
    current = token
    for _ in range(4):
        for child in current.children:
            if child.dep_ == "aux" and child.lower_ in MODALS:
                return False
            if child.dep_ == "neg":
                return False
            if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                return False
        head = current.head.lemma_.lower()
        if current.dep_ == "ccomp" and head in REQUEST_HEADS:
            return False
        infinitive = current.dep_ == "xcomp" or any(
            c.dep_ == "aux" and c.lower_ == "to" for c in current.children
        )
        if current.dep_ in ("xcomp", "advcl") and head in UNREALISED_HEADS and infinitive:
            return False
        if (
            current.dep_ in ("pcomp", "pobj")
            and current.head.lemma_.lower() in ("to", "of")
            and current.head.head.lemma_.lower() in ("fail", "failure")
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
