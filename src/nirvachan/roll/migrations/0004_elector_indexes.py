"""The elector table's indexes, each needed once (issue 4: a bulk import rebuilds them all).

- The name search's (constituency, key) indexes of 0003 enter the model state first (they
  exist already), so that SQLite's table rebuild below re-creates them.
- Dropped as covered by another index: constituency_id (first in roll_elector_area_*), part_id
  (first in roll_serial_once_per_part), name_key and relative_key (read only within an area:
  the name search's constituencies, the Form 6 duplicate check's state). On PostgreSQL
  Django's extra varchar_pattern_ops copies of key and name_key go too (no LIKE reads them).
- changed_by_id becomes a partial index of the electors an application changed.
- key, name_key and relative_key compare byte by byte (C collation on PostgreSQL).
- status, status_reason and created_at get database defaults (a bulk load's COPY leaves
  them out).
- The key's and the part serial's uniqueness become unique indexes of their own (written as
  expressions, so that SQLite does not put them inline in the table, where they could not be
  dropped for a bulk load).
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models.functions import Now

import nirvachan.core.fields


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_alter_roleassignment_role"),
        ("roll", "0003_search_area_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name="elector",
                    index=models.Index(
                        fields=["constituency", "name_key"], name="roll_elector_area_name"
                    ),
                ),
                migrations.AddIndex(
                    model_name="elector",
                    index=models.Index(
                        fields=["constituency", "relative_key"], name="roll_elector_area_relative"
                    ),
                ),
            ]
        ),
        migrations.AlterField(
            model_name="elector",
            name="changed_by",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="roll.application",
            ),
        ),
        migrations.AlterField(
            model_name="elector",
            name="constituency",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="electors",
                to="core.constituency",
            ),
        ),
        migrations.AlterField(
            model_name="elector",
            name="part",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="electors",
                to="roll.part",
            ),
        ),
        migrations.AlterField(
            model_name="elector",
            name="key",
            field=nirvachan.core.fields.CodeField(max_length=20, verbose_name="EPIC or NID number"),
        ),
        migrations.AlterField(
            model_name="elector",
            name="name_key",
            field=nirvachan.core.fields.CodeField(max_length=200),
        ),
        migrations.AlterField(
            model_name="elector",
            name="relative_key",
            field=nirvachan.core.fields.CodeField(blank=True, max_length=200),
        ),
        migrations.AlterField(
            model_name="elector",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, db_default=Now()),
        ),
        migrations.AlterField(
            model_name="elector",
            name="status",
            field=models.CharField(
                choices=[("active", "Active"), ("deleted", "Deleted"), ("shifted", "Shifted")],
                db_default="active",
                default="active",
                max_length=8,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="elector",
            name="status_reason",
            field=models.CharField(blank=True, db_default="", max_length=300, verbose_name="reason"),
        ),
        migrations.AddIndex(
            model_name="elector",
            index=models.Index(
                condition=models.Q(("changed_by__isnull", False)),
                fields=["changed_by"],
                name="roll_elector_changed_by",
            ),
        ),
        migrations.RemoveConstraint(model_name="elector", name="roll_serial_once_per_part"),
        migrations.AddConstraint(
            model_name="elector",
            constraint=models.UniqueConstraint(models.F("key"), name="roll_elector_key_unique"),
        ),
        migrations.AddConstraint(
            model_name="elector",
            constraint=models.UniqueConstraint(
                models.F("part"), models.F("serial"), name="roll_serial_once_per_part"
            ),
        ),
    ]
