"""The categories of a member's items on its profile (`MemberProfile.categories`), filled from the items, and
carried by the published profiles' index (PostgreSQL) with the line of business: a page of the directory filtered
by category or line of business is walked in the name index, each member's publication, categories and sections
read from that index alone, without looking in the items (an EXISTS over half a million at 100,000 members)."""

from collections import defaultdict

from django.db import migrations, models

PUBLISHED_INDEX = "directory_profile_published"  # 0007's
BATCH = 2000


def fill_categories(apps, schema_editor):
    Equipment = apps.get_model("directory", "Equipment")
    MemberProfile = apps.get_model("directory", "MemberProfile")
    offered = defaultdict(set)
    for member_id, category in Equipment.objects.values_list("member_id", "category").distinct():
        offered[member_id].add(category)
    profiles = []
    for profile in MemberProfile.objects.filter(pk__in=list(offered)).only("pk").iterator():
        profile.categories = f"|{'|'.join(sorted(offered[profile.pk]))}|"
        profiles.append(profile)
    MemberProfile.objects.bulk_update(profiles, ["categories"], batch_size=BATCH)


def published_index(include: str):
    def create(apps, schema_editor):
        postgresql = schema_editor.connection.vendor == "postgresql"
        true = "true" if postgresql else "1"
        carried = f" INCLUDE ({include})" if postgresql and include else ""
        schema_editor.execute(f"DROP INDEX IF EXISTS {PUBLISHED_INDEX}")
        schema_editor.execute(
            f"CREATE INDEX {PUBLISHED_INDEX} ON directory_memberprofile (membership_id){carried} "
            f"WHERE is_published = {true}"
        )

    return create


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0015_form_factor_labels_as_people_say_them"),
    ]

    operations = [
        migrations.AddField(
            model_name="memberprofile",
            name="categories",
            field=models.CharField(blank=True, default="", editable=False, max_length=200),
        ),
        migrations.RunPython(fill_categories, migrations.RunPython.noop),
        migrations.RunPython(
            published_index("categories, oked_sections"), published_index("")
        ),
    ]
