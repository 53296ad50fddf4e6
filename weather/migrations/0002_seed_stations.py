"""The 16 stations of the reference strip, in strip order (docs/kma-format.md)."""

from django.db import migrations

# KMA station number -> display name. Matched by number only: 172 고창 is not 251 고창군.
STATIONS = [
    (98, "동두천"),
    (105, "강릉"),
    (108, "서울"),
    (133, "대전"),
    (143, "대구"),
    (152, "울산"),
    (156, "광주"),
    (159, "부산"),
    (172, "고창"),
    (184, "제주"),
    (201, "강화"),
    (226, "보은"),
    (238, "금산"),
    (259, "강진군"),
    (283, "경주시"),
    (294, "거제"),
]


def seed_stations(apps, schema_editor):
    Station = apps.get_model("weather", "Station")
    for position, (number, name) in enumerate(STATIONS, start=1):
        # get_or_create: an editor's later renaming or reordering is never undone.
        Station.objects.get_or_create(
            number=number, defaults={"name": name, "order": position * 10, "active": True}
        )


class Migration(migrations.Migration):
    dependencies = [("weather", "0001_initial")]

    operations = [migrations.RunPython(seed_stations, migrations.RunPython.noop)]
