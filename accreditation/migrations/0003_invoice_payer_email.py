"""Invoices keep the payer's email in their snapshot, so a kept invoice is still found by its payer's
address after the membership's contact is erased or the membership deleted."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Lower, Trim


def fill_payer_email(apps, schema_editor):
    """Existing invoices take the address of their membership as it is now (the best record left)."""
    Invoice = apps.get_model("accreditation", "Invoice")
    Membership = apps.get_model("accreditation", "Membership")
    address = (
        Membership.objects.filter(pk=OuterRef("membership_id"))
        .annotate(address=Lower(Trim("email")))
        .values("address")[:1]
    )
    Invoice.objects.filter(payer_email="", membership__isnull=False).update(
        payer_email=Subquery(address)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accreditation", "0002_applications_invoices_and_renewal"),
    ]

    operations = [
        migrations.AddField(
            model_name="invoice",
            name="payer_email",
            field=models.EmailField(
                blank=True,
                db_index=True,
                help_text="Left empty, the membership's contact email is taken.",
                max_length=254,
                verbose_name="payer: email",
            ),
        ),
        migrations.RunPython(fill_payer_email, migrations.RunPython.noop),
    ]
