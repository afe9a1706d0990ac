"""The member cabinet, mounted under the language prefix by dkz_site.urls."""

from django.urls import path, register_converter

from . import views


class InvoiceLanguage:
    """Invoices are drawn in Kazakh and Russian."""

    regex = "kk|ru"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class CertificateLanguage(InvoiceLanguage):
    """The certificate also in English."""

    regex = "kk|ru|en"


register_converter(InvoiceLanguage, "invoice_language")
register_converter(CertificateLanguage, "certificate_language")

app_name = "cabinet"

urlpatterns = [
    path("cabinet/", views.home, name="home"),
    path("cabinet/sign-in/", views.sign_in, name="sign_in"),
    path("cabinet/sign-in/sent/", views.sign_in_sent, name="sign_in_sent"),
    path("cabinet/sign-in/<str:token>/", views.link, name="link"),
    path("cabinet/sign-out/", views.sign_out, name="sign_out"),
    path("cabinet/sign-out/everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path(
        "cabinet/invoices/<str:number>/<invoice_language:language>.pdf",
        views.invoice_pdf,
        name="invoice_pdf",
    ),
    path(
        "cabinet/certificate/<certificate_language:language>.pdf",
        views.certificate_pdf,
        name="certificate_pdf",
    ),
    path("members/verify/<str:code>/", views.verify, name="verify"),
    path("members/verify/<str:code>/status.json", views.verify_json, name="verify_json"),
    path("members/verify/<str:code>/badge.svg", views.badge, name="badge"),
    path("cabinet/profile/", views.profile_change, name="profile_change"),
    path("cabinet/equipment/new/<slug:category>/", views.equipment_new, name="equipment_new"),
    path("cabinet/equipment/<int:pk>/", views.equipment_change, name="equipment_change"),
    path("cabinet/equipment/<int:pk>/picture/", views.equipment_picture, name="equipment_picture"),
    path(
        "cabinet/equipment/changes/<int:pk>/picture/",
        views.equipment_change_picture,
        name="equipment_change_picture",
    ),
    path(
        "cabinet/equipment/changes/<int:pk>/cancel/",
        views.equipment_change_cancel,
        name="equipment_change_cancel",
    ),
    path(
        "cabinet/equipment/<int:pk>/withdraw/",
        views.equipment_withdraw,
        name="equipment_withdraw",
    ),
    path("cabinet/publication/again/", views.publication_again, name="publication_again"),
    path("cabinet/renewal/", views.renew, name="renew"),
    path("cabinet/my-data/", views.my_data, name="my_data"),
    path("cabinet/publication/withdraw/", views.withdraw_publication, name="withdraw_publication"),
    path("cabinet/representatives/", views.representative_add, name="representative_add"),
    path(
        "cabinet/representatives/<int:pk>/name/",
        views.representative_rename,
        name="representative_rename",
    ),
    path(
        "cabinet/representatives/<int:pk>/remove/",
        views.representative_remove,
        name="representative_remove",
    ),
]
