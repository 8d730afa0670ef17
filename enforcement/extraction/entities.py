"""Stage 3: regulators and actors, from a gazetteer EntityRuler and spaCy's NER.

The small English model knows people and organisations in general but not the
bodies that fight fakes: it tags Alibaba as a place and Gucci as a person. A
gazetteer (``gazetteer.json``, data, not code) is loaded into an EntityRuler
that runs before the NER, so known names come out right and with an id; it
also holds the countries and demonyms that say whose a body is. What the
gazetteer does not know still comes through from the model and is sorted into
regulators and actors by the words in its name (``lexicon``).

Within one article the stage also ties names together: an acronym defined in
brackets, a surname used alone after the full name, "the government" after
"the Chinese government". News outlets that only report the story are left out.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import lexicon
from .clauses import text_of
from .found import FoundEntities
from .lexicon import alternatives
from .names import normalize_name, surface_name
from .result import EntityResult

GAZETTEER_PATH = Path(__file__).with_name("gazetteer.json")
OUTLET_ID = "outlet"
PLACE_ID = "place"  # regions the model takes for organisations ("the European Union")
MIN_CASELESS_WORDS = 3  # known names this long match in any capitalisation
# A story is set in one country when that country is named this often, and in this share of
# the place names that are countries.
CLEAR_COUNTRY_MENTIONS = 2
HEADING_WORDS = 8  # a line this short with no full stop heads the paragraphs below it
CLEAR_COUNTRY_SHARE = 0.6

# Patterns built from the lexicon's name words (see ``lexicon``).
_REGULATOR_WORDS = re.compile(
    rf"\b(?:{alternatives(lexicon.REGULATOR_NAME_WORDS)}|{alternatives(lexicon.LOCAL_COUNCILS)})\b"
)
_REGULATOR_KIND_WORDS = [
    (kind, re.compile(rf"\b(?:{alternatives(names)})\b"))
    for kind, names in lexicon.REGULATOR_KIND_NAME_WORDS.items()
]
_ASSOCIATION_WORDS = re.compile(rf"\b(?:{alternatives(lexicon.ASSOCIATION_NAME_WORDS)})\b")
_OUTLET_WORDS = re.compile(rf"\b(?:{alternatives(lexicon.OUTLET_NAME_WORDS)})\b")
_OUTLET_CUE = re.compile(rf"(?:{alternatives(lexicon.OUTLET_CUES, space=' ')})\s*(?:the\s+)?$")
_NOT_AN_ORGANISATION = re.compile(rf"^(?:{alternatives(lexicon.EFFORT_NAME_WORDS)})\b")
_OUTLET_OR_SOURCE_VERBS = lexicon.OUTLET_VERBS | lexicon.SOURCE_VERBS
_GLUED_CAPTION = re.compile(rf"^[A-Z][a-z]+(?:{alternatives(lexicon.GLUED_CAPTION_WORDS)})$")


@dataclass(frozen=True)
class Gazetteer:
    """``gazetteer.json``: known bodies and companies, outlets, places taken for
    organisations, and the countries (name or demonym -> code) and demonyms (code ->
    adjective) that say whose a body is."""

    entries: dict[str, dict]
    outlets: frozenset[str]  # normalised
    by_key: dict[str, str] = field(default_factory=dict)  # normalised name or alias -> entry name
    outlet_names: tuple[str, ...] = ()
    place_names: tuple[str, ...] = ()
    countries: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path = GAZETTEER_PATH) -> Gazetteer:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = {entry["name"]: entry for entry in data["entities"]}
        by_key = {
            normalize_name(form): name
            for name, entry in entries.items()
            for form in (name, *entry["aliases"])
        }
        return cls(
            entries,
            frozenset(normalize_name(name) for name in data["outlets"]),
            by_key,
            outlet_names=tuple(data["outlets"]),
            place_names=tuple(data.get("places", [])),
            countries=data["countries"],
            demonyms=data["demonyms"],
        )

    def patterns(self) -> list[dict]:
        patterns = []
        for name, entry in self.entries.items():
            for form in {name, *entry["aliases"]}:
                patterns.append({"label": "ORG", "pattern": form, "id": name})
        for form in self.outlet_names:
            patterns.append({"label": "ORG", "pattern": form, "id": OUTLET_ID})
        for form in self.place_names:
            patterns.append({"label": "GPE", "pattern": form, "id": PLACE_ID})
        return patterns

    def caseless_patterns(self) -> list[dict]:
        """Names of three words or more, which also match in any capitalisation ("Medicines
        and Healthcare Products Regulatory Agency" in a headline-case story); short names
        ("Meta", "Apple") must not."""
        return [
            {"label": "ORG", "pattern": form, "id": name}
            for name, entry in self.entries.items()
            for form in {name, *entry["aliases"]}
            if len(form.split()) >= MIN_CASELESS_WORDS
        ]


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


# "Long Name (LN)": an acronym in brackets, a capital and one to nine more capitals, dots,
# ampersands or hyphens, at least one of them a capital ("(SAIC)", "(AT&T)", not "(Ltd)").
ACRONYM_IN_BRACKETS = [
    {"ORTH": "("},
    {"TEXT": {"REGEX": r"^[A-Z](?=.*[A-Z])[A-Z&.\-]{1,9}\Z"}},
    {"ORTH": ")"},
]


@functools.lru_cache(maxsize=4)
def _acronym_matcher(vocab):
    """Built once per vocabulary (each worker process has its own)."""
    from spacy.matcher import Matcher

    matcher = Matcher(vocab)
    matcher.add("ACRONYM_IN_BRACKETS", [ACRONYM_IN_BRACKETS])
    return matcher


def add_gazetteer(nlp) -> None:
    """Put the gazetteer's EntityRulers before the model's NER (idempotent): long names in
    any capitalisation first, then every name as written, which wins where they overlap.
    (Phrase matchers both: a token pattern per name costs as much again as the model.)"""
    if "enforcement_gazetteer" in nlp.pipe_names:
        return
    before = "ner" if "ner" in nlp.pipe_names else None
    rulers = (
        ("enforcement_gazetteer_caseless", "LOWER", gazetteer().caseless_patterns()),
        ("enforcement_gazetteer", "ORTH", gazetteer().patterns()),
    )
    for name, attr, patterns in rulers:
        ruler = nlp.add_pipe(
            "entity_ruler",
            name=name,
            before=before,
            config={"overwrite_ents": True, "phrase_matcher_attr": attr},
        )
        with nlp.select_pipes(disable=[other for other in nlp.pipe_names if other != name]):
            ruler.add_patterns(patterns)


def find_entities(doc) -> FoundEntities:
    """Every regulator and actor the article names, with their mentions."""
    return _EntityReader(doc).read()


class _EntityReader:
    def __init__(self, doc):
        self.doc = doc
        self.found = FoundEntities()
        self.gaz = gazetteer()
        self.country = _dominant_country(doc)
        self.clear_country = _clear_country(doc)

    def _drop_places_taken_for_people(self) -> None:
        """ "in Tsim Sha Tsui and Mong Kok": a "person" only ever named as a place is one."""
        for entity in list(self.found.actors):
            if entity.kind != "person":
                continue
            roots = [self.doc[m.last_token] for m in self.found.mentions_of(entity)]
            if roots and all(_is_place_word(root) for root in roots):
                self.found.remove(entity)

    def _drop_idle_networks(self) -> None:
        """A social network is an actor only when it acts ("Facebook removed ..."), not
        when something was merely posted on it."""
        for entity in list(self.found.actors):
            entry = self.gaz.entries.get(entity.name)
            if not entry or entry.get("type") != "network":
                continue
            mentions = self.found.mentions_of(entity)
            if any(
                self.doc[i].dep_ in ("nsubj", "nsubjpass", "agent")
                for m in mentions
                for i in range(m.first_token, m.last_token + 1)
            ):
                continue
            self.found.remove(entity)

    def _joined_names(self) -> list[tuple]:
        """The tagged names, with a body's name joined to the capitalised name glued before
        it ("the European Unions" + "Intellectual Property Office" is one body, not the UK's
        office): a name that says whose a body is by a country ("Chinese", "U.S.") is no
        part of it."""
        doc, spans = self.doc, list(self.doc.ents)
        joined, index = [], 0
        while index < len(spans):
            ent = spans[index]
            after = spans[index + 1] if index + 1 < len(spans) else None
            if (
                after is not None
                and after.start == ent.end
                and ent.label_ in ("ORG", "NORP", "GPE")
                and after.label_ == "ORG"
                and not ent.ent_id_
                and after.ent_id_ != OUTLET_ID
                and self._may_join(ent, after)
                and _REGULATOR_WORDS.search(after.text)
                and doc[ent.end - 1].lower_ not in lexicon.POSSESSIVE_MARKS
            ):
                joined.append((doc[ent.start : after.end], True))
                index += 2
                continue
            joined.append((ent, False))
            index += 1
        return joined

    def _may_join(self, before, body) -> bool:
        """A country before a body says whose it is ("Chinese State Council"), unless the
        body is known as another country's ("the Korean Intellectual Property Office" is not
        the UK's)."""
        code = self.gaz.countries.get(surface_name(before.text))
        if code is None:
            return True
        entry = self.gaz.entries.get(body.ent_id_)
        return entry is not None and entry.get("country") not in (None, code)

    def _of_another_country(self, span):
        """ "Intellectual Property Office of Singapore": a known body's name followed by
        another country's is that country's body; the span with the country, or None."""
        doc = self.doc
        entry = self.gaz.entries.get(span.ent_id_)
        if entry is None or not entry.get("country") or span.end + 1 >= len(doc):
            return None
        if doc[span.end].lower_ != "of":
            return None
        end = span.end + 1
        while end < len(doc) and (
            doc[end].ent_type_ in ("GPE", "NORP", "LOC")
            or doc[end].pos_ == "PROPN"
            and not doc[end].ent_type_
        ):
            end += 1
        if end == span.end + 1:
            return None
        code = self.gaz.countries.get(doc[span.end + 1 : end].text)
        if code == entry["country"]:
            return None
        return doc[span.start : end]

    def read(self) -> FoundEntities:
        people = []
        for ent, joined in self._joined_names():
            if joined:
                self._organisation(ent)
            elif ent.ent_id_ == PLACE_ID:
                continue
            elif ent.ent_id_ == OUTLET_ID:
                self.found.add_outlet(ent)
            elif ent.ent_id_ in self.gaz.entries:
                self._known(ent)
            elif ent.label_ == "PERSON":
                people.append(ent)
            elif ent.label_ == "ORG":
                self._organisation(ent)
        self._people(people)
        self._brands_by_shape()
        self._acronyms()
        self._generic_bodies()
        self._repeat_mentions()
        self._drop_places_taken_for_people()
        self._drop_idle_networks()
        self._drop_bylines()
        self._drop_effort_names()
        self._join_surnames()
        self._join_short_forms()
        self._acronyms_by_initials()
        self._affiliations()
        return self.found

    # Names that are no one's ---------------------------------------------------------------

    def _drop_bylines(self) -> None:
        """A person named only on lines of their own ("Mike Snider", "By Jane Roe") is the
        story's byline, not someone in it; one named only in the short headings between its
        paragraphs ("Warning For Shoppers") is a capitalised word, not a person."""
        text = self.doc.text
        for entity in list(self.found.actors):
            if entity.kind != "person" or entity.name in self.gaz.entries:
                continue
            mentions = self.found.mentions_of(entity)
            if mentions and all(
                _alone_on_its_line(text, m.start, m.end) or _on_a_heading(text, m.start, m.end)
                for m in mentions
            ):
                self.found.remove(entity)

    def _drop_effort_names(self) -> None:
        """A name the article gives an operation ("Operation Pangea VIII") is the operation's
        wherever it recurs ("Pangea VII resulted in ..."), not an organisation or a person."""
        doc = self.doc
        if not any(word in text_of(doc) for word in lexicon.EFFORT_NAME_WORDS):
            return  # the cheap test first: no token is such a word
        efforts = {
            doc[t.i + 1].text
            for t in doc[:-1]
            if t.text in lexicon.EFFORT_NAME_WORDS and doc[t.i + 1].text[:1].isupper()
        }
        if not efforts:
            return
        for entity in list(self.found.entities()):
            if entity.name not in self.gaz.entries and entity.name.split()[0] in efforts:
                self.found.remove(entity)

    def _join_surnames(self) -> None:
        """A person named by the end of a fuller name ("Van Steenkiste" after "Chris Van
        Steenkiste") is that person."""
        people = [e for e in self.found.actors if e.kind == "person"]
        for short in people:
            words = short.name.split()
            for full in people:
                longer = full.name.split()
                if (
                    full is not short
                    and len(longer) > len(words)
                    and longer[-len(words) :] == words
                ):
                    self.found.merge(keep=full, drop=short)
                    break

    def _join_short_forms(self) -> None:
        """A one-word body ("Customs") is the one body named in full that ends with that
        word ("the Bureau of Customs"), wherever in the story the full name comes."""
        for short in list(self.found.regulators):
            if " " in short.name or short.name in self.gaz.entries:
                continue
            fuller = [
                e
                for e in self.found.regulators
                if e is not short and " " in e.name and e.name.split()[-1] == short.name
            ]
            if len(fuller) == 1:
                self.found.merge(keep=fuller[0], drop=short)

    def _acronyms_by_initials(self) -> None:
        """An acronym made of the initials of a body the article names in full ("CCIA" after
        "the Computer & Communications Industry Association") is that body."""
        bodies = {
            _initials(entity.name): entity
            for entity in self.found.entities()
            if entity.kind != "person" and len(entity.name.split()) > 1
        }
        bodies.pop("", None)
        for entity in list(self.found.entities()):
            full = bodies.get(entity.name) if entity.name.isupper() else None
            if full is not None and full is not entity and entity.name not in self.gaz.entries:
                self.found.merge(keep=full, drop=entity)

    # Known names -------------------------------------------------------------------------

    def _known(self, span) -> None:
        other = self._of_another_country(span)
        if other is not None:
            self._organisation(other)
            return
        entry = self.gaz.entries[span.ent_id_]
        entity = self.found.get(entry["name"]) or self.found.add(
            EntityResult(
                name=entry["name"],
                kind=entry["kind"],
                is_regulator=entry["type"] == "regulator",  # "actor" and "network" are actors
                country=entry.get("country"),
            )
        )
        self.found.add_mention(span, entity)

    # Organisations the model found ---------------------------------------------------------

    def _organisation(self, ent) -> None:
        span = _trim(ent)
        if span is None:
            return
        name = surface_name(span.text)
        if not name or not any(c.isupper() for c in name) or len(name) < 2:
            return
        key = normalize_name(name)
        if key in self.gaz.outlets or self._is_outlet(span, name):
            self.found.add_outlet(span)
            return
        if name.isupper() and len(name) <= 2:
            return
        if not _looks_like_a_name(span, name) or name in self.gaz.countries:
            return  # "The Korean" the model cut from "Korean Intellectual Property Office"
        after = span.end
        while after < len(self.doc) and self.doc[after].text in lexicon.NAME_QUOTES:
            after += 1  # the “Notorious Markets” list
        if (
            _NOT_AN_ORGANISATION.match(name)
            or after < len(self.doc)
            and self.doc[after].lemma_.lower() in lexicon.DOCUMENT_WORDS
        ):
            return  # "Operation Footwear", "Project Zero", the "Notorious Markets" list
        existing = self._lookup(key) or self._short_form_of(name)
        if existing is None and name in lexicon.CAPITALISED_GENERICS:
            return  # "the Administration": a generic reference, not a name
        if existing is None:
            if _is_legislative_committee(name):
                existing = EntityResult(name, "legislature", True, country=self.country)
            elif _REGULATOR_WORDS.search(name):
                kind = _regulator_kind(name)
                existing = EntityResult(name, kind, True, country=_country_in(span) or self.country)
            else:
                kind = "association" if _ASSOCIATION_WORDS.search(name) else "company"
                existing = EntityResult(name, kind, False, country=_country_in(span))
            self.found.add(existing)
        self.found.add_mention(span, existing)

    def _is_outlet(self, span, name: str) -> bool:
        """An outlet by its name ("Daily News") or by its role: it reports or quotes."""
        if _OUTLET_WORDS.search(name) and not _REGULATOR_WORDS.search(name):
            return True
        root = span.root
        if (
            root.dep_ == "nsubj"
            and root.head.lemma_ in _OUTLET_OR_SOURCE_VERBS
            and not _REGULATOR_WORDS.search(name)
        ):
            return root.head.lemma_ in lexicon.OUTLET_VERBS
        before = self.doc[max(span.start - 3, 0) : span.start].text.lower()
        if _OUTLET_CUE.search(before):
            return not _REGULATOR_WORDS.search(name)
        return False

    def _short_form_of(self, name: str) -> EntityResult | None:
        """ "the Commission" after "the European Commission": one organisation."""
        if " " in name:
            return None
        for entity in self.found.entities():
            if entity.kind != "person" and " " in entity.name and entity.name.split()[-1] == name:
                return entity
        return None

    def _lookup(self, key: str) -> EntityResult | None:
        """An entity of this article by any of its names, or a known one the words name
        in another form ("Hong Kong customs" for the Customs and Excise Department)."""
        for entity in self.found.entities():
            if key in {normalize_name(n) for n in entity.names()}:
                return entity
        known = self.gaz.by_key.get(key)
        if known is not None:
            entry = self.gaz.entries[known]
            return self.found.get(known) or self.found.add(
                EntityResult(
                    known, entry["kind"], entry["type"] == "regulator", country=entry.get("country")
                )
            )
        return None

    # People ---------------------------------------------------------------------------------

    def _people(self, people) -> None:
        full, single = [], []
        for ent in people:
            span = _trim(ent)
            if span is None:
                continue
            tokens = [t for t in span if not t.is_punct]
            if not tokens or any(
                (not t.text[:1].isupper() and not _after_hyphen(t)) or t.like_num for t in tokens
            ):
                continue  # "Leung Man-chung" keeps its lower-case half
            if not _looks_like_a_name(span, surface_name(span.text)):
                continue
            if (
                _GLUED_CAPTION.match(tokens[-1].text)
                or normalize_name(span.text) in self.gaz.outlets
            ):
                continue
            if len(tokens) > 4:
                continue
            (full if len(tokens) > 1 else single).append(span)
        for span in full:
            name = surface_name(span.text)
            if _names_a_place(span):
                continue  # "at Laem Chabang port", "the Kwai Chung container terminal"
            kind = "brand" if _names_a_product(span) else "person"
            entity = self._lookup(normalize_name(name)) or self.found.add(
                EntityResult(name, kind, False)
            )
            self.found.add_mention(span, entity)
        for span in single:
            entity = self._person_by_part(span.text, span.start) or self._lookup(
                normalize_name(span.text)
            )
            if entity is None:
                entity = self.found.add(EntityResult(surface_name(span.text), "person", False))
            self.found.add_mention(span, entity)

    def _person_by_part(self, part: str, token_index: int) -> EntityResult | None:
        """The person named in full whose first or last name is ``part`` (nearest before, else after)."""
        part = surface_name(part)
        best, best_distance = None, None
        for mention in self.found.mentions():
            entity = self.found.get(mention.entity)
            if entity is None or entity.kind != "person" or " " not in entity.name:
                continue
            words = entity.name.split()
            if part not in (words[0], words[-1]):
                continue
            distance = token_index - mention.first_token
            rank = distance if distance >= 0 else 100000 - distance
            if best_distance is None or rank < best_distance:
                best, best_distance = entity, rank
        return best

    # Brands the model missed -----------------------------------------------------------------

    def _brands_by_shape(self) -> None:
        """Names the model misses that the shape of the sentence says are brands: a name in
        quotation marks before a noun ("two 'Superdry' jumpers"), and a name listed with
        brands ("the logos of Gucci, Balenciaga and Celine")."""
        doc = self.doc
        for token in doc:
            if token.text not in lexicon.NAME_QUOTES or token.i + 2 >= len(doc):
                continue
            end = token.i + 1
            while end < len(doc) and end - token.i <= 4 and doc[end].text[:1].isupper():
                end += 1
            if (
                end > token.i + 1
                and end + 1 < len(doc)
                and doc[end].text in lexicon.NAME_QUOTES
                and doc[end + 1].pos_ == "NOUN"
                and doc[end + 1].lemma_.lower() not in lexicon.NAMED_THING_NOUNS
            ):
                self._brand(doc[token.i + 1 : end])
        for mention in list(self.found.sorted_mentions()):
            entity = self.found.get(mention.entity)
            if entity is None or entity.kind != "brand":
                continue
            root = doc[mention.last_token]
            while root.dep_ == "conj" and root.head.i != root.i:
                root = root.head
            for member in [root, *(t for t in root.subtree if t.dep_ == "conj")]:
                if member.pos_ == "PROPN" and member.text[:1].isupper():
                    start = min(
                        [c.i for c in member.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
                        + [member.i]
                    )
                    self._brand(doc[start : member.i + 1])

    def _brand(self, span) -> None:
        owners = {id(self.found.at(t.i)): self.found.at(t.i) for t in span}
        if len(owners) == 1 and None not in owners.values():
            (owner,) = owners.values()
            if owner.kind == "person" and owner.name == surface_name(span.text):
                owner.kind = "brand"  # "'Moncler' jackets": the model took the brand for a person
            return
        if any(self.found.at(t.i) is not None or self.found.is_outlet(t.i) for t in span):
            return
        name = surface_name(span.text)
        if not _looks_like_a_name(span, name) or name in self.gaz.countries:
            return
        entity = self._lookup(normalize_name(name)) or self.found.add(
            EntityResult(name, "brand", False)
        )
        self.found.add_mention(span, entity)

    # Acronyms --------------------------------------------------------------------------------

    def _acronyms(self) -> None:
        """ "Long Name (LN)": the acronym and the long name are one entity."""
        doc = self.doc
        for _, start, _ in _acronym_matcher(doc.vocab)(doc):
            token, acronym = doc[start], doc[start + 1]
            before = self.found.at(token.i - 1)
            inside = self.found.at(acronym.i)
            if before is not None and inside is None:
                self.found.add_mention(doc[acronym.i : acronym.i + 1], before)
            elif inside is not None and before is None:
                long_span = self._capitalised_run_before(token.i)
                if long_span is not None:
                    self.found.add_mention(long_span, inside)
                    self._name_by_long_form(inside, surface_name(long_span.text))
            elif inside is not None and before is not None and inside is not before:
                # the known name wins; else the spelled-out one, which says what the body is
                if inside.name in self.gaz.entries:
                    self.found.merge(keep=inside, drop=before)
                else:
                    self.found.merge(keep=before, drop=inside)

    def _name_by_long_form(self, entity: EntityResult, long_name: str) -> None:
        """An acronym the model found alone ("CBI") takes its spelled-out name, and the
        kind that name tells ("Central Bureau of Investigation" is a regulator)."""
        if entity.name in self.gaz.entries or not _REGULATOR_WORDS.search(long_name):
            return
        if entity.is_regulator and entity.name == long_name:
            return
        old_name = self.found.rename_as_regulator(entity, long_name, _regulator_kind(long_name))
        entity.country = entity.country or self.country
        entity.aliases = [
            a for a in entity.aliases if normalize_name(a) != normalize_name(long_name)
        ]
        if old_name not in entity.aliases:
            entity.aliases.append(old_name)

    def _capitalised_run_before(self, end: int):
        doc = self.doc
        start = end
        while start > 0 and (
            doc[start - 1].text[:1].isupper() or doc[start - 1].lower_ in lexicon.NAME_JOINERS
        ):
            start -= 1
        while start < end and not doc[start].text[:1].isupper():
            start += 1
        if end - start < 2:
            return None
        return doc[start:end]

    # Unnamed public bodies -------------------------------------------------------------------

    def _generic_bodies(self) -> None:
        by_group: dict[str, EntityResult] = {}
        for token in self.doc:
            if token.lower_ not in lexicon.GENERIC_BODIES and token.dep_ != "poss":
                continue  # the cheap test first: most words are neither
            if self.found.at(token.i) is not None:
                continue
            if (
                token.dep_ == "poss"
                and token.ent_type_ == "GPE"
                and token.head.lemma_ in lexicon.ROSTER_NOUNS
            ):
                self._country_as_body(token)
                continue
            body = lexicon.GENERIC_BODIES.get(token.lower_)
            if body is None or token.pos_ not in ("NOUN", "PROPN"):
                continue
            if token.dep_ == "compound" and token.head.lemma_.lower() not in lexicon.STAFF_NOUNS:
                continue  # "court case", "police raid"; but "customs officers" are customs
            if token.lower_ in ("court", "courts") and not any(
                c.dep_ in ("det", "amod", "compound", "poss", "nmod") for c in token.children
            ):
                continue  # "appeared in court", "went to court": not a body
            if token.text[:1].isupper() and token.i > token.sent.start:
                continue  # part of a proper name the model missed
            if any(
                self.found.at(child.i) is not None and child.dep_ in ("compound", "poss")
                for child in token.children
            ) or self._named_owner_after(token):
                continue  # "Alibaba officials", "officials from the FDA" are the named body's
            group, kind = body
            start, country = self._nationality(token)
            written = self.doc[start : token.i + 1]
            placed = self._placed(token) if country is None else None
            if placed is None and token.lower_ in lexicon.PLACED_ONLY_BODIES:
                continue
            if placed is not None:
                # "Manhattan federal court", "a federal court in Manhattan", "a Delhi court"
                written = placed
                name = surface_name(placed.text)
                existing = self.found.get(name) or self._lookup(normalize_name(name))
                if existing is None:
                    code = self.gaz.countries.get(_place_words(placed))
                    existing = self.found.add(EntityResult(name, kind, True, country=code))
                by_group.setdefault(group, existing)
            elif country is None:
                existing = by_group.get(group) or self._named_body_of_kind(group, kind)
                if existing is None and self.clear_country is None:
                    continue  # whose "police"? A story of many countries does not say
                if existing is None:
                    country = self.clear_country
                    demonym = self.gaz.demonyms.get(country)
                    name = f"{demonym} {group}" if demonym else group
                    existing = self.found.get(name) or self.found.add(
                        EntityResult(name, kind, True, country=country)
                    )
                    by_group[group] = existing
            else:
                name = surface_name(written.text)
                if group == "authorities" and token.lower_ == "officials":
                    name = f"{self.gaz.demonyms.get(country, name.split()[0])} authorities"
                existing = self.found.get(name) or self._lookup(normalize_name(name))
                if existing is None:
                    existing = self.found.add(EntityResult(name, kind, True, country=country))
                by_group.setdefault(group, existing)
            self.found.add_mention(written, existing)
            bare = token.lower_
            if normalize_name(bare) not in {normalize_name(n) for n in existing.names()}:
                existing.aliases.append(bare)

    def _placed(self, head):
        """A body named by the place it sits in, when the place is no country: "Manhattan
        federal court", "a federal court in Manhattan", "a Delhi court"."""
        doc = self.doc
        lefts = [t for t in head.lefts if t.dep_ in ("amod", "compound", "nmod")]
        places = [t for t in lefts if t.ent_type_ in ("GPE", "LOC", "NORP") and t.pos_ == "PROPN"]
        if places:
            start = places[0].i
            while start > head.sent.start and doc[start - 1].ent_type_ == places[0].ent_type_:
                start -= 1
            return doc[start : head.i + 1]
        for prep in (c for c in head.rights if c.dep_ == "prep" and c.lower_ == "in"):
            for place in (c for c in prep.children if c.dep_ == "pobj"):
                if place.ent_type_ in ("GPE", "LOC") and place.pos_ == "PROPN":
                    first = min([t.i for t in lefts] + [head.i])
                    return doc[first : place.i + 1]
        return None

    def _named_owner_after(self, token) -> bool:
        """ "officials from the Department of Homeland Security": staff of a named body."""
        return any(
            self.found.at(c.i) is not None
            for prep in token.rights
            if prep.dep_ == "prep" and prep.lower_ in lexicon.STAFF_OF_PREPOSITIONS
            for c in prep.children
            if c.dep_ == "pobj"
        )

    def _named_body_of_kind(self, group: str, kind: str) -> EntityResult | None:
        """Bare "police" in a story about the Metropolitan Police is the Metropolitan Police."""
        if group not in lexicon.NAMED_BODY_GROUPS:
            return None
        named = [e for e in self.found.regulators if e.kind == kind and e.name[:1].isupper()]
        return named[0] if len(named) == 1 else None

    def _nationality(self, head) -> tuple[int, str | None]:
        """Where a body's nationality words start, and their country: "a United States court",
        "Hong Kong customs officers"."""
        lefts = list(head.lefts)
        if head.dep_ == "compound":
            lefts += [t for t in head.head.lefts if t.i < head.i]
        for child in lefts:
            if child.dep_ in ("amod", "compound", "nmod", "poss") and child.ent_type_ in (
                "NORP",
                "GPE",
            ):
                start = child.i
                while (
                    start > head.sent.start
                    and self.doc[start - 1].ent_type_ == child.ent_type_
                    and self.doc[start - 1].ent_iob_ != "O"
                    and self.doc[start - 1].lower_ != "the"
                ):
                    start -= 1
                words = self.doc[start : child.i + 1].text
                words = re.sub(r"(?:'s|’s|')$", "", words).strip()
                countries = self.gaz.countries
                code = countries.get(words) or countries.get(words.removeprefix("the ").strip())
                if code:
                    return start, code
        return head.i, None

    def _country_as_body(self, token) -> None:
        start = token.i
        while (
            start > 0
            and self.doc[start - 1].ent_type_ == "GPE"
            and self.doc[start - 1].lower_ != "the"
        ):
            start -= 1
        span = self.doc[start : token.i + 1]
        name = re.sub(r"(?:'s|’s|'|’)$", "", surface_name(span.text)).strip()
        entity = self._lookup(normalize_name(name)) or self.found.add(
            EntityResult(name, "government", True, country=self.gaz.countries.get(name))
        )
        self.found.add_mention(span, entity, as_alias=False)

    # Later bare mentions ---------------------------------------------------------------------

    def _repeat_mentions(self) -> None:
        """A later "Ma" or "Zhi" the model missed (or tagged as something else) is the person."""
        people = {
            part: entity
            for entity in self.found.actors
            if entity.kind == "person" and " " in entity.name
            for part in (entity.name.split()[0], entity.name.split()[-1])
        }
        for token in self.doc:
            if token.text not in people:
                continue  # the cheap test first: most words are no one's name
            if self.found.at(token.i) is not None or self.found.is_outlet(token.i):
                continue
            if token.text[:1].isupper() and token.pos_ in ("PROPN", "NOUN", "X"):
                entity = self._person_by_part(token.text, token.i) or people[token.text]
                self.found.add_mention(self.doc[token.i : token.i + 1], entity)
        # drop organisations that were only a person's name mis-tagged ("Zhi" as ORG)
        for entity in list(self.found.actors):
            if entity.kind != "person" and entity.name in people:
                self.found.merge(keep=people[entity.name], drop=entity)

    def _affiliations(self) -> None:
        """A person's organisation from the words around their name ("SAIC head Zhang Mao")."""
        for mention in self.found.sorted_mentions():
            person = self.found.get(mention.entity)
            if person is None or person.kind != "person" or person.affiliation:
                continue
            person.affiliation = self._affiliation_left(
                mention.first_token
            ) or self._affiliation_right(mention.last_token)
            if person.affiliation == person.name:
                person.affiliation = None

    def _affiliation_left(self, first: int) -> str | None:
        index, saw_title = first - 1, False
        if index >= 0 and self.doc[index].text == ",":
            index -= 1  # "Chanel's lawyer, Jean Martin"
        while index >= 0 and index >= first - 8:
            entity = self.found.at(index)
            if entity is not None:
                return entity.name if saw_title and entity.kind != "person" else None
            if self.doc[index].lower_ not in lexicon.TITLE_WORDS:
                return None
            saw_title = saw_title or self.doc[index].lower_ not in lexicon.TITLE_JOINERS_BEFORE
            index -= 1
        return None

    def _affiliation_right(self, last: int) -> str | None:
        doc = self.doc
        index = last + 1
        if index < len(doc) and doc[index].lower_ == "of":
            # "Judge Mary Johnson of the US District Court"
            for offset in range(index + 1, min(index + 4, len(doc))):
                entity = self.found.at(offset)
                if entity is not None:
                    return entity.name if entity.kind != "person" else None
            return None
        if index >= len(doc) or doc[index].text != ",":
            return None
        index += 1
        saw_title = False
        while index < len(doc) and index <= last + 10:
            entity = self.found.at(index)
            if entity is not None and not saw_title:
                # "Dharmesh Mehta, Amazon's vice president of ..."
                end = index
                while end + 1 < len(doc) and self.found.at(end + 1) is entity:
                    end += 1
                follows = doc[end + 1 : end + 3]
                if (
                    entity.kind != "person"
                    and len(follows) == 2
                    and follows[0].lower_ in lexicon.POSSESSIVE_MARKS
                    and follows[1].lower_ in lexicon.TITLE_WORDS
                ):
                    return entity.name
                return None
            if entity is not None:
                return entity.name if saw_title and entity.kind != "person" else None
            if doc[index].lower_ not in lexicon.TITLE_WORDS:
                return None
            saw_title = saw_title or doc[index].lower_ not in lexicon.TITLE_JOINERS_AFTER
            index += 1
        return None


def _looks_like_a_name(span, name: str) -> bool:
    """Whether a run the model tagged is a name at all: not cut off before its end ("Field
    Operations for"), not a phrase ending in a common noun ("IP enforcement"), not a label
    ("Dubbed Red Shield"), an abbreviation of no one ("IPO"), a document ("Notorious Markets
    Report") or a place ("Bawana Industrial Area")."""
    words = name.split()
    if not words or name in lexicon.NOT_NAMES or words[0] in lexicon.LABEL_OPENERS:
        return False
    last = span[-1]
    if last.lower_ in lexicon.NAME_JOINERS:
        return False
    if len(words) > 1 and words[-1][:1].islower() and not _after_hyphen(last):
        return False
    return len(words) == 1 or (
        words[-1].lower() not in lexicon.DOCUMENT_WORDS
        and words[-1] not in lexicon.PLACE_NAME_ENDINGS
    )


def _after_hyphen(token) -> bool:
    return token.i > 0 and token.doc[token.i - 1].text in ("-", "‐")


def _is_legislative_committee(name: str) -> bool:
    words = name.split()
    return (
        len(words) > 1
        and words[0] in lexicon.LEGISLATIVE_COMMITTEE_OPENERS
        and words[-1] in lexicon.COMMITTEE_WORDS
    )


def _place_words(span) -> str:
    return " ".join(t.text for t in span if t.ent_type_ in ("GPE", "LOC", "NORP"))


def _line_at(text: str, start: int, end: int) -> tuple[int, str]:
    """Where the line holding ``text[start:end]`` starts, and the line, stripped."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, text[line_start : len(text) if line_end < 0 else line_end].strip()


def _on_a_heading(text: str, start: int, end: int) -> bool:
    """A line of a few words with no full stop, between paragraphs: a cross-head."""
    line_start, line = _line_at(text, start, end)
    return (
        line_start > 0
        and len(line.split()) <= HEADING_WORDS
        and not re.search(r"[.!?:;,\"”'’)]$", line)
    )


def _alone_on_its_line(text: str, start: int, end: int) -> bool:
    _line_start, line = _line_at(text, start, end)
    words = line.split()
    if words and words[0] in lexicon.BYLINE_WORDS:
        line = " ".join(words[1:])
    return line.strip(" ,.") == text[start:end].strip()


def _initials(name: str) -> str:
    """The acronym a name makes: "Computer & Communications Industry Association" -> CCIA."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in lexicon.ACRONYM_SKIPS]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words)


def _regulator_kind(name: str) -> str:
    """The kind of body a regulator's name tells: "... Court" is a court; else an agency."""
    return next((kind for kind, words in _REGULATOR_KIND_WORDS if words.search(name)), "agency")


def _names_a_product(span) -> bool:
    """ "fake Air Jordan shoes": a name used as a product's modifier is a brand."""
    root = span.root
    return (
        root.dep_ in ("compound", "nmod", "amod")
        and root.head.pos_ == "NOUN"
        and root.head.i >= span.end
    )


def _names_a_place(span) -> bool:
    """A name modifying a noun of a place ("Laem Chabang port") is the place's name."""
    root = span.root
    return (
        root.dep_ in ("compound", "nmod")
        and root.head.i >= span.end
        and root.head.lemma_.lower() in lexicon.PLACE_HEAD_NOUNS
    )


def _is_place_word(token) -> bool:
    current = token
    while current.dep_ == "conj" and current.head.i != current.i:
        current = current.head
    return current.dep_ == "pobj" and current.head.lower_ in lexicon.PLACE_PREPOSITIONS


def _trim(span):
    """The span without a leading "the", trailing possessive, brackets or line breaks."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (
        doc[start].lower_ in lexicon.ARTICLES or doc[start].is_punct or doc[start].is_space
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_punct
        or doc[end - 1].is_space
        or doc[end - 1].lower_ in lexicon.POSSESSIVE_MARKS
    ):
        end -= 1
    for index in range(start, end):
        if "\n" in doc[index].text or doc[index].is_space:
            end = index
            break
    if end <= start:
        return None
    return doc[start:end]


def _country_in(span) -> str | None:
    for token in span:
        code = gazetteer().countries.get(token.text)
        if code:
            return code
    return None


def _clear_country(doc) -> str | None:
    """The one country a story is set in, when most of its place names say so: only then
    does a bare "police" or "the government" mean that country's."""
    counts: Counter[str] = Counter(
        code
        for ent in doc.ents
        if ent.label_ in ("GPE", "NORP")
        and (code := gazetteer().countries.get(surface_name(ent.text)))
    )
    if not counts:
        return None
    code, count = counts.most_common(1)[0]
    return (
        code
        if count >= CLEAR_COUNTRY_MENTIONS and count >= CLEAR_COUNTRY_SHARE * sum(counts.values())
        else None
    )


def _dominant_country(doc) -> str | None:
    """The country the story is about: the most named, the first named counting extra."""
    counts: Counter[str] = Counter()
    for ent in doc.ents:
        code = None
        if ent.label_ in ("GPE", "NORP"):
            code = gazetteer().countries.get(surface_name(ent.text))
        elif ent.ent_id_:
            entry = gazetteer().entries.get(ent.ent_id_)
            if entry and entry.get("country") and entry["type"] == "regulator":
                code = entry["country"]
        if code:
            counts[code] += 1 if counts else 2.5
    return counts.most_common(1)[0][0] if counts else None
