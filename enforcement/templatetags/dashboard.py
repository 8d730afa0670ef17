"""Small template helpers for the dashboard: admin links, the rows of lists (``rows``), and
``{% generation_cache %}``, which renders a block once per data generation."""

from django import template
from django.db.models import Model
from django.urls import get_script_prefix

from enforcement import generation, rows
from enforcement.paging import ReadWhenRendered

register = template.Library()


def _is_staff(context) -> bool:
    user = getattr(context.get("request"), "user", None)
    return bool(user is not None and user.is_staff)


@register.simple_tag(takes_context=True)
def admin_link(context, obj, label="Edit"):
    """A link to the item's admin change page, for staff only; visitors see nothing."""
    return rows.admin_link(obj, _is_staff(context), label)


@register.simple_tag(takes_context=True)
def event_row(context, event, heading_level=2):
    return rows.event_row(event, heading_level=heading_level, is_staff=_is_staff(context))


@register.simple_tag(takes_context=True)
def statement_row(context, statement):
    return rows.statement_row(statement, is_staff=_is_staff(context))


@register.simple_tag(takes_context=True)
def statistic_row(context, statistic):
    return rows.statistic_row(
        statistic, disagreeing_ids=context.get("disagreeing_ids", ()), is_staff=_is_staff(context)
    )


@register.filter
def item_anchor(obj):
    """The id an item's row carries in its list, e.g. ``statement-12``."""
    return f"{obj._meta.model_name}-{obj.pk}"


class GenerationCacheNode(template.Node):
    def __init__(self, nodelist, name: str, parts):
        self.nodelist, self.name, self.parts = nodelist, name, parts

    def render(self, context):
        parts = [_key_part(part.resolve(context)) for part in self.parts]
        return generation.cached(
            f"html:{self.name}",
            lambda: self.nodelist.render(context),
            *parts,
            _is_staff(context),
            get_script_prefix(),
        )


def _key_part(value):
    """What names ``value`` in a key: a row by its model and key (``repr`` of a row is its
    text, which two rows may share), a list of rows by theirs, anything else as it is."""
    if isinstance(value, Model):
        return (value._meta.label, value.pk)
    if isinstance(value, ReadWhenRendered):  # named by its rows, which naming never reads
        return _key_part(value.rows)
    if isinstance(value, list | tuple):
        return tuple(_key_part(item) for item in value)
    return value


@register.tag
def generation_cache(parser, token):
    """``{% generation_cache "name" part... %}…{% endgeneration_cache %}``: the block's HTML,
    rendered once per data generation and per ``part`` (querysets by their SQL, rows by
    their keys), whether the reader is staff and the site's path (``generation.cached``).

    For blocks whose HTML is a function of the data alone, such as the rows of a list: a
    busy entity's page renders a hundred. Every write changes the generation, so no page
    shows HTML rendered before a write; inside a transaction nothing is cached. The block
    must depend on nothing else in the context than its parts (no form, no query string)."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a name, then what the block shows")
    nodelist = parser.parse(("endgeneration_cache",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return GenerationCacheNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]])
