"""Small template helpers for the dashboard."""

from django import template
from django.urls import NoReverseMatch
from django.utils.html import format_html

from enforcement.models import page_url

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_link(context, obj, label="Edit"):
    """A link to the item's admin change page, for staff only; visitors see nothing."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if obj is None or user is None or not user.is_staff:
        return ""
    meta = obj._meta
    try:
        url = page_url(f"admin:{meta.app_label}_{meta.model_name}_change", obj.pk)
    except NoReverseMatch:
        return ""
    return format_html(
        '<a class="admin-link" href="{}">{}<span class="visually-hidden"> {} {}</span></a>',
        url,
        label,
        meta.verbose_name,
        obj.pk,
    )


@register.filter
def item_anchor(obj):
    """The id an item's row carries in its list, e.g. ``statement-12``."""
    return f"{obj._meta.model_name}-{obj.pk}"
