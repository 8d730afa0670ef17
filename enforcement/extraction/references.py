"""Who a noun phrase or pronoun stands for: shared by the statement and event stages.

"he" and "she" are the last person named; "it" and "the company" the last
company or platform; "the agency" or "the regulator" the last regulator; "the
group" the last association. Plural groups that speak without a name ("the
traders said") become a collective actor of their own.
"""

from __future__ import annotations

from . import lexicon
from .found import FoundEntities
from .names import normalize_name
from .result import EntityResult

_PERSON_KINDS = {"person"}
_COMPANY_KINDS = {"company", "platform", "brand"}


def _last_before(found: FoundEntities, char: int, accept, doc=None) -> EntityResult | None:
    """The nearest fitting entity named before ``char``; with ``doc``, one named as a
    subject wins over one only mentioned ("Amazon sued sellers it accused": it = Amazon)."""
    fallback = None
    for mention in reversed(found.sorted_mentions()):
        if mention.end <= char:
            entity = found.get(mention.entity)
            if entity is None or not accept(entity):
                continue
            if doc is None:
                return entity
            if any(
                doc[i].dep_ in ("nsubj", "nsubjpass")
                for i in range(mention.first_token, mention.last_token + 1)
            ):
                return entity
            fallback = fallback or entity
    return fallback


def _first_after(found: FoundEntities, char: int, accept) -> EntityResult | None:
    for mention in found.sorted_mentions():
        if mention.start >= char:
            entity = found.get(mention.entity)
            if entity is not None and accept(entity):
                return entity
    return None


def entity_in(token, found: FoundEntities, prefer_people: bool = True) -> EntityResult | None:
    """The entity a noun phrase names: its head, else a person in it, else anything in it."""
    direct = found.at(token.i)
    if direct is not None:
        return direct
    inside = [found.at(t.i) for t in token.subtree if found.at(t.i) is not None]
    if not inside:
        return None
    if prefer_people:
        for entity in inside:
            if entity.kind in _PERSON_KINDS:
                return entity
    return inside[0]


def resolve(token, found: FoundEntities, *, create_collective: bool = False) -> EntityResult | None:
    """The entity that the phrase headed by ``token`` refers to, if it can be told."""
    if found.is_outlet(token.i):
        return None
    named = entity_in(token, found)
    if named is not None:
        return named
    word = token.lower_
    char = token.idx
    if word in lexicon.PERSON_PRONOUNS:
        return _last_before(found, char, lambda e: e.kind in _PERSON_KINDS)
    if word in lexicon.THING_PRONOUNS:
        return _last_before(found, char, lambda e: e.kind not in _PERSON_KINDS, token.doc)
    if word in lexicon.PLURAL_PRONOUNS:
        # a group, or a body, which British and Indian English make plural ("police say",
        # "Trading Standards are warning")
        return _last_before(
            found, char, lambda e: e.kind == "association" or _is_collective(e) or e.is_regulator
        )
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    lemma = token.lemma_.lower()
    determiners = {child.lower_ for child in token.children if child.dep_ in ("det", "poss")}
    definite = bool(determiners & lexicon.DEFINITE_DETERMINERS) or any(
        child.dep_ == "poss" for child in token.children
    )
    if word in lexicon.SPOKESPEOPLE:
        owner_nouns = {
            c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod", "poss")
        }
        if owner_nouns & lexicon.REGULATOR_NOUNS or owner_nouns & lexicon.STATE_OWNER_NOUNS:
            return _last_before(found, char, lambda e: e.is_regulator)
        if owner_nouns & lexicon.COMPANY_NOUNS:
            return _last_before(found, char, lambda e: e.kind in _COMPANY_KINDS)
        return _last_before(found, char, lambda e: e.kind not in _PERSON_KINDS)
    if word in lexicon.OFFICIAL_NOUNS and not definite_owner(token):
        return _last_before(found, char, lambda e: e.is_regulator)
    if word in lexicon.COMPANY_PLURALS and definite:
        # "the companies said": the companies just named, the first of them speaking for all
        named = _last_before(found, char, lambda e: e.kind in _COMPANY_KINDS, token.doc)
        if named is not None:
            return named
    if token.tag_ in ("NNS", "NNPS") and word in lexicon.COLLECTIVE_NOUNS and create_collective:
        return _collective(token, found)
    if create_collective and token.tag_ == "NN" and _is_unnamed_member(token):
        return _collective(token, found, plural=lexicon.COLLECTIVE_MEMBERS[lemma])
    if not definite:
        return None
    if lemma in lexicon.ASSOCIATION_NOUNS:
        found_assoc = _last_before(found, char, lambda e: e.kind == "association")
        if found_assoc is not None:
            return found_assoc
    if lemma in lexicon.COMPANY_NOUNS:
        return _last_before(found, char, lambda e: e.kind in _COMPANY_KINDS) or _first_after(
            found, char, lambda e: e.kind in _COMPANY_KINDS
        )
    if lemma in lexicon.REGULATOR_NOUNS:
        return _last_before(found, char, lambda e: e.is_regulator) or _first_after(
            found, char, lambda e: e.is_regulator
        )
    return None


def author_of(token, found: FoundEntities) -> EntityResult | None:
    """Who a document speaks for: "the report" is the OECD's when the article named it as
    "a report by the OECD", "the OECD's report", "a report published by the OECD", or
    "the OECD released a report"; "the lawsuit" is whoever filed it. The nearest naming
    before (or of) this mention wins."""
    lemma = token.lemma_.lower()
    if lemma not in lexicon.AUTHORED_DOCUMENTS:
        return None
    doc = token.doc
    for other in reversed(doc[: token.i + 1]):
        if other.lemma_.lower() != lemma or other.pos_ != "NOUN":
            continue
        author = _author_named_at(other, found)
        if author is not None:
            return author
    return None


def _author_named_at(document, found: FoundEntities) -> EntityResult | None:
    for child in document.children:
        if child.dep_ in ("poss", "compound") and found.at(child.i) is not None:
            return found.at(child.i)  # "the OECD's report", "the USTR report"
        if child.dep_ == "poss" and child.lower_ in lexicon.OWNER_PRONOUNS:
            return resolve(child, found)  # "its annual report": the body last named
        if child.dep_ == "prep" and child.lower_ in lexicon.AUTHOR_PREPOSITIONS:
            return _named_object(child, found)  # "a report by the OECD"
        if child.dep_ == "acl":  # "a report published by the OECD", "a suit filed by Gucci"
            for grandchild in child.children:
                if grandchild.dep_ in ("agent", "prep") and grandchild.lower_ == "by":
                    return _named_object(grandchild, found)
    head = document.head
    if document.dep_ == "dobj" and head.pos_ == "VERB":
        subjects = [c for c in head.children if c.dep_ == "nsubj"]
        if subjects:
            return entity_in(
                subjects[0], found, prefer_people=False
            )  # "the OECD released a report"
    if document.dep_ == "nsubjpass":
        for child in head.children:
            if child.dep_ == "agent":
                return _named_object(child, found)  # "the lawsuit was filed by Gucci"
    return None


def _named_object(preposition, found: FoundEntities) -> EntityResult | None:
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    return entity_in(objects[0], found, prefer_people=False) if objects else None


def definite_owner(token) -> bool:
    """ "Alibaba's investigators" belong to someone named; bare "investigators" do not."""
    return any(child.dep_ == "poss" for child in token.children)


def _is_collective(entity: EntityResult) -> bool:
    return (
        entity.kind == "association" and entity.name.split()[-1].lower() in lexicon.COLLECTIVE_NOUNS
    )


def _is_unnamed_member(token) -> bool:
    """ "one seller", "another store", "the seller": one of a side the story leaves unnamed."""
    if token.lemma_.lower() not in lexicon.COLLECTIVE_MEMBERS:
        return False
    determiners = [c.lower_ for c in token.children if c.dep_ in ("det", "nummod")]
    return bool(determiners) and determiners[0] in lexicon.MEMBER_DETERMINERS


def _collective(token, found: FoundEntities, plural: str | None = None) -> EntityResult:
    """A collective actor for "the traders", "trade groups", "brand owners"; ``plural``
    names it for one member ("one seller" speaks for "sellers")."""
    words = [t for t in token.lefts if t.dep_ in ("compound", "amod") and t.pos_ in ("NOUN", "ADJ")]
    name = " ".join([*(t.lower_ for t in words), plural or token.lower_])
    for entity in found.actors:
        if _is_collective(entity):
            if normalize_name(name) not in {normalize_name(n) for n in entity.names()}:
                entity.aliases.append(name)
            found.add_mention(token.doc[token.i : token.i + 1], entity)
            return entity
    entity = found.add(EntityResult(name, "association", False))
    found.add_mention(token.doc[token.i : token.i + 1], entity)
    return entity
