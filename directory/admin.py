from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models import Exists, OuterRef
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .images import reencode_equipment_image
from .models import (
    Category,
    Equipment,
    MemberProfile,
    Specification,
    SpecificationChoice,
    SpecificationField,
    ValueType,
    alphabetical_name,
    format_number,
    listed_memberships,
)


class SpecificationForm(forms.ModelForm):
    """A row of an item's specifications: a field of the item's category and its value as a person types it
    ("64", "1,5", "yes", a choice's label), read by `SpecificationField.parse`. A text in words is given per
    language: `value` in Kazakh, `value_ru` and `value_en` beside it (empty for a text that reads the same in
    every language, such as a model number)."""

    value = forms.CharField(label=_("value"), max_length=200, required=False)
    value_ru = forms.CharField(
        label=_("text in Russian"),
        max_length=200,
        required=False,
        help_text=_("For a text in words only; the value field then holds it in Kazakh."),
    )
    value_en = forms.CharField(label=_("text in English"), max_length=200, required=False)

    class Meta:
        model = Specification
        fields = ["field"]

    def __init__(self, *args, category: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        fields = SpecificationField.objects.prefetch_related("choices")
        if category:
            fields = fields.filter(category=category)
        self.fields["field"].queryset = fields
        spec = self.instance
        if spec.pk and spec.field_id:
            self.initial["value"] = typed_value(spec)
            if spec.in_words:
                self.initial["value_ru"], self.initial["value_en"] = spec.text_ru, spec.text_en

    def clean(self):
        cleaned = super().clean()
        spec_field, raw = cleaned.get("field"), cleaned.get("value", "")
        if spec_field is None:
            return cleaned
        if not raw.strip():
            self.add_error("value", _("Enter a value, or leave the field out."))
            return cleaned
        in_other_languages = {
            code: cleaned.get(f"value_{code}", "").strip() for code in ("ru", "en")
        }
        if any(in_other_languages.values()):
            if spec_field.value_type != ValueType.TEXT:
                self.add_error(
                    "value_ru",
                    _("Only a text value is given per language; this field's is not a text."),
                )
                return cleaned
            raw = {"kk": raw, **in_other_languages}
        try:
            cleaned["columns"] = spec_field.parse(raw)
        except ValidationError as error:
            self.add_error("value", error)
        return cleaned

    def save(self, commit=True):
        for column, value in self.cleaned_data.get("columns", {}).items():
            setattr(self.instance, column, value)
        return super().save(commit)


def typed_value(spec: Specification) -> str:
    """The value as staff would type it back."""
    if spec.number is not None:
        return format_number(spec.number)
    if spec.flag is not None:
        return str(_("yes") if spec.flag else _("no"))
    if spec.choice_id is not None:
        return spec.choice.label()
    if spec.in_words:
        return spec.text_kk
    return spec.text


class SpecificationInline(admin.TabularInline):
    """The item's specifications. A new item's form offers every field of its category, in the vocabulary's
    order; an item's change form offers the fields it has no value for yet."""

    model = Specification
    form = SpecificationForm
    fields = ["field", "value", "value_ru", "value_en"]
    classes = ["whole-rows"]  # no caption repeating each row (static/css/admin.css)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("field", "choice")

    def get_formset(self, request, obj=None, **kwargs):
        category = obj.category if obj else _category_asked(request)
        template = list(SpecificationField.objects.filter(category=category)) if category else []
        given = set(obj.specifications.values_list("field_id", flat=True)) if obj else set()
        offered = [
            {"field": spec_field.pk} for spec_field in template if spec_field.pk not in given
        ]
        formset = super().get_formset(request, obj, extra=len(offered), **kwargs)
        formset.form = _form_for(category)

        class TemplateFormSet(formset):
            def __init__(self, *args, **formset_kwargs):
                formset_kwargs.setdefault("initial", offered)
                super().__init__(*args, **formset_kwargs)

        return TemplateFormSet


def _form_for(category):
    class CategorySpecificationForm(SpecificationForm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, category=category, **kwargs)

    return CategorySpecificationForm


def _category_asked(request) -> str | None:
    value = request.POST.get("category") or request.GET.get("category")
    return value if value in Category.values else None


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
        "address",
        "oked_sections",
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
        fields = [
            "member",
            "category",
            "name_kk",
            "name_ru",
            "name_en",
            "model",
            "description_kk",
            "description_ru",
            "description_en",
            "image",
        ]

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
    search_fields = [
        "name_kk",
        "name_ru",
        "name_en",
        "model",
        "member__company_name",
        "member__bin",
    ]
    ordering = [alphabetical_name(), "id"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "updated_at"]

    def add_view(self, request, form_url="", extra_context=None):
        """An item's specifications come from its category's vocabulary: its category is chosen first, and
        the form then offers that category's fields."""
        if request.method == "GET" and not _category_asked(request):
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Add an equipment item: choose its category"),
                "categories": Category.choices,
                "query": request.GET.urlencode(),
            }
            return TemplateResponse(
                request, "admin/directory/equipment/choose_category.html", context
            )
        return super().add_view(request, form_url, extra_context)

    def get_queryset(self, request):
        listed = listed_memberships().filter(pk=OuterRef("member_id"))
        return super().get_queryset(request).annotate(member_listed=Exists(listed))

    @admin.display(description=_("name"), ordering=alphabetical_name())
    def item_name(self, obj):
        """The column sorts in Kazakh alphabetical order, like the catalogue."""
        return obj.name_in()

    @admin.display(boolean=True, description=_("publicly listed"), ordering="member_listed")
    def is_listed(self, obj):
        return obj.member_listed


class SpecificationChoiceInline(admin.TabularInline):
    model = SpecificationChoice
    fields = ["order", "key", "label_kk", "label_ru", "label_en"]
    extra = 0


@admin.register(SpecificationField)
class SpecificationFieldAdmin(admin.ModelAdmin):
    """The specification vocabulary: what items of each category are described by, in three languages.
    A field in use keeps its type (values already given are stored in that type's column)."""

    inlines = [SpecificationChoiceInline]
    list_display = [
        "label_kk",
        "label_ru",
        "label_en",
        "category",
        "group",
        "value_type",
        "unit_en",
    ]
    list_filter = ["category", "group", "value_type"]
    list_editable = []
    search_fields = ["key", "label_kk", "label_ru", "label_en"]
    ordering = ["category", "order", "id"]
    fields = [
        "category",
        "key",
        "group",
        "order",
        "value_type",
        ("label_kk", "label_ru", "label_en"),
        ("unit_kk", "unit_ru", "unit_en"),
    ]

    def get_readonly_fields(self, request, obj=None):
        if obj and obj.values.exists():
            return ["category", "value_type"]
        return []

    def get_inlines(self, request, obj):
        if obj is None or obj.value_type == ValueType.CHOICE:
            return self.inlines
        return []
