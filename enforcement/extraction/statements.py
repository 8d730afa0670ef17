"""Stage 4: who said what, quoted or reported.

Two kinds of statement are read:

* direct quotes, in straight or curly marks, over one or several sentences,
  split by "he wrote" or continued in the next sentence;
* reported speech, found from the sentence's structure: a speech verb
  ("say", "tell", "urge", "accuse", "call on") with a subject, and what it
  governs — a clause ("Ma told SAIC *that ...*"), or its own phrase ("Zhi
  *urged Alibaba to ...*").

The speaker is the verb's subject, resolved through ``references`` when it is
a pronoun or "the company". When a statement reports another ("Ma told SAIC
that ..., SAIC said"), the inner speaker is the one who said the words.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import lexicon, references
from .clauses import memo, text_of
from .found import FoundEntities
from .lemmas import known_lemma
from .result import Span, StatementResult

_ALL_SPEECH_LEMMAS = lexicon.SPEECH_VERBS | set(lexicon.PHRASAL_SPEECH)  # built once

# Marks that open and close a quotation (a curly opening mark never closes one).
OPEN_QUOTES = '"“«'
CLOSE_QUOTES = '"”»'
MIN_QUOTE_WORDS = 4


@dataclass
class _Candidate:
    start: int  # character offsets into the article
    end: int
    speaker: object  # EntityResult | None
    verb_after: bool = False  # "..., SAIC said": the attribution follows its words
    is_quote: bool = False
    paragraph: int = 0
    verb: int = -1  # token index of the speech verb
    clause_root: int = -1  # token index of the clause it reports
    opens: bool = False  # a quote that opens its paragraph


def find_statements(doc, found: FoundEntities) -> list[StatementResult]:
    quotes = memo(doc, "quotes", lambda: find_quotes(text_of(doc)))
    inside_quote = _char_mask(quotes, len(text_of(doc)))
    reported = []
    for sent in doc.sents:
        reported.extend(_reported(sent, found, inside_quote))
    quoted = _quoted(doc, quotes, found, reported)
    chosen = _resolve_overlaps(reported, quoted)
    results = []
    for candidate in chosen:
        if candidate.speaker is None:
            continue
        text = text_of(doc)[candidate.start : candidate.end]
        results.append(
            StatementResult(
                speaker=candidate.speaker.name, span=Span(text, candidate.start, candidate.end)
            )
        )
    return results


# Direct quotes ---------------------------------------------------------------------------------


def find_quotes(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of quotation marks; a quote left open
    at the end of a paragraph closes there."""
    quotes, opened = [], None
    for index, char in enumerate(text):
        if char == "\n" and opened is not None and text[index : index + 2] == "\n\n":
            quotes.append((opened, index))
            opened = None
            continue
        if opened is None:
            if char in OPEN_QUOTES and (index == 0 or not text[index - 1].isalnum()):
                opened = index + 1
        elif char in CLOSE_QUOTES and char != "“":
            quotes.append((opened, index))
            opened = None
    if opened is not None:
        quotes.append((opened, len(text)))
    return [_trim_chars(text, start, end) for start, end in quotes if end > start]


def _trim_chars(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n'‘":
        start += 1
    while end > start and text[end - 1] in " \n,;:'’":
        end -= 1
    return start, end


def _char_mask(spans, length) -> bytearray:
    mask = bytearray(length)
    for start, end in spans:
        mask[start:end] = b"\x01" * (end - start)
    return mask


def _quoted(doc, quotes, found, reported) -> list[_Candidate]:
    candidates: list[_Candidate] = []
    for start, end in quotes:
        words = text_of(doc)[start:end].split()
        if len(words) < MIN_QUOTE_WORDS:
            continue
        paragraph = text_of(doc).count("\n\n", 0, start)
        speaker = _quote_speaker(doc, start, end, found, reported)
        if speaker is None and candidates and candidates[-1].paragraph == paragraph:
            speaker = candidates[-1].speaker  # a second quote continues the first one's speaker
        opens = _opens_paragraph(text_of(doc), start)
        if speaker is None and opens:
            speaker = _introduced_by(doc, start, found)
            last = candidates[-1] if candidates else None
            if speaker is None and last and last.opens and last.paragraph == paragraph - 1:
                speaker = last.speaker  # a quote running on over paragraphs
        if speaker is None and not _has_speech_nearby(doc, start, end):
            continue
        candidates.append(
            _Candidate(start, end, speaker, is_quote=True, paragraph=paragraph, opens=opens)
        )
    return candidates


def _opens_paragraph(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"“'‘«")
    return not before or before.endswith("\n")


def _introduced_by(doc, start: int, found):
    """The speaker of a paragraph that introduces the quotes after it with a colon:
    "The following can be attributed to CCIA President Matt Schruers:", "Smith said:".
    The person it names, else the body."""
    text = text_of(doc)
    before = text[:start].rstrip(" \t\n\"“'‘«")
    if not before.endswith(":"):
        return None
    paragraph_start = before.rfind("\n") + 1
    named = [
        found.get(m.entity)
        for m in found.sorted_mentions()
        if paragraph_start <= m.start and m.end <= len(before)
    ]
    named = [entity for entity in named if entity is not None]
    people = [entity for entity in named if entity.kind == "person"]
    return (people or named or [None])[-1]


def _quote_speaker(doc, start, end, found, reported):
    """The subject of the speech verb attributing the quote, in the sentences it touches."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    sentences = {span[0].sent.start: span[0].sent, span[-1].sent.start: span[-1].sent}
    for sent in sentences.values():
        for token in sent:
            if start <= token.idx < end:
                continue
            if _is_speech_verb(token) and not _reports_nothing(token, start, end):
                subject = _subject(token)
                if subject is not None:
                    speaker = references.resolve(
                        subject, found, create_collective=True
                    ) or references.author_of(subject, found)
                    if speaker is not None:
                        return speaker
            source = _according_to_source(token)
            if source is not None and not start <= token.idx < end:
                return references.resolve(source, found)  # '"...", according to Interpol.'
    return None


def _reports_nothing(verb, start: int, end: int) -> bool:
    """'have continued to report serious challenges': a verb that reports speech only with a
    clause, used with an object of its own instead, attributes no quote near it."""
    return (
        known_lemma(verb, _ALL_SPEECH_LEMMAS) in lexicon.CLAUSE_ONLY_VERBS
        and _clause_of(verb) is None
        and any(c.dep_ == "dobj" and not start <= c.idx < end for c in verb.children)
    )


def _according_to_source(token):
    """The source named by "according to X", when ``token`` is that "according"."""
    doc = token.doc
    if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return None
    sources = [t for t in doc[token.i + 1].children if t.dep_ == "pobj"]
    return sources[0] if sources else None


def _has_speech_nearby(doc, start, end) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(
        _is_speech_verb(t) or _according_to_source(t) is not None
        for t in span[0].sent
        if not start <= t.idx < end
    )


# Reported speech -------------------------------------------------------------------------------


def _is_speech_verb(token) -> bool:
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in (
        "VBG",
        "VBN",
        "VBD",
        "VBZ",
        "VBP",
        "VB",
    ):
        return False
    lemma = known_lemma(token, _ALL_SPEECH_LEMMAS)
    if lemma in lexicon.PHRASAL_SPEECH:
        return any(
            child.lower_ in lexicon.PHRASAL_SPEECH[lemma]
            and child.dep_ in ("prt", "prep", "advmod")
            for child in token.children
        )
    return lemma in lexicon.SPEECH_VERBS


def _is_document_finding(token) -> bool:
    """'The study found that ...': a document's finding verb with a clause reports it."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in lexicon.DOCUMENT_SPEECH_VERBS:
        return False
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    return (
        bool(subjects)
        and subjects[0].lemma_.lower() in lexicon.AUTHORED_DOCUMENTS
        and _clause_of(token) is not None
    )


def _subject(verb, passive: bool = False):
    """The verb's own subject, or the subject of the clause it hangs from ("..., saying")."""
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ == "nsubj" or passive and child.dep_ == "nsubjpass":
                return child
            if child.dep_ in ("nsubjpass",):
                return None
        if current.dep_ == "acl" and current.head.lemma_.lower() in lexicon.DOCUMENT_NOUNS:
            return None  # "a report accusing Alibaba": the document's words, not a speech
        if (
            current.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp", "relcl", "dep")
            and current.head.i != current.i
        ):
            if current.dep_ == "relcl":
                return current.head
            current = current.head
            continue
        return None
    return None


def _clause_of(verb):
    """What a speech verb reports: its clausal complement, if it has one."""
    for child in verb.children:
        if (
            child.dep_ in ("ccomp", "parataxis")
            and child.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "PRON")
            and (
                child.i < verb.i
                or any(t.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for t in child.children)
            )
        ):
            return child
    return None


def _reported(sent, found, inside_quote) -> list[_Candidate]:
    candidates = []
    for token in sent:
        if inside_quote[token.idx] if token.idx < len(inside_quote) else False:
            continue
        if not _is_speech_verb(token) and not _is_document_finding(token):
            continue
        if any(child.dep_ == "neg" for child in token.children):
            continue  # "did not respond", "didn't call out": no words were said
        subject = _subject(token)
        if subject is None:
            continue
        clause = _clause_of(token)
        lemma = known_lemma(token, _ALL_SPEECH_LEMMAS)
        if clause is None and not _is_aside(token) and lemma in lexicon.CLAUSE_ONLY_VERBS:
            continue  # before resolving: no collective speaker for words never reported
        speaker = references.resolve(
            subject, found, create_collective=True
        ) or references.author_of(subject, found)
        if clause is not None:
            tokens = [t for t in clause.subtree]
            tokens = _strip(tokens, leading={"that", ",", '"', "“"})
            verb_after = token.i > clause.i
            if speaker is None and any(
                inside_quote[t.idx] for t in tokens if t.idx < len(inside_quote)
            ):
                # "the WSJ said that the traders are compelled "to ..."": the outlet only relays.
                inner = _subject(clause, passive=True)
                if inner is not None:
                    speaker = references.resolve(inner, found, create_collective=True)
        elif _is_aside(token):
            # "The product, police said, was ...": the sentence around the aside is reported
            tokens = _strip([t for t in token.head.subtree if t.i not in _subtree_of(token)])
            tokens = [t for t in tokens if tokens[0].i <= t.i <= tokens[-1].i] if tokens else []
            verb_after = True
        elif lemma in lexicon.CLAUSE_ONLY_VERBS:
            continue
        else:
            tokens = _own_phrase(token, subject)
            verb_after = False
            if len(tokens) < 4:
                continue
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        candidates.append(
            _Candidate(
                start,
                end,
                speaker,
                verb_after=verb_after,
                verb=token.i,
                clause_root=clause.i if clause is not None else -1,
            )
        )
    if not candidates:
        candidates.extend(_according_to(sent, found, inside_quote))
    return _nested(_added_on(sent.doc, candidates))


def _added_on(doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """ "..., police said, adding that ...": what the speaker adds in the same breath is
    part of the statement it adds to."""
    by_verb = {candidate.verb: candidate for candidate in candidates}
    kept = []
    for candidate in candidates:
        verb = doc[candidate.verb] if candidate.verb >= 0 else None
        outer = by_verb.get(verb.head.i) if verb is not None else None
        if (
            outer is not None
            and outer is not candidate
            and verb.tag_ == "VBG"
            and verb.lemma_ in lexicon.ADDING_VERBS
            and verb.dep_ in ("advcl", "conj", "xcomp")
            and outer.speaker is candidate.speaker
            and candidate.start > outer.start
        ):
            outer.end = max(outer.end, candidate.end)
            continue
        kept.append(candidate)
    return kept


def _is_aside(verb) -> bool:
    """A speech verb set off by commas inside the clause it reports: "X, they say, is ..."."""
    doc = verb.doc
    head = verb.head
    if verb.dep_ != "parataxis" or head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
        return False
    first, last = verb.left_edge.i, verb.right_edge.i
    if not head.left_edge.i < first or not last < head.right_edge.i:
        return False  # words of the clause on both sides
    return "," in (doc[first].text, doc[first - 1].text) and "," in (
        doc[last].text,
        doc[last + 1].text,
    )


def _subtree_of(token) -> set[int]:
    return {t.i for t in token.subtree}


def _according_to(sent, found, inside_quote) -> list[_Candidate]:
    """ "According to the department, it handled 1,400 cases": the clause is the source's."""
    for token in sent:
        if (
            token.lower_ != "according"
            or token.i + 1 >= len(token.doc)
            or token.doc[token.i + 1].lower_ != "to"
        ):
            continue
        sources = [t for t in token.doc[token.i + 1].children if t.dep_ == "pobj"]
        if not sources or token.dep_ != "prep" or inside_quote[token.idx]:
            continue
        speaker = references.resolve(sources[0], found) or references.author_of(
            sources[0], found
        )  # "according to its annual report": the report's author
        if speaker is None:
            return []
        clause = token.head
        skip = {t.i for t in token.subtree}
        tokens = _strip(
            [
                t
                for t in clause.subtree
                if t.i not in skip and t.i > token.right_edge.i or t.i < token.i and t.i not in skip
            ]
        )
        tokens = _strip([t for t in tokens if t.i > token.right_edge.i] or tokens)
        if len(tokens) < 4:
            return []
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        return [_Candidate(start, end, speaker, verb=clause.i, clause_root=-1)]
    return []


def _own_phrase(verb, subject) -> list:
    """The verb with what it governs, without its subject or a leading "In its defense,"."""
    skip = set()
    for child in verb.children:
        if child.i < verb.i and child.dep_ in (
            "nsubj",
            "advmod",
            "prep",
            "punct",
            "cc",
            "npadvmod",
            "advcl",
            "mark",
            "intj",
        ):
            skip.update(t.i for t in child.subtree)
    if subject is not None and subject.head.i == verb.i:
        skip.update(t.i for t in subject.subtree)
    tokens = [t for t in verb.subtree if t.i not in skip]
    # keep one contiguous run around the verb
    run = []
    for t in tokens:
        if run and t.i != run[-1].i + 1:
            if t.i > verb.i and run[-1].i >= verb.i:
                break
            run = []
        run.append(t)
    return _strip(run, leading={",", "and", "but"})


def _strip(tokens, leading=frozenset()):
    while tokens and (
        tokens[0].lower_ in leading
        or tokens[0].is_space
        or tokens[0].is_punct
        and tokens[0].text not in '"“'
    ):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_space or tokens[-1].is_punct and tokens[-1].text not in '"”'):
        tokens = tokens[:-1]
    return tokens


def _nested(candidates: list[_Candidate]) -> list[_Candidate]:
    """One statement per stretch of words: "X said that Y told Z that ..." is X's, but
    "Y told Z that ..., X said" is Y's."""
    keep = list(candidates)
    for outer in candidates:
        for inner in candidates:
            if inner is outer or inner not in keep or outer not in keep:
                continue
            if outer.start <= inner.start and inner.end <= outer.end:
                reports_inner = outer.verb_after and inner.verb == outer.clause_root
                if reports_inner and inner.speaker is not None or outer.speaker is None:
                    keep.remove(outer)
                else:
                    keep.remove(inner)
    return keep


def _resolve_overlaps(reported: list[_Candidate], quoted: list[_Candidate]) -> list[_Candidate]:
    """A quote inside a reported clause, or a clause that is the quote, is one statement."""
    chosen = list(reported)
    for quote in quoted:
        merged = False
        for index, other in enumerate(chosen):
            overlap = min(quote.end, other.end) - max(quote.start, other.start)
            if overlap <= 0:
                continue
            shorter = min(quote.end - quote.start, other.end - other.start)
            if overlap < 0.5 * shorter:
                continue
            merged = True
            quote_share = (quote.end - quote.start) / max(other.end - other.start, 1)
            if quote_share >= 0.7:
                speaker = other.speaker or quote.speaker
                chosen[index] = _Candidate(quote.start, quote.end, speaker, is_quote=True)
            elif other.speaker is None:
                other.speaker = quote.speaker
            break
        if not merged:
            chosen.append(quote)
    chosen.sort(key=lambda c: c.start)
    return _dedupe(chosen)


def _dedupe(candidates):
    """One statement per stretch of words: a statement inside another one (the second half
    of a quote split by "Li said", a clause a longer statement reports) is part of it."""
    seen, result = set(), []
    for candidate in candidates:
        key = (candidate.start, candidate.end)
        if key in seen:
            continue
        if any(
            other is not candidate
            and other.start <= candidate.start
            and candidate.end <= other.end
            and (other.start, other.end) != key
            for other in candidates
        ):
            continue
        seen.add(key)
        result.append(candidate)
    return result
