"""Stage 2: title, source outlet and publication date from the text."""

from dataclasses import dataclass

from .dates import PartialDate


@dataclass
class Metadata:
    title: str | None = None
    source: str | None = None
    published: PartialDate | None = None


def read_metadata(text: str) -> Metadata:
    return Metadata()
