"""The member's public profile moves from accreditation's membership to the directory's `MemberProfile`: every
membership gets a profile holding its slug (so every address stays), its public contacts, descriptions,
publication and search text, copied as they are. Backwards, the profile is copied back (accreditation 0009 having
restored the columns)."""

import django.db.models.deletion
import dkz_site.validators
from django.db import migrations, models

PROFILE_FIELDS = (
    "slug",
    "website",
    "public_email",
    "public_phone",
    "description_kk",
    "description_ru",
    "description_en",
    "is_published",
    "search_text",
)
BATCH = 2000


def copy_profiles(apps, schema_editor):
    Membership = apps.get_model("accreditation", "Membership")
    MemberProfile = apps.get_model("directory", "MemberProfile")
    rows = list(Membership.objects.order_by("pk").values_list("pk", *PROFILE_FIELDS))
    for start in range(0, len(rows), BATCH):
        MemberProfile.objects.bulk_create(
            MemberProfile(membership_id=row[0], **dict(zip(PROFILE_FIELDS, row[1:], strict=True)))
            for row in rows[start : start + BATCH]
        )


def copy_profiles_back(apps, schema_editor):
    Membership = apps.get_model("accreditation", "Membership")
    MemberProfile = apps.get_model("directory", "MemberProfile")
    for row in MemberProfile.objects.order_by("pk").values("membership_id", *PROFILE_FIELDS):
        Membership.objects.filter(pk=row.pop("membership_id")).update(**row)


class Migration(migrations.Migration):

    dependencies = [
        ('accreditation', '0007_fee_tariff_on_invoices_and_headcount'),
        ('directory', '0005_listing_indexes_read_alone'),
    ]

    operations = [
        migrations.CreateModel(
            name='MemberProfile',
            fields=[
                ('membership', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='profile', serialize=False, to='accreditation.membership', verbose_name='membership')),
                ('slug', models.SlugField(max_length=220, unique=True, verbose_name='slug')),
                ('website', models.URLField(blank=True, verbose_name='website')),
                ('public_email', models.EmailField(blank=True, max_length=254, validators=[dkz_site.validators.DeliverableEmailValidator()], verbose_name='public contact email')),
                ('public_phone', models.CharField(blank=True, max_length=40, verbose_name='public contact phone')),
                ('description_kk', models.TextField(blank=True, verbose_name='description (Kazakh)')),
                ('description_ru', models.TextField(blank=True, verbose_name='description (Russian)')),
                ('description_en', models.TextField(blank=True, verbose_name='description (English)')),
                ('is_published', models.BooleanField(default=False, help_text="Only with the company's consent to publication; withdrawing it unlists at once.", verbose_name='listed in the directory')),
                ('search_text', models.TextField(blank=True, default='', editable=False)),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
            ],
            options={
                'verbose_name': 'member profile',
                'verbose_name_plural': 'member profiles',
            },
        ),
        migrations.RunPython(copy_profiles, copy_profiles_back),
    ]
