"""The public profile's columns leave the membership: `directory.MemberProfile` holds them since directory 0006,
which copied them. The directory's indexes on this table are rebuilt without them by directory 0007."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accreditation', '0008_accounting_holds'),
        ('directory', '0006_member_profile'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='membership',
            name='membership_listing',
        ),
        migrations.RemoveField(
            model_name='membership',
            name='description_en',
        ),
        migrations.RemoveField(
            model_name='membership',
            name='description_kk',
        ),
        migrations.RemoveField(
            model_name='membership',
            name='description_ru',
        ),
        migrations.RemoveField(
            model_name='membership',
            name='is_published',
        ),
        migrations.RemoveField(
            model_name='membership',
            name='public_email',
        ),
        migrations.RemoveField(
            model_name='membership',
            name='public_phone',
        ),
        migrations.RemoveField(
            model_name='membership',
            name='search_text',
        ),
        migrations.RemoveField(
            model_name='membership',
            name='slug',
        ),
        migrations.RemoveField(
            model_name='membership',
            name='website',
        ),
        migrations.AddIndex(
            model_name='membership',
            index=models.Index(fields=['ends_on', 'starts_on'], name='membership_term'),
        ),
    ]
