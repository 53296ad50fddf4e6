"""Editors (편집자) maintain the site settings and the policy pages; a first row of each."""

from django.db import migrations

PRIVACY_TEXT = """본 신문사는 독자의 개인정보를 소중히 다루며 「개인정보 보호법」을 지킵니다.

수집하는 정보: 기사 제보와 문의에 필요한 이름, 연락처, 이메일.

보유 기간: 목적을 이룬 뒤 지체 없이 파기합니다.

문의: 아래 이메일로 연락해 주십시오."""

YOUTH_TEXT = """본 신문사는 청소년이 유해한 정보에 노출되지 않도록 「청소년 보호법」과 「정보통신망법」에 따라 청소년보호정책을 시행합니다.

유해 정보로부터 청소년을 보호하기 위해 청소년보호책임자를 지정하고, 관련 신고를 신속히 처리합니다."""


def setup(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    editors, _ = Group.objects.get_or_create(name="편집자")
    for model, actions in {"sitesettings": ("change", "view"), "legalpage": ("add", "change", "view")}.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="newsroom", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            editors.permissions.add(permission)

    SiteSettings = apps.get_model("newsroom", "SiteSettings")
    SiteSettings.objects.get_or_create(pk=1)
    LegalPage = apps.get_model("newsroom", "LegalPage")
    LegalPage.objects.get_or_create(kind="privacy", defaults={"body": PRIVACY_TEXT})
    LegalPage.objects.get_or_create(kind="youth", defaults={"body": YOUTH_TEXT})


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("articles", "0002_newsroom_groups"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]
