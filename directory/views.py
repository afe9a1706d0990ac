"""Public pages: the members directory, member profiles, the equipment catalogue and the compare cart."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST, require_safe

from accreditation.models import Membership
from dkz_site.page_cache import cache_for_visitors
from dkz_site.ratelimit import limit_per_ip
from dkz_site.redirects import local_path
from privacy.cookies import COMPARE_COOKIE, functional_allowed

from . import compare as cart
from .forms import EquipmentFilterForm, MemberFilterForm
from .images import served_content_type
from .listing import listed_items, listed_members, paginate
from .models import Equipment, categories_by_member
from .models import alphabetical_name as equipment_by_name
from .seo import organization_data

CARD_PROFILE_FIELDS = ("slug", "description_kk", "description_ru", "description_en")


def compare_state(request, cart_ids=None) -> dict:
    """What every "add to compare" form needs to know about the visitor's cart and cookie choices, with the
    URLs the forms use worked out once per page rather than once per card."""
    allowed = functional_allowed(request)
    ids = cart.read_cart(request) if cart_ids is None else cart_ids
    return {
        "allowed": allowed,
        "ids": ids,
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
    page = paginate(
        request,
        form.apply(listed_members()),
        read=member_cards,
        order_for_few=form.order_for_few(),
        count_key=form.count_key(),
        counted=form.counted(),
        search=form.is_search,
    )
    categories = categories_by_member(member.pk for member in page)
    for member in page:
        member.categories = categories.get(member.pk, [])
    return render(
        request,
        "directory/members.html",
        {"form": form, "page_obj": page, "filtered": form.is_filtered},
    )


@require_safe
@cache_for_visitors(personal=cart.has_items)
def member_profile(request, slug):
    member = get_object_or_404(listed_members().select_related("profile"), profile__slug=slug)
    equipment = member.equipment.order_by("category", equipment_by_name(), "pk")
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
    """The members of a page (`ids`: a subquery), with what their cards show."""
    return (
        Membership.objects.filter(pk__in=ids)
        .select_related("profile")
        .only("id", "company_name", "region", *(f"profile__{name}" for name in CARD_PROFILE_FIELDS))
    )


@require_safe
@cache_control(
    max_age=300, public=True
)  # an unlisted member's logo leaves shared caches within minutes
def member_logo(request, slug):
    """The member's logo, served only while the member is listed (no public media folder to leak from)."""
    member = get_object_or_404(listed_members().select_related("profile"), profile__slug=slug)
    logo = member.profile.logo
    if not logo:
        raise Http404
    try:
        file = logo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = served_content_type(file)
    if content_type is None:
        file.close()
        raise Http404
    return FileResponse(file, content_type=content_type)


def member_url(member) -> str:
    return reverse("directory:member", args=[member.profile.slug])


@require_safe
@cache_for_visitors(
    EquipmentFilterForm.shared_values(), free_text={"member"}, personal=cart.has_items
)
def equipment_list(request):
    form = EquipmentFilterForm(request.GET)
    page = paginate(
        request,
        form.apply(listed_items()),
        read=Equipment.objects.for_catalogue_page,
        count_key=form.count_key(),
    )
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
    item = get_object_or_404(listed_items().select_related("member__profile"), pk=pk)
    return render(
        request,
        "directory/equipment_detail.html",
        {
            "item": item,
            "specifications": item.specifications.all(),
            "compare": compare_state(request),
        },
    )


@require_safe
@cache_control(max_age=300, public=True)  # an unlisted item leaves shared caches within minutes
def equipment_image(request, pk):
    """The item's picture, served only while the item is listed (no public media folder to leak from)."""
    item = get_object_or_404(Equipment.objects.listed().only("image"), pk=pk)
    if not item.image:
        raise Http404
    try:
        file = item.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = served_content_type(file)
    if content_type is None:
        file.close()
        raise Http404
    return FileResponse(file, content_type=content_type)


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
    ids = cart.parse_ids(request.GET.get("items", "")) if shared else cart_ids
    comparison = cart.build_comparison(cart.listed_items(ids))
    share_url = ""
    if comparison.items:
        share_url = request.build_absolute_uri(
            f"{reverse('directory:compare')}?items={comparison.share_query}"
        )
    return render(
        request,
        "directory/compare.html",
        {
            "comparison": comparison,
            "shared": shared,
            "share_url": share_url,
            "compare": compare_state(request, cart_ids),
        },
    )


def _back(request, fallback: str) -> str:
    return local_path(request, request.POST.get("next", ""), fallback)


@require_POST
@limit_per_ip("compare")
def compare_add(request):
    ids = cart.parse_ids(request.POST.get("item", ""))
    item = Equipment.objects.listed().filter(pk=ids[0]).only("id", "name").first() if ids else None
    compare_url = reverse("directory:compare")
    if item is None:
        messages.error(request, _("This item is no longer in the catalogue."))
        return redirect(_back(request, reverse("directory:equipment_list")))
    if not functional_allowed(request):
        # No cookie without consent: show the item through a link instead (P02).
        return redirect(f"{compare_url}?items={item.pk}")
    current = _still_listed(cart.read_cart(request))
    if item.pk in current:
        messages.info(request, _("“%(name)s” is already in the comparison.") % {"name": item})
    elif len(current) >= cart.MAX_ITEMS:
        messages.error(request, str(cart.FULL_MESSAGE))
    else:
        current.append(item.pk)
        messages.success(
            request,
            _("“%(name)s” added to the comparison (%(count)s of %(max)s).")
            % {"name": item, "count": len(current), "max": cart.MAX_ITEMS},
        )
    response = redirect(_back(request, compare_url))
    cart.write_cart(response, current)
    return response


@require_POST
@limit_per_ip("compare")
def compare_remove(request):
    removed = cart.parse_ids(request.POST.get("item", ""))
    current = [pk for pk in cart.read_cart(request) if pk not in removed]
    response = redirect(_back(request, reverse("directory:compare")))
    if functional_allowed(request):
        cart.write_cart(response, current)
        messages.info(request, _("Removed from the comparison."))
    return response


@require_POST
@limit_per_ip("compare")
def compare_clear(request):
    response = redirect(_back(request, reverse("directory:compare")))
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
