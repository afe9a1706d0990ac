from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import RedirectView

from . import views
from .sitemaps import SITEMAPS

handler400 = "dkz_site.views.bad_request"
handler403 = "dkz_site.views.permission_denied"
handler404 = "dkz_site.views.page_not_found"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("favicon.ico", RedirectView.as_view(url=settings.STATIC_URL + "img/favicon.ico")),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    # privacy/ (policy, data-subject requests) and cookies/
    path("", include("privacy.urls")),
    # contact/
    path("", include("enquiries.urls")),
    # accreditation/
    path("", include("accreditation.urls")),
    # members/ and equipment/, members.json, members.csv
    path("", include("directory.urls")),
    # about/, membership/, news/, events/, working-groups/
    path("", include("association.urls")),
    # cabinet/
    path("", include("cabinet.urls")),
    prefix_default_language=True,
)
