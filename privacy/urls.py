"""Public pages of the privacy app, mounted under the language prefix by dkz_site.urls."""

from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.policy, name="policy"),
    path("privacy/versions/<int:pk>/", views.policy_version, name="version"),
    path("cookies/", views.cookies, name="cookies"),
    path("cookies/accept/", views.accept_cookies, name="cookies_accept"),
    path("cookies/decline/", views.decline_cookies, name="cookies_decline"),
]

# Data-subject requests.
from .subject_requests import views as request_views  # noqa: E402

urlpatterns += [
    path("privacy/requests/new/", request_views.request_new, name="request_new"),
    path("privacy/requests/sent/", request_views.request_sent, name="request_sent"),
    path(
        "privacy/requests/confirm/<str:token>/",
        request_views.request_verify,
        name="request_verify",
    ),
    path(
        "privacy/requests/copy/<str:token>/",
        request_views.request_download,
        name="request_download",
    ),
]
