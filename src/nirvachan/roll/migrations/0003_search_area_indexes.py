"""Indexes of the name search (issue 4): the area's constituency, then the name key or the
relative's key. `selectors.elector_search` reads candidates by equal keys and by key prefixes
within the area's constituencies straight from these (index-only for the prefixes). Written as
SQL (no model state): the single-column key indexes of the model stay for the Form 6 duplicate
check, and the bulk import drops and re-creates these with the table's other indexes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("roll", "0002_duplicate_pairs"),
    ]

    operations = [
        migrations.RunSQL(
            'CREATE INDEX "roll_elector_area_name" ON "roll_elector" ("constituency_id", "name_key")',
            'DROP INDEX "roll_elector_area_name"',
        ),
        migrations.RunSQL(
            'CREATE INDEX "roll_elector_area_relative" ON "roll_elector" '
            '("constituency_id", "relative_key")',
            'DROP INDEX "roll_elector_area_relative"',
        ),
    ]
