from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from .images import reencode_equipment_image
from .models import (
    Equipment,
    MemberProfile,
    Specification,
    alphabetical_name,
    listed_memberships,
)


class SpecificationInline(admin.TabularInline):
    model = Specification
    fields = ["order", "name", "value"]
    ordering = ["order", "id"]
    extra = 3


@admin.register(MemberProfile)
class MemberProfileAdmin(admin.ModelAdmin):
    """What the directory shows of each member; the membership itself (name, BIN, term) is accreditation's."""

    holds_personal_data = True
    list_display = ["company_name", "slug", "is_published", "updated_at"]
    list_filter = ["is_published", "membership__region"]
    list_select_related = ["membership"]
    search_fields = ["membership__company_name", "membership__bin", "slug", "public_email"]
    ordering = ["membership__company_name", "pk"]
    readonly_fields = ["membership", "updated_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = [
        "membership",
        "slug",
        "is_published",
        "website",
        "public_email",
        "public_phone",
        "description_kk",
        "description_ru",
        "description_en",
        "updated_at",
    ]

    def has_add_permission(self, request):
        return False  # a profile comes with its membership

    @admin.display(description=_("company name"), ordering="membership__company_name")
    def company_name(self, obj):
        return obj.membership.company_name


class EquipmentAdminForm(forms.ModelForm):
    class Meta:
        model = Equipment
        fields = ["member", "name", "category", "model", "description", "image"]

    def clean_image(self):
        """A new upload is checked by its content and stored re-encoded (no metadata, bounded size)."""
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):
            return reencode_equipment_image(image)
        return image


@admin.register(Equipment)
class EquipmentAdmin(admin.ModelAdmin):
    """Equipment of members; companies' catalogue data, no personal data."""

    form = EquipmentAdminForm
    autocomplete_fields = ["member"]  # type a name or BIN: a select of every member does not scale
    inlines = [SpecificationInline]
    list_display = ["item_name", "category", "model", "member", "is_listed", "updated_at"]
    list_filter = ["category", "member__region"]
    list_select_related = ["member"]
    search_fields = ["name", "model", "member__company_name", "member__bin"]
    ordering = [alphabetical_name(), "id"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request):
        listed = listed_memberships().filter(pk=OuterRef("member_id"))
        return super().get_queryset(request).annotate(member_listed=Exists(listed))

    @admin.display(description=_("name"), ordering=alphabetical_name())
    def item_name(self, obj):
        """The column sorts in Kazakh alphabetical order, like the catalogue."""
        return obj.name

    @admin.display(boolean=True, description=_("publicly listed"), ordering="member_listed")
    def is_listed(self, obj):
        return obj.member_listed
