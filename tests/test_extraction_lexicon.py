"""The lexicon is data the stages read: every list says what it is for, and the
tables name only kinds the results know."""

import ast
from pathlib import Path

import pytest

from enforcement.extraction import events, lexicon
from enforcement.extraction.entities import gazetteer
from enforcement.extraction.result import EVENT_KINDS, REGULATOR_KINDS

LEXICON = Path(lexicon.__file__)


def _public_assignments():
    tree = ast.parse(LEXICON.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id.isupper():
                    yield target.id, node.lineno


def test_every_word_list_sits_under_a_comment_that_says_what_it_is_for():
    lines = LEXICON.read_text(encoding="utf-8").splitlines()
    uncommented = []
    for name, lineno in _public_assignments():
        index = lineno - 2  # the line above, 0-based
        # A run of lists without blank lines shares the comment that opens it.
        while index >= 0 and lines[index].strip() and not lines[index].lstrip().startswith("#"):
            index -= 1
        if index < 0 or not lines[index].lstrip().startswith("#"):
            uncommented.append(name)
    assert uncommented == []


def test_the_lexicon_has_the_lists_of_every_stage():
    names = {name for name, _ in _public_assignments()}
    assert {"SPEECH_VERBS", "TAKEDOWN_OBJECTS", "CURRENCY_PREFIXES", "WEEKDAYS"} <= names
    assert {"GENERIC_BODIES", "COLLECTIVE_NOUNS", "DATELINE_LABELS", "BOX_HEADINGS"} <= names


def test_compact_lists_are_split_on_white_space():
    assert lexicon.words("""say tell\n    add""") == frozenset({"say", "tell", "add"})


@pytest.mark.parametrize("table", ["VERB_KINDS", "NOUN_KINDS"])
def test_word_to_kind_tables_name_only_event_kinds(table):
    assert set(getattr(lexicon, table).values()) <= set(EVENT_KINDS)


def test_every_verb_rule_gives_an_event_kind_or_none():
    kinds = {kind for *_, kind in events.VERB_RULES}
    assert kinds - {None} <= set(EVENT_KINDS)
    assert None in kinds  # rows that say "not an event" end the search


def test_every_verb_of_a_rule_is_a_trigger():
    for verbs, *_ in events.VERB_RULES:
        assert verbs <= events.TRIGGER_VERBS


def test_generic_bodies_are_regulators_of_known_kinds():
    assert {kind for _, kind in lexicon.GENERIC_BODIES.values()} <= set(REGULATOR_KINDS)


def test_alternatives_try_longer_phrases_first_and_keep_a_tuples_order():
    assert lexicon.alternatives(frozenset({"over", "just over"}), space=" ") == "just over|over"
    assert lexicon.alternatives(("b", "a c")) == r"b|a\s+c"


def test_countries_and_demonyms_come_from_the_gazetteer():
    gaz = gazetteer()
    assert gaz.countries["Chinese"] == "CN"
    assert gaz.demonyms["CN"] == "Chinese"
    assert set(gaz.demonyms) <= set(gaz.countries.values())
