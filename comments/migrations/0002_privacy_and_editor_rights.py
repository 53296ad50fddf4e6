"""The privacy policy says what the comments keep; editors moderate and set the policy."""

from django.db import migrations

PRIVACY_COMMENTS = (
    "댓글: 댓글을 쓴 독자의 접속 주소는 저장하지 않고, 날마다 바뀌는 임의 값으로 변환한 값만 "
    "악용(도배·욕설) 대응을 위해 90일 보관한 뒤 지웁니다. 댓글을 지울 때 쓰는 비밀번호는 "
    "되돌릴 수 없는 형태로만 저장합니다."
)
PRIVACY_END = "문의: 아래 이메일로 연락해 주십시오."


def forwards(apps, schema_editor):
    LegalPage = apps.get_model("newsroom", "LegalPage")
    privacy = LegalPage.objects.filter(kind="privacy").first()
    # Appended once; a text the desk rewrote keeps its shape, the sentence goes before the
    # closing 문의 line when there is one.
    if privacy and PRIVACY_COMMENTS not in privacy.body:
        body = privacy.body.rstrip()
        if body.endswith(PRIVACY_END):
            head = body[: -len(PRIVACY_END)].rstrip()
            privacy.body = f"{head}\n\n{PRIVACY_COMMENTS}\n\n{PRIVACY_END}"
        else:
            privacy.body = f"{body}\n\n{PRIVACY_COMMENTS}"
        privacy.save(update_fields=["body"])

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    editors, _ = Group.objects.get_or_create(name="편집자")
    rights = {"comment": ("change", "view"), "commentpolicy": ("change", "view")}
    for model, actions in rights.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="comments", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("newsroom", "0009_footer_pages_and_editors"),
        ("articles", "0002_newsroom_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
