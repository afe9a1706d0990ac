from django.http import HttpResponse
from django.urls import path

from dkz_site.urls import urlpatterns as site_urlpatterns


def baseline(request):
    """The cheapest Django view: the yardstick every page is measured against in the same run."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/baseline", baseline), *site_urlpatterns]
