"""Editors (편집자) keep the strip's station list: add, rename, reorder, hide stations.

Observations come from KMA only, so editors may look at them but not change them.
"""

from django.db import migrations

EDITOR_PERMISSIONS = {
    "station": ("add", "change", "view"),
    "observation": ("view",),
}


def grant_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    editors, _ = Group.objects.get_or_create(name="편집자")
    for model, actions in EDITOR_PERMISSIONS.items():
        # On a fresh database permissions appear only after post_migrate, so make the rows
        # here; get_or_create keeps this idempotent either way.
        content_type, _ = ContentType.objects.get_or_create(app_label="weather", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0002_newsroom_groups"),
        ("weather", "0002_seed_stations"),
    ]

    operations = [migrations.RunPython(grant_editors, migrations.RunPython.noop)]
