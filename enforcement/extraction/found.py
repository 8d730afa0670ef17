"""The entities one article names, and where: the index every later stage reads.

The entity stage fills it; references, statements, statistics and events ask
it what a token names (``at``), whether a token is part of an outlet's name
(``is_outlet``), and which entity was named last before a point
(``sorted_mentions``). Only its methods change it, so its lookups by name and
by token always agree with its lists.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .names import normalize_name, surface_name
from .result import EntityResult


@dataclass
class Mention:
    """A stretch of the text that names an entity (by its main name)."""

    start: int  # character offsets
    end: int
    entity: str
    first_token: int = -1
    last_token: int = -1  # inclusive


@dataclass
class FoundEntities:
    regulators: list[EntityResult] = field(default_factory=list)
    actors: list[EntityResult] = field(default_factory=list)
    _mentions: list[Mention] = field(default_factory=list, repr=False)
    _outlet_tokens: set[int] = field(default_factory=set, repr=False)
    _by_name: dict[str, EntityResult] = field(default_factory=dict, repr=False)
    _by_token: dict[int, EntityResult] = field(default_factory=dict, repr=False)
    _sorted: list[Mention] | None = field(default=None, repr=False)

    # Reading --------------------------------------------------------------------------------

    def get(self, name: str) -> EntityResult | None:
        """The entity of this main name."""
        return self._by_name.get(name)

    def at(self, token_index: int) -> EntityResult | None:
        """The entity a token names, if it is part of a mention."""
        return self._by_token.get(token_index)

    def is_outlet(self, token_index: int) -> bool:
        """Whether the token is part of the name of an outlet that reports the story."""
        return token_index in self._outlet_tokens

    def entities(self) -> list[EntityResult]:
        """Regulators, then actors."""
        return [*self.regulators, *self.actors]

    def mentions(self) -> Iterator[Mention]:
        """Mentions in the order they were found."""
        return iter(self._mentions)

    def mentions_of(self, entity: EntityResult) -> list[Mention]:
        return [m for m in self._mentions if m.entity == entity.name]

    def sorted_mentions(self) -> list[Mention]:
        """Mentions in text order (kept until the mentions change)."""
        if self._sorted is None:
            self._sorted = sorted(self._mentions, key=lambda m: m.start)
        return self._sorted

    # Changing -------------------------------------------------------------------------------

    def add(self, entity: EntityResult) -> EntityResult:
        """The entity of this name: the one already found, or ``entity``, now found."""
        existing = self._by_name.get(entity.name)
        if existing:
            return existing
        (self.regulators if entity.is_regulator else self.actors).append(entity)
        self._by_name[entity.name] = entity
        return entity

    def add_mention(self, span, entity: EntityResult, *, as_alias: bool = True) -> None:
        """``span`` (a spaCy span) names ``entity``; its words become an alias when they
        are another name for it (unless ``as_alias`` is false)."""
        self._mentions.append(
            Mention(span.start_char, span.end_char, entity.name, span.start, span.end - 1)
        )
        self._sorted = None
        for index in range(span.start, span.end):
            self._by_token[index] = entity
        if not as_alias:
            return
        text = surface_name(span.text)
        if (
            text
            and normalize_name(text) != normalize_name(entity.name)
            and normalize_name(text) not in {normalize_name(alias) for alias in entity.aliases}
        ):
            entity.aliases.append(text)

    def add_outlet(self, span) -> None:
        """``span`` names a news outlet: no entity, and nobody speaks through it."""
        self._outlet_tokens.update(range(span.start, span.end))

    def remove(self, entity: EntityResult) -> None:
        """Forget an entity that turned out not to be one, with all its mentions."""
        (self.regulators if entity.is_regulator else self.actors).remove(entity)
        self._by_name.pop(entity.name, None)
        self._mentions = [m for m in self._mentions if m.entity != entity.name]
        self._sorted = None
        for index, owner in list(self._by_token.items()):
            if owner is entity:
                del self._by_token[index]

    def merge(self, keep: EntityResult, drop: EntityResult) -> None:
        """``drop`` is ``keep`` under another name: its mentions and names go to ``keep``."""
        for mention in self._mentions:
            if mention.entity == drop.name:
                mention.entity = keep.name
        for index, entity in list(self._by_token.items()):
            if entity is drop:
                self._by_token[index] = keep
        for alias in drop.names():
            if normalize_name(alias) not in {normalize_name(n) for n in keep.names()}:
                keep.aliases.append(alias)
        (self.regulators if drop.is_regulator else self.actors).remove(drop)
        self._by_name.pop(drop.name, None)

    def rename_as_regulator(self, entity: EntityResult, name: str, kind: str) -> str:
        """``entity`` is the regulator ``name`` of ``kind`` (an acronym's spelled-out body);
        returns its old name. Its mentions follow it."""
        if not entity.is_regulator:
            self.regulators.append(entity)
            self.actors.remove(entity)
        old_name = entity.name
        self._by_name.pop(old_name, None)
        entity.is_regulator = True
        entity.kind = kind
        entity.name = name
        self._by_name[name] = entity
        for mention in self._mentions:
            if mention.entity == old_name:
                mention.entity = name
        return old_name
