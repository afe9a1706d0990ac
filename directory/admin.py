from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from accreditation.models import Membership

from .images import reencode_equipment_image
from .models import Equipment, Specification, alphabetical_name


class SpecificationInline(admin.TabularInline):
    model = Specification
    fields = ["order", "name", "value"]
    ordering = ["order", "id"]
    extra = 3


class MemberEquipmentInline(admin.TabularInline):
    """For the membership admin (owned by accreditation): a member's equipment at a glance, linked to edit."""

    model = Equipment
    fields = ["name", "category", "model"]
    show_change_link = True
    extra = 0
    ordering = ["category", alphabetical_name()]


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
    inlines = [SpecificationInline]
    list_display = ["item_name", "category", "model", "member", "is_listed", "updated_at"]
    list_filter = ["category", "member__region"]
    list_select_related = ["member"]
    search_fields = ["name", "model", "member__company_name", "member__bin"]
    ordering = [alphabetical_name(), "id"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request):
        listed = Membership.objects.listed().filter(pk=OuterRef("member_id"))
        return super().get_queryset(request).annotate(member_listed=Exists(listed))

    @admin.display(description=_("name"), ordering=alphabetical_name())
    def item_name(self, obj):
        """The column sorts in Kazakh alphabetical order, like the catalogue."""
        return obj.name

    @admin.display(boolean=True, description=_("publicly listed"), ordering="member_listed")
    def is_listed(self, obj):
        return obj.member_listed
