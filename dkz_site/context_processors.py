from django.conf import settings


def site(request):
    """The association's contact details, as the policy names them (footer, emails)."""
    return {"ASSOCIATION": settings.ASSOCIATION}
