"""Stage 7: one plain line per event, "who did what", built from the parse of its clause.

The rule, read from the dependency parse around the event's trigger word:

* **The doer first.** The subject of the trigger's predicate. A verb with no
  subject of its own borrows one: "plans to launch" takes the subject of
  "plans" (and keeps "plans to"), a conjoined verb ("... and seized") the
  subject of the first verb, a participle ("..., telling the USTR") the subject
  of the verb it hangs from, a relative clause ("the SAIC, which released")
  its antecedent. A pronoun or a definite description ("it", "he", "the
  company", "the agency") is replaced by the name of the entity it stands for
  (``references.resolve``); an antecedent that names an entity is that name.
* **Then the action and what it acted on.** The predicate's auxiliaries and
  negation, the verb, its objects, complements and prepositional phrases, and
  a conjoined verb of the same kind that shares the subject ("removed 380
  million listings and closed 180,000 stores" is one takedown).
* **Left out.** Everything before the subject (a leading "that", "which",
  "after", "according to", a conjunction, "In Jan. 2015,", "However,"), trailing
  clauses (relative, adverbial, parenthetical, a conjoined clause of another
  kind or with a subject of its own), "according to X" wherever it stands, the
  subject's appositions and relative clauses, and words on another line than
  the trigger (a headline run into the story).
* **A noun told without a doer** ("a statement released yesterday by the
  agency", "Citing a letter from the groups") is summarised by its noun phrase.

Only the sentence's own words are used, plus resolved names; the first letter
is capitalised and trailing punctuation dropped. A summary never starts with a
conjunction, a relative pronoun, a pronoun or a preposition (``is_plain_start``).
"""

from __future__ import annotations

import re

from . import lexicon, references
from .events import trigger_kind
from .lexicon import (
    DASHES,
    FORBIDDEN_OPENERS,
    OPENING_WORDS,
    PREPOSITIONS,
    QUOTES_AND_BRACKETS,
    RELATIVE_PRONOUNS,
)
from .result import EventResult

# The grammar a summary is cut by (its words are in lexicon.py) -----------------------------

# Dependents of a predicate that are never part of what it did: other clauses.
CLAUSE_DEPS = frozenset({"advcl", "relcl", "parataxis", "dep", "csubj"})
# Dependents of the doer left out: who it also is, what else it did.
DOER_CUTS = frozenset({"appos", "relcl", "acl", "advcl", "parataxis", "punct"})
# Inside an object: what it is described by in a clause of its own.
OBJECT_CUTS = frozenset({"relcl", "advcl", "parataxis"})
# Complements that carry on from the verb: "plans to launch", "called on X to treat".
CHAIN_DEPS = frozenset({"xcomp"})
# Parts of speech that never open a summary: conjunctions, prepositions, pronouns.
FORBIDDEN_OPENING_POS = frozenset({"CCONJ", "SCONJ", "ADP", "PRON"})
# Nouns whose definite form stands for a named entity.
REFERRING_NOUNS = (
    frozenset(lexicon.COMPANY_NOUNS)
    | frozenset(lexicon.REGULATOR_NOUNS)
    | frozenset(lexicon.ASSOCIATION_NOUNS)
)
# The longest summary, in tokens, before trailing modifiers are dropped from the right.
MAX_TOKENS = 32
_VERBAL = frozenset({"VERB", "AUX"})


def add_summaries(doc, events: list[EventResult], found) -> None:
    """Set ``summary`` on every event, read from ``doc``; nothing else is changed."""
    spans = [doc.char_span(e.span.start, e.span.end, alignment_mode="expand") for e in events]
    triggers = [
        find_trigger(span, event.kind, found) if span is not None and len(span) else None
        for span, event in zip(spans, events, strict=True)
    ]
    taken = {trigger.i for trigger in triggers if trigger is not None}
    for event, trigger in zip(events, triggers, strict=True):
        event.summary = summarize(event, trigger, found, taken - {getattr(trigger, "i", -1)})


def summarize(event: EventResult, trigger, found, others: frozenset | set = frozenset()) -> str:
    """The event's summary; ``others`` are the triggers of the article's other events,
    whose verbs are never folded into this one ("raided ... and seized ...")."""
    if trigger is None:
        return _plain(event.span.text)
    tokens, names = _clause(trigger, event.kind, found, others)
    tokens = _same_line(tokens, trigger)
    text = _render(tokens, names)
    if not is_plain_start(text):
        text = _render(_opening_trimmed(tokens), names)
    return text or _plain(event.span.text)


def find_trigger(span, kind: str, found):
    """The word the event was found from: the first of its kind in the span, verbs first."""
    candidates = [t for t in span if found.at(t.i) is None and _kind_of(t, found) == kind]
    verbs = [t for t in candidates if t.pos_ == "VERB"]
    if verbs or candidates:
        return (verbs or candidates)[0]
    return span.root


def _kind_of(token, found) -> str | None:
    try:
        return trigger_kind(token, found)
    except (IndexError, AttributeError):  # a parse too broken to read: not a trigger
        return None


# The clause ------------------------------------------------------------------------------


def _clause(trigger, kind: str, found, others):
    """(tokens, names): the summary's tokens, and names that replace some of them."""
    verb = trigger if trigger.pos_ in _VERBAL else _predicate_of_noun(trigger)
    if verb is None:
        return _noun_phrase(trigger), {}
    chain, doer = _chain_and_doer(verb)
    if doer is None:
        if trigger.pos_ not in _VERBAL:
            return _noun_phrase(trigger), {}
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return _noun_phrase(verb.head, keep=verb), {}  # "200 cases penalised by ..."
    tokens: set[int] = set()
    names: dict[int, tuple[int, str]] = {}  # first token -> (last token, name)
    if doer is not None:
        doer_tokens, replaced = _doer(doer, found)
        tokens |= doer_tokens
        if replaced is not None:
            names[replaced[0]] = (replaced[1], replaced[2])
    for index, link in enumerate(chain):
        below = chain[index + 1] if index + 1 < len(chain) else None
        tokens |= _predicate(link, below, trigger, kind, found, others)
    if not names and (doer is None or not tokens & {t.i for t in doer.subtree}):
        # No doer to name: "had removed 2 million listings" reads "Removed 2 million ..."
        tokens -= {c.i for c in chain[0].children if c.dep_ == "aux" and c.i < chain[0].i}
    tokens |= _inner_punctuation(trigger.doc, tokens)
    ordered = sorted((trigger.doc[i] for i in tokens), key=lambda t: t.i)
    return _shortened(_before_dash(ordered, trigger), chain), names


def _predicate_of_noun(noun):
    """The verb a noun trigger is an argument of, if it is one: "complaints resurfaced",
    "resulted in 434 arrests"; None when the noun hangs from another noun."""
    current = noun
    for _ in range(6):
        head = current.head
        if head.i == current.i:
            return None
        if head.pos_ in _VERBAL:
            if current.dep_ not in ARGUMENT_DEPS or head.dep_ not in CLAUSE_HEAD_DEPS:
                return None  # a noun taken for a verb ("4495 leads") heads nothing
            return head
        if current.dep_ not in NOUN_PATH_DEPS:
            return None
        current = head
    return None


# How a noun trigger reaches its verb, and where a verb may stand to head a clause.
ARGUMENT_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "prep", "attr", "dative", "conj", "oprd"}
)
NOUN_PATH_DEPS = frozenset({"pobj", "prep", "conj", "compound", "nummod", "amod"})
CLAUSE_HEAD_DEPS = frozenset({"ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp"})


def _chain_and_doer(verb):
    """The verbs from the one with a subject down to ``verb``, and that subject (or None).

    "plans to launch" and "revealed plans to launch" keep the verbs above; a conjoined
    verb or a participle ("..., telling") only borrows the subject."""
    chain = [verb]
    current = verb
    for _ in range(6):
        subject = _subject_of(current)
        if subject is not None:
            return chain, subject
        if current.dep_ == "relcl" and current.head.pos_ in ("NOUN", "PROPN"):
            return chain, current.head  # "the SAIC, which ..." with "which" unparsed
        head = current.head
        if head.i == current.i:
            return chain, None
        if current.dep_ == "conj" and head.pos_ in _VERBAL:
            if head.lemma_ == "be":
                return chain, None  # "It's a gamble ..., and was put on": no doer to borrow
        elif current.dep_ == "advcl" and current.tag_ == "VBG" and head.pos_ in _VERBAL:
            borrowed = _subject_of(head)
            if borrowed is None or borrowed.i > current.i:
                return chain, None  # "Citing a letter, the WSJ said": no doer before it
            # "..., telling the USTR ...": the subject of the verb it hangs from
        elif current.dep_ in ("xcomp", "advcl", "acl") and (
            _infinitive(current) or current.dep_ == "acl" and current.tag_ == "VBG"
        ):
            head = _verb_above(current)
            if head is None:
                return chain, None
            chain.insert(0, head)  # "plans to launch", "added its weight calling for"
        elif current.dep_ == "pcomp":
            head = _verb_above(current)
            if head is None or head.i > current.i:
                return chain, None  # "After receiving the letters, Hall ...": no way there
            chain.insert(0, head)  # "is at risk of being added"
        else:
            return chain, None
        current = head
    return chain, None


def _subject_of(verb):
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)


def _infinitive(verb) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) or verb.dep_ == "xcomp"


def _verb_above(token):
    """The verb above ``token`` through at most three nouns or prepositions."""
    current = token.head
    for _ in range(4):
        if current.pos_ in _VERBAL:
            return current
        if current.head.i == current.i or current.dep_ not in ("dobj", "pobj", "prep", "attr"):
            return None
        current = current.head
    return None


def _doer(subject, found) -> tuple[set[int], tuple[int, int, str] | None]:
    """The subject's tokens, and (first, last, name) when a name replaces some of them."""
    word = subject.lower_
    if word in RELATIVE_PRONOUNS and subject.head.dep_ == "relcl":
        return _doer(subject.head.head, found)  # "the SAIC, which released": the SAIC
    dateline = _after_dateline(subject)
    if dateline is not None:
        return _doer(dateline, found)
    tokens = _after_glued_start(subject, _subtree(subject, DOER_CUTS))
    entity = None
    if subject.dep_ not in ("nsubj", "nsubjpass", "expl"):  # an antecedent
        entity = found.at(subject.i)
    entity = entity or _named_apposition(subject, found)
    if entity is None and (subject.pos_ == "PRON" or _is_reference(subject, tokens)):
        entity = references.resolve(subject, found)
        if entity is None and subject.pos_ == "PRON":
            return set(), None  # nobody to name: the summary starts with the verb
    if entity is None or _says_the_name(subject.doc, tokens, entity.name):
        return tokens, None
    return tokens, (min(tokens), max(tokens), entity.name)


def _says_the_name(doc, tokens: set[int], name: str) -> bool:
    """ "The court" for an entity named "Court", "the SAIC" for "SAIC": the words stay."""
    words = {doc[i].lower_ for i in tokens}
    return set(name.lower().split()) <= words


def _after_dateline(subject):
    """ "Lynchburg, Va. — An Altavista man, ...": the man, not the place of the dateline."""
    if subject.dep_ not in ("nsubj", "nsubjpass"):
        return None
    for child in subject.children:
        if (
            child.dep_ == "appos"
            and 0 < child.left_edge.i < subject.head.i
            and _is_spaced_dash(child.doc[child.left_edge.i - 1])
        ):
            return child
    return None


def _is_spaced_dash(token) -> bool:
    """A dash that separates ("Va. — An", "1994 - that"), not a hyphen ("e-commerce")."""
    if token.text not in DASHES or token.i == 0:
        return False
    return bool(token.whitespace_) and bool(token.doc[token.i - 1].whitespace_)


def _named_apposition(subject, found):
    """ "Alibaba founder and executive chairman Jack Ma": the name the title belongs to."""
    for child in subject.children:
        if child.dep_ != "appos" or child.i < subject.i:
            continue
        if child.i > 0 and child.doc[child.i - 1].is_punct:
            continue  # "Alibaba, a global provider,": a description, left out
        entity = found.at(child.i)
        if entity is not None and entity.kind == "person":
            return entity
    return None


def _after_glued_start(subject, tokens: set[int]) -> set[int]:
    """A dateline run into the sentence ("NEW YORK May 15 A group of ...", "Lynchburg,
    Va. — An Altavista man") is cut where the sentence proper starts."""
    doc = subject.doc
    ordered = sorted(tokens)
    cut = None
    for position, index in enumerate(ordered[1:], start=1):
        token = doc[index]
        if _is_spaced_dash(token) and index < subject.i:
            cut = position + 1
        elif token.lower_ in ("a", "an", "the") and token.text[0].isupper() and index < subject.i:
            cut = position
    return set(ordered[cut:]) if cut else tokens


def _is_reference(noun, tokens: set[int]) -> bool:
    """ "the company", "the Chinese e-commerce giant": a definite description, nothing more."""
    if noun.lemma_.lower() not in REFERRING_NOUNS or noun.pos_ != "NOUN":
        return False
    determiners = [c for c in noun.children if c.dep_ in ("det", "poss")]
    if not determiners or determiners[0].lower_ not in lexicon.DEFINITE_DETERMINERS:
        return False
    return all(
        noun.doc[i].dep_ in ("det", "amod", "compound", "punct") or i == noun.i for i in tokens
    )


def _predicate(verb, below, trigger, kind: str, found, others) -> set[int]:
    """The verb's own words: auxiliaries, negation, what it governs; ``below`` is the
    next verb of the chain, whose own words the next link adds."""
    subject = _subject_of(verb)
    if subject is not None:
        subject_edge = subject.left_edge.i
    else:  # "being added": the auxiliaries still belong to the verb
        subject_edge = min(
            (c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i),
            default=verb.i,
        )
    tokens = {verb.i}
    for child in verb.children:
        dep = child.dep_
        if dep in ("nsubj", "nsubjpass", "expl") or child.i < subject_edge:
            continue  # the doer is added apart; "In Jan. 2015,", "However,", "that"
        if child.i < verb.i and dep not in ("aux", "auxpass", "neg", "advmod"):
            continue
        if below is not None and _holds(child, below):
            path = _subtree(child, OBJECT_CUTS) - {t.i for t in below.subtree}
            tokens |= path | {t.i for t in below.children if t.dep_ == "aux" and t.lower_ == "to"}
            continue  # "revealed plans to" + the next link's words
        if below is not None and dep in CHAIN_DEPS:
            continue
        if _is_according_to(child) or dep in ("punct", "cc", "mark"):
            continue
        if (dep in CLAUSE_DEPS or dep == "appos") and not (
            verb.i == trigger.i and _introduced_complement(verb, child)
        ):
            continue
        if dep == "npadvmod" and not any(True for _ in child.children):
            continue  # "created months after ...": a bare "months" once its clause is cut
        if dep == "conj" and child.pos_ in _VERBAL:
            if child.i in others or not _shares_kind(child, kind, found):
                continue
            tokens |= {c.i for c in verb.children if c.dep_ == "cc" and c.i < child.i}
        if dep == "ccomp" and not (verb.i == trigger.i or _holds(child, trigger)):
            continue  # "Ma said at the meeting that ...": the meeting, not what was said
        tokens |= _subtree(child, OBJECT_CUTS)
    return tokens


def _introduced_complement(verb, child) -> bool:
    """ "calling for the government to act", "demanding that X": the call is its content."""
    return any(m.dep_ == "mark" and m.i == verb.i + 1 for m in child.children)


def _shares_kind(other, kind: str, found) -> bool:
    """A conjoined verb stays when it tells the same kind of event and has no subject."""
    if _subject_of(other) is not None:
        return False
    return _kind_of(other, found) == kind


def _holds(node, token) -> bool:
    return node.left_edge.i <= token.i <= node.right_edge.i


def _is_according_to(token) -> bool:
    return token.lower_ == "according" or (
        token.lower_ == "to" and token.i > 0 and token.doc[token.i - 1].lower_ == "according"
    )


def _subtree(token, cuts) -> set[int]:
    """The token's subtree without the subtrees of dependents in ``cuts``."""
    kept, stack = set(), [token]
    while stack:
        current = stack.pop()
        kept.add(current.i)
        for child in current.children:
            if child.dep_ in cuts and not _kept_anyway(child):
                continue
            if child.dep_ == "conj" and child.pos_ in _VERBAL and _subject_of(child) is not None:
                continue  # "..., and police seized": a clause of its own
            if _is_according_to(child):
                continue
            stack.append(child)
    return kept


def _kept_anyway(child) -> bool:
    """Quote marks and brackets inside a phrase stay ("(USTR)", the "IP Joint-Force"), and
    so does a bracketed short name: "The State Administration ... (SAIC)"."""
    if child.dep_ == "punct":
        return child.text in QUOTES_AND_BRACKETS
    return child.dep_ == "appos" and child.i > 0 and child.doc[child.i - 1].text == "("


def _inner_punctuation(doc, tokens: set[int]) -> set[int]:
    """Commas between two kept words stay, and marks next to one, whichever word the parser
    hung them on (``_balanced`` drops a mark whose partner is missing)."""
    if not tokens:
        return set()
    first, last = min(tokens), max(tokens)
    kept = set()
    for i in range(max(first - 1, 0), min(last + 2, len(doc))):
        if i in tokens or not doc[i].is_punct:
            continue
        between = first < i < last and i - 1 in tokens and i + 1 in tokens
        beside = doc[i].text in QUOTES_AND_BRACKETS and (i - 1 in tokens or i + 1 in tokens)
        if between or beside:
            kept.add(i)
    return kept


def _before_dash(tokens, trigger) -> list:
    """A spaced dash after the trigger opens an aside: "pleaded guilty to 13 offences - that
    she had ...", "revealed a disturbing reality -- counterfeiters ..."."""
    for position, token in enumerate(tokens):
        if token.i > trigger.i and _is_spaced_dash(token):
            return tokens[:position]
    return tokens


def _noun_phrase(noun, keep=None) -> list:
    """The noun with its modifiers, without clauses of its own (``keep`` excepted); a noun
    inside "of" is read with the phrase it completes ("US$ 32 million worth of seizures")."""
    while (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.pos_ in ("NOUN", "NUM", "ADJ", "PROPN")
        and keep is None
    ):
        noun = noun.head.head
    cuts = OBJECT_CUTS | {"appos"}
    tokens = _after_glued_start(noun, _subtree(noun, cuts))
    if keep is not None:
        tokens |= _subtree(keep, OBJECT_CUTS)
    tokens |= _inner_punctuation(noun.doc, tokens)
    ordered = sorted((noun.doc[i] for i in tokens), key=lambda t: t.i)
    return _shortened(ordered, [noun])


def _shortened(tokens, chain) -> list:
    """Trailing modifiers dropped from the right until the summary fits ``MAX_TOKENS``."""
    if len(tokens) <= MAX_TOKENS:
        return tokens
    anchors = {t.i for t in chain}
    last = chain[-1]
    trailing = [
        c
        for link in chain
        for c in link.children
        if c.i > last.i and c.dep_ in ("prep", "npadvmod", "advmod", "acl", "conj", "cc")
    ]
    kept = {t.i for t in tokens}
    for child in sorted(trailing, key=lambda c: -c.i):
        if len(kept) <= MAX_TOKENS:
            break
        kept -= {t.i for t in child.subtree} - anchors
    return [t for t in tokens if t.i in kept]


def _same_line(tokens, trigger) -> list:
    """Only the trigger's line: a headline or dateline above it is not part of the clause."""
    doc = trigger.doc
    start = next((t.i + 1 for t in reversed(doc[: trigger.i]) if "\n" in t.text_with_ws), 0)
    end = next((t.i for t in doc[trigger.i :] if "\n" in t.text_with_ws), len(doc) - 1)
    return [t for t in tokens if start <= t.i <= end]


# Words -----------------------------------------------------------------------------------


def _render(tokens, names: dict[int, tuple[int, str]]) -> str:
    pieces: list[str] = []
    skip_until = -1
    for position, token in enumerate(tokens):
        if token.i <= skip_until:
            continue
        if token.i in names:
            last, name = names[token.i]
            pieces.append(name)
            skip_until = last
            following = next((t for t in tokens[position:] if t.i > last), None)
            pieces.append(" " if following is not None else "")
            continue
        pieces.append(token.text)
        following = tokens[position + 1] if position + 1 < len(tokens) else None
        if following is not None:
            pieces.append(token.whitespace_ if following.i == token.i + 1 else " ")
    text = " ".join("".join(pieces).split())
    return _finish(text)


def _finish(text: str) -> str:
    text = _balanced(text)
    text = re.sub(r"\s*[,;:]\s*(?=[,;:–—]|\s-\s)", "", text)  # ", –" left where a clause was cut
    text = re.sub(r"\(\s*\)", "", text)
    words = text.split()
    while words and words[-1].lower() in DANGLING_ENDS:
        words.pop()  # "removing counterfeit products from", "seeking damages and"
    text = " ".join(words)
    while text and (text[-1] in ",;:—–-.!?“‘(" or text[-1].isspace()):
        text = text[:-1]
    while text and text[0] in ",;:—–-.)”’ ":
        text = text[1:]
    return text[:1].upper() + text[1:]


def _balanced(text: str) -> str:
    """A quote mark or bracket whose partner was left out goes too."""
    for close, open_ in (("”", "“"), (")", "(")):
        if text.count(close) != text.count(open_):
            text = text.replace(close, "").replace(open_, "")
    if text.count('"') % 2:
        index = text.rfind('"') if text.rstrip().endswith('"') else text.find('"')
        text = text[:index] + text[index + 1 :]
    return " ".join(text.split())


def _opening_trimmed(tokens) -> list:
    """The last resort: words that may not open a summary dropped from its front."""
    tokens = list(tokens)
    while tokens and (
        tokens[0].lower_ in FORBIDDEN_OPENERS
        or tokens[0].pos_ in FORBIDDEN_OPENING_POS
        or tokens[0].is_punct
    ):
        tokens = tokens[1:]
    return tokens


def is_plain_start(text: str) -> bool:
    """False when ``text`` opens with a conjunction, a relative pronoun, a pronoun or a
    preposition (by the word itself; the tagger is not asked)."""
    first = text.split(maxsplit=1)[0].strip("“\"‘'(").lower() if text.split() else ""
    return bool(first) and first not in FORBIDDEN_OPENERS and first not in OPENING_WORDS


# Words a summary cannot end on once its clause was cut short.
DANGLING_ENDS = FORBIDDEN_OPENERS | PREPOSITIONS


def _plain(text: str) -> str:
    return _finish(" ".join(text.split()))
