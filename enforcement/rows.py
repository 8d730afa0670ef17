"""How one event, statement or figure shows in a list: its HTML, built in Python.

A list page shows up to 50 rows and an entity's page 100; as template includes the rows were
most of such a page's time (a few thousand variable look-ups, each value localised). So a row
is built here, every value escaped, as the admin builds its change list's rows
(``contrib.admin.templatetags.admin_list.items_for_result``) with ``format_html``. ``_html``
is that function without the lazy-string wrapper around each call, escaping as it does, and
``label`` is ``get_FOO_display()`` without rebuilding the choices' dict at every call: a row
holds about thirty values, so what each one costs adds up. The page templates place rows
with the ``{% event_row %}``, ``{% statement_row %}`` and ``{% statistic_row %}`` tags
(``templatetags/dashboard.py``); their look is in ``static/enforcement/css/dashboard.css``.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Collection, Iterable

from django.urls import NoReverseMatch
from django.utils.safestring import SafeString, mark_safe

from enforcement.models import Article, Event, Statement, Statistic, page_url

NOTHING = mark_safe("")


def _escaped(value) -> str:
    """``conditional_escape(value)``: safe text as it is, anything else as ``escape`` gives it."""
    kind = value.__class__
    if kind is str:  # most values; a SafeString is a subclass, so it is not caught here
        return html.escape(value)
    if kind is int:
        return str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


@functools.cache
def _labels(model, field: str) -> dict:
    return {value: str(label) for value, label in model._meta.get_field(field).flatchoices}


def label(obj, field: str) -> str:
    """``obj.get_<field>_display()``."""
    value = getattr(obj, field)
    return _labels(obj.__class__, field).get(value, value)


def _html(template: str, *values) -> SafeString:
    """``format_html(template, *values)``."""
    return SafeString(template.format(*[_escaped(value) for value in values]))


def _html_join(separator: str, template: str, rows: Iterable[tuple]) -> SafeString:
    """``format_html_join(separator, template, rows)``."""
    return SafeString(separator.join([_html(template, *row) for row in rows]))


NO_OWN_DATE = "No date of its own: the date it was first reported"


def admin_link(obj, is_staff: bool, text: str = "Edit") -> SafeString:
    """A link to the item's admin change page, for staff only; visitors see nothing."""
    if obj is None or not is_staff:
        return NOTHING
    meta = obj._meta
    try:
        url = page_url(f"admin:{meta.app_label}_{meta.model_name}_change", obj.pk)
    except NoReverseMatch:
        return NOTHING
    return _html(
        '<a class="admin-link" href="{}">{}<span class="visually-hidden"> {} {}</span></a>',
        url,
        text,
        meta.verbose_name,
        obj.pk,
    )


def review_badge(item) -> SafeString:
    if item.review_state == "unreviewed":
        return NOTHING
    return _html(
        '<span class="review review-{}">{}</span>',
        item.review_state,
        label(item, "review_state"),
    )


def source_line(article: Article, anchor: str) -> SafeString:
    """ "— <a>Title</a>, Outlet": where an item's words are, linked to them in the article."""
    outlet = _html(", {}", article.source) if article.source else NOTHING
    return _html(
        '<a href="{}#in-text-{}">{}</a>{}', article.get_absolute_url(), anchor, article, outlet
    )


def chips(entities: Iterable, css: str) -> SafeString:
    return _html_join(
        "",
        '<a class="chip chip-{}" href="{}">{}</a> ',
        ((css, entity.get_absolute_url(), entity.name) for entity in entities),
    )


def event_row(event: Event, *, heading_level: int = 2, is_staff: bool = False) -> SafeString:
    if event.sort_date is None:
        time = _html("<time>{}</time>", event.when_display)
    elif event.sort_date_is_reported:
        time = _html(
            '<time datetime="{}" class="reported-date" title="{}">{}</time>',
            event.sort_date.isoformat(),
            NO_OWN_DATE,
            event.when_display,
        )
    else:
        time = _html(
            '<time datetime="{}">{}</time>', event.sort_date.isoformat(), event.when_display
        )
    sources = event.sources.all()
    told_by = event.source_article_count
    regulators, actors = event.regulators.all(), event.actors.all()
    participants = NOTHING
    if regulators or actors:
        participants = _html(
            '<p class="participants">{}{}</p>',
            chips(regulators, "regulator"),
            chips(actors, "actor"),
        )
    anchor = f"event-{event.pk}"
    quotes = NOTHING
    if sources:
        quotes = _html(
            '<ul class="sources" aria-label="In the words of its sources">{}</ul>',
            _html_join(
                "",
                "<li><blockquote>“{}”</blockquote> — {}, {}</li>",
                (
                    (
                        source.quote,
                        source_line(source.article, anchor),
                        source.article.published_display,
                    )
                    for source in sources
                ),
            ),
        )
    return _html(
        '<article class="item event" id="{}"><header class="item-header">'
        '<span class="badge kind-{}">{}</span> {} {} {} {}</header>'
        '<h{} class="item-title summary"><a href="{}">{}</a></h{}>{}{}</article>',
        anchor,
        event.kind,
        label(event, "kind"),
        time,
        _html('<span class="told-by">Reported by {} sources</span>', told_by)
        if told_by > 1
        else NOTHING,
        review_badge(event),
        admin_link(event, is_staff),
        heading_level,
        event.get_absolute_url(),
        event.summary or "An event without a summary",
        heading_level,
        participants,
        quotes,
    )


def statement_row(statement: Statement, *, is_staff: bool = False) -> SafeString:
    speaker = statement.speaker
    if speaker:
        speaker_html = _html(
            '<a class="speaker" href="{}">{}</a>', speaker.get_absolute_url(), speaker.name
        )
    else:
        speaker_html = mark_safe('<span class="speaker">Unnamed speaker</span>')
    when = getattr(statement, "when", None)
    time = NOTHING
    if when:
        shown = statement.date_display if statement.date else statement.article.published_display
        time = _html('<time datetime="{}">{}</time>', when.isoformat(), shown)
    stance = NOTHING
    if statement.stance != "other":
        stance = _html(
            '<a class="badge stance stance-{}" href="{}?stance={}">{}</a>',
            statement.stance,
            page_url("enforcement:statement-list"),
            statement.stance,
            label(statement, "stance"),
        )
    quote = NOTHING
    if statement.quote != statement.text:
        quote = _html("<blockquote>“{}”</blockquote>", statement.quote)
    anchor = f"statement-{statement.pk}"
    return _html(
        '<article class="item statement" id="{}"><header class="item-header">'
        "{} {} {} {} {}</header>"
        '<p class="statement-text">{}</p>{}<p class="source">— {}</p></article>',
        anchor,
        speaker_html,
        time,
        stance,
        review_badge(statement),
        admin_link(statement, is_staff),
        statement.text,
        quote,
        source_line(statement.article, anchor),
    )


def statistic_row(
    statistic: Statistic, *, disagreeing_ids: Collection[int] = (), is_staff: bool = False
) -> SafeString:
    statistic_list = page_url("enforcement:statistic-list")
    measure = NOTHING
    if statistic.measure != "other":
        measure = _html(
            '<a class="badge measure" href="{}?measure={}">{}</a>',
            statistic_list,
            statistic.measure,
            label(statistic, "measure"),
        )
    when = getattr(statistic, "when", None)
    time = NOTHING
    if when:
        time = _html(
            '<time datetime="{}"{}>{}</time>',
            when.isoformat(),
            NOTHING if statistic.date else mark_safe(' class="reported-date"'),
            statistic.period_display,
        )
    disagree = NOTHING
    if statistic.pk in disagreeing_ids:
        disagree = _html(
            '<a class="badge disagree" href="{}?disagree=yes&amp;measure={}">Sources disagree</a>',
            statistic_list,
            statistic.measure,
        )
    subject = statistic.subject
    about = (
        _html(' · <a href="{}">{}</a>', subject.get_absolute_url(), subject.name)
        if subject
        else NOTHING
    )
    others = getattr(statistic, "also_given_by", None)
    also = NOTHING
    if others:
        also = _html(
            '<p class="also-given-by">Also given by {}</p>',
            _html_join("; ", '<a href="{}">{}</a>', ((o.get_absolute_url(), o) for o in others)),
        )
    anchor = f"statistic-{statistic.pk}"
    return _html(
        '<article class="item statistic" id="{}"><header class="item-header">'
        '<span class="figure-value">{}</span> {} {} {} {} {}</header>'
        '<p class="metric">In its words: {}{}</p><blockquote>“{}”</blockquote>'
        '<p class="source">— {}</p>{}</article>',
        anchor,
        statistic.figure_display,
        measure,
        time,
        disagree,
        review_badge(statistic),
        admin_link(statistic, is_staff),
        statistic.metric,
        about,
        statistic.quote,
        source_line(statistic.article, anchor),
        also,
    )
