"""The desk's two groups, 기자 (reporters) and 편집자 (editors), with the articles app's rights.

Later capabilities add their own permissions to these groups in their own migrations.
"""

from django.db import migrations

REPORTER_PERMISSIONS = {
    "article": ("add", "change", "view"),
    "section": ("view",),
    "reporter": ("view",),
    "image": ("add", "change", "view"),
    "byline": ("add", "change", "delete", "view"),
    "relatedarticle": ("add", "change", "delete", "view"),
    "relatedlink": ("add", "change", "delete", "view"),
}
EDITOR_PERMISSIONS = {
    model: ("add", "change", "delete", "view")
    for model in ("article", "section", "reporter", "image", "byline", "relatedarticle", "relatedlink")
}
TAG_PERMISSIONS = {"reporter": ("view",), "editor": ("add", "change", "delete", "view")}


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    # On a fresh database permissions appear only after post_migrate, so make the rows
    # here; get_or_create keeps this idempotent either way.
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    reporters, _ = Group.objects.get_or_create(name="기자")
    editors, _ = Group.objects.get_or_create(name="편집자")

    def grant(group, app_label, table):
        for model, actions in table.items():
            for action in actions:
                codename = f"{action}_{model}"
                group.permissions.add(
                    _permission(apps, app_label, model, codename, f"Can {action} {model}")
                )

    grant(reporters, "articles", REPORTER_PERMISSIONS)
    grant(editors, "articles", EDITOR_PERMISSIONS)
    editors.permissions.add(
        _permission(apps, "articles", "article", "publish_article", "기사 발행·예약·발행 취소")
    )
    grant(reporters, "taggit", {"tag": TAG_PERMISSIONS["reporter"]})
    grant(editors, "taggit", {"tag": TAG_PERMISSIONS["editor"]})


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
