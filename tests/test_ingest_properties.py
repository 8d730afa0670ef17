"""The ingest on random and hostile text (hypothesis, fixed seed, bounded examples).

Whatever bytes a file holds, reading it either refuses it with one line naming
the file, or stores an article without control characters whose every item
quotes its own words; reading it again changes nothing.
"""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

from django.conf import settings
from django.db import transaction
from hypothesis import HealthCheck, event, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from enforcement import ingest
from enforcement.article_files import collect
from enforcement.extraction.pipeline import extract
from enforcement.models import Article, EventSource, Statement, Statistic

_WORD_LIST = """
    Police customs seized fake counterfeit handbags Alibaba SAIC said Jack Ma the a of in on
    3,000 RMB10,000 $2m 87 per cent million Monday 2015 Jan. court ruled lawsuit . , ; : " ' “ ” ( )
"""
WORDS = frozenset(_WORD_LIST.split())
# Characters that broke or could break a reader: NUL and other controls, a lone
# surrogate's neighbour, byte order marks, direction overrides, markup, emoji.
HOSTILE = [
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\x85",
    "\u200b",
    "\ufeff",
    "\ud7ff",
    "\u202e",
    "\r",
    "\n\n",
    "\t",
    "<script>",
    "&amp;",
    "\U0001f600",
]

texts = st.lists(st.sampled_from(sorted(WORDS) + HOSTILE) | st.text(max_size=8), max_size=120).map(
    " ".join
)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "latin-1"])


def control_characters(value: str) -> list[str]:
    return [ch for ch in value if unicodedata.category(ch) == "Cc" and ch not in "\n\t"]


@hypothesis_settings(
    max_examples=100,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=texts, encoding=encodings, title=st.text(max_size=20))
def test_any_file_is_refused_clearly_or_stored_clean_and_quoted(db, text, encoding, title):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        try:
            path.write_bytes(text.encode(encoding))
        except UnicodeEncodeError:
            path.write_bytes(text.encode("utf-8", "surrogatepass"))
        manifest = Path(folder) / "manifest.csv"
        manifest.write_text(
            'file,title\narticle.txt,"' + title.replace('"', '""') + '"\n',
            "utf-8",
            errors="surrogatepass",
        )
        articles, problems = collect([folder], max_bytes=settings.INGEST_MAX_BYTES)
        for problem in problems:
            assert folder in str(problem) and "\n" not in str(problem)
        if not articles:
            assert problems
            event("refused with one line")
            return
        event("read and stored")
        (item,) = articles
        result = next(extract([item], model_name=settings.SPACY_MODEL))
        digest = ingest.article_hash(item)
        with transaction.atomic():
            outcome = ingest.store(result, content_hash=digest, location=item.location)
            article = Article.objects.get(pk=outcome.article.pk)
            for value in (article.text, article.title, article.source, article.url):
                assert control_characters(value) == [], repr(value)
            for model in (Statement, Statistic, EventSource):
                for row in model.objects.filter(article=article):
                    assert article.text[row.start : row.end] == row.quote
            again = ingest.store(result, content_hash=digest, location=item.location)
            assert again.status == ingest.UNCHANGED
            transaction.set_rollback(True)
