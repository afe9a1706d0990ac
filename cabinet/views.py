"""The member cabinet's pages: sign-in by emailed link, the cabinet, representatives, sign-out."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accreditation.services import ApplicationRefused
from directory.models import CATEGORY_LABELS, Category
from dkz_site.client_ip import technical_data
from dkz_site.images import picture_response
from dkz_site.ratelimit import limit_per_address, limit_per_ip
from dkz_site.signed_links import LinkExpired, LinkInvalid, LinkUsed
from privacy.subject_requests.package import collect

from . import documents, moderation, services, verification
from .badge import badge_svg
from .forms import (
    ItemForm,
    ProfileForm,
    RenameForm,
    RenewalForm,
    RepresentativeForm,
    SignInForm,
)
from .models import VerificationCode
from .profile import public_profile
from .sessions import cabinet_required, forget_cookie, read_session, set_cookie


@require_http_methods(["GET", "HEAD", "POST"])
@limit_per_ip("cabinet_sign_in")
def sign_in(request):
    form = SignInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        refused = limit_per_address(request, "cabinet_sign_in_email")
        if refused is not None:
            return refused
        services.request_sign_in(
            email=form.cleaned_data["email"],
            language=get_language(),
            technical=technical_data(request),
        )
        return redirect("cabinet:sign_in_sent")
    return render(request, "cabinet/sign_in.html", {"form": form})


@require_safe
def sign_in_sent(request):
    """The same answer for every address, whether or not it represents a member."""
    return render(request, "cabinet/sign_in_sent.html", {"minutes": settings.CABINET_LINK_MINUTES})


# The most specific first: a used link is also an expired one.
LINK_PROBLEMS = [
    (LinkUsed, ("used", 410)),
    (LinkExpired, ("expired", 410)),
    (LinkInvalid, ("invalid", 400)),
]


@require_http_methods(["GET", "HEAD", "POST"])
@limit_per_ip("cabinet_link", method=["GET", "POST"])
def link(request, token):
    """GET asks for a click (mail scanners that open links must not use them up); POST signs in, once."""
    try:
        if request.method in ("GET", "HEAD"):
            pending = services.link_to_confirm(token=token)
            response = render(request, "cabinet/link_confirm.html", {"link": pending})
        else:
            new = services.redeem_link(token=token, technical=technical_data(request))
            response = redirect("cabinet:home")
            set_cookie(response, new.cookie_value)
    except (LinkExpired, LinkInvalid) as refused:
        problem, status = next(p for kind, p in LINK_PROBLEMS if isinstance(refused, kind))
        response = render(request, "cabinet/link_problem.html", {"problem": problem}, status=status)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


def _cabinet_page(request, status=200, **extra):
    session = request.cabinet
    membership = session.membership
    context = {
        "session": session,
        "membership": membership,
        "editable": services.may_edit(membership),
        "profile": public_profile(membership),
        "invoices": membership.invoices.order_by("-issued_on", "-number"),
        "representatives": membership.representatives.all(),
        "representative_form": RepresentativeForm(),
        "certificate": _certificate(membership),
        "renewal_open": services.renewal_open(membership),
        "pending_renewal": services.pending_renewal(membership),
        "renewal_form": extra.pop("renewal_form", None) or RenewalForm.for_membership(membership),
        "profile_form": extra.pop("profile_form", None) or ProfileForm.for_membership(membership),
        "pending_change": membership.profile_changes.to_profile().pending().first(),
        "last_returned": membership.profile_changes.to_profile()
        .filter(state="returned")
        .order_by("-decided_at")
        .first(),
        "equipment": _equipment_rows(membership),
        "new_items": membership.profile_changes.new_items()
        .exclude(state__in=["approved", "cancelled"])
        .order_by("-submitted_at")[:20],
        "categories": Category.choices,
        **extra,
    }
    return render(request, "cabinet/home.html", context, status=status)


def _equipment_rows(membership):
    """The member's published items, each with the change to it awaiting moderation or last returned."""
    items = list(membership.equipment.order_by("category", "name", "pk"))
    changes = (
        membership.profile_changes.to_equipment()
        .filter(equipment__in=items)
        .exclude(state="approved")
        .order_by("submitted_at")
    )
    latest = {change.equipment_id: change for change in changes}
    for item in items:
        item.change = latest.get(item.pk)
    return items


def _certificate(membership):
    """The certificate's links and the badge's embed code, for an active membership."""
    if not membership.is_active:
        return None
    code = verification.code_for(membership)
    language = get_language()
    return {
        "code": code.code,
        "verify_url": verification.verify_url(code, language),
        "badge_url": settings.SITE_URL + reverse("cabinet:badge", args=[code.code]),
        "profile_url": settings.SITE_URL
        + reverse("directory:member", args=[membership.profile.slug]),
    }


@require_safe
@cabinet_required
def home(request):
    return _cabinet_page(request)


@require_safe
@cabinet_required
def invoice_pdf(request, number, language):
    """One of the company's invoices as a PDF; another company's invoice is not found."""
    invoice = get_object_or_404(request.cabinet.membership.invoices, number=number)
    response = HttpResponse(
        documents.invoice_pdf(invoice, language), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{invoice.number}-{language}.pdf"'
    return response


@require_safe
@cabinet_required
def my_data(request):
    """A copy of everything the site holds for the signed-in address: signing in by link proved it is theirs,
    so no second round trip by email is needed."""
    sections = collect(request.cabinet.email)
    response = JsonResponse(
        {"email": request.cabinet.email, "sections": sections},
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = 'attachment; filename="digital-kazakhstan-my-data.json"'
    return response


@require_POST
@limit_per_ip("cabinet_post")
@cabinet_required
def withdraw_publication(request):
    """Consent to publication withdrawn from the cabinet: unlisted at once (the consent's own handlers)."""
    services.withdraw_publication(session=request.cabinet)
    return redirect(reverse("cabinet:home") + "#profile")


@require_POST
@limit_per_ip("cabinet_post")
def sign_out(request):
    session = read_session(request)
    if session is not None:
        services.sign_out(session=session)
    response = redirect("cabinet:sign_in")
    forget_cookie(response)
    return response


@require_POST
@limit_per_ip("cabinet_post")
@cabinet_required
def sign_out_everywhere(request):
    services.sign_out_everywhere(session=request.cabinet)
    response = redirect("cabinet:sign_in")
    forget_cookie(response)
    return response


@require_POST
@limit_per_ip("cabinet_post")
@cabinet_required
def representative_add(request):
    form = RepresentativeForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.add_representative(
                session=request.cabinet,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
            )
        except services.RepresentativeRefused as refused:
            error = refused.code
        else:
            return redirect(reverse("cabinet:home") + "#representatives")
    return _cabinet_page(request, status=400, representative_form=form, representative_error=error)


def _representative(request, pk):
    """Only a representative of the signed-in company: anyone else's is not found (404)."""
    return get_object_or_404(request.cabinet.membership.representatives, pk=pk)


@require_POST
@limit_per_ip("cabinet_post")
@cabinet_required
def representative_rename(request, pk):
    representative = _representative(request, pk)
    form = RenameForm(request.POST)
    if not form.is_valid():
        raise Http404  # the form has one required field; an empty name changes nothing
    try:
        services.rename_representative(
            session=request.cabinet, representative=representative, name=form.cleaned_data["name"]
        )
    except services.RepresentativeRefused:
        return redirect("cabinet:home")
    return redirect(reverse("cabinet:home") + "#representatives")


@require_POST
@limit_per_ip("cabinet_post")
@cabinet_required
def representative_remove(request, pk):
    representative = _representative(request, pk)
    try:
        services.remove_representative(session=request.cabinet, representative=representative)
    except services.RepresentativeRefused:
        return redirect("cabinet:home")
    return redirect(reverse("cabinet:home") + "#representatives")


# --- certificate and its verification -----------------------------------------------------------


@require_safe
@cabinet_required
def certificate_pdf(request, language):
    """The membership certificate, while the membership is active."""
    membership = request.cabinet.membership
    if not membership.is_active:
        raise Http404
    code = verification.code_for(membership)
    pdf = documents.certificate_pdf(
        membership,
        code=code.code,
        url=verification.verify_url(code, language),
        language=language,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{code.code}-{language}.pdf"'
    return response


def _status(code: str):
    found = get_object_or_404(
        VerificationCode.objects.select_related("membership"), code=code.upper()
    )
    return verification.status_for(found)


def _live(response):
    """Verification is always answered from the database: a membership that ends stops verifying now."""
    add_never_cache_headers(response)
    return response


@require_safe
def verify(request, code):
    return _live(render(request, "cabinet/verify.html", {"status": _status(code)}))


@require_safe
def verify_json(request, code):
    status = _status(code)
    response = JsonResponse(
        status.as_json(get_language()), json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return _live(response)


@require_safe
def badge(request, code):
    response = HttpResponse(badge_svg(_status(code)), content_type="image/svg+xml; charset=utf-8")
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return _live(response)


# --- renewal ------------------------------------------------------------------------------------


@require_POST
@limit_per_ip("apply")
@cabinet_required
def renew(request):
    """One-click renewal: the details confirmed or corrected, the consents given again."""
    membership = request.cabinet.membership
    form = RenewalForm.for_membership(membership, request.POST)
    if not form.is_valid():
        return _cabinet_page(request, status=400, renewal_form=form)
    try:
        services.renew(
            session=request.cabinet,
            details=form.cleaned_data,
            publication=form.cleaned_data["consent_publication"],
            language=get_language(),
            technical=technical_data(request),
        )
    except (services.RepresentativeRefused, ApplicationRefused):
        return _cabinet_page(request, status=409, renewal_refused=True)
    return redirect(reverse("cabinet:home") + "#renewal")


# --- profile editing (moderated) ----------------------------------------------------------------


@require_POST
@limit_per_ip("cabinet_post")
@cabinet_required
def profile_change(request):
    """The member proposes changes to its public profile; staff publish them (or return them with a reason)."""
    membership = request.cabinet.membership
    form = ProfileForm.for_membership(membership, request.POST, request.FILES)
    if not form.is_valid():
        return _cabinet_page(request, status=400, profile_form=form)
    values = {k: v for k, v in form.cleaned_data.items() if k != "logo"}
    try:
        moderation.submit_change(
            session=request.cabinet, values=values, logo=form.cleaned_data.get("logo")
        )
    except ValidationError as error:
        form.add_error("logo", error)
        return _cabinet_page(request, status=400, profile_form=form)
    except moderation.ChangeRefused as refused:
        return _cabinet_page(request, status=400, profile_form=form, profile_refused=refused.code)
    return redirect(reverse("cabinet:home") + "#profile")


@require_POST
@limit_per_ip("cabinet_post")
@cabinet_required
def publication_again(request):
    """Consent to publication given again: recorded now, the listing waits for staff approval."""
    try:
        moderation.consent_again(session=request.cabinet, technical=technical_data(request))
    except moderation.ChangeRefused:
        return _cabinet_page(request, status=400)
    return redirect(reverse("cabinet:home") + "#profile")


# --- equipment by the member (moderated; withdrawal at once) -------------------------------------


def _own_item(request, pk):
    """Only an item of the signed-in company: anyone else's (or a malformed number) is not found (404)."""
    if not str(pk).isdigit():
        raise Http404
    return get_object_or_404(request.cabinet.membership.equipment, pk=pk)


def _item_page(request, *, form, equipment=None, replaces=None, status=200, refused=""):
    category = form.category
    pending = None
    if equipment is not None:
        pending = (
            request.cabinet.membership.profile_changes.pending()
            .filter(equipment=equipment)
            .exclude(picture="")
            .first()
        )
    return render(
        request,
        "cabinet/equipment_form.html",
        {
            "membership": request.cabinet.membership,
            "form": form,
            "equipment": equipment,
            "replaces": replaces,
            "shown_picture_of": equipment or replaces,
            "pending_picture_of": pending,
            "category_label": CATEGORY_LABELS.get(category, category),
            "other_categories": [
                (value, label) for value, label in Category.choices if value != category
            ],
            "refused": refused,
        },
        status=status,
    )


def _item_form_view(request, *, category, equipment=None, replaces=None):
    if not services.may_edit(request.cabinet.membership):
        if request.method == "POST":
            return _cabinet_page(request, status=403)
        return redirect(reverse("cabinet:home") + "#equipment")
    page = {"equipment": equipment, "replaces": replaces}
    if request.method != "POST":
        form = ItemForm(category=category, equipment=equipment, replaces=replaces)
        return _item_page(request, form=form, **page)
    form = ItemForm(request.POST, request.FILES, category=category, equipment=equipment)
    if not form.is_valid():
        return _item_page(request, form=form, status=400, **page)
    proposal = {
        "session": request.cabinet,
        "category": category,
        "values": form.values(),
        "specifications": form.cleaned_data["specifications"],
        "picture": form.cleaned_data.get("picture"),
    }
    try:
        if replaces is not None:
            moderation.replace_item(equipment=replaces, **proposal)
        else:
            moderation.submit_item_change(equipment=equipment, **proposal)
    except ValidationError as error:
        form.add_error("picture", error)
        return _item_page(request, form=form, status=400, **page)
    except moderation.ChangeRefused as refused:
        return _item_page(request, form=form, status=400, refused=refused.code, **page)
    return redirect(reverse("cabinet:home") + "#equipment")


@require_http_methods(["GET", "HEAD", "POST"])
@limit_per_ip("cabinet_post", method="POST")
@cabinet_required
def equipment_new(request, category):
    """A new item of `category`, with that category's specification fields; published once approved. With
    `?replaces=<id>` it is one of the company's items added anew under another category (its category cannot be
    changed): the form starts from that item's texts, and sending it withdraws that item."""
    if category not in Category.values:
        raise Http404
    replaces = None
    if "replaces" in request.GET:
        # "Withdraw and add a new item": the item of another category this one takes the place of.
        replaces = _own_item(request, request.GET["replaces"])
        if replaces.category == category:
            return redirect("cabinet:equipment_change", replaces.pk)
    return _item_form_view(request, category=category, replaces=replaces)


@require_http_methods(["GET", "HEAD", "POST"])
@limit_per_ip("cabinet_post", method="POST")
@cabinet_required
def equipment_change(request, pk):
    """A change to one of the company's items; the catalogue keeps the published one until approval."""
    equipment = _own_item(request, pk)
    return _item_form_view(request, category=equipment.category, equipment=equipment)


@require_safe
@cabinet_required
def equipment_picture(request, pk):
    """The item's current picture, for the company's own representatives (the change form shows it), whether
    or not the directory lists the company."""
    return picture_response(_own_item(request, pk).image)


@require_safe
@cabinet_required
def equipment_change_picture(request, pk):
    """The picture of a change to one of the company's items still awaiting moderation, for its own
    representatives (the change form shows it next to the published one)."""
    change = get_object_or_404(
        request.cabinet.membership.profile_changes.to_equipment().pending(), pk=pk
    )
    return picture_response(change.picture)


@require_POST
@limit_per_ip("cabinet_post")
@cabinet_required
def equipment_change_cancel(request, pk):
    """The company takes back a new item or a change still awaiting moderation."""
    change = get_object_or_404(request.cabinet.membership.profile_changes.to_equipment(), pk=pk)
    try:
        moderation.cancel_item_change(session=request.cabinet, change=change)
    except moderation.ChangeRefused as refused:
        if refused.code == "read_only":
            return _cabinet_page(request, status=403)
        # Decided meanwhile: the cabinet shows the decision.
    return redirect(reverse("cabinet:home") + "#equipment")


@require_POST
@limit_per_ip("cabinet_post")
@cabinet_required
def equipment_withdraw(request, pk):
    """The company withdraws an item: it leaves the catalogue at once."""
    equipment = _own_item(request, pk)
    try:
        moderation.withdraw_item(session=request.cabinet, equipment=equipment)
    except moderation.ChangeRefused:
        return _cabinet_page(request, status=403)
    return redirect(reverse("cabinet:home") + "#equipment")
