"""편집자 look after editions and may see (never change) the subscriber list; the privacy
policy says what the newsletter keeps."""

from django.db import migrations

EDITOR_PERMISSIONS = {
    "edition": ("add", "change", "delete", "view"),
    "editionpick": ("add", "change", "delete", "view"),
    "subscriber": ("view",),
}
PRIVACY_END = "문의: 아래 이메일로 연락해 주십시오."
PRIVACY_NEWSLETTER = """뉴스레터: 구독을 신청한 이메일 주소와 신청·확인·해지 일시, 호별 발송·열람·클릭 여부를 뉴스레터 발송에만 씁니다. 확인 링크를 누른 주소에만 보내며, 모든 메일의 해지 링크로 언제든 해지할 수 있고, 해지하면 더는 보내지 않습니다. 주소는 기자에게 보이지 않습니다."""


def forward(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    editors, _ = Group.objects.get_or_create(name="편집자")
    for model, actions in EDITOR_PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="newsletter", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            editors.permissions.add(permission)

    LegalPage = apps.get_model("newsroom", "LegalPage")
    privacy = LegalPage.objects.filter(kind="privacy").first()
    if privacy is None or PRIVACY_NEWSLETTER in privacy.body:
        return
    body = privacy.body.rstrip()
    if body.endswith(PRIVACY_END):
        head, _, end = body.rpartition(PRIVACY_END)
        privacy.body = f"{head}{PRIVACY_NEWSLETTER}\n\n{PRIVACY_END}"
    else:
        privacy.body = f"{body}\n\n{PRIVACY_NEWSLETTER}"
    privacy.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_initial"),
        ("newsroom", "0009_footer_pages_and_editors"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
