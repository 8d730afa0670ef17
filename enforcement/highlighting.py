"""An article's text with every extracted span marked, each piece escaped.

The text is untrusted: it is cut at the spans' offsets and every piece goes
through ``escape``; only the ``<mark>``/``<a>`` tags written here are markup.
Spans nest (a figure inside a statement); a span that crosses the end of the
one it starts in is cut at that end, so the markup always nests.

Only words that are the item's quote are marked: a row whose offsets no longer
point at its quote (the article changed and its words left it) is never
highlighted; ``words_gone`` lists such rows for the page to show as "words no
longer in the article".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .models import page_url

# Type, label, letter on the reference link; order = which wins when two spans coincide.
SPAN_TYPES = {
    "event": ("Event", "E"),
    "statement": ("Statement", "S"),
    "statistic": ("Figure", "F"),
}


@dataclass
class Span:
    start: int
    end: int
    type: str
    pk: int
    url: str
    title: str

    @property
    def anchor(self) -> str:
        return f"{self.type}-{self.pk}"


def item_url(type_: str, pk: int) -> str:
    """Where an item is shown: its list, narrowed to it, scrolled to it."""
    list_name = {
        "event": "event-list",
        "statement": "statement-list",
        "statistic": "statistic-list",
    }[type_]
    return f"{page_url(f'enforcement:{list_name}')}?id={pk}#{type_}-{pk}"


def in_text(text: str, row) -> bool:
    """True when the row's offsets point at exactly its quoted words in ``text``."""
    start, end = row.start, row.end
    return (
        start is not None
        and end is not None
        and 0 <= start < end <= len(text)
        and not row.words_missing
        and text[start:end] == row.quote
    )


@dataclass
class GoneItem:
    type: str
    label: str
    pk: int
    url: str
    quote: str


def words_gone(text: str, statements, statistics, event_sources) -> list[GoneItem]:
    """Items kept from an earlier version of the article whose words it no longer has."""
    gone = []
    for type_, rows in (
        ("event", event_sources),
        ("statement", statements),
        ("statistic", statistics),
    ):
        for row in rows:
            if row.words_missing or (row.start is not None and not in_text(text, row)):
                pk = row.event_id if type_ == "event" else row.pk
                gone.append(
                    GoneItem(type_, SPAN_TYPES[type_][0], pk, item_url(type_, pk), row.quote)
                )
    return gone


def spans_of(text: str, statements, statistics, event_sources) -> list[Span]:
    spans = []

    def add(type_, pk, row, title):
        if not in_text(text, row):
            return  # listed, but never highlighted over words that are not its own
        spans.append(Span(row.start, row.end, type_, pk, item_url(type_, pk), title))

    for source in event_sources:
        event = source.event
        add(
            "event",
            event.pk,
            source,
            f"{event.summary} ({event.get_kind_display()}, {event.when_display})",
        )
    for statement in statements:
        speaker = statement.speaker.name if statement.speaker else "Unnamed speaker"
        add("statement", statement.pk, statement, f"{speaker}: {statement.text}")
    for statistic in statistics:
        add("statistic", statistic.pk, statistic, str(statistic))
    order = list(SPAN_TYPES)
    # Outer spans first: by start, then the longest, then by type.
    spans.sort(key=lambda span: (span.start, -span.end, order.index(span.type), span.pk))
    return spans


def _open(span: Span, label_for: set) -> str:
    # Only the first piece of a span carries its id, so each anchor is unique.
    anchor_id = span.anchor if span.anchor not in label_for else ""
    label_for.add(span.anchor)
    if anchor_id:
        return format_html(
            '<mark class="hl hl-{}" id="in-text-{}" title="{}">', span.type, anchor_id, span.title
        )
    return format_html('<mark class="hl hl-{}" title="{}">', span.type, span.title)


def _close(span: Span) -> str:
    label, letter = SPAN_TYPES[span.type]
    return format_html(
        '<a class="hl-ref" href="{}" aria-label="{} {}">{}</a></mark>',
        span.url,
        label,
        span.pk,
        letter,
    )


def highlight(text: str, spans: list[Span]) -> SafeString:
    pieces: list[str] = []
    stack: list[Span] = []
    position = 0
    seen: set = set()

    def close_top():
        nonlocal position
        top = stack.pop()
        pieces.append(escape(text[position : top.end]))
        position = top.end
        pieces.append(_close(top))

    for span in spans:
        while stack and stack[-1].end <= span.start:
            close_top()
        if stack and span.end > stack[-1].end:
            span = Span(span.start, stack[-1].end, span.type, span.pk, span.url, span.title)
        if span.start < position or span.start >= span.end:
            continue
        pieces.append(escape(text[position : span.start]))
        position = span.start
        pieces.append(_open(span, seen))
        stack.append(span)
    while stack:
        close_top()
    pieces.append(escape(text[position:]))
    # Every piece above is escaped text or format_html output.
    return mark_safe("".join(str(piece) for piece in pieces))
