"""The suite's flush guard (tests/conftest.py) knows every data migration."""

from django.db import migrations
from django.db.migrations.loader import MigrationLoader

from tests.factories import DATA_MIGRATIONS_NOT_RESTORED, DESK_GROUP_MIGRATIONS


def test_every_data_migration_is_restored_after_a_flush_or_named_as_not_needed():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    ours = {"articles", "newsroom", "weather", "council", "comments", "newsletter", "intake"}
    with_data = {
        type(migration).__module__
        for (app, _), migration in loader.disk_migrations.items()
        if app in ours
        and any(
            isinstance(op, migrations.RunPython) and op.code is not migrations.RunPython.noop
            for op in migration.operations
        )
    }
    restored = {module for module, _ in DESK_GROUP_MIGRATIONS}
    assert with_data - restored - DATA_MIGRATIONS_NOT_RESTORED == set()
