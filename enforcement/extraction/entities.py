"""Stage 3: regulators and actors, from a gazetteer EntityRuler and spaCy's NER."""

from dataclasses import dataclass, field

from .result import EntityResult


@dataclass
class Mention:
    """A stretch of the text that names an entity (by its main name)."""

    start: int
    end: int
    entity: str


@dataclass
class FoundEntities:
    regulators: list[EntityResult] = field(default_factory=list)
    actors: list[EntityResult] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


def add_gazetteer(nlp) -> None:
    return None


def find_entities(doc) -> FoundEntities:
    return FoundEntities()
