"""The Special Constabulary headcount is a level, not a flow: databases where the edition importer
created it before it knew so get it marked (its four-quarter comparison then averages)."""

from django.db import migrations

STOCK_CODES = ["specials-headcount"]  # metrics.catalogue at the time of writing


def mark_stocks(apps, schema_editor):
    Metric = apps.get_model("metrics", "Metric")
    Metric.objects.filter(code__in=STOCK_CODES, stock=False).update(stock=True)


class Migration(migrations.Migration):
    dependencies = [("metrics", "0002_dashboard_fields")]

    operations = [migrations.RunPython(mark_stocks, migrations.RunPython.noop)]
