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
