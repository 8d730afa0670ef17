"""The clause around a word: the words a figure or an event is read from.

A sentence often carries several facts ("removed 380 million listings and
closed 180,000 stores"). The provenance of each should be its own clause, not
the whole sentence, so a reader sees exactly which words gave which fact.
"""

from __future__ import annotations

from . import lexicon
from .result import Span

# Dependents that start a clause of their own.
CLAUSAL_DEPS = {"conj", "advcl", "ccomp", "relcl", "parataxis", "xcomp", "csubj"}
_VERBAL = {"VERB", "AUX"}


def governing_verb(token):
    """The nearest verb at or above ``token`` in the parse, or the sentence root."""
    current = token
    while current.pos_ not in _VERBAL and current.head.i != current.i:
        current = current.head
    return current


def clause_tokens(anchor, *, before: int = 18, after: int = 18, within=None):
    """Tokens of the clause holding ``anchor``: its verb's subtree without the
    clauses that do not hold the anchor (a verb's own complements stay), kept
    within ``before`` and ``after`` tokens of it and inside the span ``within``
    (by default its sentence)."""
    verb = governing_verb(anchor)
    ancestors = {anchor.i} | {t.i for t in anchor.ancestors}
    excluded: set[int] = set()
    subtree = list(verb.subtree)
    for token in subtree:
        if token.i in ancestors or token.i == verb.i:
            continue
        if token.head.i == anchor.i and token.dep_ not in ("conj", "parataxis", "relcl"):
            continue  # the anchor verb's own complement: "calling for X to act"
        if token.dep_ == "conj" and token.head.pos_ not in _VERBAL:
            continue  # "tougher laws, stricter enforcement and stiffer penalties" is one list
        if (
            token.dep_ in CLAUSAL_DEPS
            and token.pos_ in _VERBAL
            and not (token.left_edge.i <= anchor.i <= token.right_edge.i)
        ):
            excluded.update(t.i for t in token.subtree)
    bounds = within if within is not None else anchor.sent
    tokens = [
        t
        for t in subtree
        if t.i not in excluded
        and -before <= t.i - anchor.i <= after
        and bounds.start <= t.i < bounds.end
    ]
    return _trim(tokens)


def _trim(tokens):
    while tokens and (
        tokens[0].is_punct or tokens[0].is_space or tokens[0].lower_ in lexicon.CLAUSE_OPENERS
    ):
        if tokens[0].lower_ == "which" and len(tokens) > 1:
            break
        tokens = tokens[1:]
    while tokens and (
        tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].lower_ in lexicon.CLAUSE_CLOSERS
    ):
        if tokens[-1].text == "%":
            break
        if tokens[-1].text in ')”"' and any(t.text in '(“"' for t in tokens[:-1]):
            break
        tokens = tokens[:-1]
    return tokens


def span_of(tokens) -> Span | None:
    if not tokens:
        return None
    doc = tokens[0].doc
    start = min(t.idx for t in tokens)
    last = max(tokens, key=lambda t: t.i)
    end = last.idx + len(last.text)
    return Span(text_of(doc)[start:end], start, end)


def memo(doc, key, make):
    """A value computed once per document and kept with it: several stages need the
    same dates and quotes of the same text."""
    cache = doc.user_data.setdefault("enforcement", {})
    if key not in cache:
        cache[key] = make()
    return cache[key]


def text_of(doc) -> str:
    """``doc.text``, built once: spaCy joins every token each time it is asked."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


def keep_text(doc, text: str) -> None:
    """Give ``text_of`` the text the Doc was made from (spaCy keeps every character, so it
    is ``doc.text``), which saves joining its tokens again."""
    doc.user_data["text"] = text
