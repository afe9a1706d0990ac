"""Public pages: the members directory, member profiles, the equipment catalogue and the compare cart."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST, require_safe

from accreditation.models import Membership
from dkz_site.compiled import CompiledQuery
from dkz_site.images import picture_response
from dkz_site.page_cache import cache_for_visitors
from dkz_site.ratelimit import limit_per_ip
from dkz_site.redirects import local_path
from privacy.cookies import COMPARE_COOKIE, functional_allowed

from . import compare as cart
from .compiled_lists import paginate_compiled
from .forms import EquipmentFilterForm, MemberFilterForm
from .listing import listed_items, listed_members, paginate
from .models import Equipment, category_labels, offered_categories, page_language
from .models import alphabetical_name as equipment_by_name
from .seo import organization_data

CARD_PROFILE_FIELDS = ("slug", "description_kk", "description_ru", "description_en")


def compare_state(request, cart_ids=None) -> dict:
    """What every "add to compare" form needs to know about the visitor's selection (`?items=`, else the cart
    cookie) and cookie choices, with the URLs the forms use worked out once per page rather than once per card."""
    allowed = functional_allowed(request)
    ids = cart.selection(request, cart_ids)
    return {
        "allowed": allowed,
        "ids": ids,
        "items": cart.items_value(ids),
        "full": len(ids) >= cart.MAX_ITEMS,
        "max_items": cart.MAX_ITEMS,
        "cookies_url": reverse("privacy:cookies"),
        "add_url": reverse("directory:compare_add"),
        "url": reverse("directory:compare"),
    }


@require_safe
@cache_for_visitors(MemberFilterForm.shared_values(), free_text={"q"}, personal=cart.has_items)
def members(request):
    form = MemberFilterForm(request.GET)
    options = {
        "read": member_cards,
        "order_for_few": form.order_for_few(),
        "count_key": form.count_key(),
        "counted": form.counted(),
    }
    if (rows := form.listed()) is not None:
        page = paginate_compiled(request, rows, search=form.is_search, **options)
    else:
        page = paginate(request, form.apply(listed_members()), search=True, **options)
    for member in page:
        member.categories = category_labels(member.offered)
    return render(
        request,
        "directory/members.html",
        {"form": form, "page_obj": page, "filtered": form.is_filtered},
    )


# What a profile shows of the membership and its profile: the public fields only (not the contact person's
# details, nor the search column or bookkeeping dates, which cost their reading and converting).
PROFILE_FIELDS = (
    "id",
    "company_name",
    "bin",
    "region",
    "starts_on",
    *(
        f"profile__{name}"
        for name in (
            "slug",
            "website",
            "public_email",
            "public_phone",
            "address",
            "oked_sections",
            "logo",
            "description_kk",
            "description_ru",
            "description_en",
        )
    ),
)
# A listed member by its profile's slug, and its items in the profile's order (by category, then name in the
# page's language) with what the table shows: compiled once a day (see `dkz_site.compiled`).
LISTED_BY_SLUG = CompiledQuery(
    lambda slug: (
        listed_members()
        .select_related("profile")
        .only(*PROFILE_FIELDS)
        .filter(profile__slug=slug)[:2]
    )
)
MEMBER_EQUIPMENT = CompiledQuery(
    lambda member_id, language: (
        Equipment.objects.filter(member_id=member_id)
        .only("id", "member_id", "name_kk", "name_ru", "name_en", "category", "model")
        .order_by("category", equipment_by_name(language, use_index=False), "pk")
    )
)


@require_safe
@cache_for_visitors(personal=cart.has_items)
def member_profile(request, slug):
    member = next(iter(LISTED_BY_SLUG.objects(slug)), None)
    if member is None:
        raise Http404
    equipment = MEMBER_EQUIPMENT.objects(member.pk, language=page_language())
    profile_url = request.build_absolute_uri(member_url(member))
    return render(
        request,
        "directory/member_profile.html",
        {
            "member": member,
            "profile": member.profile,
            "description": member.profile.description(),
            "equipment": equipment,
            "profile_url": profile_url,
            "organization": organization_data(member, profile_url),
        },
    )


def member_cards(ids):
    """The members of a page (`ids`: a subquery), with what their cards show (`offered`: the categories of their
    items, see `category_labels`)."""
    return (
        Membership.objects.filter(pk__in=ids)
        .select_related("profile")
        .only("id", "company_name", "region", *(f"profile__{name}" for name in CARD_PROFILE_FIELDS))
        .annotate(offered=offered_categories())
    )


@require_safe
@cache_control(
    max_age=300, public=True
)  # an unlisted member's logo leaves shared caches within minutes
def member_logo(request, slug):
    """The member's logo, served only while the member is listed (no public media folder to leak from)."""
    member = get_object_or_404(listed_members().select_related("profile"), profile__slug=slug)
    return picture_response(member.profile.logo)


def member_url(member) -> str:
    return reverse("directory:member", args=[member.profile.slug])


@require_safe
@cache_for_visitors(
    EquipmentFilterForm.shared_values(),
    free_text={"member", "q", "supplier"},
    personal=cart.has_items,
)
def equipment_list(request):
    form = EquipmentFilterForm(request.GET)
    options = {"read": Equipment.objects.for_catalogue_page, "count_key": form.count_key()}
    if (rows := form.listed()) is not None:
        page = paginate_compiled(request, rows, **options)
    else:
        page = paginate(request, form.apply(listed_items()), **options)
    return render(
        request,
        "directory/equipment_list.html",
        {
            "form": form,
            "page_obj": page,
            "filtered": form.is_filtered,
            "compare": compare_state(request),
        },
    )


@require_safe
@cache_for_visitors(personal=cart.has_items)
def equipment_detail(request, pk):
    item = next(iter(cart.LISTED_ITEMS.objects([pk])), None)
    if item is None:
        raise Http404
    return render(
        request,
        "directory/equipment_detail.html",
        {
            "item": item,
            "specification_groups": item.specification_groups(),
            "compare": compare_state(request),
        },
    )


@require_safe
@cache_control(max_age=300, public=True)  # an unlisted item leaves shared caches within minutes
def equipment_image(request, pk):
    """The item's picture, served only while the item is listed (no public media folder to leak from)."""
    item = get_object_or_404(Equipment.objects.listed().only("image"), pk=pk)
    return picture_response(item.image)


@require_safe
def compare(request):
    """The comparison table: from `?items=` when given (a shared link), else from the visitor's cart."""
    response = _comparison_page(request)
    if COMPARE_COOKIE in request.COOKIES and not functional_allowed(request):
        cart.forget_cart(response)  # consent withdrawn: the cart goes with it, cached page or not
    return response


@cache_for_visitors(free_text={"items"}, personal=cart.has_items)
def _comparison_page(request):
    shared = "items" in request.GET
    cart_ids = cart.read_cart(request)
    comparison = cart.build_comparison(cart.listed_items(cart.selection(request, cart_ids)))
    share_url = ""
    if comparison.items:
        share_url = request.build_absolute_uri(
            f"{reverse('directory:compare')}?items={comparison.share_query}"
        )
    catalogue = reverse("directory:equipment_list")
    more_query = [("category", comparison.category)] if comparison.category else []
    if comparison.items:
        more_query.append(("items", comparison.share_query))
    return render(
        request,
        "directory/compare.html",
        {
            "comparison": comparison,
            "shared": shared,
            "share_url": share_url,
            "add_more_url": f"{catalogue}?{urlencode(more_query, safe=',')}"
            if more_query
            else catalogue,
            "compare": compare_state(request, cart_ids),
        },
    )


NAMES = ("name", "name_kk", "name_ru", "name_en")


def _back(request, fallback: str) -> str:
    return local_path(request, request.POST.get("next", ""), fallback)


def _answer(request, ids: list[int], *, back: str, anchor: str = ""):
    """Back to the page the form was on (or `back`) with the selection in its address, at the item's place;
    the cart cookie follows the selection when the visitor allows it."""
    target = _back(request, back)
    response = redirect(cart.with_items(target, ids, anchor if target != back else ""))
    if functional_allowed(request):
        cart.write_cart(response, ids)
    return response


@require_POST
@limit_per_ip("compare")
def compare_add(request):
    ids = cart.parse_ids(request.POST.get("item", ""))
    item = Equipment.objects.listed().filter(pk=ids[0]).only("id", *NAMES).first() if ids else None
    compare_url = reverse("directory:compare")
    current = _still_listed(cart.posted_selection(request))
    if item is None:
        messages.error(request, _("This item is no longer in the catalogue."))
        return redirect(
            cart.with_items(_back(request, reverse("directory:equipment_list")), current)
        )
    allowed = functional_allowed(request)
    if item.pk in current:
        if allowed:
            messages.info(
                request, _("“%(name)s” is already in the comparison.") % {"name": item.name_in()}
            )
    elif len(current) >= cart.MAX_ITEMS:
        if allowed:
            messages.error(request, str(cart.FULL_MESSAGE))
    else:
        current.append(item.pk)
        if allowed:
            messages.success(
                request,
                _("“%(name)s” added to the comparison (%(count)s of %(max)s).")
                % {"name": item.name_in(), "count": len(current), "max": cart.MAX_ITEMS},
            )
    return _answer(request, current, back=compare_url, anchor=f"item-{item.pk}")


@require_POST
@limit_per_ip("compare")
def compare_remove(request):
    removed = cart.parse_ids(request.POST.get("item", ""))
    current = [pk for pk in cart.posted_selection(request) if pk not in removed]
    if functional_allowed(request):
        messages.info(request, _("Removed from the comparison."))
    return _answer(request, current, back=reverse("directory:compare"))


@require_POST
@limit_per_ip("compare")
def compare_clear(request):
    response = redirect(cart.with_items(_back(request, reverse("directory:compare")), []))
    cart.forget_cart(response)
    if functional_allowed(request):
        messages.info(request, _("The comparison is now empty."))
    return response


def _still_listed(ids: list[int]) -> list[int]:
    """Drop items unlisted since they were added, so they do not count against the limit."""
    if not ids:
        return []
    listed = set(Equipment.objects.listed().filter(pk__in=ids).values_list("pk", flat=True))
    return [pk for pk in ids if pk in listed]
