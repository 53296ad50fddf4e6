"""Editors add, change and delete 정정·반론 보도; reporters may only see them."""

from django.db import migrations

PERMISSIONS = {"기자": ("view",), "편집자": ("add", "change", "delete", "view")}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="articles", model="correction")
    for group_name, actions in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_correction",
                defaults={"name": f"Can {action} correction"},
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_trash_corrections"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
