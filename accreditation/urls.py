"""Public pages of the accreditation app, mounted under the language prefix by dkz_site.urls."""

from django.urls import path

from . import views

app_name = "accreditation"

urlpatterns = [
    path("accreditation/apply/", views.apply, name="apply"),
    path("accreditation/apply/submitted/<str:token>/", views.submitted, name="submitted"),
    path(
        "accreditation/applications/<str:reference>/<str:token>/",
        views.application_page,
        name="application",
    ),
]
