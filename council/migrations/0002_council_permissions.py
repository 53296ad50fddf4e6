"""Editors keep the council desk (members, committees, groups, sessions, roles);
reporters see it and may link their stories to it."""

from django.db import migrations

ENTITIES = ("councilmember", "councilrole", "committee", "researchgroup", "session")
LINKS = ("memberarticle", "committeearticle", "grouparticle", "sessionarticle")
ALL = ("add", "change", "delete", "view")
PERMISSIONS = {
    "편집자": {model: ALL for model in ENTITIES + LINKS},
    "기자": {**{model: ("view",) for model in ENTITIES}, **{model: ALL for model in LINKS}},
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group_name, models in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for model, actions in models.items():
            content_type, _ = ContentType.objects.get_or_create(app_label="council", model=model)
            for action in actions:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=f"{action}_{model}",
                    defaults={"name": f"Can {action} {model}"},
                )
                group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("council", "0001_council_desk"),
        ("articles", "0002_newsroom_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
