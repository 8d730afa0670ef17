"""The dashboard's pages. Every list also answers ``?format=csv`` and ``?format=json``."""

from django.urls import path

from . import choosers, views

app_name = "enforcement"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("timeline/<int:year>/", views.TimelineView.as_view(), name="timeline-year"),
    path("timeline/<int:year>/<int:month>/", views.TimelineView.as_view(), name="timeline-month"),
    path(
        "timeline/undated/",
        views.TimelineView.as_view(),
        {"undated": True},
        name="timeline-undated",
    ),
    path("charts/", views.ChartsView.as_view(), name="charts"),
    path("events/", views.EventListView.as_view(), name="event-list"),
    path("statements/", views.StatementListView.as_view(), name="statement-list"),
    path("statistics/", views.StatisticListView.as_view(), name="statistic-list"),
    path("actors/", views.ActorListView.as_view(), name="actor-list"),
    path("actors/<int:pk>/", views.ActorDetailView.as_view(), name="actor-detail"),
    path("regulators/", views.RegulatorListView.as_view(), name="regulator-list"),
    path("regulators/<int:pk>/", views.RegulatorDetailView.as_view(), name="regulator-detail"),
    path("articles/", views.ArticleListView.as_view(), name="article-list"),
    path("articles/<int:pk>/", views.ArticleDetailView.as_view(), name="article-detail"),
    # Suggestions for the article, actor and regulator filters (JSON).
    path("choose/<str:kind>/", choosers.choose, name="choose"),
]
