from django.db import migrations

from nirvachan.core import dbguards


def forwards(apps, schema_editor):
    dbguards.install(schema_editor.connection)


def backwards(apps, schema_editor):
    dbguards.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
