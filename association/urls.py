"""The association's own pages, mounted under the language prefix by dkz_site.urls."""

from django.urls import path
from django.views.decorators.http import require_safe

from . import views
from .feeds import NewsFeed

app_name = "association"

urlpatterns = [
    path("about/", views.about, name="about"),
    path("about/people/<int:pk>/photo/", views.person_photo, name="person_photo"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("membership/", views.membership, name="membership"),
    path("news/", views.news_list, name="news"),
    path("news/feed/", require_safe(NewsFeed()), name="news_feed"),
    path("news/<slug:slug>/", views.news_post, name="news_post"),
    path("events/", views.events, name="events"),
    path("events/<slug:slug>/", views.event, name="event"),
    path("events/<slug:slug>/calendar.ics", views.event_ics, name="event_ics"),
    path("events/<slug:slug>/registered/", views.registration_result, name="registered"),
    path(
        "events/<slug:slug>/waiting-list/",
        views.registration_result,
        {"waiting": True},
        name="waiting",
    ),
    path("events/<slug:slug>/cancelled/", views.cancelled, name="cancelled"),
    path("registrations/<str:token>/", views.registration, name="registration"),
    path("working-groups/", views.working_groups, name="working_groups"),
    path("working-groups/<slug:slug>/", views.working_group, name="working_group"),
]
