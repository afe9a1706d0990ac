"""Public pages of the directory app, mounted under the language prefix by dkz_site.urls."""

from django.urls import path  # noqa: F401

app_name = "directory"

urlpatterns = []
