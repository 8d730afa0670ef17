"""Posting an admin change form as a person would: what the page shows, with some fields changed."""

from __future__ import annotations

from django.urls import reverse


def admin_url(model, view, *args):
    return reverse(f"admin:enforcement_{model._meta.model_name}_{view}", args=args)


def _values(form) -> dict:
    data = {}
    for bound in form:
        value = bound.value()
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            data[bound.html_name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        else:
            data[bound.html_name] = str(value)
    return data


def change_form_data(client, model, pk, **changes) -> dict:
    """The change page's form and inlines as they stand, with ``changes`` applied."""
    response = client.get(admin_url(model, "change", pk))
    assert response.status_code == 200
    context = response.context
    data = _values(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_values(formset.management_form))
        for form in formset.forms:
            data.update(_values(form))
    data.update(changes)
    return data


def save_in_admin(client, model, pk, **changes):
    response = client.post(
        admin_url(model, "change", pk), change_form_data(client, model, pk, **changes)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response
