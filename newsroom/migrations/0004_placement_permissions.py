"""Editors (편집자) manage banners and the home page; reporters (기자) get none of it."""

from django.db import migrations

EDITOR_PERMISSIONS = {
    "banner": ("add", "change", "delete", "view"),
    "homecuration": ("change", "view"),
    "homepick": ("add", "change", "delete", "view"),
    "homeblock": ("add", "change", "delete", "view"),
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    editors, _ = Group.objects.get_or_create(name="편집자")
    for model, actions in EDITOR_PERMISSIONS.items():
        # On a fresh database permissions appear only after post_migrate, so create the
        # rows here; get_or_create keeps this idempotent.
        content_type, _ = ContentType.objects.get_or_create(app_label="newsroom", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            editors.permissions.add(permission)
    apps.get_model("newsroom", "HomeCuration").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("newsroom", "0003_placements"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
