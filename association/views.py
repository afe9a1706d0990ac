"""Public pages of the association: About, Membership and fees, news, events and registration, working groups."""

import logging

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_http_methods, require_safe

from directory.models import listed_memberships
from dkz_site.client_ip import technical_data
from dkz_site.images import picture_response
from dkz_site.page_cache import cache_for_visitors, page_number
from dkz_site.ratelimit import limit_per_ip
from dkz_site.signed_links import LinkExpired, LinkInvalid

from . import services
from .fees import current_tariff
from .files import is_pdf
from .forms import RegistrationForm, consent_wording
from .ics import event_calendar
from .links import registration_for_token
from .models import Document, Event, NewsPost, Office, Page, Person, Registration, WorkingGroup

logger = logging.getLogger(__name__)

NEWS_PER_PAGE = 10
PAST_EVENTS_PER_PAGE = 10


def _paginate(request, queryset, per_page):
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    page.links = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return page


# --- About and Membership ----------------------------------------------------------------------


@require_safe
@cache_for_visitors()
def about(request):
    return render(
        request,
        "association/about.html",
        {
            "page": Page.objects.filter(kind=Page.Kind.ABOUT).first(),
            "board": Person.objects.board(),
            "staff": Person.objects.staff(),
            "documents": Document.objects.on_page(Document.Section.ABOUT),
            "office": Office.current(),
            "working_groups": WorkingGroup.objects.active(),
        },
    )


@require_safe
@cache_for_visitors()
def membership(request):
    return render(
        request,
        "association/membership.html",
        {
            "page": Page.objects.filter(kind=Page.Kind.MEMBERSHIP).first(),
            "tariff": current_tariff(),
            "documents": Document.objects.on_page(Document.Section.MEMBERSHIP),
        },
    )


@require_safe
@cache_control(max_age=300, public=True)  # a photo taken down leaves shared caches within minutes
def person_photo(request, pk):
    person = get_object_or_404(Person.objects.published().exclude(photo=""), pk=pk)
    return picture_response(person.photo)


@require_safe
@cache_control(max_age=300, public=True)
def document(request, pk):
    """A published PDF, named after its title; nothing that is not a PDF is ever served."""
    item = get_object_or_404(Document.objects.published(), pk=pk)
    try:
        file = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    if not is_pdf(file):
        file.close()
        logger.warning("document is not a PDF, not served document=%s", item.pk)
        raise Http404
    filename = f"{slugify(item.title(), allow_unicode=True) or 'document'}.pdf"
    return FileResponse(file, content_type="application/pdf", filename=filename)


# --- News ---------------------------------------------------------------------------------------


@require_safe
@cache_for_visitors({"page": page_number(100)})
def news_list(request):
    posts = NewsPost.objects.published().latest_first()
    return render(
        request,
        "association/news_list.html",
        {"page_obj": _paginate(request, posts, NEWS_PER_PAGE)},
    )


@require_safe
@cache_for_visitors()
def news_post(request, slug):
    post = get_object_or_404(NewsPost.objects.published(), slug=slug)
    return render(request, "association/news_post.html", {"post": post})


# --- Events -------------------------------------------------------------------------------------


@require_safe
def events(request):
    now = timezone.now()
    published = Event.objects.published().with_counts()
    return render(
        request,
        "association/events.html",
        {
            "upcoming": published.upcoming(now),
            "past_page": _paginate(request, published.past(now), PAST_EVENTS_PER_PAGE),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@limit_per_ip("event_registration")
def event(request, slug):
    item = get_object_or_404(Event.objects.published(), slug=slug)
    form = RegistrationForm(request.POST or None)
    if request.method == "POST":
        if RegistrationForm.is_bot(request.POST):
            logger.info("event registration honeypot filled: nothing stored")
            return redirect("association:registered", slug=item.slug)
        if form.is_valid():
            response = _register(request, item, form)
            if response is not None:
                return response
    return render(
        request,
        "association/event.html",
        {
            "event": item,
            "form": form,
            "registration_open": item.registration_open(),
            "places_left": item.places_left(),
        },
    )


def _register(request, item, form):
    data = form.cleaned_data
    try:
        result = services.register_for_event(
            event=item,
            name=data["name"],
            email=data["email"],
            company=data["company"],
            language=get_language(),
            consent_wording=consent_wording(),
            technical=technical_data(request),
        )
    except services.RegistrationRefused as refusal:
        if refusal.code == "blocked":
            # Answered like any other address (P19): the page must not tell who had their data blocked.
            return redirect("association:registered", slug=item.slug)
        form.add_error(None, refusal.message)
        return None
    waiting = result.registration.status == Registration.Status.WAITING
    return redirect("association:waiting" if waiting else "association:registered", slug=item.slug)


@require_safe
def registration_result(request, slug, waiting=False):
    item = get_object_or_404(Event.objects.published(), slug=slug)
    return render(request, "association/registered.html", {"event": item, "waiting": waiting})


@require_safe
def event_ics(request, slug):
    item = get_object_or_404(Event.objects.published(), slug=slug)
    body = event_calendar(item, request.build_absolute_uri(item.get_absolute_url()))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{item.slug}.ics"'
    return response


LINK_PROBLEMS = {LinkInvalid: ("invalid", 400), LinkExpired: ("started", 410)}


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@limit_per_ip("event_cancellation")
def registration(request, token):
    """The attendee's own registration through the signed link in their email: see it, cancel it."""
    try:
        found = registration_for_token(token)
    except (LinkInvalid, LinkExpired) as bad:
        problem, status = LINK_PROBLEMS[type(bad)]
        return render(request, "association/link_problem.html", {"problem": problem}, status=status)
    if request.method == "POST" and found.is_active:
        services.cancel_registration(registration=found, by=Registration.CancelledBy.ATTENDEE)
        return redirect("association:cancelled", slug=found.event.slug)
    return render(request, "association/registration.html", {"registration": found})


@require_safe
def cancelled(request, slug):
    item = get_object_or_404(Event.objects.published(), slug=slug)
    return render(request, "association/cancelled.html", {"event": item})


# --- Working groups -----------------------------------------------------------------------------


@require_safe
@cache_for_visitors()
def working_groups(request):
    return render(
        request,
        "association/working_groups.html",
        {"groups": WorkingGroup.objects.active()},
    )


@require_safe
@cache_for_visitors()
def working_group(request, slug):
    group = get_object_or_404(WorkingGroup.objects.active(), slug=slug)
    listed = listed_memberships()
    members = group.members.filter(pk__in=listed.values("pk")).select_related("profile")
    members = members.order_by("company_name")
    return render(
        request,
        "association/working_group.html",
        {
            "group": group,
            "members": members,
            "unlisted_count": group.members.exclude(pk__in=listed.values("pk")).count(),
            "documents": group.documents.published().order_by("order", "-published_on", "pk"),
            "events": group.events.published().upcoming(),
        },
    )
