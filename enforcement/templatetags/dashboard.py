"""Small template helpers for the dashboard: admin links and the rows of lists (``rows``)."""

from django import template

from enforcement import rows

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
