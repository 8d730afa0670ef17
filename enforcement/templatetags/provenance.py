"""``{% words_gone article.text statements statistics event_sources as gone %}``: the items
kept from an earlier version of an article whose words it no longer has."""

from django import template

from enforcement.highlighting import words_gone as _words_gone

register = template.Library()


@register.simple_tag
def words_gone(text, statements, statistics, event_sources):
    return _words_gone(text, statements, statistics, event_sources)
