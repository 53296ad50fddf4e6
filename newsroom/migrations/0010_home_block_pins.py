"""Stories pinned to a home section block (HomeBlockPin); editors (편집자) manage them,
reporters (기자) get none of it."""

import django.db.models.deletion
from django.db import migrations, models


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    editors, _ = Group.objects.get_or_create(name="편집자")
    # On a fresh database permissions appear only after post_migrate, so create the rows
    # here; get_or_create keeps this idempotent.
    content_type, _ = ContentType.objects.get_or_create(app_label="newsroom", model="homeblockpin")
    for action in ("add", "change", "delete", "view"):
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_homeblockpin",
            defaults={"name": f"Can {action} home block pin"},
        )
        editors.permissions.add(permission)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0018_comments_open'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('newsroom', '0009_footer_pages_and_editors'),
    ]

    operations = [
        migrations.CreateModel(
            name='HomeBlockPin',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='순서')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='home_pins', to='articles.article', verbose_name='기사')),
                ('block', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pins', to='newsroom.homeblock', verbose_name='섹션 블록')),
                ('curation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pins', to='newsroom.homecuration')),
            ],
            options={
                'verbose_name': '블록 고정 기사',
                'verbose_name_plural': '섹션 블록에 고정한 기사 (블록 맨 앞에 순서대로, 위에 나온 기사라도 다시 보입니다)',
                'ordering': ['block', 'order', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('block', 'article'), name='unique_home_block_pin', violation_error_message='이 기사는 이미 이 블록에 고정되어 있습니다.')],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
