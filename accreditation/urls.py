"""Public pages of the accreditation app, mounted under the language prefix by dkz_site.urls."""

from django.urls import path  # noqa: F401

app_name = "accreditation"

urlpatterns = []
