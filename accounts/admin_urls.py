"""The second sign-in step's pages, mounted inside the admin (see `AssociationAdminSite.get_urls`)."""

from django.urls import path

from . import views


def two_factor_urls():
    return [
        path("two-factor/enrol/", views.enrol, name="two_factor_enrol"),
        path("two-factor/enrol/<str:token>/", views.enrol_link, name="two_factor_enrol_link"),
        path("two-factor/verify/", views.verify, name="two_factor_verify"),
        path("two-factor/backup-codes/", views.backup_codes, name="two_factor_backup_codes"),
        path("two-factor/sign-out/", views.sign_out, name="two_factor_sign_out"),
    ]
