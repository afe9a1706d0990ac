from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .cookies import choice_pending
from .models.policy import announced_change


def privacy(request):
    """The two site-wide banners: an announced material policy change, and the pending cookie question.

    Both are lazy: pages that do not render them (the admin, JSON) cost nothing; the change is one cached
    query per day, the cookie question reads the package's cached groups.
    """
    return {
        "policy_change": SimpleLazyObject(announced_change),
        "cookie_choice_pending": SimpleLazyObject(lambda: choice_pending(request)),
        "COMPLAINT_AUTHORITY": settings.PRIVACY_COMPLAINT_AUTHORITY,
    }
