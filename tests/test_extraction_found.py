"""The per-article index of found entities: only its methods change it, and its
lookups by name and by token agree with its lists afterwards."""

import pytest
import spacy

from enforcement.extraction.found import FoundEntities
from enforcement.extraction.result import EntityResult


@pytest.fixture(scope="module")
def doc():
    return spacy.blank("en")("The SAIC said Alibaba and the State Administration met Reuters.")


def _span(doc, text):
    start = doc.text.index(text)
    return doc.char_span(start, start + len(text))


def test_a_mention_indexes_its_tokens_and_keeps_another_name_as_an_alias(doc):
    found = FoundEntities()
    saic = found.add(EntityResult("State Administration for Industry and Commerce", "agency", True))
    found.add_mention(_span(doc, "SAIC"), saic)
    assert found.at(_span(doc, "SAIC").start) is saic
    assert saic.aliases == ["SAIC"]
    assert found.get(saic.name) is saic and found.regulators == [saic]


def test_a_mention_without_alias_only_indexes(doc):
    found = FoundEntities()
    alibaba = found.add(EntityResult("Alibaba Group", "company", False))
    found.add_mention(_span(doc, "Alibaba"), alibaba, as_alias=False)
    assert alibaba.aliases == []
    assert [m.entity for m in found.mentions_of(alibaba)] == ["Alibaba Group"]


def test_adding_a_name_found_already_returns_the_first(doc):
    found = FoundEntities()
    first = found.add(EntityResult("Alibaba", "company", False))
    assert found.add(EntityResult("Alibaba", "platform", False)) is first
    assert found.actors == [first]


def test_a_merge_moves_mentions_tokens_and_names_to_the_kept_entity(doc):
    found = FoundEntities()
    long = found.add(EntityResult("State Administration", "agency", True))
    short = found.add(EntityResult("SAIC", "agency", True))
    found.add_mention(_span(doc, "SAIC"), short)
    found.add_mention(_span(doc, "State Administration"), long)
    found.merge(keep=long, drop=short)
    assert found.regulators == [long] and found.get("SAIC") is None
    assert found.at(_span(doc, "SAIC").start) is long
    assert {m.entity for m in found.mentions()} == {"State Administration"}
    assert "SAIC" in long.aliases


def test_a_removed_entity_leaves_no_mention_or_token(doc):
    found = FoundEntities()
    person = found.add(EntityResult("Reuters", "person", False))
    found.add_mention(_span(doc, "Reuters"), person)
    found.remove(person)
    assert found.actors == [] and list(found.mentions()) == []
    assert found.at(_span(doc, "Reuters").start) is None


def test_renaming_as_a_regulator_moves_the_entity_and_its_mentions(doc):
    found = FoundEntities()
    acronym = found.add(EntityResult("SAIC", "company", False))
    found.add_mention(_span(doc, "SAIC"), acronym)
    old = found.rename_as_regulator(acronym, "State Administration", "agency")
    assert old == "SAIC"
    assert found.actors == [] and found.regulators == [acronym]
    assert found.get("State Administration") is acronym and found.get("SAIC") is None
    assert [m.entity for m in found.mentions()] == ["State Administration"]


def test_sorted_mentions_follow_the_text_after_every_change(doc):
    found = FoundEntities()
    reuters = found.add(EntityResult("Reuters", "company", False))
    saic = found.add(EntityResult("SAIC", "agency", True))
    found.add_mention(_span(doc, "Reuters"), reuters)
    assert [m.entity for m in found.sorted_mentions()] == ["Reuters"]
    found.add_mention(_span(doc, "SAIC"), saic)
    assert [m.entity for m in found.sorted_mentions()] == ["SAIC", "Reuters"]


def test_an_outlet_is_known_by_its_tokens_and_is_no_entity(doc):
    found = FoundEntities()
    found.add_outlet(_span(doc, "Reuters"))
    assert found.is_outlet(_span(doc, "Reuters").start)
    assert not found.is_outlet(_span(doc, "SAIC").start)
    assert found.entities() == []
