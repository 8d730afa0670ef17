"""``{{ article.url|web_url }}``: a stored link, only if it is http or https (else "")."""

from django import template

from enforcement.links import web_url as _web_url

register = template.Library()


@register.filter
def web_url(value) -> str:
    return _web_url(value) or ""
