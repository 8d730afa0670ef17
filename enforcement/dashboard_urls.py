"""The dashboard's pages (placeholder routes until the dashboard lands)."""

from django.urls import path
from django.views.generic import TemplateView

app_name = "enforcement"

_placeholder = TemplateView.as_view(template_name="enforcement/placeholder.html")

urlpatterns = [
    path("", _placeholder, name="overview"),
    path("events/", _placeholder, name="event-list"),
    path("articles/<int:pk>/", _placeholder, name="article-detail"),
    path("actors/<int:pk>/", _placeholder, name="actor-detail"),
    path("regulators/<int:pk>/", _placeholder, name="regulator-detail"),
]
